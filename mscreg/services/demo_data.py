"""``mscreg demo-data``: a valid, realistic database of any size, the same for the same seed.

Benchmarks, screenshots and bug reports need a portfolio of thousands of products that looks like
real data (every jurisdiction, both pathways and each country's own instruments, dates known only to
the month or the year, Chinese names, clocks still running) and that anyone can make again
bit-for-bit.  So:

* **The same code as real data.** The database is created as ``mscreg init --empty`` creates it
  (Alembic migrations, no shipped data set), and the records go in through the import path: file-
  neutral records → :func:`~mscreg.services.exchange.import_validation.validate` (every field and
  every track's replay through the state machine) → :func:`~mscreg.services.exchange.import_apply.write_plan`
  (one transaction, the bulk writer, an audit row for every record, chained).  ``mscreg check``
  passes on the result because nothing here writes around the audit trail.
* **Valid by construction.** Each track's log is a walk the state machine steers
  (:mod:`mscreg.services.demo_walk`); the import's validation then checks it once more.
* **Deterministic.** Every product draws from its own generator seeded by (seed, product number), and
  the data end at a fixed day (``--end``), never "today"; only the audit rows' timestamps come from
  the clock.  Same seed and arguments, same products, tracks and events.
* **Never a half-written or overwritten file.** The database is built in a private folder beside
  ``--out`` and linked into place only when complete; an existing file is replaced only with
  ``force``, and a refusal or a crash leaves nothing behind.  Whatever ``force`` says, the output is
  never the database ``--db`` names (nor its companion files or backup folder) and never replaces an
  existing SQLite file (:mod:`mscreg.services.output_files`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mscreg.domain.errors import DatabaseProblem, InvalidInput, Problem, invalid
from mscreg.domain.event_types import Pathway
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.domain.partial_date import MAX_YEAR, parse_day
from mscreg.domain.states import AUTHORISED, ENDED, MA_OPEN, State
from mscreg.services import demo_names, demo_walk
from mscreg.services.demo_walk import TrackWalker

if TYPE_CHECKING:
    from mscreg.services.exchange.records import ReadResult

# The nine jurisdictions where MSC products have been authorised, each with its own instruments in the
# state machine.
DEMO_JURISDICTIONS: tuple[str, ...] = ("US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR")
# Where further tracks go: weighted like the MSC pipeline (China and the US first).
JURISDICTION_WEIGHTS = {"CN": 30, "US": 20, "JP": 10, "EU": 10, "KR": 10, "IN": 6, "CA": 5, "NZ": 3, "IR": 3}
PATHWAYS: tuple[Pathway, ...] = (Pathway.CLINICAL, Pathway.MARKETING)
DEFAULT_END = dt.date(2026, 6, 30)
MAX_PRODUCTS = 200_000
MAX_EVENTS_PER_PRODUCT = 1_000
MAX_EVENTS = 500_000  # the import path holds a whole plan in memory: about 1 GB at this size
MIN_END_YEAR = 1980
GENERATOR_VERSION = 1  # bump when the same seed would give different data


@dataclass(frozen=True)
class DemoOptions:
    """Checked arguments: see :func:`check_options`."""

    products: int
    events_per_product: int
    seed: int
    out: Path
    end: dt.date = DEFAULT_END
    force: bool = False
    protect: Path | None = None  # the user's database: never the output, whatever ``force`` says

    def label(self) -> str:
        """The command that makes this data again (it goes into the audit trail's reason)."""
        return (f"mscreg demo-data --products {self.products} --events-per-product {self.events_per_product} "
                f"--seed {self.seed} --end {self.end.isoformat()}")


def _whole_number(field_name: str, value: object, low: int, high: int) -> int:
    text = str(value).strip()
    try:
        number = int(text)
    except ValueError:
        raise invalid(field_name, value, "demo.not_whole", min=low, max=f"{high:,}") from None
    if not low <= number <= high:
        raise invalid(field_name, value, "demo.range", min=low, max=f"{high:,}")
    return number


def check_options(products: object, events_per_product: object, seed: object, out: str | os.PathLike[str],
                  *, end: str | None = None, force: bool = False, protect: Path | None = None) -> DemoOptions:
    """Refuse bad arguments before anything is written: each with its field, value and reason."""
    n = _whole_number("products", products, 1, MAX_PRODUCTS)
    m = _whole_number("events-per-product", events_per_product, 1, MAX_EVENTS_PER_PRODUCT)
    if n * m > MAX_EVENTS:
        raise invalid("events-per-product", events_per_product, "demo.too_many",
                      detail=f"{n:,} × {m:,} = {n * m:,}", limit=f"{MAX_EVENTS:,}")
    seed_text = str(seed).strip()
    try:
        seed_value = int(seed_text)
    except ValueError:
        raise invalid("seed", seed, "demo.seed") from None
    day = DEFAULT_END
    if end is not None and str(end).strip():
        day = parse_day(str(end), field="end")
        if not MIN_END_YEAR <= day.year <= MAX_YEAR - 10:
            raise invalid("end", end, "date.year_range", min=MIN_END_YEAR, max=MAX_YEAR - 10)
    text = str(out)
    if "://" in text:
        raise InvalidInput(Problem("out", text, "demo.out_url"))
    target = Path(text).expanduser()
    check_target(target, force, protect)
    return DemoOptions(n, m, seed_value, target, day, force, protect)


def check_target(target: Path, force: bool, protect: Path | None = None) -> None:
    """The output must be a new file in an existing folder (or, with ``force``, a file to replace that
    is not a database, and never ``protect``, its companions or its backups)."""
    from mscreg.services.output_files import check_output

    if not target.parent.is_dir():
        raise DatabaseProblem(Problem("out", str(target), "db.folder_missing"))
    if target.is_dir():
        raise DatabaseProblem(Problem("out", str(target), "db.is_folder"))
    check_output(target, protect, replace=force, exists_code="demo.out_exists")
    if force:
        return
    # A -wal or -shm left beside the name would be read as part of the new database: refuse it too.
    for candidate in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        if candidate.exists() or candidate.is_symlink():
            raise DatabaseProblem(Problem("out", str(candidate), "demo.out_exists"))


# ----- the records -------------------------------------------------------------------------------------
@dataclass
class Distribution:
    """What was generated, for the summary: where the products are and what their dates look like."""

    products_by_jurisdiction: Counter[str] = field(default_factory=Counter)
    tracks_by_jurisdiction: Counter[str] = field(default_factory=Counter)
    tracks_by_pathway: Counter[str] = field(default_factory=Counter)
    tracks_by_outcome: Counter[str] = field(default_factory=Counter)
    precision: Counter[str] = field(default_factory=Counter)  # day, month, year, unknown
    approximate: int = 0
    event_types: Counter[str] = field(default_factory=Counter)
    chinese_indications: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "products_by_jurisdiction": dict(sorted(self.products_by_jurisdiction.items())),
            "tracks_by_jurisdiction": dict(sorted(self.tracks_by_jurisdiction.items())),
            "tracks_by_pathway": dict(sorted(self.tracks_by_pathway.items())),
            "tracks_by_outcome": dict(sorted(self.tracks_by_outcome.items())),
            "date_precision": dict(sorted(self.precision.items())),
            "approximate_dates": self.approximate,
            "event_types": len(self.event_types),
            "chinese_indications": self.chinese_indications,
        }


def _outcome(state: State) -> str:
    if state in AUTHORISED or state is State.SUSPENDED:
        return "authorised"
    if state is State.CT_AUTHORISED or state is State.CT_ON_HOLD:
        return "trial_ongoing"
    if state in ENDED:
        return "ended"
    if state in MA_OPEN or state in (State.CT_SUBMITTED, State.CT_ACCEPTED, State.MA_CRL):
        return "pending"
    return "planned"


_REFERENCE_FORMS = {
    ("US", "clinical"): "IND {n6}", ("US", "marketing"): "BLA 125{n3}",
    ("CN", "clinical"): "CXSL{yy}{n5}", ("CN", "marketing"): "CXSS{yy}{n5}",
    ("JP", "clinical"): "JMA-IIA{n5}", ("JP", "marketing"): "PMDA {yyyy}-{n4}",
    ("EU", "clinical"): "EU CT {yyyy}-5{n5}-10-00", ("EU", "marketing"): "EMEA/H/C/00{n4}",
    ("KR", "clinical"): "MFDS CT {yyyy}-{n4}", ("KR", "marketing"): "MFDS {yyyy}-{n5}",
    ("IN", "clinical"): "CT-{n2}/{yyyy}", ("IN", "marketing"): "CDSCO/MA/{yyyy}/{n4}",
    ("CA", "clinical"): "HC6-024-{n6}", ("CA", "marketing"): "Control No. {n6}",
    ("NZ", "clinical"): "HDEC {n2}/NTA/{n3}", ("NZ", "marketing"): "TT50-{n4}",
    ("IR", "clinical"): "IRCT{yyyy}{n4}N1", ("IR", "marketing"): "IFDA-{n5}",
}


def _reference(jurisdiction: str, pathway: str, year: int, rng: random.Random) -> str:
    form = _REFERENCE_FORMS[(jurisdiction, pathway)]
    return form.format(yy=f"{year % 100:02d}", yyyy=year, n2=rng.randrange(10, 100), n3=rng.randrange(100, 1000),
                       n4=rng.randrange(1000, 10000), n5=rng.randrange(10000, 100000),
                       n6=rng.randrange(100000, 1000000))


# Trial registries: ClinicalTrials.gov by default, a country's own where it has one (a synthetic number).
_REGISTRY_FORMS = {"CN": "CTR{yyyy}{n4}", "JP": "jRCT2{n6}", "IN": "CTRI/{yyyy}/{n2}/0{n5}", "IR": "IRCT{yyyy}{n4}N2",
                   "EU": "EUCT {yyyy}-5{n5}-41-00"}
_REGISTRY_REFERENCED = frozenset({"trial_registered", "trial_started", "trial_completed"})


def _registry_id(jurisdiction: str, year: int, rng: random.Random) -> str:
    form = _REGISTRY_FORMS.get(jurisdiction, "NCT0{n7}")
    return form.format(yyyy=year, n2=rng.randrange(10, 100), n4=rng.randrange(1000, 10000),
                       n5=rng.randrange(10000, 100000), n6=rng.randrange(100000, 1000000),
                       n7=rng.randrange(1000000, 8000000))


def _agency(jurisdiction: str, year: int) -> str:
    if jurisdiction == "KR":  # named as it was at the time: the KFDA became the MFDS in 2013
        return "KFDA" if year < 2013 else "MFDS"
    return JURISDICTIONS[jurisdiction].agency("en")


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` events over ``parts`` tracks, each at least one; linear in ``total``."""
    sizes = [1] * parts
    for _ in range(total - parts):
        sizes[rng.randrange(parts)] += 1
    return sizes


@dataclass(frozen=True)
class DemoTrack:
    jurisdiction: str
    indication: str
    pathway: Pathway
    events: tuple[demo_walk.DatedEvent, ...]
    reference: str  # the application's number (IND, 受理号, BLA …) on its filings and decisions
    registry_id: str  # the trial's registration (NCT, CTR, jRCT …) on its registry milestones
    outcome: str


@dataclass(frozen=True)
class DemoProduct:
    identity: demo_names.DemoIdentity
    tracks: tuple[DemoTrack, ...]


class Generator:
    """Products one at a time (``product(serial)``), each from its own seeded generator, so any slice
    of a portfolio can be made without the rest and the work is linear in the events asked for."""

    def __init__(self, options: DemoOptions) -> None:
        self.options = options
        self._walkers: dict[tuple[str, Pathway], TrackWalker] = {}
        combos = [(j, p) for j in DEMO_JURISDICTIONS for p in PATHWAYS]
        shift = options.seed % len(combos)
        self._first = combos[shift:] + combos[:shift]  # product k's first track: every combination in turn

    def walker(self, jurisdiction: str, pathway: Pathway) -> TrackWalker:
        key = (jurisdiction, pathway)
        w = self._walkers.get(key)
        if w is None:
            w = self._walkers[key] = TrackWalker(jurisdiction, pathway)
        return w

    def product(self, serial: int) -> DemoProduct:
        rng = random.Random(f"mscreg-demo-data/{GENERATOR_VERSION}/{self.options.seed}/{serial}")
        ident = demo_names.identity(serial, rng)
        m = self.options.events_per_product
        wanted = 1 if m == 1 else max(1, min(m, round(m / rng.uniform(3.0, 5.5))))
        keys: list[tuple[str, str, Pathway]] = []
        first_j, first_p = self._first[(serial - 1) % len(self._first)]
        keys.append((first_j, self._indication(first_j, ident.indications[0], rng), first_p))
        names = list(JURISDICTION_WEIGHTS)
        weights = list(JURISDICTION_WEIGHTS.values())
        for _ in range(4 * wanted):
            if len(keys) >= wanted:
                break
            j = rng.choices(names, weights=weights)[0]
            p = PATHWAYS[rng.random() < 0.45]
            lead = ident.indications[0] if rng.random() < 0.75 else rng.choice(ident.indications)
            key = (j, self._indication(j, lead, rng), p)
            if all((k[0], k[1].casefold(), k[2]) != (key[0], key[1].casefold(), key[2]) for k in keys):
                keys.append(key)
        sizes = _split(m, len(keys), rng)
        tracks = tuple(self._track(j, ind, p, k, random.Random(rng.getrandbits(64)))
                       for (j, ind, p), k in zip(keys, sizes, strict=True))
        return DemoProduct(ident, tracks)

    @staticmethod
    def _indication(jurisdiction: str, indication: tuple[str, str], rng: random.Random) -> str:
        """Chinese for most Chinese tracks (as a Chinese team records them), English elsewhere."""
        return indication[1] if jurisdiction == "CN" and rng.random() < 0.6 else indication[0]

    def _track(self, jurisdiction: str, indication: str, pathway: Pathway, steps: int,
               rng: random.Random) -> DemoTrack:
        walker = self.walker(jurisdiction, pathway)
        types, node = demo_walk.walk_types(walker, steps, rng)
        outcome = _outcome(node.state)
        # Most tracks are recent (their clocks still run), some long closed; one still waiting for a
        # decision mostly waits now, not since years (which would make a wall of overdue clocks).
        roll = rng.random() * (0.55 if outcome == "pending" else 1.0)
        ago = (rng.randrange(0, 540) if roll < 0.45 else rng.randrange(540, 2500) if roll < 0.8
               else rng.randrange(2500, 7000))
        walked = demo_walk.replace_late_renewals(
            walker, demo_walk.fit_before(walker, types, self.options.end, ago, rng))
        dated = demo_walk.blur_dates(walked, rng)
        reference = _reference(jurisdiction, pathway.value, walked[0].day.year, rng)
        registry = _registry_id(jurisdiction, walked[0].day.year, rng)
        return DemoTrack(jurisdiction, indication, pathway, tuple(dated), reference, registry, outcome)


# ----- writing ------------------------------------------------------------------------------------------
_TRACK_REFERENCED = frozenset({
    "ind_submitted", "ind_effective", "cta_submitted", "cta_accepted", "cta_implied_permission", "cta_approved",
    "ma_submitted", "bla_rolling_submission_started", "ma_accepted", "ma_accepted_priority_review",
    "ma_resubmitted", "resubmission_accepted", "approval_full", "approval_conditional",
    "approval_conditional_time_limited", "approval_limited", "noc_c_issued", "provisional_consent",
    "complete_response_letter", "ma_refused",
})


def build_records(options: DemoOptions, source: str) -> tuple[ReadResult, Distribution]:
    """The whole portfolio as import records (what a reader makes of a file), and its distribution."""
    from mscreg.services.exchange.records import EventIn, Origin, ProductIn, ReadResult, TrackIn

    gen = Generator(options)
    read = ReadResult(encoding="UTF-8")
    dist = Distribution()
    file = "demo-data"
    row = 0
    for serial in range(1, options.products + 1):
        demo = gen.product(serial)
        ident = demo.identity
        rng = random.Random(f"mscreg-demo-data/{GENERATOR_VERSION}/{options.seed}/{serial}/fields")
        row += 1
        read.products.append(ProductIn(ident.name, {
            "name_zh": ident.name_zh, "inn": ident.inn, "aliases": ident.aliases,
            "company": ident.company.name, "company_zh": ident.company.name_zh,
            "company_aliases": ident.company.aliases, "source_tissue": ident.source_tissue.value,
            "donor_type": ident.donor_type.value, "modality": ident.modality.value,
            "notes": f"Synthetic demo product (mscreg demo-data, seed {options.seed}); not a real product.",
        }, Origin(file, "products", serial)))
        for j in {t.jurisdiction for t in demo.tracks}:
            dist.products_by_jurisdiction[j] += 1
        for t in demo.tracks:
            row += 1
            pathway = t.pathway.value
            read.tracks.append(TrackIn(ident.name, t.jurisdiction, t.indication, pathway,
                                       Origin(file, "tracks", row)))
            dist.tracks_by_jurisdiction[t.jurisdiction] += 1
            dist.tracks_by_pathway[pathway] += 1
            dist.tracks_by_outcome[t.outcome] += 1
            dist.chinese_indications += not t.indication.isascii()
            for e in t.events:
                row += 1
                date = e.date
                year = date.year if date else options.end.year
                dist.precision[date.precision.value if date else "unknown"] += 1
                dist.approximate += bool(date and date.approximate)
                dist.event_types[e.type] += 1
                roll = rng.random()
                confidence = "high" if roll < 0.55 else "medium" if roll < 0.9 else "low"
                read.events.append(EventIn(ident.name, t.jurisdiction, t.indication, pathway, {
                    "type": e.type,
                    "date": date.iso() if date else "",
                    "date_precision": date.precision.value if date else "",
                    "approximate": "true" if date and date.approximate else "false",
                    "agency": _agency(t.jurisdiction, year),
                    "reference": (t.reference if e.type in _TRACK_REFERENCED else
                                  t.registry_id if e.type in _REGISTRY_REFERENCED else ""),
                    "source": source,
                    "confidence": "low" if date is not None and date.approximate else confidence,
                    "note": ("Date worked out from a relative statement (synthetic)."
                             if date is not None and date.approximate else ""),
                    "attributes": dict(e.attributes),
                }, Origin(file, "events", row)))
    read.rows = row
    return read, dist


@dataclass(frozen=True)
class DemoReport:
    path: str
    seed: int
    end: dt.date
    products: int
    tracks: int
    events: int
    seconds: float
    replaced: bool
    distribution: Distribution
    phases: dict[str, float] = field(default_factory=dict)  # seconds: create, generate, check, write

    def summary(self, lang: str = "en") -> str:
        d = self.distribution
        per_j = ", ".join(f"{j} {d.products_by_jurisdiction.get(j, 0):,}" for j in DEMO_JURISDICTIONS)
        clinical, marketing = (f"{d.tracks_by_pathway.get(p.value, 0):,}" for p in PATHWAYS)
        day, month, year, unknown = (f"{d.precision.get(k, 0):,}" for k in ("day", "month", "year", "unknown"))
        products, tracks, events = f"{self.products:,}", f"{self.tracks:,}", f"{self.events:,}"
        end = self.end.isoformat()
        return "\n".join([
            text("demo.summary.written_replaced" if self.replaced else "demo.summary.written", lang, path=self.path,
                 seed=self.seed, end=end),
            text("demo.summary.counts", lang, products=products, tracks=tracks, events=events,
                 seconds=f"{self.seconds:.1f}"),
            text("demo.summary.per_jurisdiction", lang, counts=per_j),
            text("demo.summary.pathways", lang, clinical=clinical, marketing=marketing),
            text("demo.summary.precision", lang, day=day, month=month, year=year, unknown=unknown,
                 approximate=f"{d.approximate:,}"),
        ])

    def as_json(self) -> dict[str, Any]:
        return {"database": self.path, "seed": self.seed, "end": self.end.isoformat(), "products": self.products,
                "tracks": self.tracks, "events": self.events, "seconds": round(self.seconds, 3),
                "replaced": self.replaced, "phase_seconds": {k: round(v, 3) for k, v in self.phases.items()},
                **self.distribution.as_json()}


def write_demo_database(options: DemoOptions) -> DemoReport:
    """Generate and write the database at ``options.out``; nothing is left there if anything fails."""
    from mscreg.services.anchoring import record_created_at, trail_end_of
    from mscreg.services.exchange.database_content import load_content
    from mscreg.services.exchange.import_apply import write_plan
    from mscreg.services.exchange.import_validation import ImportPlan, validate
    from mscreg.services.exchange.records import ImportRefused
    from mscreg.services.output_files import cannot_write
    from mscreg.services.workspace import init_database

    started = time.perf_counter()
    phases: dict[str, float] = {}  # where the time went (the import path is what benchmarks watch)
    target = options.out
    check_target(target, options.force, options.protect)
    label = options.label()
    digest = hashlib.sha256(f"{label} generator {GENERATOR_VERSION}".encode()).hexdigest()
    source = f"synthetic: mscreg demo-data, seed {options.seed}"  # short: it is on every event and audit row
    try:
        work = Path(tempfile.mkdtemp(prefix=".mscreg-demo-", dir=target.parent))
    except OSError as exc:  # a folder that cannot be written: said as such, before any work
        raise cannot_write("out", str(target), exc) from None
    try:
        building = work / (target.name or "demo.sqlite")
        ws = init_database(str(building), empty=True)
        try:
            phases["create"] = time.perf_counter() - started
            read, dist = build_records(options, source)
            phases["generate"] = time.perf_counter() - started - sum(phases.values())
            plan = ImportPlan(file=label, sha256=digest, format="demo-data", encoding="UTF-8")
            content = load_content(ws)
            plan.audit_tail = content.audit_tail
            validate(read, content, plan, flat=False)
            del read
            if plan.issues:  # a generator bug: say exactly which record, write nothing
                raise ImportRefused(plan.issues)
            phases["check"] = time.perf_counter() - started - sum(phases.values())
            write_plan(ws, plan)
            phases["write"] = time.perf_counter() - started - sum(phases.values())
            counts = plan.counts()
            end = trail_end_of(ws)
        finally:
            ws.close()
        try:
            replaced = _move_into_place(building, target, options.force, options.protect)
        except OSError as exc:
            raise cannot_write("out", str(target), exc) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record_created_at(target, end)  # a new database here: anchors of a file it replaced no longer apply
    return DemoReport(str(target.absolute()), options.seed, options.end, counts["products"]["created"],
                      counts["tracks"]["created"], counts["events"]["created"], time.perf_counter() - started,
                      replaced, dist, phases)


def _move_into_place(built: Path, target: Path, force: bool, protect: Path | None = None) -> bool:
    """Put the finished file at ``target``: never over an existing file unless ``force``, never over a
    database or ``protect`` (checked again now: the place may have changed during the build).

    The engine is closed, so SQLite has folded its write-ahead log into the file; should a -wal file
    remain (another tool holding the file), the file is not moved, because it would be incomplete.
    """
    from mscreg.services import output_files

    for suffix in ("-wal", "-shm"):
        side = Path(f"{built}{suffix}")
        if side.exists() and side.stat().st_size > 0 and suffix == "-wal":
            raise DatabaseProblem(Problem("out", str(target), "db.locked"))
    output_files.check_output(target, protect, replace=force, exists_code="demo.out_exists")
    existed = target.exists()
    if force:
        for suffix in ("-wal", "-shm"):  # the old file's log would be read as the new file's
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(built, target)
        return existed
    check_target(target, force=False, protect=protect)
    try:
        os.link(built, target)  # fails if the name was taken meanwhile: never overwrites
    except FileExistsError:
        raise DatabaseProblem(Problem("out", str(target), "demo.out_exists")) from None
    except OSError:  # a file system without hard links
        if target.exists():
            raise DatabaseProblem(Problem("out", str(target), "demo.out_exists")) from None
        os.rename(built, target)
    return False
