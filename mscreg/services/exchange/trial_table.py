"""Trial registrations as rows of the ``trials`` sheet (XLSX) and of the trials file a CSV export writes
beside the events: a row per trial, in the column order of :data:`.table_layout.TRIALS`.

The cells say what the JSON document says, as text a spreadsheet keeps: codes rather than names
(registry ``ctgov``, status ``RECRUITING``), dates as ISO text at their own precision ("2024-06") with a
``…_kind`` column beside each (actual, estimated, not_stated: an estimated date is a plan), phases joined
with "+" ("PHASE1+PHASE2"), lists an item per line.  The links name the product as the JSON document does
(by name) and the track by its key within that product (jurisdiction, indication, pathway).

Reading keeps the rule of every mscreg table: a column left out keeps what is recorded, an empty cell
clears it.  Every refused cell of a row is reported with its row and column, not only the first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from mscreg.domain.errors import MscregError, Problem, invalid
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.track import Track
from mscreg.domain.trial import (
    MAX_ENROLMENT,
    PHASE_ORDER,
    DateKind,
    Enrolment,
    EnrolmentKind,
    Registry,
    TrialDate,
    TrialRegistration,
)
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.records import Origin, ReadResult, TrialIn, TrialTrack, issue_at
from mscreg.services.exchange.table_layout import TRIAL_DATES
from mscreg.services.exchange.trial_files import ParsedTrial

TRACK_COLUMNS = ("track_jurisdiction", "track_indication", "track_pathway")
_TEXTS = ("title_zh", "official_title", "acronym", "organization", "lead_sponsor")
_LISTS = ("countries", "conditions", "interventions", "sources")
# The kinds as the registries write them too (ClinicalTrials.gov's ACTUAL/ESTIMATED), and "planned".
_DATE_KINDS = {**{k.value: k for k in DateKind}, "planned": DateKind.ESTIMATED, "": DateKind.NOT_STATED}
_ENROLMENT_KINDS = {**{k.value: k for k in EnrolmentKind}, "estimated": EnrolmentKind.ANTICIPATED,
                    "": EnrolmentKind.NOT_STATED}
_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "": False}
_REGISTRIES = {r.value: r for r in Registry}
_PHASE_SPLIT = re.compile(r"[+|,\n]")
# A date cell Excel turned into a date-time (the reader gives its ISO text): the day is what was meant.
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]00:00:00")


# ----- writing ---------------------------------------------------------------------------------------------


def _date_cells(d: TrialDate | None) -> list[str]:
    return ["", ""] if d is None else [d.iso(), d.kind.value]


def trial_cells(t: TrialRegistration, product: str, track: Track | None) -> list[str]:
    """One trial as the cells of a row (before formula guarding)."""
    cells = [t.registry.value, t.registry_id, t.title, t.title_zh, t.official_title, t.acronym, t.organization,
             "+".join(p.value for p in sorted(t.phases, key=PHASE_ORDER.__getitem__)),
             t.status.value if t.status is not None else ""]
    for name in TRIAL_DATES:
        cells += _date_cells(getattr(t, name))
    e = t.enrolment
    cells += [str(e.count), e.kind.value] if e is not None else ["", ""]
    cells += [t.lead_sponsor, *("\n".join(getattr(t, name)) for name in ("countries", "conditions",
                                                                           "interventions")),
              "true" if t.results_posted else "false", "\n".join(t.sources), product]
    cells += [track.jurisdiction, track.indication, track.pathway.value] if track is not None else ["", "", ""]
    return cells


def trial_rows(content: Content) -> Iterator[list[str]]:
    """Every trial held, in id order, linked to its product by name and to its track by key."""
    names = {p.id: p.name for p in content.products}
    tracks = {t.id: t for ts in content.tracks.values() for t in ts}
    for t in content.trials:
        product = names.get(t.product_id, "") if t.product_id is not None else ""
        track = tracks.get(t.track_id) if t.track_id is not None and product else None
        yield trial_cells(t, product, track)


def track_json(t: TrialRegistration, content: Content) -> dict[str, str] | None:
    """The track a trial is linked to, as the JSON document names it (None: not linked to one)."""
    if t.track_id is None or t.product_id is None:
        return None
    for track in content.tracks.get(t.product_id, []):
        if track.id == t.track_id:
            return {"jurisdiction": track.jurisdiction, "indication": track.indication,
                    "pathway": track.pathway.value}
    return None


# ----- reading ---------------------------------------------------------------------------------------------


def header_issues(present: set[str]) -> list[tuple[str, str]]:
    """Columns that mean nothing without another one: (the missing column, the columns it goes with).
    A kind without its date, an enrolment type without the count, part of a track's key, or a track
    without the product it belongs to."""
    missing: list[tuple[str, str]] = []
    for name in TRIAL_DATES:
        if f"{name}_kind" in present and name not in present:
            missing.append((name, f"{name}, {name}_kind"))
    if "enrolment_kind" in present and "enrolment" not in present:
        missing.append(("enrolment", "enrolment, enrolment_kind"))
    if present & set(TRACK_COLUMNS):
        for name in (*TRACK_COLUMNS, "product"):
            if name not in present:
                missing.append((name, ", ".join(("product", *TRACK_COLUMNS))))
    return missing


def _choice(field: str, raw: str, *, choices: dict[str, Any]) -> Any:
    key = raw.strip().lower()
    if key not in choices:
        raise invalid(field, raw, "choice.unknown", valid=", ".join(k for k in choices if k))
    return choices[key]


def _date(field: str, raw: str, *, kind: DateKind | None) -> TrialDate | None:
    text = raw.strip()
    if not text:
        return None
    midnight = _MIDNIGHT.fullmatch(text)
    day = PartialDate.parse(midnight.group(1) if midnight else text, field=field)
    return TrialDate(day, DateKind.NOT_STATED if kind is None else kind)


def _enrolment(raw: str, kind: EnrolmentKind | None) -> Enrolment | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise invalid("enrolment", raw, "trial.enrolment_range", max=MAX_ENROLMENT)
    return Enrolment(int(text), EnrolmentKind.NOT_STATED if kind is None else kind)


def _phases(raw: str) -> tuple[str, ...]:
    return tuple(p.strip().upper() for p in _PHASE_SPLIT.split(raw) if p.strip())


def _lines(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split("\n") if item.strip())


def add_trial_row(values: dict[str, Any], origin: Origin, result: ReadResult) -> None:
    """A row of the trials table: a :class:`~.records.TrialIn`, or an issue for every refused cell.

    ``values`` holds only the columns the file has: a field without its column is not "given", so the
    plan compares and changes only the others."""

    def cell(name: str) -> str:
        return str(values.get(name, "") or "")

    fields: dict[str, Any] = {}
    problems: list[tuple[str, Problem]] = []

    def read(column: str, convert: Callable[[str], Any], name: str = "") -> Any:
        try:
            value = convert(cell(column))
        except MscregError as exc:
            problems.extend((column, p) for p in exc.problems)
            return None
        if name:
            fields[name] = value
        return value

    registry: Registry | None = read("registry", lambda raw: _choice("registry", raw, choices=_REGISTRIES))
    for name in ("title", *_TEXTS):
        if name in values:
            read(name, str, name)
    if "phases" in values:
        read("phases", _phases, "phases")
    if "status" in values:
        read("status", lambda raw: raw.strip().upper() or None, "status")
    for name in TRIAL_DATES:
        if name not in values:
            continue
        kind: DateKind | None = None
        if f"{name}_kind" in values:
            kind = read(f"{name}_kind", functools.partial(_choice, name, choices=_DATE_KINDS))
            if kind is None:
                continue
        read(name, functools.partial(_date, name, kind=kind), name)
    if "enrolment" in values:
        count_kind: EnrolmentKind | None = None
        if "enrolment_kind" not in values or (count_kind := read(
                "enrolment_kind", lambda raw: _choice("enrolment", raw, choices=_ENROLMENT_KINDS))) is not None:
            read("enrolment", lambda raw: _enrolment(raw, count_kind), "enrolment")
    for name in _LISTS:
        if name in values:
            read(name, _lines, name)
    if "results_posted" in values:
        read("results_posted", lambda raw: _choice("results_posted", raw, choices=_FLAGS), "results_posted")
    product = cell("product").strip() or None
    track = _track(values, product, problems)
    ident = cell("registry_id")
    if registry is None or problems:
        if not ident.strip():  # the registration could not be built, so this is not reported by it
            problems.append(("registry_id", Problem("registry_id", "", "text.empty")))
    else:
        given = frozenset(fields)
        # A file without a title column still updates the trials it names; a trial it would create is
        # refused for the missing title when the import is planned (see importing).
        fields.setdefault("title", "—")
        try:
            trial = TrialRegistration(registry, ident, **fields)
        except MscregError as exc:
            problems.extend((p.field, p) for p in exc.problems)
        else:
            result.trials.append(TrialIn(ParsedTrial(trial, given, str(origin.row)), product, track, origin))
            return
    for column, p in problems:
        result.issues.append(issue_at(origin, column, p))


def _track(values: dict[str, Any], product: str | None, problems: list[tuple[str, Problem]]) -> TrialTrack | None:
    if not all(c in values for c in TRACK_COLUMNS):
        return None
    parts = tuple(str(values[c] or "").strip() for c in TRACK_COLUMNS)
    if not any(parts):
        return None
    shown = " / ".join(parts)
    if not all(parts):
        empty = next(c for c, v in zip(TRACK_COLUMNS, parts, strict=True) if not v)
        problems.append((empty, Problem("track", shown, "trials.track_incomplete")))
        return None
    if product is None:
        problems.append(("product", Problem("track", shown, "trials.track_needs_product")))
        return None
    return (parts[0], parts[1], parts[2])
