"""Checking a whole import before anything is written, and saying what it would change.

Every record is checked field by field (so a row with three bad cells gives three errors), then
against the rest of the file (repeated rows, a product described two ways) and the database
(names taken by another product, an event already recorded on that date), and finally every track
the file touches is replayed through its state machine with the file's events in place.  A track
with an unreadable row is not replayed: its log is incomplete, and the missing event would only
cause a second, misleading error.  The result is an :class:`ImportPlan`: what would be created,
changed and left unchanged, plus every issue found; the plan is written only when it has none.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from mscreg.domain.errors import MscregError, Problem, TransitionRefused
from mscreg.domain.event import (
    MAX_SOURCE,
    Confidence,
    RegulatoryEvent,
    check_actual_precision,
    new_event,
    refuse_future_actual,
)
from mscreg.domain.event_types import EventType, Pathway, get_event_type, validate_attributes
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import text
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import (
    MAX_NAME,
    DonorType,
    Modality,
    Product,
    ProductDraft,
    Tissue,
    clean_text,
    name_key,
    parse_enum,
)
from mscreg.domain.state_machine import check_change, check_fits_track, check_replays
from mscreg.domain.track import Track, TrackDraft
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.holder_exchange import NewTransfer, plan_transfers, recorded_by_key
from mscreg.services.exchange.obligation_import import ObligationPlan, plan_obligations
from mscreg.services.exchange.records import (
    EventIn,
    EventKey,
    ImportCancelled,
    Issue,
    IssueList,
    Origin,
    ProductIn,
    ReadResult,
    TrackKey,
    TrialTrack,
    issue_at,
    product_key,
    track_key,
)
from mscreg.services.exchange.table_layout import EVENT_FIELDS
from mscreg.services.exchange.verification_exchange import NewVerification, plan_verifications

if TYPE_CHECKING:
    from mscreg.services.exchange.trial_plan import TrialPlan

LIST_FIELDS = ("aliases", "company_aliases")
PRODUCT_DEFAULTS = ProductDraft(name="")
_EVENT_TEXTS = (("agency", MAX_NAME), ("reference", MAX_NAME), ("source", MAX_SOURCE), ("note", 4000),
                ("note_zh", 4000))
_MISSING = object()
# The Chinese yes and no a spreadsheet may hold are the catalogue's words for them.
_YES = frozenset(("true", "yes", "1", "y", text("answer.yes", "zh_CN")))
_NO = frozenset(("", "false", "no", "0", "n", text("answer.no", "zh_CN")))
FILE_IDS = 10**12  # provisional ids of the file's events: above any id the database has given
EVENT_COMPARED = ("agency", "source", "confidence", "note", "attributes", "approximate", "planned", "note_zh")
_PLANNED = {"true": True, "false": False, "": False}  # strict: a plan is not a yes/no guess
# The approximate cells a file usually holds, answered without trimming and lowering them (any other
# cell takes the full reading against _YES and _NO)
_APPROXIMATE = {"false": False, "": False, "true": True}


@dataclass(frozen=True)
class NewProduct:
    draft: ProductDraft
    origin: Origin


@dataclass(frozen=True)
class ChangedProduct:
    product: Product
    draft: ProductDraft
    fields: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class NewTrack:
    product: str  # product key (casefolded canonical name)
    draft: TrackDraft
    origin: Origin


@dataclass(frozen=True)
class ChangedTrack:
    """A recorded track whose Chinese indication the file changes (its key fields cannot change)."""

    track: Track
    draft: TrackDraft
    origin: Origin


@dataclass(slots=True)  # not frozen (like Origin): a frozen one costs 0.5 µs more each, 100,000 per import
class NewEvent:
    track: TrackKey
    event: RegulatoryEvent
    origin: Origin


@dataclass(frozen=True)
class ChangedEvent:
    before: RegulatoryEvent
    after: RegulatoryEvent
    fields: tuple[str, ...]
    origin: Origin


@dataclass
class ImportPlan:
    """What an import would do.  ``issues`` empty means it may be written as it is."""

    file: str
    sha256: str
    format: str
    encoding: str = ""
    audit_tail: int = 0  # last audit row id when the file was checked: a later save means check again
    new_products: list[NewProduct] = field(default_factory=list)
    changed_products: list[ChangedProduct] = field(default_factory=list)
    unchanged_products: int = 0
    new_tracks: list[NewTrack] = field(default_factory=list)
    unchanged_tracks: int = 0
    changed_tracks: list[ChangedTrack] = field(default_factory=list)
    new_events: list[NewEvent] = field(default_factory=list)
    changed_events: list[ChangedEvent] = field(default_factory=list)
    unchanged_events: int = 0
    obligations: ObligationPlan = field(default_factory=ObligationPlan)
    issues: list[Issue] = field(default_factory=IssueList)
    # the file's trial registrations: the plan (creates / updates / unchanged) and, for a created trial,
    # the product it is linked to (its name as held or as the file creates it) and, if any, its track
    # (jurisdiction, indication, pathway): both are looked up once the file's products and tracks exist
    trials: TrialPlan | None = None
    trial_links: dict[tuple[str, str], tuple[str, TrialTrack | None]] = field(default_factory=dict)
    new_transfers: list[NewTransfer] = field(default_factory=list)  # of holder or licensee
    unchanged_transfers: int = 0
    new_verifications: list[NewVerification] = field(default_factory=list)
    unchanged_verifications: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def changes_anything(self) -> bool:
        o = self.obligations
        return bool(self.new_products or self.changed_products or self.new_tracks or self.new_events
                    or self.changed_events or self.changed_tracks or o.new or o.changed or o.new_steps
                    or (self.trials is not None and self.trials.changes_anything) or self.new_transfers
                    or self.new_verifications)

    def counts(self) -> dict[str, dict[str, int]]:
        """Created, changed and unchanged records per table; obligations only when the file has any (a
        file without them reports as it always did)."""
        out = {
            "products": {"created": len(self.new_products), "changed": len(self.changed_products),
                         "unchanged": self.unchanged_products},
            "tracks": {"created": len(self.new_tracks), "changed": len(self.changed_tracks),
                       "unchanged": self.unchanged_tracks},
            "events": {"created": len(self.new_events), "changed": len(self.changed_events),
                       "unchanged": self.unchanged_events},
            "holders": {"created": len(self.new_transfers), "changed": 0, "unchanged": self.unchanged_transfers},
            **({"trials": {"created": len(self.trials.creates), "changed": len(self.trials.updates),
                           "unchanged": len(self.trials.unchanged)}} if self.trials is not None else {}),
        }
        if self.new_verifications or self.unchanged_verifications:  # only when the file has some
            out["verifications"] = {"created": len(self.new_verifications), "changed": 0,
                                    "unchanged": self.unchanged_verifications}
        o = self.obligations
        if o.new or o.changed or o.unchanged or o.new_steps:
            out["obligations"] = {"created": len(o.new), "changed": len(o.changed), "unchanged": o.unchanged,
                                  "steps_created": len(o.new_steps) + sum(len(n.steps) for n in o.new)}
        return out

    def changes(self) -> list[dict[str, Any]]:
        """Each row that would change a recorded product or event, with every field it changes.

        ``where`` is the row as the issue report names it; ``fields`` hold (field, old, new) as the
        text a file would show (lists one item per line, attributes ``key=value`` lines)."""
        out: list[dict[str, Any]] = []
        for cp in self.changed_products:
            before = _draft_of(cp.product)
            out.append({"file": cp.origin.file, "sheet": cp.origin.sheet, "row": cp.origin.row,
                        "record": "product", "key": cp.product.name,
                        "fields": [{"field": f, "old": _shown(getattr(before, f)), "new": _shown(getattr(cp.draft, f))}
                                   for f in cp.fields]})
        for ct in self.changed_tracks:
            out.append({"file": ct.origin.file, "sheet": ct.origin.sheet, "row": ct.origin.row,
                        "record": "track", "key": f"{ct.track.jurisdiction} / {ct.track.indication}",
                        "fields": [{"field": "indication_zh", "old": ct.track.indication_zh,
                                    "new": ct.draft.indication_zh}]})
        for ce in self.changed_events:
            key = f"{ce.before.type} {ce.before.date.iso() if ce.before.date else '—'}"
            out.append({"file": ce.origin.file, "sheet": ce.origin.sheet, "row": ce.origin.row,
                        "record": "event", "key": key,
                        "fields": [{"field": f, "old": _shown(_compare(ce.before, f)),
                                    "new": _shown(_compare(ce.after, f))} for f in ce.fields]})
        return sorted(out, key=lambda c: (c["file"], c["sheet"], c["row"]))

    def change_lines(self, lang: str = "en", *, width: int = 60) -> list[str]:
        """``changes()`` as one line per row, values cut to ``width`` characters (``--dry-run``)."""
        from mscreg.domain.messages import field_name

        lines = []
        for c in self.changes():
            where = [c["file"]]
            if c["sheet"] and c["row"]:  # a sheet of a workbook
                where.append(text("import.where.sheet", lang, sheet=c["sheet"]))
            elif c["sheet"]:  # a place in a JSON document
                where.append(c["sheet"])
            if c["row"]:
                where.append(text("import.where.row", lang, row=c["row"]))
            record = text(f"import.record.{c['record']}", lang)
            fields = [text("import.change.field", lang, field=field_name(f["field"], lang),
                           change=f"“{_cut(f['old'], width)}” → “{_cut(f['new'], width)}”") for f in c["fields"]]
            lines.append(text("import.change.line", lang, where=text("list.comma", lang).join(where), record=record,
                              key=f"{c['key']}", fields=text("list.semicolon", lang).join(fields)))
        return lines

    def summary(self, lang: str = "en", *, dry_run: bool = False) -> str:
        c = self.counts()
        parts = [text("import.summary.part", lang, name=text(f"import.summary.{name}", lang), **v)
                 for name, v in c.items()]
        head = (text("import.summary.head_encoding", lang, file=self.file, format=self.format, encoding=self.encoding)
                if self.encoding else text("import.summary.head", lang, file=self.file, format=self.format))
        return text("import.summary.dry_run" if dry_run else "import.summary.done", lang, head=head,
                    parts=text("list.semicolon", lang).join(parts))


class _Names:
    """Every name, Chinese name, INN and alias of the database's products, casefolded → product."""

    def __init__(self, products: list[Product]) -> None:
        self.by_name: dict[str, Product] = {product_key(p.name): p for p in products}
        self.any_name: dict[str, set[int]] = {}
        self.by_id = {p.id: p for p in products}
        for p in products:
            for n in p.all_names():
                self.any_name.setdefault(product_key(n), set()).add(p.id or 0)

    def find(self, name: str) -> Product | None:
        key = product_key(name)
        if key in self.by_name:
            return self.by_name[key]
        ids = self.any_name.get(key, set())
        return self.by_id[next(iter(ids))] if len(ids) == 1 else None


def _split_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(line.strip() for line in str(value or "").splitlines() if line.strip())


def _check_product_field(name: str, value: Any) -> Any:
    """The clean value of one product field; raises the domain's error for a bad one."""
    if name in LIST_FIELDS:
        items = _split_list(value)
        cleaned = tuple(clean_text(name, a, required=True, limit=MAX_NAME) for a in items)
        return tuple(dict.fromkeys(cleaned)) if name == "aliases" else cleaned
    if name == "source_tissue":
        return parse_enum(Tissue, name, value or Tissue.NOT_STATED.value).value
    if name == "donor_type":
        return parse_enum(DonorType, name, value or DonorType.NOT_STATED.value).value
    if name == "modality":
        return parse_enum(Modality, name, value or Modality.CELLS.value).value
    if name in ("notes", "notes_zh"):
        return clean_text(name, value)
    if name in ("name_zh", "inn", "company", "company_zh"):
        return clean_text(name, value, limit=MAX_NAME)
    raise MscregError(Problem(name, str(value), "import.header_unknown", {"valid": ""}))


def _problem(exc: MscregError) -> Problem:
    return exc.problems[0]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == () or value == []


class Validator:
    def __init__(self, read: ReadResult, content: Content, *, flat: bool,
                 cancelled: Callable[[], bool] = lambda: False, today: dt.date | None = None) -> None:
        self.read = read
        self.today = today or dt.date.today()
        self.content = content
        self.flat = flat
        self.cancelled = cancelled
        self.issues = IssueList(read.issues)  # bounded: the first issues by place, the rest counted
        self.names = _Names(content.products)
        self.file_products: dict[str, ProductDraft] = {}  # key → validated draft (new or changed)
        self.product_of_key: dict[str, str] = {}  # any key used in the file → canonical product key
        self.bad_products: set[str] = set()
        self._resolved: dict[tuple[str, str, str, str], tuple[TrackKey, TrackDraft, str]] = {}
        self.unplaceable: set[str] = set()  # products with a row whose track is unknown ("*": any)
        self.db_tracks: dict[TrackKey, Track] = {}
        self._event_track: list[TrackKey | None] = []  # per event row, set by tracks()
        self._seen: dict[tuple[Any, ...], Any] = {}  # cell texts that passed their check → clean value
        # (type, jurisdiction, pathway) that check_fits_track passed: its answer depends on nothing else
        self._fitting: set[tuple[str, str, str]] = set()
        self._indications: dict[str, tuple[str, str]] = {}  # indication cell that passed → (clean text, key)
        self._types: dict[str, EventType] = {}  # the same for type cells (the cell → its type)
        self._confidences: dict[str, Confidence] = {}  # and for confidence cells
        # the same for the event's free texts, one table per column: (name, limit, passed text → clean)
        self._text_cells: list[tuple[str, int, dict[str, str]]] = [(n, lim, {}) for n, lim in _EVENT_TEXTS]
        for tracks in content.tracks.values():
            for t in tracks:
                p = self.names.by_id.get(t.product_id)
                if p is not None:
                    self.db_tracks[track_key(p.name, t.jurisdiction, t.indication, t.pathway.value)] = t

    def add(self, origin: Origin, field_name: str, problem: Problem) -> None:
        self.issues.append(issue_at(origin, field_name, problem))

    # ----- products -------------------------------------------------------------------------------
    def products(self, plan: ImportPlan) -> None:
        groups: dict[str, list[ProductIn]] = {}
        for p in self.read.products:
            if not p.name:
                self.add(p.origin, "name", Problem("product" if self.flat else "name", "", "text.empty"))
                continue
            groups.setdefault(product_key(p.name), []).append(p)
        for key, mentions in groups.items():
            if not self.flat and len(mentions) > 1:
                for dup in mentions[1:]:
                    self.add(dup.origin, "name", Problem("name", dup.name, "import.duplicate_row",
                                                         {"other": mentions[0].origin.row}))
            self._product(key, mentions, plan)
        self._check_new_names(plan)

    def _product(self, key: str, mentions: list[ProductIn], plan: ImportPlan) -> None:
        first = mentions[0]
        values: dict[str, Any] = {}
        origins: dict[str, Origin] = {}
        failed = False
        accepted_raw: dict[str, Any] = {}
        distinct: set[tuple[str, ...]] = set()
        for m in mentions:
            if self.flat:  # the flat CSV repeats a product's cells on every row: check each variant once
                signature = tuple(map(str, m.given.values()))
                if signature in distinct:
                    continue
                distinct.add(signature)
            for name, raw in m.given.items():
                if (name in accepted_raw and accepted_raw[name] == raw) or (self.flat and _blank(raw)):
                    continue
                try:
                    value = _check_product_field(name, raw)
                except MscregError as exc:
                    self.add(m.origin, name, _problem(exc))
                    failed = True
                    continue
                if name in values and values[name] != value:
                    shown = "\n".join(value) if isinstance(value, tuple) else str(value)
                    self.add(m.origin, name, Problem(name, shown, "import.product_disagrees",
                                                     {"product": first.name, "other": origins[name].row}))
                    failed = True
                    continue
                values.setdefault(name, value)
                origins.setdefault(name, m.origin)
                accepted_raw.setdefault(name, raw)
        if self.flat:  # a column present but blank on every row of the product means "empty"
            for name in first.given:
                values.setdefault(name, _check_product_field(name, ""))
        existing = self.names.find(first.name)
        if failed:
            self.product_of_key[key] = product_key(existing.name) if existing else key
            self.bad_products.update({key, self.product_of_key[key]})
            return
        if existing is not None:
            canonical = product_key(existing.name)
            self.product_of_key[key] = canonical
            current = _draft_of(existing)
            draft = replace(current, **values)
            changed = tuple(f for f in values if getattr(current, f) != getattr(draft, f))
            if changed:
                plan.changed_products.append(ChangedProduct(existing, draft, changed, first.origin))
            else:
                plan.unchanged_products += 1
            self.file_products[canonical] = draft
            return
        try:
            name = clean_text("name", first.name, required=True, limit=MAX_NAME)
        except MscregError as exc:
            self.add(first.origin, "name", _problem(exc))
            self.bad_products.add(key)
            self.product_of_key[key] = key
            return
        draft = replace(PRODUCT_DEFAULTS, name=name, **values)
        self.product_of_key[key] = key
        self.file_products[key] = draft
        plan.new_products.append(NewProduct(draft, first.origin))

    def _check_new_names(self, plan: ImportPlan) -> None:
        """A new product's name or alias may belong to no other product, in the database or the file."""
        taken: dict[str, str] = {}
        for cp in plan.changed_products:
            for n in (cp.draft.name, *cp.draft.aliases):
                taken[n.casefold()] = cp.draft.name
            for n in cp.draft.aliases:
                owners = self.names.any_name.get(n.casefold(), set()) - {cp.product.id}
                if owners:
                    other = self.names.by_id[next(iter(owners))].name
                    self.add(cp.origin, "aliases", Problem("aliases", n, "product.exists", {"other": other}))
        for npd in plan.new_products:
            for field_name, n in [("name", npd.draft.name), *(("aliases", a) for a in npd.draft.aliases)]:
                folded = n.casefold()
                holders = self.names.any_name.get(folded)
                clash = self.names.by_id[next(iter(holders))].name if holders else taken.get(folded)
                if clash is not None and clash != npd.draft.name:
                    self.add(npd.origin, field_name, Problem("product" if self.flat and field_name == "name"
                                                             else field_name, n, "product.exists",
                                                             {"other": clash}))
                taken.setdefault(folded, npd.draft.name)

    # ----- holders and licensees -------------------------------------------------------------------
    def transfers(self, plan: ImportPlan) -> None:
        """The file's transfers: new ones checked with each product's whole history (see holder_exchange)."""
        if not self.read.transfers:
            return

        def resolve(name: str) -> str | None:
            key = self.product_of_key.get(product_key(name))
            if key is None:
                found = self.names.find(name)
                key = product_key(found.name) if found is not None else None
            return key

        recorded = recorded_by_key(self.content.products, self.content.transfers)
        plan.new_transfers, plan.unchanged_transfers = plan_transfers(
            self.read.transfers, recorded, resolve, self.add, self.bad_products, flat=self.flat)

    # ----- verifications ---------------------------------------------------------------------------
    def verifications(self, plan: ImportPlan, named: dict[TrackKey, tuple[TrackDraft, str, Origin]]) -> None:
        """The file's verifications of tracks (see verification_exchange): the track each names is
        checked as an event row's is."""
        if not self.read.verifications:
            return
        recorded = {key: self.content.verifications[t.id or 0] for key, t in self.db_tracks.items()
                    if self.content.verifications.get(t.id or 0)}

        def track_of(item: Any) -> TrackKey | None:
            return self._named_track(item.product, item.jurisdiction, item.indication, item.pathway, item.origin,
                                     False, named, plan)

        plan.new_verifications, plan.unchanged_verifications = plan_verifications(
            self.read.verifications, track_of, recorded, self.add, self.today)

    # ----- tracks ---------------------------------------------------------------------------------
    def _resolve_track(self, product: str, jurisdiction: str, indication: str, pathway: str, origin: Origin
                       ) -> tuple[TrackKey, TrackDraft, str] | None:
        """The track a row names; a good one is remembered (rows of a track repeat it), a bad one is
        reported on every row that names it."""
        raw = (product, jurisdiction, indication, pathway)
        known = self._resolved.get(raw)
        if known is not None:
            return known
        resolved = self._check_track(product, jurisdiction, indication, pathway, origin)
        if resolved is not None:
            self._resolved[raw] = resolved
        return resolved

    def _check_track(self, product: str, jurisdiction: str, indication: str, pathway: str, origin: Origin
                     ) -> tuple[TrackKey, TrackDraft, str] | None:
        ok = True
        key = product_key(product)
        canonical = self.product_of_key.get(key)
        if not product:
            if not self.flat:  # in the flat CSV the products pass has reported this cell already
                self.add(origin, "product", Problem("product", "", "text.empty"))
            ok = False
        elif canonical is None:
            existing = self.names.find(product)
            if existing is None:
                self.add(origin, "product", Problem("product", product, "product.not_found"))
                ok = False
            else:
                canonical = product_key(existing.name)
                self.product_of_key[key] = canonical
        if canonical in self.bad_products:
            ok = False
        code = pathway_value = text = ""
        try:
            code = get_jurisdiction(jurisdiction).code
        except MscregError as exc:
            self.add(origin, "jurisdiction", _problem(exc))
            ok = False
        # the file's tracks share a few indications: each cell that passed is looked up with its key
        known_indication = self._indications.get(indication) if indication.__class__ is str else None
        indication_key = ""
        if known_indication is not None:
            text, indication_key = known_indication
        else:
            try:
                text = clean_text("indication", indication, required=True, limit=MAX_NAME)
                indication_key = name_key(text)
                if indication.__class__ is str:
                    self._indications[indication] = (text, indication_key)
            except MscregError as exc:
                self.add(origin, "indication", _problem(exc))
                ok = False
        try:
            pathway_value = Pathway(str(pathway).strip().lower()).value
        except ValueError:
            self.add(origin, "pathway", Problem("pathway", pathway, "choice.unknown", {"valid": "clinical, marketing"}))
            ok = False
        if not ok or canonical is None:
            return None
        draft = TrackDraft(code, text, pathway_value)
        return (canonical, code, indication_key, pathway_value), draft, canonical

    def tracks(self, plan: ImportPlan) -> dict[TrackKey, tuple[TrackDraft, str, Origin]]:
        """Every track the file names (with or without events); new ones go into the plan.

        Also sets ``_event_track``: the track key of each event row, in the order of ``read.events``.
        """
        named: dict[TrackKey, tuple[TrackDraft, str, Origin]] = {}
        for t in self.read.tracks:
            self._named_track(t.product, t.jurisdiction, t.indication, t.pathway, t.origin, True, named, plan,
                              t.indication_zh)
        event_track: list[TrackKey | None] = []
        self._event_track = event_track
        resolved_before = self._resolved
        for e in self.read.events:
            # The rows of a track repeat its cells: once the track is resolved and named, a row needs
            # only its key (every other check below concerns the first row that names a track).
            known = resolved_before.get((e.product, e.jurisdiction, e.indication, e.pathway))
            if known is not None and known[0] in named:
                event_track.append(known[0])
                continue
            event_track.append(self._named_track(e.product, e.jurisdiction, e.indication, e.pathway, e.origin,
                                                 False, named, plan, e.indication_zh))
        return named

    def _named_track(self, product: str, j: str, ind: str, pw: str, origin: Origin, is_track_row: bool,
                     named: dict[TrackKey, tuple[TrackDraft, str, Origin]], plan: ImportPlan,
                     indication_zh: str | None = None) -> TrackKey | None:
        """Check the track one row names and record it in ``named`` (and the plan) the first time.
        ``indication_zh`` None: the file gives no Chinese indication, so the recorded one is kept."""
        resolved = self._resolve_track(product, j, ind, pw, origin)
        if resolved is None:
            # Which track the row was for is unknown: its product's logs (or, with no product,
            # every log) are incomplete, so they are not replayed (see the module docstring).
            canonical = self.product_of_key.get(product_key(product)) if product else None
            self.unplaceable.add(canonical or "*" if product else "*")
            return None
        key, draft, canonical = resolved
        if indication_zh is not None:
            try:
                draft = replace(draft, indication_zh=clean_text("indication_zh", indication_zh, limit=MAX_NAME))
            except MscregError as exc:
                self.add(origin, "indication_zh", _problem(exc))
                return None
        if key in named:
            if is_track_row and not self.flat:
                first = named[key][2]
                if first.sheet == origin.sheet:
                    self.add(origin, "indication", Problem("indication", draft.indication,
                                                           "import.duplicate_row", {"other": first.row}))
            return key
        named[key] = (draft, canonical, origin)
        recorded = self.db_tracks.get(key)
        if recorded is not None:
            if indication_zh is not None and draft.indication_zh != recorded.indication_zh:
                kept = TrackDraft(recorded.jurisdiction, recorded.indication, recorded.pathway.value,
                                  draft.indication_zh)
                plan.changed_tracks.append(ChangedTrack(recorded, kept, origin))
            else:
                plan.unchanged_tracks += 1
        else:
            plan.new_tracks.append(NewTrack(canonical, draft, origin))
        return key

    # ----- events ---------------------------------------------------------------------------------
    def _event(self, e: EventIn, seq: int) -> RegulatoryEvent | None:
        """The row as an event with provisional id ``FILE_IDS + seq`` (its place in the file), so that
        replaying a track orders the file's same-day events after recorded ones, in file order.

        Types, dates, confidences, agencies, references and notes repeat across a large file: a text
        cell that passed once is looked up (``_seen``, ``_text_cells``) instead of being checked again;
        a refused one is checked, and reported, on every row that has it.
        """
        f = e.fields
        origin = e.origin
        seen = self._seen
        ok = True
        etype = None
        raw_type = f.get("type", "")
        if raw_type.__class__ is str:
            etype = self._types.get(raw_type)
        if etype is None:
            try:
                etype = get_event_type(str(raw_type).strip()) if str(raw_type).strip() else None
                if etype is None:
                    self.add(origin, "type", Problem("type", "", "text.empty"))
                    ok = False
                elif raw_type.__class__ is str:
                    self._types[raw_type] = etype
            except MscregError as exc:
                self.add(origin, "type", _problem(exc))
                ok = False
        date: PartialDate | None = None
        approximate = False
        raw_approx_cell = f.get("approximate", "")
        known_approx = _APPROXIMATE.get(raw_approx_cell) if raw_approx_cell.__class__ is str else None
        if known_approx is not None:  # the usual cells, at once
            approximate = known_approx
        else:
            raw_approx = str(raw_approx_cell or "").strip().lower()
            if raw_approx in _YES:
                approximate = True
            elif raw_approx not in _NO:
                self.add(origin, "approximate", Problem("approximate", raw_approx, "choice.unknown",
                                                        {"valid": "true, false"}))
                ok = False
        raw_date, raw_precision = f.get("date"), f.get("date_precision", "")
        date_key = ("date", raw_date, raw_precision, approximate)
        cached = raw_date.__class__ is str and raw_precision.__class__ is str
        if cached and (hit := seen.get(date_key, _MISSING)) is not _MISSING:
            date = hit
        else:
            try:
                date = _event_date(raw_date, str(raw_precision or "").strip().lower(), approximate)
                if cached:
                    seen[date_key] = date
            except MscregError as exc:
                p = _problem(exc)
                self.add(origin, p.field if p.field in ("date", "date_precision") else "date", p)
                ok = False
        raw_planned = f.get("planned", "")
        planned = _PLANNED.get(raw_planned) if raw_planned.__class__ is str else None  # the usual cells, at once
        if planned is None:
            planned = _PLANNED.get(str(raw_planned).strip().lower()) if raw_planned is not None else False
        if planned is None:
            self.add(origin, "planned", Problem("planned", str(raw_planned), "choice.unknown",
                                                {"valid": "true, false"}))
            ok = False
        texts: list[str] = []
        for name, limit, passed in self._text_cells:
            raw_text = f.get(name, "")
            clean = passed.get(raw_text) if raw_text.__class__ is str else None
            if clean is None:
                try:
                    clean = clean_text(name, raw_text, limit=limit)
                except MscregError as exc:
                    self.add(origin, name, _problem(exc))
                    ok = False
                    continue
                if raw_text.__class__ is str:
                    passed[raw_text] = clean
            texts.append(clean)
        raw_conf_cell = f.get("confidence", "")
        confidence = self._confidences.get(raw_conf_cell) if raw_conf_cell.__class__ is str else None
        if confidence is None:
            confidence = Confidence.MEDIUM
            try:
                raw_conf = str(raw_conf_cell or "").strip().lower() or Confidence.MEDIUM.value
                confidence = Confidence(parse_enum(Confidence, "confidence", raw_conf).value)
                if raw_conf_cell.__class__ is str:
                    self._confidences[raw_conf_cell] = confidence
            except MscregError as exc:
                self.add(origin, "confidence", _problem(exc))
                ok = False
        attributes: dict[str, str] = {}
        raw_attrs = f.get("attributes", "")
        try:
            if raw_attrs.__class__ is str and not raw_attrs.strip():
                pairs = {}  # the usual blank cell: nothing to split
            elif isinstance(raw_attrs, dict):
                pairs = {str(k): str(v) for k, v in raw_attrs.items()}
            else:
                pairs = {}
                for line in str(raw_attrs or "").splitlines():
                    if not line.strip():
                        continue
                    k, sep, v = line.partition("=")
                    if not sep or not k.strip():
                        raise MscregError(Problem("attributes", line, "attribute.value", {"expected": "KEY=VALUE"}))
                    pairs[k.strip()] = v.strip()
            if etype is not None and pairs:  # no pairs are always valid: validate_attributes gives {}
                attributes = validate_attributes(etype, pairs)
        except MscregError as exc:
            p = _problem(exc)
            self.add(origin, "attributes", p)
            ok = False
        if not ok or etype is None:
            return None
        agency, reference, source, note, note_zh = texts
        return new_event(id=FILE_IDS + seq, track_id=None, type=etype.code, date=date, agency=agency,
                         reference=reference, source=source, confidence=confidence, note=note,
                         attributes=attributes, version=1, planned=bool(planned), note_zh=note_zh)

    def _actual_date(self, origin: Origin, event: RegulatoryEvent) -> bool:
        """An event the file adds as (or turns into) one that happened may not be dated by quarter or
        after today; the message suggests the planned column.  Events already recorded and left as
        they are stay as they are: the import changes nothing about them."""
        if event.planned or event.date is None:
            return True
        try:
            check_actual_precision(event.date)
            refuse_future_actual(event, self.today)
        except MscregError as exc:
            self.add(origin, "date", _import_wording(_problem(exc)))
            return False
        return True

    def events(self, plan: ImportPlan, named: dict[TrackKey, tuple[TrackDraft, str, Origin]]) -> None:
        seen: dict[EventKey, Origin] = {}
        by_type_date: dict[tuple[TrackKey, str, str], tuple[str, Origin]] = {}
        touched: dict[TrackKey, list[tuple[RegulatoryEvent, Origin, int | None]]] = {}
        broken_tracks: set[TrackKey | None] = set()
        db_index: dict[TrackKey, dict[tuple[str, str, str], RegulatoryEvent]] = {}
        event_track = self._event_track
        today = self.today
        add_new = plan.new_events.append
        for n, e in enumerate(self.read.events):
            if n % 2000 == 0 and self.cancelled():
                raise ImportCancelled()
            event = self._event(e, n)
            tkey = event_track[n]
            if event is None or tkey is None:
                broken_tracks.add(tkey)
                continue
            d = event.date
            date_text = d.iso() if d is not None else ""
            ekey = (tkey, event.type, date_text, event.reference)
            td = (tkey, event.type, date_text)
            # Every key in ``seen`` has its (track, type, date) in ``by_type_date``, so a first
            # (track, type, date) needs no look-up in ``seen``.
            if td in by_type_date:
                if ekey in seen:
                    self.add(e.origin, "type", Problem("type", event.type, "import.duplicate_row",
                                                       {"other": seen[ekey].row}))
                    continue
                seen[ekey] = e.origin
                _ref, first = by_type_date[td]
                self.add(e.origin, "reference", Problem("reference", event.reference, "import.same_day_twice",
                                                        {"other": first.row}))
                continue
            seen[ekey] = e.origin
            by_type_date[td] = (event.reference, e.origin)
            db_track = self.db_tracks.get(tkey) if self.db_tracks else None
            existing = None
            # Columns (or JSON keys) the file leaves out keep the recorded values: a file of only the
            # key columns must not wipe agency, source or notes.  Every row of a CSV or sheet has the
            # same columns, so the common case is one length comparison.
            absent: tuple[str, ...] = ()
            if db_track is not None:
                if len(e.fields) != len(EVENT_FIELDS):
                    absent = _absent_event_fields(e.fields)
                index = db_index.get(tkey)
                if index is None:
                    index = db_index[tkey] = {
                        (x.type, x.date.iso() if x.date else "", x.reference): x
                        for x in self.content.events.get(db_track.id or 0, [])}
                existing = index.get((event.type, date_text, event.reference))
                if existing is None:
                    clash = next((x for (t, d, _r), x in index.items() if t == event.type and d == date_text), None)
                    if clash is not None and "reference" in absent:
                        existing = clash  # no reference column: (type, date) is the key within a track
                    elif clash is not None:
                        self.add(e.origin, "reference", Problem("reference", event.reference,
                                                                "import.same_day_in_db",
                                                                {"found": clash.reference or "—"}))
                        continue
            if existing is not None:
                after = replace(event, id=existing.id, track_id=existing.track_id, version=existing.version,
                                **(_kept_fields(existing, event, absent) if absent else {}))
                changed = tuple(f for f in EVENT_COMPARED if _compare(existing, f) != _compare(after, f))
                if "planned" in changed and not self._actual_date(e.origin, after):
                    continue
                if changed:
                    plan.changed_events.append(ChangedEvent(existing, after, changed, e.origin))
                    touched.setdefault(tkey, []).append((after, e.origin, existing.id))
                else:
                    plan.unchanged_events += 1
                continue
            if (d is not None and not event.planned and (d.quarter is not None or d.earliest > today)
                    and not self._actual_date(e.origin, event)):
                continue
            add_new(NewEvent(tkey, event, e.origin))
            items = touched.get(tkey)
            if items is None:
                items = touched[tkey] = []
            items.append((event, e.origin, None))
        for tkey, items in touched.items():
            if tkey in broken_tracks or tkey[0] in self.unplaceable or "*" in self.unplaceable:
                continue
            if self.cancelled():
                raise ImportCancelled()
            self._replay(tkey, items, named)

    def _replay(self, tkey: TrackKey, items: list[tuple[RegulatoryEvent, Origin, int | None]],
                named: dict[TrackKey, tuple[TrackDraft, str, Origin]]) -> None:
        """Replay the track's log with the file's events in place; report the event that breaks it."""
        db_track = self.db_tracks.get(tkey)
        if db_track is not None:
            track = db_track
            log = list(self.content.events.get(db_track.id or 0, []))
        else:
            draft, canonical, _ = named[tkey]
            name = self.file_products[canonical].name if canonical in self.file_products else canonical
            track = Track(None, None, name, draft.jurisdiction, draft.indication, Pathway(draft.pathway))
            log = []
        origin_of: dict[int, Origin] = {}
        fits = True
        fitting = self._fitting
        for event, origin, existing_id in items:
            fit = (event.type, track.jurisdiction, track.pathway)
            if fit not in fitting:
                try:
                    check_fits_track(track, event)
                except TransitionRefused as exc:
                    self.add(origin, "type", _problem(exc))
                    fits = False
                    continue
                fitting.add(fit)
            if existing_id is not None:
                log = [event if x.id == existing_id else x for x in log]
                origin_of[existing_id] = origin
            else:
                log.append(event)
                origin_of[event.id or 0] = origin
        if not fits:
            return
        try:
            check_replays(track, log)
            return
        except TransitionRefused as exc:
            problem = _problem(exc)
        broken = _find_broken(log, problem)
        if broken is not None and broken.id in origin_of:
            try:
                check_change(track, log, broken, "add")
            except TransitionRefused as exc:
                problem = _problem(exc)
            origin = origin_of[broken.id]
        else:  # a recorded event the file's events made impossible: blame the file's last event before it
            ordered_ids = [x.id for x in sorted(log, key=lambda x: x.order_key)]
            stop = ordered_ids.index(broken.id) if broken is not None and broken.id in ordered_ids else len(log)
            before = [i for i in ordered_ids[:stop] if i in origin_of] or list(origin_of)
            origin = origin_of[before[-1]]
        self.add(origin, "date" if problem.code == "transition.order" else "type", problem)


# Event fields a file may leave out (the key fields type and date are required by every format).
_OPTIONAL_EVENT_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("type", "date"))
_KEPT_AS_IS = ("agency", "reference", "source", "confidence", "note", "attributes", "planned", "note_zh")


def _import_wording(problem: Problem) -> Problem:
    """The domain's refusal, worded for a file: the way out is the planned column, not ``--planned``."""
    code = {"event.future_actual": "import.future_actual", "event.quarter_actual": "import.quarter_actual"}
    return replace(problem, code=code.get(problem.code, problem.code))


def _absent_event_fields(fields: dict[str, Any]) -> tuple[str, ...]:
    return tuple(f for f in _OPTIONAL_EVENT_FIELDS if f not in fields)


def _kept_fields(existing: RegulatoryEvent, event: RegulatoryEvent, absent: tuple[str, ...]) -> dict[str, Any]:
    """The recorded values of the fields the file leaves out, to put over the row's defaults.

    Without an ``approximate`` column a date is approximate if the recorded one is, or if the
    file's date text itself says so ("≈2022-03"): the marker in the cell is still information.
    """
    kept: dict[str, Any] = {name: getattr(existing, name) for name in absent if name in _KEPT_AS_IS}
    if ("approximate" in absent and event.date is not None and existing.date is not None
            and existing.date.approximate and not event.date.approximate):
        d = event.date
        kept["date"] = PartialDate(d.year, d.month, d.day, True)
    return kept


def _shown(value: Any) -> str:
    """A field's value as the text a file holds (see export_rows)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(getattr(value, "value", value))


def _cut(text: str, width: int) -> str:
    one_line = text.replace("\r", " ").replace("\n", " | ")
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def _compare(e: RegulatoryEvent, name: str) -> Any:
    if name == "approximate":
        return bool(e.date and e.date.approximate)
    if name == "attributes":
        return dict(e.attributes)
    return getattr(e, name)


def _find_broken(log: list[RegulatoryEvent], problem: Problem) -> RegulatoryEvent | None:
    date = str(problem.params.get("date", ""))
    for x in sorted(log, key=lambda x: x.order_key):
        shown = x.date.display() if x.date else "with no date"
        if x.type == problem.value and (shown == date or (x.date is None and date in ("with no date", ""))):
            return x
    return None


def _draft_of(p: Product) -> ProductDraft:
    return ProductDraft(name=p.name, name_zh=p.name_zh, inn=p.inn, aliases=tuple(p.aliases), company=p.company,
                        company_zh=p.company_zh, company_aliases=tuple(p.company_aliases),
                        source_tissue=p.source_tissue.value, donor_type=p.donor_type.value,
                        modality=p.modality.value, notes=p.notes, notes_zh=p.notes_zh)


@functools.lru_cache(maxsize=65536)
def _parse_date(text: str, approximate: bool) -> PartialDate:
    """Dates repeat across a large file; a PartialDate is immutable, so parsing each text once is safe."""
    return PartialDate.parse(text, approximate=approximate)


def _event_date(raw: Any, precision: str, approximate: bool) -> PartialDate | None:
    """The date of a row at its own precision; a spreadsheet date cell is cut to the stated precision
    only where that loses nothing (2024-07-01 stated as "month" is July 2024; 2024-07-15 is refused)."""
    if precision not in ("", "year", "quarter", "month", "day", "unknown"):
        raise MscregError(Problem("date_precision", precision, "choice.unknown",
                                  {"valid": "year, quarter, month, day, unknown"}))
    if isinstance(raw, dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        if isinstance(raw, dt.datetime) and raw.time() != dt.time(0):
            raise MscregError(Problem("date", raw.isoformat(sep=" "), "date.format", {}))
        text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}",
                "quarter": f"{day.year:04d}-Q{(day.month + 2) // 3}"}.get(precision, day.isoformat())
        lost = ((precision == "month" and day.day != 1) or (precision == "year" and (day.month, day.day) != (1, 1))
                or (precision == "quarter" and (day.month % 3 != 1 or day.day != 1)))
        if lost:
            raise MscregError(Problem("date_precision", precision, "import.precision_mismatch",
                                      {"date": day.isoformat(), "expected": "day"}))
    else:
        text = "" if raw is None else str(raw).strip()
    if not text:
        if precision not in ("", "unknown"):
            raise MscregError(Problem("date_precision", precision, "import.precision_mismatch",
                                      {"date": "", "expected": "unknown"}))
        return None
    date = _parse_date(text, approximate)
    if precision not in ("", date.precision.value):
        raise MscregError(Problem("date_precision", precision, "import.precision_mismatch",
                                  {"date": text, "expected": date.precision.value}))
    return date


def validate(read: ReadResult, content: Content, plan: ImportPlan, *, flat: bool,
             cancelled: Callable[[], bool] = lambda: False, today: dt.date | None = None) -> ImportPlan:
    """Fill ``plan`` from the records read; every issue goes into ``plan.issues`` (sorted by place).
    ``today`` (default: the real one) is the day after which an event cannot have happened yet."""
    v = Validator(read, content, flat=flat, cancelled=cancelled, today=today)
    v.products(plan)
    named = v.tracks(plan)
    v.events(plan, named)
    if read.obligations:
        plan.obligations, found = plan_obligations(read.obligations, content, plan.new_events)
        v.issues.extend(found)
    v.transfers(plan)
    v.verifications(plan, named)
    plan.issues = v.issues.ordered()
    if plan.issues:  # a refused file changes nothing: do not hand out a half-plan
        plan.new_products.clear()
        plan.changed_products.clear()
        plan.new_tracks.clear()
        plan.changed_tracks.clear()
        plan.new_events.clear()
        plan.changed_events.clear()
        plan.new_transfers.clear()
        plan.new_verifications.clear()
        plan.obligations = ObligationPlan()
    return plan
