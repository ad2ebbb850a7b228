"""Published figures: a table of numbers from the literature, kept with its title, its source as a reader
cites it, the query its authors ran and the day their data stop.

A user comparing their own records with a review needs the review's numbers as they were printed, not
re-derived, and needs to see at once which question each number answers: ``question`` names the count
computed from the records for the same question (:mod:`mscreg.domain.landscape`), and row and column keys
are written in the codes that count uses (phase codes, years, tissue and status codes) so the two line up
cell by cell.

The shipped figures live in ``mscreg/data/published_figures.json``; they are checked when loaded (every
row as wide as the columns, totals that add up), so a typing slip in the data file fails a test rather
than misleading a reader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from mscreg.domain.errors import invalid
from mscreg.domain.partial_date import PartialDate

FORMAT = "mscreg-published-figures"
FORMAT_VERSION = 1
Number = int | float


@dataclass(frozen=True)
class FigureColumn:
    key: str
    label: str
    label_zh: str


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    label_zh: str
    values: tuple[Number | None, ...]  # None: the source gives no number for this cell
    note: str = ""
    note_zh: str = ""


@dataclass(frozen=True)
class FigureSource:
    key: str  # how the literature list names the article ("Gong & Han 2025")
    reference: str  # the full reference a reader cites
    locator: str  # where in it ("Table 3")

    def citation(self) -> str:
        return f"{self.key}, {self.locator}"


@dataclass(frozen=True)
class PublishedFigure:
    key: str
    title: str
    title_zh: str
    source: FigureSource
    query: str
    as_of: PartialDate
    columns: tuple[FigureColumn, ...]
    rows: tuple[FigureRow, ...]
    question: str | None = None  # the computed count answering the same question, if the records can
    total_row: str | None = None  # a row that is the sum of the others, column by column
    total_column: str | None = None  # a column that is the sum of the others, row by row
    rows_complete: bool = True  # False: the rows are the largest groups only, so they add up to less
    stated_total: int | None = None  # a total the source states without a total row (all cells add up to it)
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"{self.key}"
        width = len(self.columns)
        if not self.key or not self.title or not self.title_zh or not self.columns or not self.rows:
            raise invalid("figure", where, "figures.invalid", detail="key, titles, columns and rows are required")
        for keys, what in (([c.key for c in self.columns], "column"), ([r.key for r in self.rows], "row")):
            if len(set(keys)) != len(keys):
                raise invalid("figure", where, "figures.invalid", detail=f"a {what} key appears twice")
        for r in self.rows:
            if len(r.values) != width:
                raise invalid("figure", f"{where} / {r.key}", "figures.invalid",
                              detail=f"{len(r.values)} values for {width} columns")
            for v in r.values:
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1e12):
                    raise invalid("figure", f"{where} / {r.key}", "figures.invalid",
                                  detail=f"{v!r} is not a count")
        self._check_totals(where)

    def _check_totals(self, where: str) -> None:
        body = [r for r in self.rows if r.key != self.total_row]
        if self.total_row is not None:
            total = self.row(self.total_row)
            for i, c in enumerate(self.columns):
                parts = sum(r.values[i] or 0 for r in body)
                stated = total.values[i]
                if stated is None or (parts != stated if self.rows_complete else parts > stated):
                    raise invalid("figure", f"{where} / {c.key}", "figures.invalid",
                                  detail=f"the rows add up to {parts}, the total row says {stated}")
        if self.total_column is not None:
            j = self.column_index(self.total_column)
            for r in self.rows:
                parts = sum(v or 0 for i, v in enumerate(r.values) if i != j)
                if parts != r.values[j]:
                    raise invalid("figure", f"{where} / {r.key}", "figures.invalid",
                                  detail=f"the columns add up to {parts}, {self.total_column} says {r.values[j]}")
        if self.stated_total is not None:
            cells = sum(v or 0 for r in body for v in r.values)
            if cells != self.stated_total:
                raise invalid("figure", where, "figures.invalid",
                              detail=f"the cells add up to {cells}, the source states {self.stated_total}")

    def row(self, key: str) -> FigureRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def value(self, row: str, column: str) -> Number | None:
        return self.row(row).values[self.column_index(column)]

    def title_in(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title


def _text(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = obj.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise invalid("figure", f"{where}.{key}", "figures.invalid", detail="a text is required here")
    return value


def figure_from_json(obj: Any, where: str = "figure") -> PublishedFigure:
    """One figure from its JSON object (the shipped file's shape), checked."""
    if not isinstance(obj, dict):
        raise invalid("figure", where, "figures.invalid", detail="not an object")
    src = obj.get("source")
    if not isinstance(src, dict):
        raise invalid("figure", f"{where}.source", "figures.invalid", detail="not an object")
    columns = obj.get("columns")
    rows = obj.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise invalid("figure", where, "figures.invalid", detail="columns and rows must be lists")
    try:
        return PublishedFigure(
            key=_text(obj, "key", where),
            title=_text(obj, "title", where),
            title_zh=_text(obj, "title_zh", where),
            source=FigureSource(_text(src, "key", where), _text(src, "reference", where),
                                _text(src, "locator", where)),
            query=_text(obj, "query", where),
            as_of=PartialDate.parse(_text(obj, "as_of", where), field="as_of"),
            columns=tuple(FigureColumn(_text(c, "key", where), _text(c, "label", where), _text(c, "label_zh", where))
                          for c in columns),
            rows=tuple(FigureRow(_text(r, "key", where), _text(r, "label", where), _text(r, "label_zh", where),
                                 tuple(r.get("values", ())), _text(r, "note", where, required=False),
                                 _text(r, "note_zh", where, required=False)) for r in rows),
            question=obj.get("question"),
            total_row=obj.get("total_row"),
            total_column=obj.get("total_column"),
            rows_complete=bool(obj.get("rows_complete", True)),
            stated_total=obj.get("stated_total"),
            notes=tuple(obj.get("notes", ())),
        )
    except (AttributeError, TypeError, KeyError) as exc:  # a row or column that is not an object
        raise invalid("figure", where, "figures.invalid", detail=type(exc).__name__) from None


def figures_from_json(text: str) -> tuple[PublishedFigure, ...]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise invalid("figure", "file", "figures.invalid", detail=str(exc)[:80]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
        raise invalid("figure", "format", "figures.invalid", detail=f"expected {FORMAT} {FORMAT_VERSION}")
    figures = tuple(figure_from_json(f, f"figures[{i}]") for i, f in enumerate(doc.get("figures", ())))
    keys = [f.key for f in figures]
    if len(set(keys)) != len(keys):
        raise invalid("figure", "figures", "figures.invalid", detail="a figure key appears twice")
    return figures


@cache
def shipped_figures() -> tuple[PublishedFigure, ...]:
    """The figures shipped with mscreg, read once per process."""
    from mscreg.resource_paths import published_figures_file

    return figures_from_json(published_figures_file().read_text(encoding="utf-8"))
