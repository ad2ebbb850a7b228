"""Fuzzing the CSV and JSON readers: whatever the bytes, a clean refusal or a faithful import.

A clean refusal is an :class:`MscregError` whose every issue reads in English and Chinese, with the
database left exactly as it was; a faithful import is one whose data, exported again, is what the
file said (and which a second import of the same file does not change).  Inputs: random bytes,
mutations of a real export, a real export in random encodings, and random column subsets of it.
Each test stays well under 20 s on two cores (``max_examples``, no deadline).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import copy_database

from mscreg.domain.errors import MscregError
from mscreg.services.exchange.csv_format import read_csv
from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.json_document import read_document
from mscreg.services.exchange.table_layout import EVENTS_FLAT
from mscreg.services.exchange.text_encoding import EncodingRefused, decode
from mscreg.services.workspace import init_database, open_workspace

FIXTURE_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk", "big5",
             "cp949", "euc-kr", "euc-jp", "shift_jis", "iso2022_jp", "cp1252", "cp1251", "cp1253", "latin-1",
             "koi8-r", "mac-roman", "cp437", "cp850", "cp874", "cp1255", "cp1256", "iso2022_kr"]
# Not UTF-7: it writes only ASCII, and ASCII text is valid UTF-7 and UTF-8 alike, so nothing in the
# bytes can tell "+ZeVnLA-" meant as UTF-7 from the same characters meant as they are.


class _Files(dict):  # type: ignore[type-arg]
    def __repr__(self) -> str:  # hypothesis prints the fixtures of a failing example
        return "<the data set exported as csv and json>"


@pytest.fixture(scope="module")
def export_files(seeded_template, tmp_path_factory) -> dict[str, bytes]:
    """The shipped data set exported as CSV and JSON (bytes), read once for the module."""
    folder = tmp_path_factory.mktemp("fuzz-export")
    ws = open_workspace(str(copy_database(seeded_template, folder / "db.sqlite")))
    try:
        for fmt in ("csv", "json"):
            export_database(ws, fmt, folder / f"all.{fmt}")
    finally:
        ws.close()
    return _Files({fmt: (folder / f"all.{fmt}").read_bytes() for fmt in ("csv", "json")})


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-empty") / "empty.sqlite"
    init_database(str(path), empty=True).close()
    return path


def clean_refusal(exc: MscregError) -> None:
    for lang in ("en", "zh_CN"):
        text = exc.message(lang)
        assert text.strip() and not PLACEHOLDER.search(text), text
    assert exc.exit_code == 2


def import_or_refuse(ws, path: Path, db: Path, dump) -> bool:
    """True when imported; False when refused cleanly with the database unchanged."""
    before = dump(db)
    try:
        import_file(ws, path)
    except MscregError as exc:
        clean_refusal(exc)
        assert dump(db) == before
        return False
    again = import_file(ws, path, dry_run=True)
    assert not again.changes_anything, again.change_lines()
    return True


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


# ----- the readers alone: any bytes ---------------------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_break_the_readers(data):
    for reader, name in ((read_csv, "fuzz.csv"), (read_document, "fuzz.json")):
        result = reader(data, name)
        for issue in result.issues:
            for lang in ("en", "zh_CN"):
                assert issue.located(lang) and not PLACEHOLDER.search(issue.message(lang))


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(st.data())
def test_mutated_exports_never_break_the_readers(export_files, data):
    fmt = data.draw(st.sampled_from(["csv", "json"]))
    raw = bytearray(export_files[fmt])
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        at = data.draw(st.integers(0, len(raw) - 1))
        kind = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if kind == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del raw[at:at + data.draw(st.integers(1, 64))]
        else:
            del raw[at:]
        if not raw:
            raw = bytearray(b"x")
    result = (read_csv if fmt == "csv" else read_document)(bytes(raw), f"m.{fmt}")
    for issue in result.issues:
        assert not PLACEHOLDER.search(issue.message("en")) and not PLACEHOLDER.search(issue.message("zh_CN"))


@settings(max_examples=400, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(st.data())
def test_a_real_export_in_any_encoding_is_refused_or_read_exactly(export_files, data):
    """Never mojibake: if the reader accepts the bytes without being told, it read them right."""
    rows = rows_of(export_files["csv"])
    header, body = rows[0], rows[1:]
    encoding = data.draw(st.sampled_from(ENCODINGS), label="encoding")
    picked = data.draw(st.lists(st.integers(0, len(body) - 1), min_size=1, max_size=12, unique=True), label="rows")
    encodable = []
    for i in picked:
        try:
            csv_text([body[i]]).encode(encoding)
            encodable.append(body[i])
        except UnicodeEncodeError:
            continue
    text = csv_text([header, *encodable])
    raw = text.encode(encoding)
    try:
        got = decode(raw)
    except EncodingRefused as exc:
        assert exc.code.startswith("import.")
        return
    assert got.text == text, (encoding, got.encoding)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=60),
       encoding=st.sampled_from(["gb18030", "gbk", "utf-8", "utf-8-sig", "utf-16"]))
def test_text_the_reader_accepts_is_read_back_exactly(text, encoding):
    """Texts in the encodings the reader accepts unasked: whatever is accepted is exact."""
    data = ("product,note\r\nX," + text.replace("\r", " ") + "\r\n")
    try:
        raw = data.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    try:
        got = decode(raw)
    except EncodingRefused:
        return
    assert got.text == data.removeprefix("\ufeff") or got.text == data


# ----- whole imports ------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(data=st.data())
def test_random_or_mutated_files_are_refused_cleanly_or_imported_faithfully(workspace, seeded_db, dump, tmp_path,
                                                                             export_files, data):
    fmt = data.draw(st.sampled_from(["csv", "json"]), label="format")
    if data.draw(st.booleans(), label="random bytes"):
        raw = data.draw(st.binary(max_size=400), label="bytes")
    else:
        raw = bytearray(export_files[fmt])
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        raw[at:at + data.draw(st.integers(0, 3), label="cut")] = data.draw(st.binary(max_size=4), label="put")
        raw = bytes(raw)
    path = tmp_path / f"fuzz.{fmt}"
    path.write_bytes(raw)
    import_or_refuse(workspace, path, seeded_db, dump)


@settings(max_examples=20, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(data=st.data())
def test_random_column_subsets_of_an_export_keep_everything(workspace, seeded_db, dump, tmp_path, export_files,
                                                              data):
    """Into the database it came from: the columns left out keep their values, so nothing changes."""
    rows = rows_of(export_files["csv"])
    header = rows[0]
    optional = [c for c in header if c not in EVENTS_FLAT.required]
    kept = data.draw(st.lists(st.sampled_from(optional), unique=True), label="optional columns kept")
    columns = [c for c in header if c in EVENTS_FLAT.required or c in kept]
    columns = data.draw(st.permutations(columns), label="column order")
    picks = [header.index(c) for c in columns]
    path = tmp_path / "subset.csv"
    path.write_bytes(codecs.BOM_UTF8 + csv_text([[r[i] for i in picks] for r in rows]).encode("utf-8"))
    before = dump(seeded_db)
    plan = import_file(workspace, path)
    assert not plan.changes_anything, plan.change_lines()
    assert dump(seeded_db) == before


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(data=st.data())
def test_a_column_subset_into_an_empty_database_exports_as_it_was(tmp_path, export_files, empty_template, dump,
                                                                  data):
    rows = rows_of(export_files["csv"])
    header = rows[0]
    optional = [c for c in header if c not in EVENTS_FLAT.required]
    kept = set(data.draw(st.lists(st.sampled_from(optional), unique=True), label="optional columns kept"))
    columns = [c for c in header if c in EVENTS_FLAT.required or c in kept]
    picks = [header.index(c) for c in columns]
    sub = [[r[i] for i in picks] for r in rows]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    db = copy_database(empty_template, folder / "db.sqlite")
    path = folder / "subset.csv"
    path.write_bytes(codecs.BOM_UTF8 + csv_text(sub).encode("utf-8"))
    ws = open_workspace(str(db), daily_backup=False)
    try:
        try:
            import_file(ws, path)
        except MscregError as exc:  # e.g. without a date column the precision cannot be checked
            clean_refusal(exc)
            return
        out = folder / "again.csv"
        export_database(ws, "csv", out)
    finally:
        ws.close()
    again = rows_of(out.read_bytes())
    back = [[r[again[0].index(c)] for c in columns] for r in again[1:]]
    # a transfer's row whose kept holder_… cells are all empty carries nothing but its product's cells,
    # which that product's other rows repeat: it has no row of its own to come back as
    holder = [i for i, c in enumerate(header) if c.startswith("holder_")]
    kept_holder = [i for i in holder if header[i] in kept]
    expected = [s for r, s in zip(rows[1:], sub[1:], strict=True)
                if not (any(r[i] for i in holder) and not any(r[i] for i in kept_holder))]
    assert back == expected


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURE_HEALTH)
@given(data=st.data())
def test_json_with_random_keys_left_out_changes_nothing(workspace, seeded_db, dump, tmp_path, export_files, data):
    doc = json.loads(export_files["json"])
    product_keys = ["name_zh", "inn", "aliases", "company", "company_zh", "company_aliases", "source_tissue",
                    "donor_type", "modality", "notes", "tracks"]
    event_keys = ["date_precision", "approximate", "agency", "reference", "source", "confidence", "note",
                  "attributes"]
    drop_p = set(data.draw(st.lists(st.sampled_from(product_keys), unique=True), label="product keys left out"))
    drop_e = set(data.draw(st.lists(st.sampled_from(event_keys), unique=True), label="event keys left out"))
    for p in doc["products"]:
        for k in drop_p:
            p.pop(k, None)
        for t in p.get("tracks", []):
            for e in t["events"]:
                for k in drop_e:
                    e.pop(k, None)
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(seeded_db)
    plan = import_file(workspace, path)
    assert not plan.changes_anything, plan.change_lines()
    assert dump(seeded_db) == before
