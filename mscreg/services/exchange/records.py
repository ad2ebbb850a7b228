"""File-neutral records read from an import, and the located problems found in them.

Every reader (CSV, XLSX, JSON) produces the same three kinds of record, each remembering where it
came from (file, sheet, row, and the column of every field), so that one validator can report each
error as (file, sheet, row, column, value, message) whatever the format was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mscreg.domain.errors import InvalidInput, Problem
from mscreg.domain.product import name_key

# The natural keys (data/README.md "Data exchange"): a product by its name, a track by
# (product, jurisdiction, indication, pathway), an event by (track, type, date, reference).
ProductKey = str
TrackKey = tuple[str, str, str, str]
EventKey = tuple[TrackKey, str, str, str]


def product_key(name: str) -> ProductKey:
    """Names compared as the domain compares them (normalised, case-folded): "Ｒyoncil" in a file is
    Ryoncil, not a second product that looks the same."""
    return name_key(name)


def track_key(product: str, jurisdiction: str, indication: str, pathway: str) -> TrackKey:
    return (product_key(product), jurisdiction, name_key(indication), pathway)


@dataclass(slots=True)  # not frozen: a 100,000-row file makes 200,000 of these
class Origin:
    """Where a record came from: ``row`` is the spreadsheet row number (the header is row 1)."""

    file: str
    sheet: str
    row: int
    columns: dict[str, str] = field(default_factory=dict, compare=False)

    def column(self, name: str) -> str:
        """The column label a user sees ("P: date"), or the field name when the format has no letters."""
        return self.columns.get(name, name)


@dataclass(frozen=True)
class Issue:
    """One refused cell (or row, or file): where it is and what is wrong, as a renderable Problem."""

    file: str
    sheet: str
    row: int  # 0 when the problem concerns the whole file
    column: str
    problem: Problem

    @property
    def value(self) -> str:
        return self.problem.value

    def message(self, lang: str = "en") -> str:
        return self.problem.message(lang)

    def located(self, lang: str = "en") -> str:
        """"events.csv, row 12, column P: date: …" (one line of the error report)."""
        zh = lang.startswith("zh")
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表 {self.sheet}" if zh else f"sheet {self.sheet}")
        if self.row:
            parts.append(f"第 {self.row} 行" if zh else f"row {self.row}")
        if self.column:
            parts.append(f"列 {self.column}" if zh else f"column {self.column}")
        return ("，" if zh else ", ").join(parts) + ("：" if zh else ": ") + self.message(lang)

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "code": self.problem.code, "message": self.message(lang)}


def issue_at(origin: Origin, field_name: str, problem: Problem) -> Issue:
    return Issue(origin.file, origin.sheet, origin.row, origin.column(field_name), problem)


def file_issue(file: str, code: str, value: object = "", *, sheet: str = "", row: int = 0, column: str = "",
               field_name: str = "file", **params: Any) -> Issue:
    return Issue(file, sheet, row, column, Problem(field_name, "" if value is None else str(value), code, params))


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was written."""


class ImportRefused(InvalidInput):
    """The file was refused whole: nothing was written.  Carries every issue found, not just the first."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__([i.problem for i in issues] or [Problem("file", "", "import.empty")])

    def message(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        head = (f"导入被拒绝，未写入任何数据：发现 {len(self.issues)} 个错误。" if zh else
                f"Import refused, nothing was written: {len(self.issues)} error(s).")
        return "\n".join([head, *(i.located(lang) for i in self.issues)])


@dataclass(slots=True)
class ProductIn:
    """A product as a file gives it.  ``given`` holds only the fields the file has columns for."""

    name: str
    given: dict[str, Any]
    origin: Origin


@dataclass(slots=True)
class TrackIn:
    product: str
    jurisdiction: str
    indication: str
    pathway: str
    origin: Origin


@dataclass(slots=True)
class EventIn:
    """An event row: the track it belongs to and the raw field values (validated later)."""

    product: str
    jurisdiction: str
    indication: str
    pathway: str
    fields: dict[str, Any]
    origin: Origin


@dataclass
class ReadResult:
    """What a reader hands the validator: records, the issues already found, and facts about the file."""

    products: list[ProductIn] = field(default_factory=list)
    tracks: list[TrackIn] = field(default_factory=list)
    events: list[EventIn] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    encoding: str = ""
    rows: int = 0
