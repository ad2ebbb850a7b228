"""Legacy encodings are refused, never guessed; a user may state one with ``--encoding``.

GB18030 decodes almost any bytes: Korean CP949, Western cp1252, Japanese EUC-JP, Cyrillic cp1251,
Greek cp1253 and short Big5 texts all used to import as "GB18030" and be stored as mojibake
(뉴로나타-알주 as 春肺唱鸥-舅林, "Müller Zürich" as "M黮ler Z黵ich").
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mscreg.services.exchange.importing import import_file, plan_import
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.exchange.text_encoding import EncodingRefused, decode
from mscreg.services.tracker import find_product, list_events

HEADER = ["product", "company", "jurisdiction", "indication", "pathway", "type", "date", "note"]

# (encoding, text) that the GB18030 reading used to accept as Chinese.
LEGACY = [
    ("cp949", "뉴로나타-알주"),
    ("cp949", "식품의약품안전처 허가"),
    ("cp1252", "Müller Zürich GmbH"),
    ("cp1252", "Straße"),
    ("euc-jp", "三生株式会社"),
    ("euc-jp", "東京都"),
    ("euc-jp", "医薬品医療機器総合機構"),
    ("cp1251", "Москва"),
    ("cp1251", "Минздрав России"),
    ("cp1253", "Ελλάδα"),
    ("big5", "臺灣"),
    ("big5", "國家"),
    ("big5", "醫院"),
    ("big5", "衛生福利部"),
]


def csv_bytes(note: str, company: str = "Example Co") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    w.writerow(["Novocel", company, "US", "knee osteoarthritis", "clinical", "ind_submitted", "2024-01-10", note])
    return buf.getvalue()


def refused_codes(ws, path: Path, **kw) -> list[str]:
    with pytest.raises(ImportRefused) as exc:
        import_file(ws, path, **kw)
    return [i.problem.code for i in exc.value.issues]


@pytest.mark.parametrize(("encoding", "text"), LEGACY, ids=[f"{e}-{t}" for e, t in LEGACY])
def test_a_legacy_encoding_is_refused_not_read_as_chinese(workspace, seeded_db, dump, tmp_path, encoding, text):
    path = tmp_path / "legacy.csv"
    path.write_bytes(csv_bytes(text).encode(encoding))
    before = dump(seeded_db)
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, path, dry_run=True)
    (issue,) = exc.value.issues
    assert issue.problem.code in ("import.encoding_not_chinese", "import.encoding_invalid")
    en, zh = issue.message("en"), issue.message("zh_CN")
    assert "UTF-8" in en and "GB18030/GBK" in en and "File > Save As > “CSV UTF-8" in en and "--encoding" in en
    assert "另存为" in zh and "CSV UTF-8" in zh and "--encoding" in zh
    with pytest.raises(ImportRefused):
        import_file(workspace, path)
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("encoding", "text"), LEGACY, ids=[f"{e}-{t}" for e, t in LEGACY])
def test_the_stated_encoding_imports_the_text_as_written(workspace, tmp_path, encoding, text):
    path = tmp_path / "legacy.csv"
    path.write_bytes(csv_bytes(text).encode(encoding))
    plan = import_file(workspace, path, encoding=encoding)
    assert plan.encoding == f"{encoding.replace('-', '_')} (stated)"
    assert {v.event.note for v in list_events(workspace, product="Novocel")} == {text}


@pytest.mark.parametrize("note", [
    "国家药品监督管理局附条件批准艾米迈托赛注射液上市，用于治疗急性移植物抗宿主病。",
    "人脐带间充质干细胞注射液临床试验申请获受理",
    "天津昂赛细胞基因工程有限公司",
])
def test_chinese_from_excel_on_chinese_windows_is_read(workspace, tmp_path, note):
    path = tmp_path / "gbk.csv"
    path.write_bytes(csv_bytes(note, company="铂生卓越生物科技(北京)有限公司").encode("gbk"))
    plan = import_file(workspace, path)
    assert plan.encoding == "GB18030"
    assert find_product(workspace, "Novocel").company == "铂生卓越生物科技(北京)有限公司"


def test_too_little_chinese_to_be_sure_is_refused_with_the_way_out(workspace, tmp_path):
    """Two characters are as likely Korean or Japanese bytes as Chinese; the user can say which."""
    path = tmp_path / "short.csv"
    path.write_bytes(csv_bytes("北京").encode("gbk"))
    assert refused_codes(workspace, path) == ["import.encoding_not_chinese"]
    assert import_file(workspace, path, encoding="gbk").encoding == "gbk (stated)"


def test_repeated_cells_are_no_more_evidence_than_one(workspace, tmp_path):
    """A product's cells repeat on every row; twenty copies of a misread name prove nothing more."""
    path = tmp_path / "rows.csv"
    body = csv_bytes("三生株式会社", company="再生医療")  # misread: 4 of 6 characters look common
    path.write_bytes((body + body.split("\r\n", 1)[1] * 19).encode("euc-jp"))
    assert refused_codes(workspace, path) == ["import.encoding_not_chinese"]


@pytest.mark.parametrize("encoding", ["iso2022_jp", "iso2022_kr"])
def test_escape_based_encodings_are_refused(workspace, tmp_path, encoding):
    """ISO-2022 text is ASCII between escape codes: valid UTF-8 that reads as nonsense."""
    path = tmp_path / "mail.csv"
    path.write_bytes(csv_bytes("三生株式会社" if encoding.endswith("jp") else "뉴로나타-알주").encode(encoding))
    assert refused_codes(workspace, path) == ["import.encoding_escape"]
    assert import_file(workspace, path, encoding=encoding).encoding == f"{encoding} (stated)"


def test_utf16_with_a_bom_is_read_and_without_one_refused(workspace, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(csv_bytes("Zürich 北京 뉴로나타").encode("utf-16"))
    assert import_file(workspace, path, dry_run=True).encoding == "UTF-16"
    path.write_bytes(csv_bytes("Zürich").encode("utf-16-le"))
    assert refused_codes(workspace, path) == ["import.binary"]
    path.write_bytes(csv_bytes("Zürich").encode("utf-32"))  # its BOM starts like UTF-16's
    assert refused_codes(workspace, path) == ["import.binary"]


def test_unknown_or_unusable_encoding_names_are_refused(workspace, seeded_db, dump, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes("x").encode("utf-8"))
    before = dump(seeded_db)
    for name in ("klingon", "base64", "rot13", "zlib", ""):
        with pytest.raises(ImportRefused) as exc:
            import_file(workspace, path, encoding=name)
        (issue,) = exc.value.issues
        assert issue.problem.code == "import.encoding_name" and issue.value == name
        assert f"encoding “{name}” is not a text encoding" in issue.message("en")
        assert "编码“" in issue.message("zh_CN")
    json_file = tmp_path / "a.json"
    json_file.write_text("{}", encoding="utf-8")
    assert refused_codes(workspace, json_file, encoding="utf-8") == ["import.encoding_csv_only"]
    assert dump(seeded_db) == before


def test_a_wrong_stated_encoding_is_refused_at_its_byte(workspace, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes("艾米迈托赛").encode("utf-8"))
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, path, encoding="ascii")
    (issue,) = exc.value.issues
    assert issue.problem.code == "import.encoding_stated" and issue.value.startswith("byte ")


def test_a_stated_encoding_cannot_smuggle_in_a_lone_surrogate(workspace, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes("+2AA-").encode("ascii"))  # UTF-7 for a lone U+D800
    assert refused_codes(workspace, path, encoding="utf-7") == ["import.text_surrogate"]


def test_decode_never_returns_mojibake_for_these_encodings():
    """The reader's contract on its own: a legacy text is refused or read back exactly."""
    for encoding, text in LEGACY:
        data = csv_bytes(text).encode(encoding)
        try:
            got = decode(data)
        except EncodingRefused:
            continue
        assert got.text == csv_bytes(text), (encoding, text, got)


def test_the_command_line_refuses_with_exit_2_and_takes_encoding(seeded_db, tmp_path, dump):
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mscreg.cli", "import", *args, "--db", str(seeded_db)],
                              capture_output=True, text=True, timeout=120, env=env)

    path = tmp_path / "korean.csv"
    path.write_bytes(csv_bytes("뉴로나타-알주").encode("cp949"))
    before = dump(seeded_db)
    done = run(str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert "春肺唱鸥-舅林" in done.stderr and "--encoding" in done.stderr and "Traceback" not in done.stderr
    done = run(str(path), "--encoding", "no-such-codec")
    assert done.returncode == 2 and "“no-such-codec” is not a text encoding" in done.stderr
    assert dump(seeded_db) == before
    done = run(str(path), "--encoding", "cp949")
    assert done.returncode == 0 and "(csv, cp949 (stated)) imported" in done.stdout, done.stderr


def test_the_window_shows_the_same_refusal(qtbot, workspace, tmp_path):
    from mscreg.ui.exchange_dialogs import ImportPreviewDialog

    path = tmp_path / "zurich.csv"
    path.write_bytes(csv_bytes("Müller Zürich GmbH").encode("cp1252"))
    plan = plan_import(workspace, path)
    dialog = ImportPreviewDialog(plan, "en")
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1 and not dialog.import_button.isEnabled()
    shown = model.data(model.index(0, 5))
    assert shown == plan.issues[0].message("en") and "File > Save As > “CSV UTF-8" in shown
    assert "M黮ler Z黵ich" in shown
    assert shown in dialog.summary.text()  # in full, where the table cell cuts it off


@pytest.mark.parametrize(("written", "as_bytes", "char"), [
    ("Ellipsis… in UTF-8", "utf-8", "U+0080"),  # E2 80 A6 read as Latin-1: â, U+0080, ¦
    ("Price in €", "cp1252", "U+0080"),  # cp1252's euro sign, 0x80, read as Latin-1
    ("Sponsor’s letter", "cp1252", "U+0092"),  # cp1252's right quote, 0x92
])
def test_latin1_reading_of_other_encodings_is_refused_naming_row_field_and_value(workspace, tmp_path, dump,
                                                                                   written, as_bytes, char):
    """Latin-1 decodes every byte, so text written in UTF-8 or cp1252 and stated as latin-1 used to be
    stored as mojibake with C1 control characters (U+0080 to U+009F) in it."""
    path = tmp_path / "latin.csv"
    path.write_bytes(csv_bytes(written).encode(as_bytes))
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, path, encoding="latin-1")
    (issue,) = exc.value.issues
    assert issue.problem.code == "text.control_char" and issue.row == 2 and issue.problem.field == "note"
    assert f"<{char}>" in issue.value and char in issue.message("en") and "--encoding" in issue.message("en")
    assert "控制字符" in issue.message("zh_CN")
    # stated rightly, the same bytes import as written
    import_file(workspace, path, encoding=as_bytes)
    (event,) = [v.event for v in list_events(workspace, product="Novocel")]
    assert event.note == written


def test_other_control_characters_are_refused_without_blaming_the_encoding(workspace, tmp_path):
    """A C0 control character (a bell) says nothing about the file's encoding: the refusal asks to remove
    it, and does not suggest --encoding as it does for the C1 characters of mojibake."""
    path = tmp_path / "c0.csv"
    path.write_bytes(csv_bytes("bell\x07 here").encode("utf-8"))
    assert refused_codes(workspace, path) == ["text.control_char_c0"]
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, path)
    (issue,) = exc.value.issues
    assert "--encoding" not in issue.message("en") and "remove it" in issue.message("en")
