"""The column layouts of the CSV file and the XLSX sheets, and turning their rows into records.

One layout per table, declared once and used by both the writers and the readers, so an export
always re-imports.  A row arrives as a list of cells (strings, or numbers, booleans and dates from
XLSX); it leaves as :class:`~.records.ProductIn` / :class:`~.records.TrackIn` /
:class:`~.records.EventIn` with the raw values, to be validated by :mod:`.import_validation`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from mscreg.services.exchange.formula_guard import unguard
from mscreg.services.exchange.holder_exchange import FLAT_COLUMNS, TRANSFER_FIELDS, TransferIn
from mscreg.services.exchange.records import (
    EventIn,
    Issue,
    ObligationIn,
    Origin,
    ProductIn,
    ReadResult,
    TrackIn,
    file_issue,
)
from mscreg.services.exchange.verification_exchange import FLAT_COLUMNS as VERIFIED_COLUMNS
from mscreg.services.exchange.verification_exchange import VERIFICATION_FIELDS, VerificationIn
from mscreg.storage.audit_columns import AUDIT_COLUMNS

PRODUCT_FIELDS = ("name", "name_zh", "inn", "aliases", "company", "company_zh", "company_aliases",
                  "source_tissue", "donor_type", "modality", "notes", "notes_zh")
TRACK_KEY = ("product", "jurisdiction", "indication", "pathway")  # a track's natural key
TRACK_FIELDS = (*TRACK_KEY, "indication_zh")
EVENT_FIELDS = ("type", "date", "date_precision", "approximate", "agency", "reference", "source",
                "confidence", "note", "attributes", "planned", "note_zh")
# An obligation names its authorisation by the event's type and date on the same track (event numbers
# differ between databases); a spreadsheet row holds one of its steps, repeated per step.
OBLIGATION_FIELDS = ("authorisation", "authorisation_date", "kind", "text_en", "text_zh", "due", "due_rule",
                     "owner", "source")
STEP_FIELDS = ("step", "step_date", "step_new_due", "step_source", "step_note")
# A trial registration: its registry's fields (dates as ISO text at their precision, each with whether it
# happened or is planned), then the user's links, the product by name and its track by the track's key.
TRIAL_DATES = ("first_submitted", "start_date", "primary_completion", "completion")
TRIAL_FIELDS = ("registry", "registry_id", "title", "title_zh", "official_title", "acronym", "organization",
                "phases", "status", *(c for d in TRIAL_DATES for c in (d, f"{d}_kind")), "enrolment",
                "enrolment_kind", "lead_sponsor", "countries", "conditions", "interventions", "results_posted",
                "sources", "product", "track_jurisdiction", "track_indication", "track_pathway")
LIST_FIELDS = ("aliases", "company_aliases")  # one item per line inside the cell
AUDIT_FIELDS = AUDIT_COLUMNS

# The one-file CSV: one row per event, with its product's columns on every row (renamed where a
# product field and an event field would share a name).
FLAT_PRODUCT_COLUMNS = {"product": "name", "product_zh": "name_zh", "inn": "inn", "aliases": "aliases",
                        "company": "company", "company_zh": "company_zh", "company_aliases": "company_aliases",
                        "source_tissue": "source_tissue", "donor_type": "donor_type", "modality": "modality",
                        "product_notes": "notes", "product_notes_zh": "notes_zh"}


@dataclass(frozen=True)
class Layout:
    name: str  # the sheet name in XLSX, the table name in reports
    columns: tuple[str, ...]
    required: tuple[str, ...]
    widths: tuple[int, ...]  # XLSX column widths in characters


def _widths(columns: tuple[str, ...]) -> tuple[int, ...]:
    wide = {"indication": 36, "indication_zh": 36, "note": 48, "notes": 48, "product_notes": 48,
            "note_zh": 48, "notes_zh": 48, "product_notes_zh": 48, "source": 48, "aliases": 28,
            "company_aliases": 28, "product": 28, "name": 28, "changes": 60, "reason": 36, "hash": 20,
            "prev_hash": 20, "company": 24, "title": 48, "title_zh": 36, "official_title": 48,
            "lead_sponsor": 28, "conditions": 36, "interventions": 36, "countries": 24, "sources": 36}
    return tuple(wide.get(c, max(10, len(c) + 2)) for c in columns)


def _layout(name: str, columns: tuple[str, ...], required: tuple[str, ...]) -> Layout:
    return Layout(name, columns, required, _widths(columns))


EVENTS_FLAT = _layout("events", (*FLAT_PRODUCT_COLUMNS, "jurisdiction", "indication", "pathway", "indication_zh",
                                 *EVENT_FIELDS, *FLAT_COLUMNS, *VERIFIED_COLUMNS),
                      ("product", "jurisdiction", "indication", "pathway", "type", "date"))
PRODUCTS = _layout("products", PRODUCT_FIELDS, ("name",))
TRACKS = _layout("tracks", TRACK_FIELDS, TRACK_KEY)
EVENTS = _layout("events", (*TRACK_KEY, *EVENT_FIELDS), (*TRACK_KEY, "type", "date"))
AUDIT = _layout("audit", AUDIT_FIELDS, AUDIT_FIELDS)
OBLIGATIONS = _layout("obligations", (*TRACK_FIELDS, *OBLIGATION_FIELDS, *STEP_FIELDS),
                      (*TRACK_FIELDS, "authorisation", "authorisation_date", "kind"))
TRIALS = _layout("trials", TRIAL_FIELDS, ("registry", "registry_id"))
HOLDERS = _layout("holders", ("product", *TRANSFER_FIELDS), ("product", "jurisdiction", "role", "date", "from", "to"))
VERIFICATIONS = _layout("verifications", (*TRACK_KEY, *VERIFICATION_FIELDS), (*TRACK_KEY, "date", "source"))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets name columns)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell as the text it stands for (quote of a guarded formula removed, numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return unguard(str(value))


def match_header(layout: Layout, header: list[Any], file: str, sheet: str) -> tuple[dict[int, str], list[Issue]]:
    """Map column positions to field names; every missing, unknown or repeated header is an issue."""
    issues: list[Issue] = []
    mapping: dict[int, str] = {}
    seen: set[str] = set()
    names = [cell_text(raw).strip().lower() for raw in header]
    # trailing empty header cells (spreadsheets leave them) are not columns; found once, since
    # looking ahead from every empty cell costs 16,384² steps on a header with one cell at XFD1
    last = max((i for i, name in enumerate(names) if name), default=-1)
    for i, name in enumerate(names[:last + 1]):
        label = f"{column_letter(i)} ({name})" if name else column_letter(i)
        if not name:
            issues.append(file_issue(file, "import.header_unknown", "", sheet=sheet, row=1, column=label,
                                     field_name="header", valid=", ".join(layout.columns)))
            continue
        if name not in layout.columns:
            issues.append(file_issue(file, "import.header_unknown", name, sheet=sheet, row=1, column=label,
                                     field_name="header", valid=", ".join(layout.columns)))
        elif name in seen:
            issues.append(file_issue(file, "import.header_repeated", name, sheet=sheet, row=1, column=label,
                                     field_name="header"))
        else:
            mapping[i] = name
            seen.add(name)
    for name in layout.required:
        if name not in seen:
            issues.append(file_issue(file, "import.header_missing", name, sheet=sheet, row=1, column=name,
                                     field_name="header", valid=", ".join(layout.required)))
    if layout is TRIALS:
        from mscreg.services.exchange.trial_table import header_issues

        issues += [file_issue(file, "import.header_missing", name, sheet=sheet, row=1, column=name,
                              field_name="header", valid=together) for name, together in header_issues(seen)]
    return mapping, issues


def labels(mapping: dict[int, str]) -> dict[str, str]:
    return {name: f"{column_letter(i)} ({name})" for i, name in mapping.items()}


def row_values(mapping: dict[int, str], cells: list[Any], width: int, origin_row: int, file: str, sheet: str,
               result: ReadResult) -> dict[str, Any] | None:
    """The row's values by field name, or None (with an issue) when it is longer than the header.

    A row *shorter* than the header is accepted only in XLSX (spreadsheets drop trailing empty
    cells); the CSV reader checks lengths itself because a short CSV row means a truncated file.
    """
    if len(cells) > width and any(cell_text(c).strip() for c in cells[width:]):
        result.issues.append(file_issue(file, "import.cells_count", len(cells), sheet=sheet, row=origin_row,
                                        field_name="row", expected=width))
        return None
    values: dict[str, Any] = {}
    for i, name in mapping.items():
        v = cells[i] if i < len(cells) else None
        values[name] = v if name == "date" and isinstance(v, dt.date) else cell_text(v)
    return values


def _text(values: dict[str, Any], name: str) -> str:
    v = values.get(name, "")
    return v.strip() if v.__class__ is str else v


def _track_key(values: dict[str, Any]) -> tuple[str, str, str, str]:
    """The (product, jurisdiction, indication, pathway) cells of a row, stripped."""
    product, jurisdiction, indication, pathway = (str(_text(values, c)) for c in TRACK_KEY)
    return product, jurisdiction, indication, pathway


def _picker(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at ``indices`` as a tuple, picked in C (``itemgetter`` of one index returns no tuple)."""
    if len(indices) == 1:
        only = indices[0]
        return lambda cells: (cells[only],)
    if not indices:
        return lambda cells: ()
    return itemgetter(*indices)


class FlatRows:
    """Turns rows of the one-file CSV into records: its product, and its track and event when it has them.

    Built once per file from the header mapping, so a row costs a few C-level picks (100,000 rows
    must read in well under a second).  Consecutive rows with identical product cells give one product
    record: the validator only needs each variant once, with the row where it first appeared.
    ``quoted`` False says no cell of the file starts with a quote, so none needs :func:`unguard`.
    """

    def __init__(self, mapping: dict[int, str], *, quoted: bool = True) -> None:
        by_name = {name: i for i, name in mapping.items()}
        self.product = by_name["product"]
        self.product_cols = [(FLAT_PRODUCT_COLUMNS[c], by_name[c]) for c in FLAT_PRODUCT_COLUMNS
                             if c in by_name and c != "product"]
        self.track_cols = [by_name[c] for c in ("jurisdiction", "indication", "pathway")]
        self.indication_zh = by_name.get("indication_zh")  # None: the file leaves it out
        self.event_cols = [(c, by_name[c]) for c in EVENT_FIELDS if c in by_name]
        self.type = by_name["type"]
        self.event_content = [by_name[c] for c in ("date", "agency", "reference", "source") if c in by_name]
        self.quoted = quoted
        # a transfer's row: its holder_… cells filled, its track and event cells empty
        self.holder_cols = [(f, by_name[c]) for f, c in zip(TRANSFER_FIELDS, FLAT_COLUMNS, strict=True) if c in by_name]
        # a verification's row: its verified_… cells and its track's cells filled, its event cells empty
        self.verified_cols = [(f, by_name[c]) for f, c in zip(VERIFICATION_FIELDS, VERIFIED_COLUMNS, strict=True)
                              if c in by_name]
        self._product_cells = _picker([self.product, *(i for _, i in self.product_cols)])
        self._product_names = tuple(f for f, _ in self.product_cols)
        self._event_names = tuple(c for c, _ in self.event_cols)
        self._event_cells = _picker([i for _, i in self.event_cols])
        self._last: tuple[str, ...] | None = None
        self._last_product = ""

    def add(self, cells: list[str], origin: Origin, result: ReadResult) -> None:
        if self.quoted:
            cells = [unguard(c) if c[:1] == "'" else c for c in cells]
        product_cells = self._product_cells(cells)
        if product_cells != self._last:
            self._last_product = product_cells[0].strip()
            result.products.append(ProductIn(self._last_product, dict(zip(self._product_names, product_cells[1:],
                                                                              strict=True)), origin))
            self._last = product_cells
        product = self._last_product
        if self.holder_cols and any(cells[i].strip() for _, i in self.holder_cols):
            # a track or event cell on a transfer's row would be dropped without a word: refused instead
            named = [("jurisdiction", self.track_cols[0]), ("indication", self.track_cols[1]),
                     ("pathway", self.track_cols[2]), *self.event_cols]
            if self.indication_zh is not None:
                named.append(("indication_zh", self.indication_zh))
            mixed = next(((n, cells[i].strip()) for n, i in named if cells[i].strip()), None)
            if mixed is not None:
                result.issues.append(file_issue(origin.file, "import.transfer_row_mixed", mixed[1], sheet=origin.sheet,
                                                row=origin.row, column=origin.column(mixed[0]),
                                                field_name=mixed[0]))
                return
            columns = {f: origin.columns.get(f"holder_{f}", f) for f in (*TRANSFER_FIELDS, "product")}
            result.transfers.append(TransferIn(product, {f: cells[i] for f, i in self.holder_cols},
                                               Origin(origin.file, origin.sheet, origin.row, columns)))
            return
        j, ind, pw = self.track_cols
        jurisdiction, indication, pathway = cells[j].strip(), cells[ind].strip(), cells[pw].strip()
        if self.verified_cols and any(cells[i].strip() for _, i in self.verified_cols):
            # an event cell on a verification's row would be dropped without a word: refused instead
            mixed = next(((n, cells[i].strip()) for n, i in self.event_cols if cells[i].strip()), None)
            if mixed is not None:
                result.issues.append(file_issue(origin.file, "import.verification_row_mixed", mixed[1],
                                                sheet=origin.sheet, row=origin.row, column=origin.column(mixed[0]),
                                                field_name=mixed[0]))
                return
            columns = {**origin.columns, **{f: origin.columns.get(f"verified_{f}", f) for f in VERIFICATION_FIELDS}}
            result.verifications.append(VerificationIn(product, jurisdiction, indication, pathway,
                                                       {f: cells[i] for f, i in self.verified_cols},
                                                       Origin(origin.file, origin.sheet, origin.row, columns)))
            return
        # the Chinese indication goes with the track: every row of it repeats it, the first one counts
        zh = None if self.indication_zh is None else cells[self.indication_zh].strip()
        if not cells[self.type].strip():  # no event type: a product or a track row, or a bad event row
            if not (jurisdiction or indication or pathway) and not any(cells[i].strip() for _, i in self.event_cols):
                return  # a product with no tracks
            if not any(cells[i].strip() for i in self.event_content):
                result.tracks.append(TrackIn(product, jurisdiction, indication, pathway, origin, zh))  # no events
                return
        result.events.append(EventIn(product, jurisdiction, indication, pathway,
                                     dict(zip(self._event_names, self._event_cells(cells), strict=True)), origin, zh))


def add_sheet_row(layout: Layout, values: dict[str, Any], origin: Origin, result: ReadResult) -> None:
    """A row of one of the XLSX sheets."""
    if layout is PRODUCTS:
        result.products.append(ProductIn(_text(values, "name"), {k: v for k, v in values.items() if k != "name"},
                                         origin))
    elif layout is TRACKS:
        result.tracks.append(TrackIn(*_track_key(values), origin,
                                     _text(values, "indication_zh") if "indication_zh" in values else None))
    elif layout is OBLIGATIONS:
        fields = {c: _text(values, c) for c in OBLIGATION_FIELDS if c in values}
        step = {c.removeprefix("step_") if c != "step" else "type": _text(values, c) for c in STEP_FIELDS
                if c in values}
        steps = [(step, origin)] if step.get("type") else []
        result.obligations.append(ObligationIn(*_track_key(values), fields, steps, origin))
    elif layout is TRIALS:
        from mscreg.services.exchange.trial_table import add_trial_row

        add_trial_row(values, origin, result)
    elif layout is VERIFICATIONS:
        result.verifications.append(VerificationIn(*_track_key(values),
                                                   {c: values[c] for c in VERIFICATION_FIELDS if c in values}, origin))
    elif layout is HOLDERS:
        result.transfers.append(TransferIn(_text(values, "product"),
                                           {c: values[c] for c in TRANSFER_FIELDS if c in values}, origin))
    else:
        result.events.append(EventIn(*_track_key(values),
                                     {c: values[c] for c in EVENT_FIELDS if c in values}, origin))
