"""The product list as it was last read in full, kept beside the user's cache to paint it at once.

Importing SQLAlchemy and SQLModel costs about half a second before the first row can be read the
usual way.  After every complete read the window saves what its list shows (each product's names,
each track's state as of the day, the next open deadline) in a side file in the user's cache folder;
at the next start the list is painted from it, read with the standard library only, and the full read
follows as before and replaces it.

A side file rather than a table written with every change: it needs no schema change or migration,
works on read-only databases and on files changed by older versions or the command line (which would
not keep such a table current), and stays out of the audit trail and its verification.  Its cost is
that a change made elsewhere is only caught by the key, never patched in, which is the point:

The file is shown only when its key equals the key computed now: the database's identity (its real
path and the audit trail's first row), the audit trail's tail (last id and hash: any change, by any
version, writes one), the schema revision and ``meta`` rows, the number and highest id of products,
the day (states and clocks are functions of the day), and a fingerprint of the code and data the
derivation uses (a newer mscreg may derive differently).  Anything else (another key, a damaged,
truncated or edited file, a value outside its vocabulary) makes it ignored as a whole: the window then
reads everything as before and saves a new file.  A file that cannot be read is never an error.

The file is sealed (HMAC-SHA256) with a random key of this user's kept in the config folder, not in
the cache: a file made or edited elsewhere (another account, a copied or synced cache) is ignored, and
every value read back is checked against its vocabulary.  Someone who can write both of the user's
folders can also write the user's database; the seal is not meant as a defence against that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mscreg.domain import messages
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import DonorType, Tissue
from mscreg.domain.states import State
from mscreg.storage.quick_key import read_key

if TYPE_CHECKING:  # the tracker imports the database layer, which this module must not load
    from mscreg.services.tracker import ProductOverview, TrackOverview

FORMAT = 4  # raise when the file's layout or what it holds changes
MAX_BYTES = 256 * 1024 * 1024
MAX_TEXT = 2000
OPEN_CLOCK_STATUSES = frozenset({"upcoming", "due-soon", "overdue"})  # domain.clocks.OPEN_STATUSES
_PACKAGE = Path(__file__).resolve().parent.parent
_FINGERPRINTED = ("domain", "services", "storage", "data")


# ----- what the list needs of a product, a track and its next clock ------------------------------------
# Named tuples, not dataclasses: 10,000 products are built in a few tens of milliseconds this way.
class QuickProduct(NamedTuple):
    id: int
    name: str
    name_zh: str
    company: str
    company_zh: str
    source_tissue: Tissue
    donor_type: DonorType


class QuickTrack(NamedTuple):
    id: int
    jurisdiction: str
    pathway: Pathway
    indication: str
    indication_zh: str  # a country cell's tooltip names the indication in the interface language


class QuickStatus(NamedTuple):
    state: State
    since: PartialDate | None


class _Day(NamedTuple):
    earliest: dt.date


class _Event(NamedTuple):
    date: _Day


class QuickTrackView(NamedTuple):
    track: QuickTrack
    status: QuickStatus
    events: tuple[_Event, ...]  # only the latest dated one: what ordering a country's tracks needs


class QuickOverview(NamedTuple):
    """A product as the list shows it; ``quick`` tells it from a full ProductOverview."""

    product: QuickProduct
    tracks: tuple[QuickTrackView, ...]
    quick: bool = True


class _Due(NamedTuple):
    earliest: dt.date
    latest: dt.date


class _Rule(NamedTuple):
    id: str

    def description(self, lang: str = "en") -> str:
        return messages.text(f"clock.{self.id}.description", lang)


class _ClockStatus(NamedTuple):
    value: str


class _Clock(NamedTuple):
    rule: _Rule
    track: QuickTrack
    due: _Due
    status: _ClockStatus
    is_open: bool = True


class QuickDeadline(NamedTuple):
    """A product's next open clock, as the Next deadline column shows it."""

    product: QuickProduct
    clock: _Clock
    review: bool = False


@dataclass(frozen=True)
class QuickList:
    name: str
    as_of: dt.date
    overviews: list[QuickOverview]
    deadlines: list[QuickDeadline]
    ids: frozenset[int] = field(default_factory=frozenset)


# ----- where, and under which key ---------------------------------------------------------------------
def sqlite_file(location: str) -> str | None:
    """The file of an SQLite location (a path or ``sqlite:///`` URL); None for a server or memory."""
    text = location.strip()
    if "://" in text:
        if not text.startswith("sqlite"):
            return None
        text = text.split(":///", 1)[1] if ":///" in text else ""
        text = text.split("?", 1)[0]
    if not text or text == ":memory:":
        return None
    return os.path.realpath(os.path.expanduser(text))


def cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mscreg", appauthor=False)) / "overviews"


def cache_file(db_file: str) -> Path:
    return cache_folder() / (hashlib.sha256(db_file.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".json")


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """What the derivation's code and data are: each file's name, size and modification time."""
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.sha256(f"format {FORMAT}".encode())
        for part in _FINGERPRINTED:
            for root, dirs, files in os.walk(_PACKAGE / part):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(files):
                    if name.endswith((".pyc", ".pyo")):
                        continue
                    try:
                        st = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    rel = os.path.relpath(os.path.join(root, name), _PACKAGE)
                    h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
        _fingerprint = h.hexdigest()
    return _fingerprint


def current_key(db_file: str, as_of: dt.date) -> dict[str, object] | None:
    """The key the saved list must carry to be shown today; None when the database cannot be read."""
    found = read_key(db_file)
    if found is None:
        return None
    return {"format": FORMAT, "file": db_file, "as_of": as_of.isoformat(), "code": code_fingerprint(), **found}


# ----- saving ------------------------------------------------------------------------------------------
def _partial(p: PartialDate | None) -> list[int | bool | None] | None:
    if p is None:
        return None
    return [p.year, p.month, p.day, bool(p.approximate), p.quarter]


class _Tables:
    """The values many tracks share (country and pathway, an indication, a state and the day it holds
    since, the date of the latest event) and the companies, each written once and referred to by its
    index: the file is smaller, and reading it back checks and builds each shared value once instead of
    once per track (at 10,000 products: 36 indications, 12 companies and 5,900 dates for 24,000 tracks)."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[str, str], int] = {}
        self.texts: dict[str, int] = {}
        self.sinces: dict[tuple[int, int | None, int | None, bool, int | None], int] = {}
        self.statuses: dict[tuple[str, int | None], int] = {}
        self.days: dict[str, int] = {}

    @staticmethod
    def _index(table: dict[Any, int], value: object) -> int:
        found = table.get(value)
        if found is None:
            found = table[value] = len(table)
        return found

    def text(self, value: str | None) -> int:
        return self._index(self.texts, value or "")

    def track(self, tv: TrackOverview) -> list[Any]:
        t = tv.track
        last = max((e.date.earliest for e in tv.events if e.date is not None), default=None)
        since = tv.status.since
        since_at = None if since is None else self._index(
            self.sinces, (since.year, since.month, since.day, bool(since.approximate), since.quarter))
        return [t.id, self._index(self.kinds, (t.jurisdiction, Pathway(t.pathway).value)), self.text(t.indication),
                self.text(t.indication_zh), self._index(self.statuses, (State(tv.status.state).value, since_at)),
                None if last is None else self._index(self.days, last.isoformat())]

    def body(self) -> dict[str, list[Any]]:
        return {"kinds": [list(k) for k in self.kinds], "texts": list(self.texts), "days": list(self.days),
                "sinces": [list(k) for k in self.sinces], "statuses": [list(k) for k in self.statuses]}


def _row(ov: ProductOverview, next_deadline: Any, tables: _Tables, day: dt.date) -> list[Any]:
    p = ov.product
    company, company_zh = p.company, p.company_zh
    if ov.transfers:
        # the list shows the holder on the day where transfers are recorded, one name in both languages
        company, company_zh = ov.company_on(day), ""
    nxt = None
    if next_deadline is not None:
        c = next_deadline.clock
        nxt = [c.rule.id, c.track.id, c.due.earliest.isoformat(), c.due.latest.isoformat(), str(c.status.value)]
    return [p.id, p.name, p.name_zh, tables.text(company), tables.text(company_zh), Tissue(p.source_tissue).value,
            DonorType(p.donor_type).value, [tables.track(tv) for tv in ov.tracks], nxt]


def _default_order(ov: ProductOverview) -> tuple[bool, str]:
    """The list's default order (by the product's English name): rows saved in it are sorted again at
    the next start in one pass over the list (Python's sort finds the run) instead of n log n
    comparisons, at 10,000 products a third of the sort's time."""
    p = ov.product
    text = p.name or p.name_zh
    return (text == "", text.casefold())


def encode(key: Mapping[str, object], name: str, overviews: Sequence[ProductOverview],
           next_deadlines: Mapping[int, object], secret: bytes, as_of: dt.date) -> bytes:
    tables = _Tables()
    rows = [_row(ov, next_deadlines.get(ov.product.id or 0), tables, as_of)
            for ov in sorted(overviews, key=_default_order)]
    body = json.dumps({"name": name, **tables.body(), "rows": rows},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = json.dumps({"key": key, "digest": _digest(key, body, secret)}, separators=(",", ":")).encode("utf-8")
    return head + b"\n" + body


def _secret(create: bool) -> bytes | None:
    """This user's random key for the files' seals, kept in the config folder (not the cache): a file
    made elsewhere (another account, a synced or copied cache folder) does not carry a valid seal."""
    import platformdirs

    path = Path(platformdirs.user_config_dir("mscreg", appauthor=False)) / "overview.key"
    try:
        found = path.read_bytes()
        if len(found) == 32:
            return found
        if not create:
            return None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        made = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(made)
        return made
    except OSError:
        return None


def _digest(key: Mapping[str, object], body: bytes, secret: bytes) -> str:
    import hmac

    h = hmac.new(secret, json.dumps(key, sort_keys=True, separators=(",", ":")).encode("utf-8"), hashlib.sha256)
    h.update(b"\0")
    h.update(body)
    return h.hexdigest()


def save(location: str, name: str, overviews: Sequence[ProductOverview], next_deadlines: Mapping[int, object],
         as_of: dt.date, tail: tuple[int, str] | None) -> bool:
    """Save the list read in full at ``tail`` as of ``as_of``; False (nothing written) when the database
    moved on since that read (its tail is no longer ``tail``) or the file cannot be written."""
    db_file = sqlite_file(location)
    if db_file is None:
        return False
    key = current_key(db_file, as_of)
    if key is None or key["tail"] != (list(tail) if tail is not None else None):
        return False  # changed since it was read: that list is not what the key now says
    secret = _secret(create=True)
    if secret is None:
        return False
    data = encode(key, name, overviews, next_deadlines, secret, as_of)
    target = cache_file(db_file)
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".overview-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


# ----- loading -----------------------------------------------------------------------------------------
class _Refused(Exception):
    pass


def _since(value: object) -> PartialDate | None:
    if value is None:
        return None
    if type(value) is not list or len(value) != 5:
        raise _Refused
    year, month, day, approximate, quarter = value
    if not isinstance(approximate, bool) or not all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (year, month, day, quarter)):
        raise _Refused
    return PartialDate(year, month, day, approximate, quarter)  # checks it is a real date


_STATES = {s.value: s for s in State}
_PATHWAYS = {p.value: p for p in Pathway}
_TISSUES = {t.value: t for t in Tissue}
_DONORS = {d.value: d for d in DonorType}


def _table(body: dict[str, Any], name: str, width: int | None) -> list[Any]:
    found = body.get(name)
    if type(found) is not list or any(type(v) is not list or (width is not None and len(v) != width)
                                      for v in found):
        raise _Refused
    return found


def _shared(body: dict[str, Any]) -> tuple[dict[Any, Any], dict[Any, str], dict[Any, QuickStatus],
                                           dict[Any, tuple[_Event, ...]]]:
    """The tables of shared values, each checked against its vocabulary once: index → value."""
    kinds: dict[Any, Any] = {}
    for i, (code, pathway) in enumerate(_table(body, "kinds", 2)):
        if type(code) is not str or not (1 <= len(code) <= 8 and code.isascii() and code.isalnum()):
            raise _Refused
        kinds[i] = (code, _PATHWAYS[pathway])
    texts = _strings(body, "texts")
    if any(len(t) > MAX_TEXT for t in texts):
        raise _Refused
    sinces: dict[Any, PartialDate | None] = {i: _since(since) for i, since in enumerate(_table(body, "sinces", 5))}
    sinces[None] = None  # a state held since no known day
    statuses: dict[Any, Any] = {}
    for i, (state, since_at) in enumerate(_table(body, "statuses", 2)):
        if since_at is not None and type(since_at) is not int:
            raise _Refused
        if since_at not in sinces:  # None is a value here: a state held since no known day
            raise _Refused
        statuses[i] = QuickStatus(_STATES[state], sinces[since_at])
    events: dict[Any, tuple[_Event, ...]] = {None: ()}  # no dated event
    for i, day in enumerate(_strings(body, "days")):
        events[i] = (_Event(_Day(dt.date.fromisoformat(day))),)
    return kinds, dict(enumerate(texts)), statuses, events


def _strings(body: dict[str, Any], name: str) -> list[str]:
    found = body.get(name)
    if type(found) is not list or any(type(v) is not str for v in found):
        raise _Refused
    return found


def _decode(body: dict[str, Any], as_of: dt.date) -> QuickList:
    """Rows back into what the list shows; anything out of shape or vocabulary refuses the whole file.

    The loop is written out (no helper calls, shared objects for repeated values): at 10,000 products
    and 24,000 tracks every call per value is felt in the first paint.  A track refers to its shared
    values by index; an index that is not in its table (another type, out of range) refuses the file."""
    if type(body) is not dict:
        raise _Refused
    rows = body.get("rows")
    if type(rows) is not list:
        raise _Refused
    kinds, texts, statuses, events_of = _shared(body)
    overviews: list[QuickOverview] = []
    deadlines: list[QuickDeadline] = []
    seen: set[int] = set()
    days: dict[str, dt.date] = {}
    text_types = (str,)
    for row in rows:
        pid, name, name_zh, company_at, company_zh_at, tissue, donor, tracks_in, nxt = row
        company, company_zh = texts.get(company_at), texts.get(company_zh_at)
        if type(pid) is not int or pid <= 0 or pid in seen or type(tracks_in) is not list or company is None \
                or company_zh is None or type(company_at) is not int or type(company_zh_at) is not int:
            raise _Refused
        for value in (name, name_zh):
            if type(value) not in text_types or len(value) > MAX_TEXT:
                raise _Refused
        seen.add(pid)
        product = QuickProduct(pid, name, name_zh, company, company_zh, _TISSUES[tissue], _DONORS[donor])
        tracks: dict[int, QuickTrackView] = {}
        for tid, kind_at, indication_at, indication_zh_at, status_at, day_at in tracks_in:
            kind = kinds.get(kind_at)
            indication, indication_zh = texts.get(indication_at), texts.get(indication_zh_at)
            status = statuses.get(status_at)
            events = events_of.get(day_at)
            if type(tid) is not int or tid <= 0 or kind is None or indication is None or indication_zh is None \
                    or status is None or events is None or type(kind_at) is not int or type(status_at) is not int \
                    or type(indication_at) is not int or type(indication_zh_at) is not int:
                raise _Refused
            tracks[tid] = QuickTrackView(QuickTrack(tid, kind[0], kind[1], indication, indication_zh), status, events)
        overviews.append(QuickOverview(product, tuple(tracks.values())))
        if nxt is not None:
            rule, tid, earliest, latest, clock_status = nxt
            tv = tracks.get(tid)
            if type(rule) is not str or f"clock.{rule}.description" not in messages.MESSAGES or tv is None \
                    or clock_status not in OPEN_CLOCK_STATUSES:
                raise _Refused
            due = _Due(days.get(earliest) or days.setdefault(earliest, dt.date.fromisoformat(earliest)),
                       days.get(latest) or days.setdefault(latest, dt.date.fromisoformat(latest)))
            if due.latest < due.earliest:
                raise _Refused
            deadlines.append(QuickDeadline(product, _Clock(_Rule(rule), tv.track, due, _ClockStatus(clock_status))))
    name = body.get("name")
    if type(name) is not str or len(name) > MAX_TEXT:
        raise _Refused
    return QuickList(name, as_of, overviews, deadlines, frozenset(seen))


def load(location: str, as_of: dt.date) -> QuickList | None:
    """The list saved for ``location`` if its key is today's key and it reads back whole; else None."""
    try:
        db_file = sqlite_file(location)
        if db_file is None or not os.path.isfile(db_file):
            return None
        path = cache_file(db_file)
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        secret = _secret(create=False)
        key = current_key(db_file, as_of) if secret is not None else None
        if key is None or secret is None:
            return None
        data = path.read_bytes()
        head, sep, body = data.partition(b"\n")
        if not sep:
            return None
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        import hmac

        if not hmac.compare_digest(str(header.get("digest")), _digest(key, body, secret)):
            return None
        from mscreg.services.object_churn import collector_paused

        with collector_paused():  # a hundred thousand small acyclic objects: collections only slow it down
            found = _decode(json.loads(body), as_of)
        products = key["products"]
        if not isinstance(products, list | tuple) or len(products) != 2:
            return None
        count, top = products
        if len(found.overviews) != count or (found.ids and max(found.ids) != top):
            return None
        return found
    except Exception:
        return None  # a file that cannot be trusted is not shown; the full read follows anyway
