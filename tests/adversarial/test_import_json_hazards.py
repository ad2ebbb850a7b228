"""JSON documents that used to end in a traceback or be half-understood are refused cleanly.

Each: exit 2 on the command line, a message naming what is wrong, nothing written, and the dry run
saying the same as the import.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused

HEAD = '{"format": "mscreg-export", "format_version": 1, '


def product(name: str = "Novocel", **more: object) -> dict:
    return {"name": name, "tracks": [{"jurisdiction": "US", "indication": "knee osteoarthritis",
                                      "pathway": "clinical",
                                      "events": [{"type": "ind_submitted", "date": "2024-01-10"}]}], **more}


def refused(ws, path: Path) -> list[tuple[str, str, str, str]]:
    """(place, column, value, code) of each issue; the dry run and the import must agree."""
    with pytest.raises(ImportRefused) as dry:
        import_file(ws, path, dry_run=True)
    with pytest.raises(ImportRefused) as real:
        import_file(ws, path)
    shown = [(i.sheet, i.column, i.value, i.problem.code) for i in real.value.issues]
    assert [(i.sheet, i.column, i.value, i.problem.code) for i in dry.value.issues] == shown
    for issue in real.value.issues:  # every message renders in both languages, with no placeholder left
        for lang in ("en", "zh_CN"):
            assert not re.search(r"\{[a-z_]+\}", issue.message(lang))
    return shown


@pytest.fixture
def unchanged(seeded_db, dump):
    before = dump(seeded_db)
    yield
    assert dump(seeded_db) == before


def test_nesting_ten_thousand_deep(workspace, tmp_path, unchanged):
    path = tmp_path / "deep.json"
    path.write_text(HEAD + '"products": ' + "[" * 10_000 + "]" * 10_000 + "}", encoding="utf-8")
    assert refused(workspace, path) == [("", "", "", "import.json_too_deep")]


def test_an_integer_of_five_thousand_digits(workspace, tmp_path, unchanged):
    path = tmp_path / "big.json"
    path.write_text(HEAD + '"counts": {"products": ' + "9" * 5000 + '}, "products": []}', encoding="utf-8")
    ((_where, _col, value, code),) = refused(workspace, path)
    assert code == "import.json_number" and value.startswith("9999")
    path.write_text(HEAD.replace(": 1,", ": 1" + "0" * 4400 + ",") + '"products": []}', encoding="utf-8")
    assert refused(workspace, path)[0][3] == "import.json_number"


def test_a_name_with_a_lone_surrogate(workspace, tmp_path, unchanged):
    path = tmp_path / "surrogate.json"
    text = json.dumps({"format": "mscreg-export", "format_version": 1, "products": [product("Nova")]})
    path.write_text(text.replace('"Nova"', '"Nova\\ud800cel"'), encoding="utf-8")
    assert refused(workspace, path) == [("products[0]", "name", "Nova\\ud800cel", "import.text_surrogate")]
    # a proper pair is one character, and welcome
    path.write_text(text.replace('"Nova"', '"Nova\\ud83d\\ude00cel"'), encoding="utf-8")
    assert import_file(workspace, path, dry_run=True).counts()["products"]["created"] == 1


def test_a_surrogate_anywhere_is_refused_where_it_is(workspace, tmp_path, unchanged):
    doc = {"format": "mscreg-export", "format_version": 1, "products": [product()]}
    doc["products"][0]["tracks"][0]["events"][0]["attributes"] = {"k": "PLACEHOLDER"}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc).replace("PLACEHOLDER", "\\udfff"), encoding="utf-8")
    assert refused(workspace, path) == [("products[0].tracks[0].events[0].attributes", "k", "\\udfff",
                                         "import.text_surrogate")]


def test_duplicate_keys_are_refused_naming_the_key(workspace, tmp_path, unchanged):
    path = tmp_path / "dup.json"
    path.write_text(HEAD + '"products": [{"name": "Novocel", "inn": "a", "inn": "b"}]}', encoding="utf-8")
    ((where, column, value, code),) = refused(workspace, path)
    assert (where, column, value, code) == ("products[0]", "inn", "inn", "import.json_duplicate_key")
    path.write_text('{"format": "mscreg-export", "format": "mscreg-export", "format_version": 1, "products": []}',
                    encoding="utf-8")
    assert refused(workspace, path) == [("$", "format", "format", "import.json_duplicate_key")]


@pytest.mark.parametrize("version", ["true", "false", "0", "-1", "1.0", '"1"', "2", "null"])
def test_format_version_must_be_the_integer_1(workspace, tmp_path, unchanged, version):
    path = tmp_path / "v.json"
    path.write_text('{"format": "mscreg-export", "format_version": ' + version + ', "products": []}',
                    encoding="utf-8")
    assert [c for *_, c in refused(workspace, path)] == ["import.json_format"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(workspace, tmp_path, unchanged, literal):
    path = tmp_path / "nan.json"
    path.write_text(HEAD + '"products": [{"name": ' + literal + "}]}", encoding="utf-8")
    assert [c for *_, c in refused(workspace, path)] == ["import.json_invalid"]


@pytest.mark.parametrize(("where", "key", "value", "code"), [
    ("product", "notes", {"a": 1}, "import.json_not_text"),
    ("product", "name", 42, "import.json_not_text"),
    ("product", "aliases", [1, 2], "import.json_not_list"),
    ("event", "approximate", 1, "import.json_not_flag"),
    ("event", "attributes", {"k": ["v"]}, "import.json_not_map"),
    ("event", "agency", ["FDA"], "import.json_not_text"),
    ("event", "date", 2024, "import.json_not_text"),
])
def test_a_value_of_the_wrong_kind_is_refused_not_turned_into_text(workspace, tmp_path, unchanged, where, key,
                                                                    value, code):
    p = product()
    (p if where == "product" else p["tracks"][0]["events"][0])[key] = value
    path = tmp_path / "kind.json"
    path.write_text(json.dumps({"format": "mscreg-export", "format_version": 1, "products": [p]}), encoding="utf-8")
    ((_w, column, _v, got),) = refused(workspace, path)
    assert (column, got) == (key, code)


@pytest.mark.parametrize("key", ["type", "date"])
def test_an_event_without_its_key_fields_is_refused(workspace, tmp_path, unchanged, key):
    p = product()
    del p["tracks"][0]["events"][0][key]
    path = tmp_path / "nokey.json"
    path.write_text(json.dumps({"format": "mscreg-export", "format_version": 1, "products": [p]}), encoding="utf-8")
    assert refused(workspace, path) == [("products[0].tracks[0].events[0]", key, key, "import.json_key_missing")]


def test_json_that_is_not_utf8(workspace, tmp_path, unchanged):
    path = tmp_path / "latin.json"
    path.write_bytes((HEAD + '"products": [{"name": "Société"}]}').encode("latin-1"))
    assert [c for *_, c in refused(workspace, path)] == ["import.json_encoding"]


def test_the_export_still_round_trips(workspace, seeded_db, dump, tmp_path):
    out = tmp_path / "all.json"
    export_database(workspace, "json", out)
    before = dump(seeded_db)
    assert not import_file(workspace, out).changes_anything
    assert dump(seeded_db) == before


def test_each_hazard_exits_2_on_the_command_line_without_a_traceback(seeded_db, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    files = {
        "deep.json": HEAD + '"products": ' + "[" * 10_000 + "]" * 10_000 + "}",
        "big.json": HEAD + '"counts": ' + "9" * 5000 + ', "products": []}',
        "surrogate.json": HEAD + '"products": [{"name": "Nova\\ud800"}]}',
        "dup.json": HEAD + '"products": [], "products": []}',
        "bool.json": '{"format": "mscreg-export", "format_version": true, "products": []}',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for extra in ((), ("--dry-run",)):
            done = subprocess.run([sys.executable, "-m", "mscreg.cli", "import", str(path), *extra, "--db",
                                   str(seeded_db)], capture_output=True, text=True, timeout=120, env=env)
            assert done.returncode == 2, (name, done.stdout, done.stderr)
            assert "Traceback" not in done.stderr and done.stderr.startswith("Import refused"), (name, done.stderr)
