"""File-neutral records read from an import, and the located problems found in them.

Every reader (CSV, XLSX, JSON) produces the same three kinds of record, each remembering where it
came from (file, sheet, row, and the column of every field), so that one validator can report each
error as (file, sheet, row, column, value, message) whatever the format was.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mscreg.domain.errors import InvalidInput, Problem
from mscreg.domain.messages import text
from mscreg.domain.product import name_key

if TYPE_CHECKING:  # trial_files imports this module
    from mscreg.services.exchange.trial_files import ParsedTrial

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
        parts = [self.file]
        if self.sheet:
            parts.append(text("import.where.sheet", lang, sheet=self.sheet))
        if self.row:
            parts.append(text("import.where.row", lang, row=self.row))
        if self.column:
            parts.append(text("import.where.column", lang, column=self.column))
        return text("import.located", lang, where=text("list.comma", lang).join(parts), message=self.message(lang))

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "code": self.problem.code, "message": self.message(lang)}


def place(issue: Issue) -> tuple[str, int, str]:
    """The order of an error report: by sheet, then row, then column (file-wide problems first)."""
    return (issue.sheet, issue.row, issue.column)


MAX_LISTED_ISSUES = 100
# The most data rows one file may hold (all sheets together).  Every row is held in memory while the
# file is checked and written (a 149,850-row workbook imports in 380 MB at peak), so this keeps an
# import under 500 MB whatever the file claims.  The XLSX reader applies it as it reads.
MAX_IMPORT_ROWS = 150_000
# ... and the most characters of cell text (a 150,000-row export holds about 22 million): text is held
# too, several times over once checked, so rows alone would not bound the memory of a file of long cells.
MAX_IMPORT_CHARS = 32 * 1024 * 1024


class IssueList(list[Issue]):
    """The issues of one import: at most :data:`MAX_LISTED_ISSUES`, the first ones by place; the rest counted.

    A file with a million bad rows would otherwise hold a million issues in memory and print a report
    nobody reads (186 MB for a 1.4-million-row workbook).  Until the cap is reached the list keeps the
    order the issues came in; from then on it is kept sorted by :func:`place`, each new issue taking
    the place of the last one if it comes before it, and ``not_listed`` counts those left out.
    """

    def __init__(self, issues: Iterable[Issue] = (), cap: int | None = None) -> None:
        super().__init__()
        self.cap = MAX_LISTED_ISSUES if cap is None else cap
        self.not_listed = getattr(issues, "not_listed", 0)
        self._full = False
        self.extend(issues)

    @property
    def total(self) -> int:
        return len(self) + self.not_listed

    def append(self, issue: Issue) -> None:
        if len(self) < self.cap:
            super().append(issue)
            return
        if not self._full:
            self.sort(key=place)
            self._full = True
        self.not_listed += 1
        if self and place(issue) < place(self[-1]):
            super().pop()
            bisect.insort(self, issue, key=place)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.append(issue)

    def ordered(self) -> IssueList:
        """The same issues sorted by place, with the same count of those not listed."""
        out = IssueList((), self.cap)
        list.extend(out, sorted(self, key=place))
        out.not_listed = self.not_listed
        out._full = len(out) >= out.cap
        return out


def issue_total(issues: list[Issue]) -> int:
    """How many issues were found, listed or not."""
    return len(issues) + getattr(issues, "not_listed", 0)


def not_listed_note(issues: list[Issue], lang: str = "en") -> str:
    """The closing line of a report whose issues were not all listed; "" when they all were."""
    more = getattr(issues, "not_listed", 0)
    if not more:
        return ""
    cap = getattr(issues, "cap", MAX_LISTED_ISSUES)
    return Problem("file", str(more), "import.not_listed", {"limit": cap}).message(lang)


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
        self.issues = issues if isinstance(issues, IssueList) else IssueList(issues)
        super().__init__([i.problem for i in self.issues] or [Problem("file", "", "import.empty")])

    @property
    def not_listed(self) -> int:
        return self.issues.not_listed

    def message(self, lang: str = "en") -> str:
        head = text("import.refused", lang, total=self.issues.total)
        note = not_listed_note(self.issues, lang)
        return "\n".join([head, *(i.located(lang) for i in self.issues), *([note] if note else [])])


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
    indication_zh: str | None = None  # None: the file has no such column (the recorded one is kept)


@dataclass(slots=True)
class EventIn:
    """An event row: the track it belongs to and the raw field values (validated later)."""

    product: str
    jurisdiction: str
    indication: str
    pathway: str
    fields: dict[str, Any]
    origin: Origin
    indication_zh: str | None = None  # the flat CSV's: see TrackIn


@dataclass(slots=True)
class ObligationIn:
    """An obligation as a file gives it: its track, the raw fields (only those the file has), and its
    steps (each the raw fields of one step, with where it came from).  A spreadsheet gives one row per
    step, so the same obligation may arrive several times; the validator joins them."""

    product: str
    jurisdiction: str
    indication: str
    pathway: str
    fields: dict[str, Any]
    steps: list[tuple[dict[str, Any], Origin]]
    origin: Origin


# A trial's clinical track as a file names it: (jurisdiction, indication, pathway) of the trial's product.
TrialTrack = tuple[str, str, str]


@dataclass(slots=True)
class TrialIn:
    """A trial registration as a file gives it, with the product (by name) and the track it is linked to
    (both None: not linked).  ``origin`` None: a JSON document's, located by ``parsed.where``."""

    parsed: ParsedTrial
    product: str | None
    track: TrialTrack | None = None
    origin: Origin | None = None


@dataclass
class ReadResult:
    """What a reader hands the validator: records, the issues already found, and facts about the file."""

    products: list[ProductIn] = field(default_factory=list)
    tracks: list[TrackIn] = field(default_factory=list)
    events: list[EventIn] = field(default_factory=list)
    obligations: list[ObligationIn] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=IssueList)
    transfers: list[Any] = field(default_factory=list)  # holder_exchange.TransferIn
    verifications: list[Any] = field(default_factory=list)  # verification_exchange.VerificationIn
    encoding: str = ""
    rows: int = 0
    trials: list[TrialIn] = field(default_factory=list)
