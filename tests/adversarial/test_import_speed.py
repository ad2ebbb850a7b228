"""The import's shortcuts answer exactly as the checks and formulas they stand in for.

A 100,000-row import looks up a cell text that passed its check once instead of checking it again,
reads the usual ``approximate`` cells without trimming them, splits a CSV without quotes at its commas
instead of running the CSV parser, makes its events' rows and audit texts in one loop that dumps each
shared date and enum member once, and chains its audit rows in one loop.
Each shortcut must leave every refusal, every value and every audit byte as it was: a text that passed
in one column is still checked in another (their limits differ), a refused text is reported on every
row that has it, other spellings of yes and no still read, and the chained rows hash exactly as
:func:`~mscreg.storage.audit.row_hash` does one by one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import sqlite3
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from fixtures.exchange.big_csv import HEADER, rows
from hypothesis import given, settings
from hypothesis import strategies as st

from mscreg.domain.event import Confidence, RegulatoryEvent, new_event
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import MAX_NAME
from mscreg.services.exchange import csv_format
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.import_validation import ImportPlan, validate
from mscreg.storage import audit
from mscreg.storage.record_codecs import EVENT

ROOT = Path(__file__).resolve().parents[2]

COL = {name: i for i, name in enumerate(HEADER)}


def plan_of(body: list[list[str]]) -> ImportPlan:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    w.writerows(body)
    read = csv_format.read_csv(out.getvalue().encode("utf-8-sig"), "f.csv")
    plan = ImportPlan(file="f.csv", sha256="", format="csv")
    return validate(read, Content(), plan, flat=True)


def body(events: int = 10) -> list[list[str]]:
    return [list(r) for r in rows(events)]


def problems(plan: ImportPlan) -> list[tuple[int, str, str]]:
    return [(i.row, i.problem.field, i.problem.code) for i in plan.issues]


def test_a_text_that_passed_in_one_column_is_still_checked_in_another():
    """A note may be 4,000 characters, a reference 200: the same text passes as one, not as the other."""
    long = "x" * (MAX_NAME + 1)
    b = body()
    b[0][COL["note"]] = long  # row 2: passes, and is remembered as a good note
    b[1][COL["reference"]] = long  # row 3: the same text is too long for a reference
    assert problems(plan_of(b)) == [(3, "reference", "text.too_long")]


def test_a_refused_text_is_reported_on_every_row_that_has_it():
    b = body()
    for r in (0, 4, 7):
        b[r][COL["agency"]] = "FDA\x07"
    b[5][COL["agency"]] = "FDA"  # a good agency between the bad ones changes nothing
    assert problems(plan_of(b)) == [(2, "agency", "text.control_char_c0"), (6, "agency", "text.control_char_c0"),
                                    (9, "agency", "text.control_char_c0")]


def test_other_spellings_of_approximate_still_read_and_a_bad_one_is_refused_on_every_row():
    b = body()
    b[0][COL["approximate"]] = " TRUE "
    b[1][COL["approximate"]] = "yes"
    b[2][COL["approximate"]] = ""
    b[3][COL["approximate"]] = "False"
    plan = plan_of(b)
    assert not plan.issues
    approx = [ne.event.date.approximate for ne in plan.new_events[:5]]
    assert approx == [True, True, False, False, False]
    b[6][COL["approximate"]] = "maybe"
    b[8][COL["approximate"]] = "maybe"
    assert problems(plan_of(b)) == [(8, "approximate", "choice.unknown"), (10, "approximate", "choice.unknown")]


def test_a_type_or_confidence_that_passed_once_is_the_same_value_on_every_row():
    b = body()
    b[3][COL["confidence"]] = " High "
    plan = plan_of(b)
    assert not plan.issues
    assert [ne.event.confidence.value for ne in plan.new_events[:5]] == ["medium"] * 3 + ["high", "medium"]
    b[4][COL["type"]] = "no_such_type"
    b[5][COL["type"]] = "no_such_type"
    assert [(r, f) for r, f, _ in problems(plan_of(b))] == [(6, "type"), (7, "type")]


texts = st.text(st.characters(codec="utf-8"), max_size=30)  # every code point but lone surrogates
events = st.builds(
    RegulatoryEvent, id=st.one_of(st.none(), st.integers(1, 10**13)), track_id=st.one_of(st.none(), st.integers(1)),
    type=texts, date=st.one_of(st.none(), st.builds(PartialDate, st.integers(1900, 2200), st.none(), st.none(),
                                                    st.booleans())),
    agency=texts, reference=texts, source=texts, confidence=st.sampled_from(list(Confidence)), note=texts,
    attributes=st.dictionaries(texts, texts, max_size=2), version=st.integers(1, 9), planned=st.booleans(),
    note_zh=texts)


@settings(max_examples=100, deadline=None)
@given(event=events)
def test_new_event_makes_the_event_the_dataclass_makes(event):
    made = new_event(**{f.name: getattr(event, f.name) for f in dataclasses.fields(RegulatoryEvent)})
    assert type(made) is RegulatoryEvent
    assert made == event and repr(made) == repr(event)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.note = "changed"  # type: ignore[misc]


def test_new_event_wants_every_field_by_name():
    """A field added to the event must be given where events are made this way, not left unset."""
    values = {f.name: None for f in dataclasses.fields(RegulatoryEvent)}
    del values["note_zh"]
    with pytest.raises(TypeError):
        new_event(**values)


@settings(max_examples=100, deadline=None)
@given(first=st.integers(1, 10**12), at=texts, actor=texts, action=texts, entity=texts, reason=texts, prev=texts,
       records=st.lists(st.tuples(st.integers(0, 10**12), texts), max_size=5))
def test_the_chained_rows_hash_as_row_hash_does_one_by_one(first, at, actor, action, entity, reason, prev, records):
    got = audit.RowHasher(at, actor, reason).rows(action, entity, first, prev, records)
    expected: list[tuple[Any, ...]] = []
    for n, (entity_id, changes) in enumerate(records):
        h = audit.row_hash(first + n, at, actor, action, entity, entity_id, changes, reason, prev)
        expected.append((first + n, at, actor, action, entity, entity_id, changes, reason, prev, h))
        prev = h
    assert got == expected


def test_an_imported_file_verifies_row_by_row(tmp_path):
    """The command end to end: every record has its own audit row, and the chain and records verify."""
    csv_file = tmp_path / "big.csv"
    with csv_file.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        w.writerows(rows(300))
    db = tmp_path / "t.sqlite"

    def mscreg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mscreg.cli", "--db", str(db), *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=300)

    assert mscreg("init", "--empty").returncode == 0
    done = mscreg("import", str(csv_file))
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    try:
        counts = dict(con.execute("SELECT entity, count(*) FROM audit_log WHERE reason LIKE 'import %' "
                                  "GROUP BY entity").fetchall())
    finally:
        con.close()
    assert counts == {"product": 3, "track": 30, "event": 300}
    checked = mscreg("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


# ----- a CSV without quotes is split, not parsed ---------------------------------------------------------------

# the characters that matter to a CSV reader (quotes, separators, every line end and what is not one),
# and a few ordinary ones
csv_texts = st.lists(st.sampled_from(['"', ",", "\r", "\n", "\r\n", "\x00", " ", "a", "b", "é", "备", "'", "\t",
                                      "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]), max_size=40).map("".join)


def parsed(text: str) -> list[list[str]] | str:
    """What the CSV parser makes of ``text`` as the reader runs it: its rows, or its error."""
    csv.field_size_limit(csv_format.FIELD_LIMIT)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return f"csv.Error: {exc}"


def split(text: str) -> list[list[str]] | str:
    try:
        return list(csv_format.cell_rows(text))
    except csv.Error as exc:
        return f"csv.Error: {exc}"


@settings(max_examples=3000, deadline=None)
@given(text=csv_texts)
def test_the_rows_of_a_csv_are_the_parsers_whatever_the_text(text):
    """Quotes, NUL, lone CRs, mixed line ends, blank lines, line separators the parser does not split at."""
    assert split(text) == parsed(text)


@pytest.mark.parametrize("text", ["", "\r\n", "a,b\r\n", "a,b", "a,b\n\nc\n", "a,b\r\n\r\n", ",\r\n,,",
                                  "a\rb\r\n", "a\r\nb\nc", "a\u2028b,c\r\n", "a,\x00\r\n", 'a,"b\r\nc"\r\n'])
def test_the_rows_of_awkward_csv_texts_are_the_parsers(text):
    assert split(text) == parsed(text)


def test_a_csv_without_quotes_is_read_without_the_parser(monkeypatch):
    """The shortcut is taken for an ordinary file (the benchmark's): the parser would be a quarter of reading it."""
    text = "\r\n".join(",".join(r) for r in [HEADER, *body(30)]) + "\r\n"
    expected = parsed(text)

    def no_parser(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the CSV parser was used for a file without quotes")

    monkeypatch.setattr(csv_format.csv, "reader", no_parser)
    assert list(csv_format.cell_rows(text)) == expected
    read = csv_format.read_csv(text.encode("utf-8-sig"), "f.csv")
    assert not read.issues and len(read.events) == 30


def test_a_line_longer_than_the_field_limit_goes_to_the_parser_and_its_refusal(monkeypatch):
    """The parser refuses a field over the limit; splitting would not, so such a file is parsed."""
    monkeypatch.setattr(csv_format, "FIELD_LIMIT", 10)
    csv.field_size_limit(10)
    try:
        assert split("ab,cd\r\n" + "x" * 11 + "\r\n") == "csv.Error: field larger than field limit (10)"
        assert split("ab,cd\r\n" + "x" * 10 + "\r\n") == [["ab", "cd"], ["x" * 10]]
    finally:
        csv.field_size_limit(csv_format.FIELD_LIMIT)


def test_a_csv_file_with_quotes_is_refused_as_before():
    """A file the parser refuses still gets the parser's refusal, on its row."""
    text = "\r\n".join(",".join(r) for r in [HEADER, *body(3)]) + '\r\nx"y,"z\r\n'
    read = csv_format.read_csv(text.encode("utf-8-sig"), "f.csv")
    assert [(i.row, i.problem.code) for i in read.issues] == [(5, "import.csv_malformed")]


# ----- the events' rows and audit texts of a bulk write ----------------------------------------------------------

dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1900, 2200), st.none(), st.none(), st.booleans()),
    st.builds(PartialDate, st.integers(1900, 2200), st.integers(1, 12), st.none(), st.booleans()),
    st.builds(PartialDate, st.integers(1900, 2200), st.integers(1, 12), st.integers(1, 28), st.booleans()),
    st.builds(PartialDate, st.integers(1900, 2200), st.none(), st.none(), st.booleans(), st.integers(1, 4)))
bulk_events = st.builds(
    RegulatoryEvent, id=st.none(), track_id=st.none(), type=texts, date=dates, agency=texts, reference=texts,
    source=texts, confidence=st.sampled_from(list(Confidence)), note=texts,
    attributes=st.dictionaries(texts, texts, max_size=2), version=st.just(1), planned=st.booleans(), note_zh=texts)


def one_by_one(pairs: list[tuple[int, RegulatoryEvent]], iso_days: bool) -> tuple[list[Any], list[str]]:
    row_tuple = EVENT.row_tuple_iso_days if iso_days else EVENT.row_tuple
    return ([(*row_tuple(e, track_id=t), 1) for t, e in pairs], [EVENT.created_text(e, track_id=t) for t, e in pairs])


@settings(max_examples=200, deadline=None)
@given(pairs=st.lists(st.tuples(st.integers(1, 10**9), bulk_events), max_size=6), iso_days=st.booleans(),
       shared=st.booleans())
def test_the_events_rows_and_texts_are_those_made_one_by_one(pairs, iso_days, shared):
    """Every date precision, approximate, planned, attributes, Chinese notes; dates shared as the validator
    shares them (one object per distinct cell) or each its own object."""
    if shared and pairs:
        first = pairs[0][1].date
        pairs = [(t, dataclasses.replace(e, date=first)) for t, e in pairs]
    assert EVENT.created_rows(pairs, iso_days=iso_days) == one_by_one(pairs, iso_days)


def test_a_date_made_and_dropped_per_record_is_not_mistaken_for_another():
    """The cache is by object identity: a date freed after its record could give its id to a later record's
    date, which would then be written with the first one's values.  Records made on the fly (each with a
    new date that nothing else holds) keep every date they were answered for alive until the call ends,
    and each gets its own values."""
    days = [PartialDate(2020, 1 + n % 12, 1 + n % 28) for n in range(200)]
    base = new_event(id=None, track_id=None, type="ind_submitted", date=None, agency="", reference="", source="",
                     confidence=Confidence.MEDIUM, note="", attributes={}, version=1, planned=False, note_zh="")
    alive: list[weakref.ref[PartialDate]] = []

    def made() -> Any:
        for n, d in enumerate(days):
            # every date handed out before is still alive: no new one can take its id
            assert all(r() is not None for r in alive), "a date was freed while its id was still cached"
            fresh = PartialDate(d.year, d.month, d.day)
            alive.append(weakref.ref(fresh))
            yield n + 1, dataclasses.replace(base, date=fresh)

    rows, texts = EVENT.created_rows(made(), iso_days=True)
    assert [r[2] for r in rows] == [d.iso() for d in days]
    assert (rows, texts) == one_by_one([(n + 1, dataclasses.replace(base, date=d)) for n, d in enumerate(days)], True)
