"""QA of ``mscreg check --anchor`` in Chinese: why a file is not an anchor is said in the reader's language.

The reason used to be English text made where the file is read ("not valid JSON: Expecting value: line
1 column 1 (char 0)", "larger than 65536 bytes", "format version None; this mscreg reads version 1"),
dropped into the Chinese sentence as it was.
"""

from __future__ import annotations

import json
import re

import pytest
from adversarial.anchor_support import mscreg, ok_json


def _anchor_doc(db, out) -> dict:
    return ok_json("anchor", "--db", str(db), "--out", str(out))


@pytest.mark.parametrize(("content", "en", "zh"), [
    ("{", "not valid JSON (line 1, column 2)", "不是有效的 JSON（第 1 行第 2 列）"),
    ("", "not valid JSON (line 1, column 1)", "不是有效的 JSON（第 1 行第 1 列）"),
    ('{"format": "mscreg-audit-anchor", "format": "x"}', "the key “format” appears twice", "键“format”出现了两次"),
    ("[" * 20_000 + "]" * 20_000, "nested too deeply", "嵌套过深"),
    ("[" * 100_000 + "]" * 100_000, "larger than 65536 bytes", "文件大于 65536 字节"),
    ("\udcff", "not UTF-8 text", "不是 UTF-8 文本"),
    ("[1]", "not a JSON object", "不是 JSON 对象"),
    ('{"format": "mscreg-audit-anchor"}', "format version null; this mscreg reads version 1",
     "格式版本为 null，本版 mscreg 只能读取版本 1"),
])
def test_a_file_that_is_no_anchor_is_refused_in_the_chosen_language(seeded_db, tmp_path, content, en, zh):
    anchor = tmp_path / "a.json"
    anchor.write_bytes(content.encode("utf-8", "surrogateescape"))
    for lang, words in (("en", en), ("zh_CN", zh)):
        proc = mscreg("check", "--db", str(seeded_db), "--lang", lang, "--anchor", str(anchor))
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr
    # nothing English is left in the Chinese reason but names of keys and values from the file
    reason = proc.stderr.split("审计锚点：", 1)[1]
    assert not re.search(r"\b(not|is|the|this|reads|than)\b", reason), reason


@pytest.mark.parametrize(("edit", "zh"), [
    (lambda d: d.update(extra=1), "含有未知的键 extra"),
    (lambda d: d.pop("made_by"), "缺少键 made_by"),
    (lambda d: d.update(tail_id="12"), "tail_id 不是记录编号（\"12\"）"),
    (lambda d: d.update(kind="forged"), "kind 为 \"forged\"，不是"),
    (lambda d: d.update(extends_history="yes"), "extends_history 不是 true 或 false（\"yes\"）"),
    (lambda d: d.update(tail_hash="xyz"), "某个哈希值不是 64 位小写十六进制数字"),
    (lambda d: d.update(signature={"algorithm": "MD5", "key_id": "0" * 16, "value": "0" * 64}), "签名算法为 \"MD5\""),
    (lambda d: d.update(signature=[]), "签名不是由 algorithm、key_id 和 value 组成的对象"),
])
def test_an_edited_anchor_is_refused_naming_the_key_in_chinese(seeded_db, tmp_path, edit, zh):
    anchor = tmp_path / "a.json"
    _anchor_doc(seeded_db, anchor)
    doc = json.loads(anchor.read_text(encoding="utf-8"))
    edit(doc)
    anchor.write_text(json.dumps(doc), encoding="utf-8")
    proc = mscreg("check", "--db", str(seeded_db), "--lang", "zh_CN", "--anchor", str(anchor))
    assert proc.returncode == 2 and zh in proc.stderr, proc.stderr
