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

The file is sealed (keyed BLAKE2b, a message authentication code of its own) with a random key of
this user's kept in the config folder, not in the cache: a file made or edited elsewhere (another
account, a copied or synced cache) is ignored, and every value read back is checked against its
vocabulary.  Someone who can write both of the user's folders can also write the user's database; the
seal is not meant as a defence against that.

Under the same key and seal the file keeps a second part, read only once the list is on screen
(:func:`load_complete`): every open clock as the Deadlines page shows it, and the search keys of every
product, pinyin and past holders included.  With it the Deadlines page and the search work about a
second before the full read is in (at 10,000 products the read, replay and clocks take 2-3 s of CPU);
the full read still follows and replaces both, and editing and the selected product's details still
wait for it.  The pinyin keys are saved per text, so that the full read's index takes them over
instead of computing them again (pypinyin takes seconds for 10,000 products); the key covers the
installed pinyin and script converter packages for that reason.
"""

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mscreg.domain import messages
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import DonorType, Tissue
from mscreg.domain.states import State
from mscreg.storage.quick_key import read_key

# BLAKE2 as hashlib has it, without hashlib, which loads OpenSSL (hashlib, hmac and OpenSSL cost about
# 5 ms, on the path to the list painted at start-up); likewise hmac's constant-time comparison.
try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without its own BLAKE2
    from hashlib import blake2b
from _operator import _compare_digest as compare_digest  # what hmac.compare_digest falls back to

if TYPE_CHECKING:  # the tracker imports the database layer, which this module must not load
    from mscreg.services.tracker import ProductOverview, TrackOverview

FORMAT = 6  # raise when the file's layout or what it holds changes
MAX_BYTES = 256 * 1024 * 1024
MAX_TEXT = 2000
KEY_SEPARATOR = "\x00"  # services.product_search._SEPARATOR: between the search keys of one product
OPEN_CLOCK_STATUSES = frozenset({"upcoming", "due-soon", "overdue"})  # domain.clocks.OPEN_STATUSES
_PACKAGE = Path(__file__).resolve().parent.parent
_FINGERPRINTED = ("domain", "services", "storage", "data")
_SEARCH_PACKAGES = ("pypinyin", "opencc_purepy")  # the saved pinyin and simplified-script keys come from them


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
    complete: bytes = b""  # the second part (clocks, search keys), sealed with the first, decoded later
    tail: tuple[int, str] | None = None  # the audit trail's last row the file was saved at (its key's)


class _FullDue(NamedTuple):
    earliest: dt.date
    latest: dt.date
    provisional: bool


class _Anchor(NamedTuple):
    type: str
    date: PartialDate | None


class QuickClock(NamedTuple):
    """An open clock as the Deadlines page, the notice, the Next deadline column and the "due within"
    filter use it: the attributes of ``domain.clocks.Clock`` they read."""

    rule: Any  # domain.clock_rules.ClockRule
    track: QuickTrack
    anchor: _Anchor
    due: _FullDue
    status: _ClockStatus
    occurrence: int | None = None
    settled_by: None = None  # an open clock is settled by nothing yet
    is_open: bool = True

    def days_left(self, as_of: dt.date) -> int:
        return (self.due.earliest - as_of).days


class QuickComplete(NamedTuple):
    """The second part: every open clock (soonest first, as the full read orders them) and the search."""

    deadlines: list[Any]  # QuickDeadline of a QuickClock
    search: Any  # services.product_search.SearchIndex, with pinyin keys


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
    from mscreg.services.user_folders import user_folder

    return user_folder("cache") / "overviews"


def cache_file(db_file: str) -> Path:
    return cache_folder() / (_name_digest(db_file) + ".json")


def _name_digest(db_file: str) -> str:
    return blake2b(db_file.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _remove_earlier_file(db_file: str, folder: Path) -> None:
    """The list saved for ``db_file`` by versions that named its file by SHA-256: never read again, so
    removed when a new one is saved (at 10,000 products such a file holds tens of megabytes)."""
    import contextlib
    import hashlib

    earlier = folder / (hashlib.sha256(db_file.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".json")
    with contextlib.suppress(OSError):
        earlier.unlink(missing_ok=True)


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """What the derivation's code and data are: each file's name, size and modification time."""
    global _fingerprint
    if _fingerprint is None:
        h = blake2b(f"format {FORMAT}".encode())
        for part in _FINGERPRINTED:
            _fingerprint_folder(h, str(_PACKAGE / part), part + "/")
        h.update(_packages_stamp().encode("utf-8", "surrogatepass"))
        _fingerprint = h.hexdigest()
    return _fingerprint


def _fingerprint_folder(h: Any, folder: str, rel: str) -> None:
    """A folder's files (sorted by name) and then its sub-folders, depth first, as ``os.walk`` lists them
    top-down; a directory entry is read once (about 300 files are stat-ed at every start)."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if entry.name != "__pycache__" and not entry.is_symlink():
                folders.append(entry)
            continue
        if entry.name.endswith((".pyc", ".pyo")):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        h.update(f"{rel}{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    for entry in folders:
        _fingerprint_folder(h, entry.path, f"{rel}{entry.name}/")


def _packages_stamp() -> str:
    """Where the packages behind the saved pinyin keys are and when they were installed: an upgrade may
    spell a name differently.  Found without importing them (pypinyin alone costs 250 ms)."""
    import importlib.util

    out = []
    for name in _SEARCH_PACKAGES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            st = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            st, origin = None, None
        out.append(f"{name}\0{origin}\0{st.st_size if st else -1}\0{st.st_mtime_ns if st else -1}\n")
    return "".join(out)


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

    def track(self, tv: "TrackOverview") -> list[Any]:
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


def _row(ov: "ProductOverview", next_deadline: Any, tables: _Tables, day: dt.date) -> list[Any]:
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


def _default_order(ov: "ProductOverview") -> tuple[bool, str]:
    """The list's default order (by the product's English name): rows saved in it are sorted again at
    the next start in one pass over the list (Python's sort finds the run) instead of n log n
    comparisons, at 10,000 products a third of the sort's time."""
    p = ov.product
    text = p.name or p.name_zh
    return (text == "", text.casefold())


def _complete_part(deadlines: Sequence[Any] | None, search: Any) -> bytes:
    """The second part: every open clock in the full read's order, and the search keys; empty (nothing
    to show before the full read) when the clocks or the pinyin keys are not there yet."""
    if deadlines is None or search is None or not search.has_pinyin:
        return b""
    clocks = []
    for d in deadlines:
        c = d.clock
        if not c.is_open:
            continue  # met or missed: nothing the pages shown before the full read use
        if c.settled_by is not None:
            return b""  # not a clock this file knows how to say
        a = c.anchor
        clocks.append([d.product.id, c.track.id, c.rule.id, a.type, _partial(a.date), c.due.earliest.isoformat(),
                       c.due.latest.isoformat(), bool(c.due.provisional), str(c.status.value), bool(d.review),
                       c.occurrence])
    # each product's keys as the one string the search scans (joined by a character no key holds): read
    # back with no check per key, and the index takes the strings as they are
    entries, script = search.saved_keys()
    if any(KEY_SEPARATOR in k for _pid, found in entries for k in found) \
            or any(KEY_SEPARATOR in k for found in script.values() for k in found):
        return b""
    rows = [[pid, KEY_SEPARATOR.join(found)] for pid, found in entries]
    pinyin = [[text, KEY_SEPARATOR.join(found)] for text, found in script.items() if found]
    return json.dumps({"clocks": clocks, "search": rows, "pinyin": pinyin},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode(key: Mapping[str, object], name: str, overviews: Sequence["ProductOverview"],
           next_deadlines: Mapping[int, object], secret: bytes, as_of: dt.date,
           deadlines: Sequence[Any] | None = None, search: Any = None) -> bytes:
    """The header (key and seal), the list's part, and the part read after the list is shown (JSON has
    no raw line break, so one line each); the seal covers both parts."""
    tables = _Tables()
    rows = [_row(ov, next_deadlines.get(ov.product.id or 0), tables, as_of)
            for ov in sorted(overviews, key=_default_order)]
    body = json.dumps({"name": name, **tables.body(), "rows": rows},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body += b"\n" + _complete_part(deadlines, search)
    head = json.dumps({"key": key, "digest": _digest(key, body, secret)}, separators=(",", ":")).encode("utf-8")
    return head + b"\n" + body


def _secret(create: bool) -> bytes | None:
    """This user's random key for the files' seals, kept in the config folder (not the cache): a file
    made elsewhere (another account, a synced or copied cache folder) does not carry a valid seal."""
    from mscreg.services.user_folders import user_folder

    path = user_folder("config") / "overview.key"
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
    h = blake2b(json.dumps(key, sort_keys=True, separators=(",", ":")).encode("utf-8"), digest_size=32, key=secret,
                person=b"mscreg list")
    h.update(b"\0")
    h.update(body)
    return h.hexdigest()


def save(location: str, name: str, overviews: Sequence["ProductOverview"], next_deadlines: Mapping[int, object],
         as_of: dt.date, tail: tuple[int, str] | None, deadlines: Sequence[Any] | None = None,
         search: Any = None) -> bool:
    """Save the list read in full at ``tail`` as of ``as_of``, with its clocks and search keys (pinyin
    included) when given; False (nothing written) when the database moved on since that read (its tail
    is no longer ``tail``) or the file cannot be written."""
    db_file = sqlite_file(location)
    if db_file is None:
        return False
    key = current_key(db_file, as_of)
    if key is None or key["tail"] != (list(tail) if tail is not None else None):
        return False  # changed since it was read: that list is not what the key now says
    secret = _secret(create=True)
    if secret is None:
        return False
    data = encode(key, name, overviews, next_deadlines, secret, as_of, deadlines, search)
    target = cache_file(db_file)
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".overview-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
            _remove_earlier_file(db_file, target.parent)
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
        if not compare_digest(str(header.get("digest")), _digest(key, body, secret)):
            return None
        from mscreg.services.object_churn import collector_paused

        listed, _, rest = body.partition(b"\n")  # the second part is decoded once the list is shown
        with collector_paused():  # a hundred thousand small acyclic objects: collections only slow it down
            found = _decode(json.loads(listed), as_of)
        products = key["products"]
        if not isinstance(products, list | tuple) or len(products) != 2:
            return None
        count, top = products
        if len(found.overviews) != count or (found.ids and max(found.ids) != top):
            return None
        tail = key["tail"]
        return replace(found, complete=rest, tail=(int(tail[0]), str(tail[1])) if isinstance(tail, list) else None)
    except Exception:
        return None  # a file that cannot be trusted is not shown; the full read follows anyway


def load_complete(found: QuickList) -> QuickComplete | None:
    """The second part of a list :func:`load` accepted (same key, same seal): every open clock and the
    search keys; None when the file has none (saved before the pinyin keys were ready) or anything in
    it is out of shape or vocabulary: the Deadlines page and the search then wait for the full read."""
    if not found.complete.strip():
        return None
    try:
        from mscreg.services.object_churn import collector_paused

        with collector_paused():
            return _decode_complete(json.loads(found.complete), found)
    except Exception:
        return None


def _decode_complete(body: Any, found: QuickList) -> QuickComplete:
    from mscreg.domain.clock_rules import CLOCK_RULES
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.services.product_search import SearchIndex

    if type(body) is not dict:
        raise _Refused
    products = {ov.product.id: ov.product for ov in found.overviews}
    tracks = {tv.track.id: (ov.product, tv.track) for ov in found.overviews for tv in ov.tracks}
    statuses = {v: _ClockStatus(v) for v in OPEN_CLOCK_STATUSES}
    days: dict[str, dt.date] = {}
    anchors: dict[tuple[Any, ...], PartialDate | None] = {}
    clocks_in = body.get("clocks")
    if type(clocks_in) is not list:
        raise _Refused
    deadlines: list[QuickDeadline] = []
    for pid, tid, rule_id, anchor_type, anchor_at, earliest, latest, provisional, status, review, occurrence \
            in clocks_in:
        owner = tracks.get(tid) if type(tid) is int else None
        rule = CLOCK_RULES.get(rule_id) if type(rule_id) is str else None
        st = statuses.get(status) if type(status) is str else None
        if owner is None or type(pid) is not int or owner[0].id != pid or rule is None or st is None \
                or type(anchor_type) is not str or anchor_type not in EVENT_TYPES or type(provisional) is not bool \
                or type(review) is not bool or not (occurrence is None or type(occurrence) is int) \
                or type(earliest) is not str or type(latest) is not str:
            raise _Refused
        memo = tuple(anchor_at) if type(anchor_at) is list else anchor_at
        if memo not in anchors:
            anchors[memo] = _since(anchor_at)
        due = _FullDue(days.get(earliest) or days.setdefault(earliest, dt.date.fromisoformat(earliest)),
                       days.get(latest) or days.setdefault(latest, dt.date.fromisoformat(latest)), provisional)
        if due.latest < due.earliest:
            raise _Refused
        clock = QuickClock(rule, owner[1], _Anchor(anchor_type, anchors[memo]), due, st, occurrence)
        deadlines.append(QuickDeadline(owner[0], clock, review))  # type: ignore[arg-type]  # a QuickClock has what is read
    limit = MAX_TEXT * 64  # a product's keys: its texts and their pinyin, each at most MAX_TEXT long
    entries: dict[int, str] = {}
    for pid, keys in _table(body, "search", 2):
        if type(pid) is not int or pid not in products or pid in entries or type(keys) is not str \
                or len(keys) > limit:
            raise _Refused
        entries[pid] = keys
    if len(entries) != len(products):
        raise _Refused
    script: dict[str, tuple[str, ...]] = {}
    for text, keys in _table(body, "pinyin", 2):
        if type(text) is not str or len(text) > MAX_TEXT or text in script or type(keys) is not str \
                or len(keys) > limit:
            raise _Refused
        script[text] = tuple(keys.split(KEY_SEPARATOR))
    return QuickComplete(deadlines, SearchIndex.restored(entries, script))
