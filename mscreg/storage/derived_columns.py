"""Columns computed from other columns of the same record, recomputed and compared for ``mscreg check``.

mscreg stores a few values it could compute, because the database needs them indexed:

* ``product_aliases.alias_folded`` is ``alias`` case-folded: ``--product NAME`` and every name look-up
  find a product through it.  Edited outside mscreg so that Ryoncil's alias folds to "stemirac", a
  command naming Stemirac would act on Ryoncil.
* ``events.date_precision``, ``date_earliest`` and ``date_latest`` are what ``date_text`` says ("2024-07"
  is a month, from 2024-07-01 to 2024-07-31); ``date_text`` itself is kept in its canonical ISO form.
  The index on ``(track_id, date_earliest)`` orders events by them.

The audit trail's ``hash`` and ``prev_hash`` are computed columns too; :func:`mscreg.storage.audit.verify_chain`
recomputes those.  Nothing else in the tables is derived: the names, the JSON lists and objects and the
version counters are the records' own values, which the audit trail vouches for.

Values are read as text (``CAST … AS VARCHAR``), not through SQLAlchemy's ``Date`` type, whose reader
raises on a day that is not a date: a tampered value must be reported, not crash the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session

from mscreg.domain.errors import MscregError
from mscreg.domain.partial_date import PartialDate
from mscreg.storage.tables import EventRow, ProductAliasRow, ProductRow, TrackRow, table_of

NOT_A_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class DerivedMismatch:
    """One stored value that differs from what the record's other columns give."""

    table: str
    record_id: int
    product: str  # the product the record belongs to, as the user knows it
    column: str
    stored: str
    expected: str


def _text(value: object) -> str:
    return "NULL" if value is None else str(value)


def _day_text(value: object) -> str | None:
    """A stored day as ISO text, whether the driver gave a date or (SQLite) the text itself."""
    return value.isoformat() if isinstance(value, dt.date) else (None if value is None else str(value))


def _aliases(session: Session) -> Iterator[DerivedMismatch]:
    a = table_of(ProductAliasRow).c
    p = table_of(ProductRow).c
    q = (sa.select(a.id, p.name, a.alias, a.alias_folded)
         .join_from(table_of(ProductAliasRow), table_of(ProductRow), p.id == a.product_id)
         .order_by(a.id))
    for aid, product, alias, folded in session.execute(q):
        expected = (alias or "").casefold()
        if folded != expected:
            yield DerivedMismatch("product_aliases", aid, product, "alias_folded", _text(folded), expected)


def _event_dates(session: Session) -> Iterator[DerivedMismatch]:
    e = table_of(EventRow).c
    t = table_of(TrackRow).c
    p = table_of(ProductRow).c
    sqlite = session.get_bind().dialect.name == "sqlite"
    # SQLite keeps days as text that may be anything; a server's DATE is always a day (read as one)
    earliest_col, latest_col = ((sa.cast(e.date_earliest, sa.String), sa.cast(e.date_latest, sa.String))
                                if sqlite else (e.date_earliest, e.date_latest))
    q = (sa.select(e.id, p.name, e.date_text, e.date_precision, earliest_col, latest_col)
         .join_from(table_of(EventRow), table_of(TrackRow), t.id == e.track_id)
         .join(table_of(ProductRow), p.id == t.product_id)
         .order_by(e.id))
    dates: dict[str, PartialDate | None] = {}  # a portfolio repeats its dates: each parsed once
    for eid, product, text, precision, earliest, latest in session.execute(q):
        expected: dict[str, str | None]
        if text is None:
            expected = {"date_precision": None, "date_earliest": None, "date_latest": None}
        else:
            if text not in dates:
                try:
                    dates[text] = PartialDate.parse(text)
                except MscregError:
                    dates[text] = None
            date = dates[text]
            if date is None:
                yield DerivedMismatch("events", eid, product, "date_text", text, NOT_A_DATE)
                continue
            if date.iso() != text:
                yield DerivedMismatch("events", eid, product, "date_text", text, date.iso())
            expected = {"date_precision": date.precision.value, "date_earliest": date.earliest.isoformat(),
                        "date_latest": date.latest.isoformat()}
        stored = {"date_precision": precision, "date_earliest": _day_text(earliest), "date_latest": _day_text(latest)}
        for column, want in expected.items():
            if stored[column] != want:
                yield DerivedMismatch("events", eid, product, column, _text(stored[column]), _text(want))


def verify_derived(session: Session) -> list[DerivedMismatch]:
    """Every derived column whose stored value differs from the value its record's columns give."""
    return [*_aliases(session), *_event_dates(session)]
