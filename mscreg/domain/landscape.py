"""Landscape counts: how many trials, applications and approvals the records hold, by phase, status, year,
country, condition and tissue source, and each published figure set beside the count for the same question.

Pure functions over domain values (registrations, track logs, products), so the page, the command line
and the printed report compute the same numbers, and a filter change recomputes from the filtered lists
without a query.  Each is one pass over its input (10,000 trials in a few milliseconds).

Row and column keys are codes (phase keys such as "PHASE1+PHASE2", years as text, ISO country names as
the registry wrote them, tissue and status codes); labels are the caller's, in the user's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

from mscreg.domain.event_types import Pathway
from mscreg.domain.product import Tissue, name_key
from mscreg.domain.published_figure import Number, PublishedFigure
from mscreg.domain.track import TrackLog
from mscreg.domain.trial import OverallStatus, Registry, TrialRegistration

NOT_STATED = ""  # the row or column of records that do not say (no phase, no country, no year)
COUNT = "count"  # the column of a one-column count
TOTAL = "total"

# Event types that grant marketing authorisation, conditional or not: the "approval" of a count of approvals.
APPROVAL_TYPES = frozenset({"approval_full", "approval_conditional", "approval_conditional_time_limited",
                            "approval_limited", "noc_c_issued", "provisional_consent"})


@dataclass(frozen=True)
class CountTable:
    """Counts by (row, column), with the rows and columns in display order."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]
    # The rows the records can answer at all: any year, phase or identifier (absent means none held, 0),
    # but "total" alone for a count that cannot be split like the published table (implied permissions by
    # indication group): there the other rows are "not computed", never a misleading 0.
    answers: Callable[[str], bool] = lambda row: True

    def get(self, row: str, column: str = COUNT) -> int:
        return self.counts.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.get(row, c) for c in self.columns)

    def column_total(self, column: str = COUNT) -> int:
        return sum(self.get(r, column) for r in self.rows)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _table(counter: Counter[tuple[str, str]], rows: Iterable[str] | None = None,
           columns: Iterable[str] | None = None, *, row_key: Callable[[str], Any] | None = None,
           column_key: Callable[[str], Any] | None = None) -> CountTable:
    seen_rows = {r for r, _ in counter}
    seen_cols = {c for _, c in counter}
    ordered_rows = list(rows) if rows is not None else []
    ordered_rows += sorted(seen_rows - set(ordered_rows), key=row_key or _natural)
    ordered_cols = list(columns) if columns is not None else []
    ordered_cols += sorted(seen_cols - set(ordered_cols), key=column_key or _natural)
    return CountTable(tuple(ordered_rows), tuple(ordered_cols), dict(counter))


def _natural(key: str) -> tuple[bool, str]:
    return (key == NOT_STATED, key)  # "not stated" last


def _by_count(counter: Counter[tuple[str, str]]) -> Callable[[str], Any]:
    totals: Counter[str] = Counter()
    for (r, _), n in counter.items():
        totals[r] += n
    return lambda r: (r == NOT_STATED, -totals[r], r)


# ----- trials ------------------------------------------------------------------------------------------
_PHASE_ROWS = ("EARLY_PHASE1", "EARLY_PHASE1+PHASE1", "PHASE1", "PHASE1+PHASE2", "PHASE2", "PHASE2+PHASE3",
               "PHASE3", "PHASE4", "NA")
STATUS_COLUMNS = tuple(s.value for s in OverallStatus)


def trials_by_phase_status(trials: Iterable[TrialRegistration]) -> CountTable:
    # Counter over a generator counts in C: the page recounts 10,000 trials on every keystroke
    c: Counter[tuple[str, str]] = Counter((t.phase_key, t.status_code) for t in trials)
    return _table(c, _PHASE_ROWS, STATUS_COLUMNS)


def _one_column(counts: Counter[str]) -> Counter[tuple[str, str]]:
    return Counter({(k, COUNT): n for k, n in counts.items()})


def trials_by_registration_year(trials: Iterable[TrialRegistration]) -> CountTable:
    """By the year the trial was first submitted to its registry."""
    years = Counter(t.first_submitted.date.year if t.first_submitted else None for t in trials)
    c = _one_column(Counter({(NOT_STATED if y is None else str(y)): n for y, n in years.items()}))
    return _table(c, columns=(COUNT,))


def trials_by_country(trials: Iterable[TrialRegistration]) -> CountTable:
    """A trial counts once in each country it has sites in; most trials first."""
    c = _one_column(Counter(chain.from_iterable(t.countries or (NOT_STATED,) for t in trials)))
    return _table(c, columns=(COUNT,), row_key=_by_count(c))


def trials_by_condition(trials: Iterable[TrialRegistration]) -> CountTable:
    """A trial counts once for each condition; conditions written in other letter cases or with other
    spacing are one row, named as first written."""
    # counted by the text as written (in C), then merged by name: there are far fewer texts than trials,
    # and a Counter keeps the order texts were first seen in
    written = Counter(chain.from_iterable(t.conditions or (NOT_STATED,) for t in trials))
    c: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    for condition, n in written.items():
        key = name_key(condition)
        c[(names.setdefault(key, condition), COUNT)] += n
    return _table(c, columns=(COUNT,), row_key=_by_count(c))


def trials_by_tissue(trials: Iterable[TrialRegistration], tissue_of: Mapping[int, Tissue]) -> CountTable:
    """By the tissue source of the linked product; trials without a product count as not stated."""
    c: Counter[tuple[str, str]] = Counter()
    codes = {t: str(t.value) for t in Tissue}
    for t in trials:
        tissue = tissue_of.get(t.product_id) if t.product_id is not None else None
        c[(codes[tissue] if tissue else NOT_STATED, COUNT)] += 1
    return _table(c, [x.value for x in Tissue], (COUNT,))


def trials_held(trials: Iterable[TrialRegistration]) -> CountTable:
    """Which registrations are held (1 under "held"), by identifier: what a list of trials is compared with."""
    counts = {(t.registry_id, "held"): 1 for t in trials}
    return CountTable(tuple(r for r, _ in counts), ("held",), counts)


# ----- tracks and events -------------------------------------------------------------------------------
def _events_by_year_tissue(logs: Iterable[TrackLog], types: frozenset[str], *, jurisdiction: str | None,
                           pathway: Pathway, all_column: str) -> CountTable:
    c: Counter[tuple[str, str]] = Counter()
    for log in logs:
        track = log.track
        if track.pathway is not pathway or (jurisdiction is not None and track.jurisdiction != jurisdiction):
            continue
        tissue = log.product.source_tissue.value
        for e in log.events:
            if e.type in types:
                year = str(e.date.year) if e.date else NOT_STATED
                c[(year, all_column)] += 1
                c[(year, tissue)] += 1
    return _table(c, columns=(all_column, *(t.value for t in Tissue)))


def cn_cta_accepted_by_year_tissue(logs: Iterable[TrackLog]) -> CountTable:
    """China clinical-trial applications accepted (受理), by year and the product's tissue source: each
    acceptance event counts (a resubmission accepted again is a second application)."""
    return _events_by_year_tissue(logs, frozenset({"cta_accepted"}), jurisdiction="CN", pathway=Pathway.CLINICAL,
                                  all_column="accepted")


def cn_implied_permissions_by_year_tissue(logs: Iterable[TrackLog]) -> CountTable:
    return _events_by_year_tissue(logs, frozenset({"cta_implied_permission"}), jurisdiction="CN",
                                  pathway=Pathway.CLINICAL, all_column="permitted")


def approvals_by_year_country(logs: Iterable[TrackLog]) -> CountTable:
    """Marketing tracks by the year of their first approval (of any kind) and jurisdiction: a track
    approved, later converted to full approval, counts once, in the year it first reached patients."""
    c: Counter[tuple[str, str]] = Counter()
    for log in logs:
        if log.track.pathway is not Pathway.MARKETING:
            continue
        first = next((e for e in log.events if e.type in APPROVAL_TYPES), None)  # events are in replay order
        if first is not None:
            c[(str(first.date.year) if first.date else NOT_STATED, log.track.jurisdiction)] += 1
    return _table(c)


# ----- published figures beside computed counts --------------------------------------------------------
def _cn_platform(trials: Iterable[TrialRegistration]) -> CountTable:
    cn = Registry.CN_CTR
    return trials_by_phase_status([t for t in trials if t.registry is cn])


def _ctgov_phased(trials: Iterable[TrialRegistration]) -> CountTable:
    ctgov = Registry.CTGOV
    # "a stated phase": NA (not applicable) is not one
    table = trials_by_phase_status([t for t in trials if t.registry is ctgov and t.phase_key not in ("", "NA")])
    c: Counter[tuple[str, str]] = Counter()
    for (r, _), n in table.counts.items():
        c[(r, COUNT)] += n
    return _table(c, _PHASE_ROWS, (COUNT,))


def _implied_total(logs: Iterable[TrackLog]) -> CountTable:
    table = cn_implied_permissions_by_year_tissue(logs)
    return CountTable((TOTAL,), (COUNT,), {(TOTAL, COUNT): table.column_total("permitted")},
                      answers=lambda row: row == TOTAL)


# question -> how the records answer it.  Each takes (trials, track logs).
QUESTIONS: dict[str, Callable[[list[TrialRegistration], list[TrackLog]], CountTable]] = {
    "ctgov_trials_by_phase": lambda trials, logs: _ctgov_phased(trials),
    "cn_cta_accepted_by_year_tissue": lambda trials, logs: cn_cta_accepted_by_year_tissue(logs),
    "cn_implied_permissions_total": lambda trials, logs: _implied_total(logs),
    "cn_platform_by_phase_status": lambda trials, logs: _cn_platform(trials),
    "trials_held": lambda trials, logs: trials_held(trials),
}


@dataclass(frozen=True)
class ComparedRow:
    key: str
    published: tuple[Number | None, ...]  # one per published column
    computed: tuple[int | None, ...]  # one per computed column; None where the records cannot say


@dataclass(frozen=True)
class FigureComparison:
    """A published figure and the count from the records for the same question, row by row.

    ``computed_columns`` are the figure's own columns when the count has them (years × tissues, phases ×
    statuses), so each published cell has its computed twin; otherwise the count's columns (one count
    beside a table split by search term).  A total row of the figure is compared with the count's total."""

    figure: PublishedFigure
    computed_columns: tuple[str, ...]
    rows: tuple[ComparedRow, ...]
    answerable: bool  # False: the records cannot answer the figure's question (a list of publications)


def compare(figure: PublishedFigure, table: CountTable | None) -> FigureComparison:
    published_cols = [c.key for c in figure.columns]
    if table is None:
        rows = tuple(ComparedRow(r.key, r.values, ()) for r in figure.rows)
        return FigureComparison(figure, (), rows, False)
    shared = tuple(c for c in published_cols if c in table.columns)
    columns = shared or table.columns
    out = []
    for r in figure.rows:
        computed: tuple[int | None, ...]
        if not table.answers(r.key):
            computed = tuple(None for _ in columns)
        elif r.key == figure.total_row:
            computed = tuple(table.get(r.key, c) if (r.key, c) in table.counts else table.column_total(c)
                             for c in columns)
        else:
            computed = tuple(table.get(r.key, c) for c in columns)
        out.append(ComparedRow(r.key, r.values, computed))
    return FigureComparison(figure, columns, tuple(out), True)


def compare_all(figures: Iterable[PublishedFigure], trials: Iterable[TrialRegistration],
                logs: Iterable[TrackLog]) -> tuple[FigureComparison, ...]:
    trial_list, log_list = list(trials), list(logs)
    out = []
    for f in figures:
        answer = QUESTIONS.get(f.question) if f.question else None
        out.append(compare(f, answer(trial_list, log_list) if answer else None))
    return tuple(out)
