"""Anchoring the audit trail outside the database: the signing key, anchor files, the anchor history.

An anchor (see :mod:`mscreg.storage.anchors`) records the last row of the trail: its id and hash,
the hash of the first row (the database's identity), when and by whom.  It is signed with
HMAC-SHA256 when a key can be had: the key lives in the user's config folder
(``anchor-signing.key``, created on first use, readable by the user only) or wherever ``--key``
says, never in the database, so whoever can edit the database cannot forge an anchor.

Anchors are kept in three places:

* a file the user asks for (``mscreg anchor --out FILE``), to keep wherever they like;
* beside every backup (``<backup>.anchor.json``): a backup is a frozen copy, so its trail must end
  exactly at its anchor; a row added to the copy or removed from it later shows;
* the user's anchor history (one JSON-lines file per database in the user's state folder), where
  every anchor, backup and restore of a database is recorded.  ``check`` and ``restore`` compare a
  trail with the anchors recorded since the database was last created or restored there.

What an anchor proves: the trail's first N rows (N = the anchor's row) are exactly those that
existed when it was made; a row edited, deleted, inserted or reordered up to N, a chain recomputed
over an edit, or a copy of another database is found.  A trail that ends before the anchor's row
lost rows (the last change deleted with its audit row).  What it does not prove: anything after row
N.  A row appended later, forged with a correct hash or genuine, is not told apart; an anchor taken
after a forgery vouches for it.  The window closes with each new anchor (each backup takes one), and
``mscreg anchor`` refuses to vouch for a trail that does not extend the anchors already recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mscreg.domain.errors import CheckFailed, InvalidInput, MscregError, Problem
from mscreg.storage import anchors as store
from mscreg.storage.anchors import CONTRADICTS, ENDS_BEFORE, EXTENDS, OTHER_DATABASE, Anchor, TrailEnd

if TYPE_CHECKING:
    from mscreg.services.workspace import Workspace

APP = "mscreg"
KEY_FILENAME = "anchor-signing.key"
HISTORY_FOLDER = "anchors"
_KEY_BYTES = 32
_MAX_KEY_FILE = 4096


# ----- the signing key ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SigningKey:
    """The key anchors are signed with, or why there is none (then anchors are made unsigned)."""

    path: Path
    secret: bytes | None = field(default=None, repr=False)
    created: bool = False
    missing: str = ""  # why there is no key: "absent" or what stopped its creation

    @property
    def id(self) -> str:
        return store.key_id(self.secret) if self.secret else ""

    @property
    def readable_by_others(self) -> bool:
        if os.name != "posix" or self.secret is None:
            return False
        try:
            return bool(self.path.stat().st_mode & 0o077)
        except OSError:
            return False


def default_key_path() -> Path:
    from mscreg.services.user_folders import user_folder

    return user_folder("config") / KEY_FILENAME


def _read_key(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            raw = fh.read(_MAX_KEY_FILE + 1)
    except IsADirectoryError:
        raise InvalidInput(Problem("signing_key", str(path), "db.is_folder")) from None
    except OSError as exc:
        raise InvalidInput(Problem("signing_key", str(path), "db.unreadable",
                                   {"detail": exc.strerror or str(exc)})) from None
    try:
        text = raw.decode("ascii").strip()
        if len(raw) > _MAX_KEY_FILE or len(text) != 2 * _KEY_BYTES:
            raise ValueError
        return bytes.fromhex(text)
    except ValueError:
        raise InvalidInput(Problem("signing_key", str(path), "anchor.key_invalid",
                                   {"digits": 2 * _KEY_BYTES})) from None


def _create_key(path: Path) -> bytes:
    """A new random key at ``path``, readable by its owner only; never over an existing key.

    Written under a temporary name and linked into place, so two processes creating it at once end
    up with one key (the loser reads the winner's) and nobody ever reads half a key.
    """
    secret = secrets.token_bytes(_KEY_BYTES)
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret.hex() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _read_key(path)
        except OSError:  # a filesystem without hard links: an exclusive rename is the next best
            if path.exists():
                return _read_key(path)
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return secret


def load_key(explicit: str | os.PathLike[str] | None = None, *, create: bool) -> SigningKey:
    """The signing key at ``explicit`` or in the user's config folder.

    ``create``: make one if there is none (``mscreg anchor``, backups, restores); checks never
    create one, since a new key cannot verify anything.  A key file that exists but is not a key is
    refused rather than ignored: anchors made meanwhile would silently go unsigned.  When a key
    cannot be created (a read-only config folder), the result says why and anchors go unsigned.
    """
    path = Path(explicit).expanduser() if explicit else default_key_path()
    if path.exists():
        return SigningKey(path, _read_key(path))
    if not create:
        return SigningKey(path, missing="absent")
    if explicit and not path.parent.is_dir():
        raise InvalidInput(Problem("signing_key", str(path), "db.folder_missing"))
    try:
        if not explicit:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return SigningKey(path, _create_key(path), created=True)
    except OSError as exc:
        if explicit:
            raise InvalidInput(Problem("signing_key", str(path), "anchor.write_failed",
                                       {"detail": exc.strerror or str(exc)})) from None
        return SigningKey(path, missing=exc.strerror or str(exc))


def _sign(anchor: Anchor, key: SigningKey | None) -> Anchor:
    return store.sign(anchor, key.secret) if key is not None and key.secret else anchor


# ----- where anchors are kept -----------------------------------------------------------------------
def history_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir(APP, appauthor=False)) / HISTORY_FOLDER


def database_name(ws: Workspace) -> str:
    """How the anchor history names a database: its resolved file path, or its URL without password."""
    path = ws.db.path
    return str(path.resolve()) if path is not None else ws.location


def history_file(database: str) -> Path:
    return history_folder() / f"{hashlib.sha256(database.encode('utf-8')).hexdigest()[:32]}.jsonl"


def append_history(anchor: Anchor) -> Path:
    """Add one anchor to its database's history (appended and synced; raises OSError on failure)."""
    target = history_file(anchor.database)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (anchor.to_line() + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


@dataclass(frozen=True)
class Known:
    """An anchor from the history or beside a backup, and how far its signature can be trusted."""

    anchor: Anchor
    trust: str  # "signed" (verified), "unsigned", "other_key" (signed with a key not here), "bad_signature"


def _trust(anchor: Anchor, key: SigningKey | None) -> str:
    if not anchor.signed:
        return "unsigned"
    if key is None or key.secret is None or anchor.key_id != key.id:
        return "other_key"
    return "signed" if store.signature_matches(anchor, key.secret) else "bad_signature"


@dataclass(frozen=True)
class History:
    database: str
    entries: list[Known]  # in the order recorded
    unreadable: int = 0  # lines that are not anchors (a damaged or edited history file)

    @property
    def tampered(self) -> list[Known]:
        return [k for k in self.entries if k.trust == "bad_signature"]

    def references(self) -> list[Known]:
        """The anchors a trail of this database must extend now: those recorded since it was last
        created or restored here (that entry included), that extended the history when recorded,
        and whose signature is not false."""
        usable = [k for k in self.entries if k.trust != "bad_signature"]
        start = 0
        for i, k in enumerate(usable):
            if k.anchor.kind in store.RESETTING_KINDS:
                start = i
        return [k for k in usable[start:] if k.anchor.extends_history]

    def last_reset(self) -> Known | None:
        resets = [k for k in self.entries if k.trust != "bad_signature" and k.anchor.kind in store.RESETTING_KINDS]
        return resets[-1] if resets else None


def read_history(database: str, key: SigningKey | None) -> History:
    """The anchors recorded for ``database`` on this computer (none when there is no history)."""
    path = history_file(database)
    entries: list[Known] = []
    unreadable = 0
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return History(database, [])
    for line in lines:
        if not line.strip():
            continue
        try:
            anchor = store.parse_anchor(line, field="history", value=str(path))
        except InvalidInput:
            unreadable += 1
            continue
        if anchor.database != database:  # another database whose name hashes alike: not ours
            continue
        entries.append(Known(anchor, _trust(anchor, key)))
    return History(database, entries, unreadable)


# ----- comparing a trail with anchors ---------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """How a trail stands to one anchor."""

    known: Known
    relation: str  # storage.anchors EXTENDS / CONTRADICTS / OTHER_DATABASE / ENDS_BEFORE, or "appended"
    end: TrailEnd
    found_hash: str | None
    label: str  # what the anchor is, for messages: a file path or the time it was recorded

    @property
    def anchor(self) -> Anchor:
        return self.known.anchor

    def problem(self) -> Problem:
        a = self.anchor
        params = {"row": a.tail_id, "made": shown_time(a.made_utc), "tail": self.end.tail_id,
                  "missing": a.tail_id - self.end.tail_id, "extra": self.end.tail_id - a.tail_id,
                  "found": (self.found_hash or "")[:12], "expected": a.tail_hash[:12]}
        code = {CONTRADICTS: "anchor.contradicts", ENDS_BEFORE: "anchor.ends_before",
                OTHER_DATABASE: "anchor.other_database", "appended": "anchor.copy_appended"}.get(
                    self.relation, "anchor.contradicts")
        return Problem("anchor", self.label, code, params)


def shown_time(made_utc: str) -> str:
    """``2026-05-01T12:00:00Z`` for ``2026-05-01T12:00:00.123456Z``."""
    return made_utc.split(".")[0].rstrip("Z") + "Z" if made_utc else "?"


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _label(known: Known, file: Path | None = None) -> str:
    """How messages name an anchor: its file, or for one from the history its kind and time."""
    return str(file) if file is not None else f"{known.anchor.kind} {shown_time(known.anchor.made_utc)}"


def compare(knowns: Iterable[Known], end: TrailEnd, found: dict[int, str], *,
            file: Path | None = None) -> list[Finding]:
    return [Finding(k, store.relation(k.anchor, end, found), end, found.get(k.anchor.tail_id), _label(k, file))
            for k in knowns]


@dataclass(frozen=True)
class HistoryCheck:
    """An open database's trail against the anchors recorded for it on this computer."""

    database: str
    findings: list[Finding]
    tampered: int = 0
    unreadable: int = 0

    @property
    def ok(self) -> bool:
        return all(f.relation == EXTENDS for f in self.findings)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.relation != EXTENDS]

    @property
    def newest(self) -> Anchor | None:
        return max((f.anchor for f in self.findings), key=lambda a: (a.tail_id, a.made_utc), default=None)


def check_history(ws: Workspace, key: SigningKey | None = None) -> HistoryCheck:
    """Does the open database's trail extend every anchor recorded for it since its last creation or
    restore?  Here a trail that ends before an anchor's row lost rows: a database only grows."""
    database = database_name(ws)
    if key is None:
        try:
            key = load_key(None, create=False)
        except InvalidInput:
            key = None
    history = read_history(database, key)
    refs = history.references()
    with ws.db.read() as s:
        end = store.trail_end(s)
        found = store.hashes_at(s, [k.anchor.tail_id for k in refs])
    return HistoryCheck(database, compare(refs, end, found), len(history.tampered), history.unreadable)


# ----- check --anchor FILE --------------------------------------------------------------------------
@dataclass(frozen=True)
class AnchorCheck:
    file: Path
    anchor: Anchor
    key: SigningKey
    finding: Finding
    # Restores recorded in the trail after the anchor was made: (audit row, when, from which file).
    # A trail that no longer extends an anchor because it was restored since is told apart this way.
    restores_since: tuple[tuple[int, str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.finding.relation == EXTENDS

    @property
    def rows_after(self) -> int:
        """Rows added since the anchor, about which it proves nothing."""
        return max(0, self.finding.end.tail_id - self.anchor.tail_id)


def verify_signature(anchor: Anchor, key: SigningKey, *, field: str, value: str) -> str:
    """"signed" or "unsigned"; raises :class:`CheckFailed` when the signature cannot be trusted."""
    if not anchor.signed:
        return "unsigned"
    params = {"key_id": anchor.key_id, "key": str(key.path), "found": key.id}
    if key.secret is None:
        raise CheckFailed(Problem(field, value, "anchor.key_absent", params))
    if anchor.key_id != key.id:
        raise CheckFailed(Problem(field, value, "anchor.other_key", params))
    if not store.signature_matches(anchor, key.secret):
        raise CheckFailed(Problem(field, value, "anchor.bad_signature"))
    return "signed"


def check_anchor_file(ws: Workspace, file: str | os.PathLike[str],
                      key_file: str | os.PathLike[str] | None = None) -> AnchorCheck:
    """Read and authenticate an anchor file, then say how the open trail stands to it.

    A malformed file is refused (exit 2); a signature that does not verify, was made with another key,
    or cannot be checked for want of the key is a failed check (exit 7): such an anchor proves nothing.
    So is an unsigned anchor when a signing key exists.
    """
    path = Path(file).expanduser()
    anchor = store.read_anchor_file(path, field="anchor")
    key = load_key(key_file, create=False)
    if key_file and key.secret is None:
        raise InvalidInput(Problem("signing_key", str(key.path), "file.missing"))
    if not anchor.signed and key.secret is not None:
        # mscreg signs every anchor where a key exists: an unsigned one beside a key is one whose
        # signature was stripped (or one written by hand), and proves nothing
        raise CheckFailed(Problem("anchor", str(path), "anchor.unsigned_with_key",
                                  {"key": str(key.path), "key_id": key.id}))
    trust = verify_signature(anchor, key, field="anchor", value=str(path))
    with ws.db.read() as s:
        end = store.trail_end(s)
        found = store.hashes_at(s, [anchor.tail_id])
        finding = compare([Known(anchor, trust)], end, found, file=path)[0]
        restores = store.restores_after(s, anchor.made_utc) if finding.relation != EXTENDS else ()
    return AnchorCheck(path, anchor, key, finding, tuple(restores))


# ----- writing anchor files -------------------------------------------------------------------------
def refuse_unsafe_output(target: Path, db_path: Path | None, *, field: str = "out") -> None:
    """Refuse to write ``target`` when it is the database, a file SQLite keeps beside it, anything in its
    backup folder (a backup's own anchor file among them), the signing key or the anchor history, a
    link to nothing, or a folder: the same checks as every other output, then the anchor's own."""
    from mscreg.services import output_files

    # the database and its companion files too; an earlier anchor may be replaced, a backup's never
    output_files.check_output(target, db_path, field=field, anchors=True)
    if target.is_dir():
        raise InvalidInput(Problem(field, str(target), "db.is_folder"))
    if not target.parent.is_dir():
        raise InvalidInput(Problem(field, str(target), "db.folder_missing"))


def _write_atomically(target: Path, text: str, *, field: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, sync it, rename it into place.

    Created with the usual permissions (the umask decides), so an anchor can be shared like any
    document; only the key is private.
    """
    from mscreg.storage.backup import partial_name, remove_stale_partials

    remove_stale_partials(target.parent, name=target.name)
    tmp = partial_name(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise InvalidInput(Problem(field, str(target), "anchor.write_failed",
                                   {"detail": exc.strerror or str(exc)})) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_anchor_file(anchor: Anchor, out: str | os.PathLike[str], db_path: Path | None) -> Path:
    """Write ``anchor`` to ``out``: never over the database or its companions, never over a file that
    is not an anchor (an earlier anchor may be replaced: the history keeps it anyway)."""
    target = Path(out).expanduser()
    refuse_unsafe_output(target, db_path)
    if target.exists():
        try:
            store.read_anchor_file(target, field="out")
        except MscregError:
            raise InvalidInput(Problem("out", str(target), "anchor.out_exists")) from None
    _write_atomically(target, anchor.to_json(), field="out")
    return target


# ----- mscreg anchor -------------------------------------------------------------------------------
@dataclass(frozen=True)
class MadeAnchor:
    anchor: Anchor
    key: SigningKey
    out: Path | None
    history: Path | None
    history_problem: str = ""
    references: int = 0  # anchors the trail was found to extend


def make_anchor(ws: Workspace, *, out: str | os.PathLike[str] | None = None,
                key_file: str | os.PathLike[str] | None = None) -> MadeAnchor:
    """Anchor the open database's trail now; refused when the trail does not verify or does not extend
    the anchors already recorded for it (an anchor would then vouch for what it should expose)."""
    from mscreg.services.integrity import check_database

    database = database_name(ws)
    target = Path(out).expanduser() if out else None
    if target is not None:
        refuse_unsafe_output(target, ws.db.path)
    key = load_key(key_file, create=True)
    with ws.db.read() as s:
        end = store.trail_end(s)  # first: the check below then covers at least these rows
    report = check_database(ws)
    if not report.ok:
        raise CheckFailed(Problem("database", database, "anchor.trail_unsound",
                                  {"detail": report.summary("en").replace("\n", "; ")}))
    history = check_history(ws, key)
    if not history.ok:
        raise CheckFailed([Problem("database", database, "anchor.refused_history"),
                           *(f.problem() for f in history.failures)])
    anchor = _sign(Anchor(kind="anchor", database=database, file=database, identity=end.identity,
                          tail_id=end.tail_id, tail_hash=end.tail_hash, made_utc=utc_now_text(),
                          made_by=_actor()), key)
    written = write_anchor_file(anchor, target, ws.db.path) if target is not None else None
    try:
        recorded: Path | None = append_history(anchor)
        problem = ""
    except OSError as exc:
        recorded, problem = None, exc.strerror or str(exc)
    return MadeAnchor(anchor, key, written, recorded, problem, len(history.findings))


def _actor() -> str:
    from mscreg.storage.audit import current_actor

    return current_actor()


# ----- anchors of backups ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupAnchor:
    anchor: Anchor
    file: Path | None  # <backup>.anchor.json, None when it could not be written
    recorded: bool  # in the history
    key: SigningKey


def record_backup(database: str, backup: Path, *, key: SigningKey | None = None) -> BackupAnchor | None:
    """Anchor a backup just taken: beside it and in its database's history.

    The anchor is of the copy itself (so it matches the copy exactly, whatever was written to the
    database meanwhile).  A backup must never fail for want of its anchor: any failure here leaves
    the backup as it is and returns None (or a result saying what was not recorded).
    """
    try:
        if key is None:
            key = load_key(None, create=True)
        end = store.file_trail_end(backup)
        refs = read_history(database, key).references()
        found = store.file_hashes_at(backup, [k.anchor.tail_id for k in refs])
        extends = all(f.relation == EXTENDS for f in compare(refs, end, found))
        anchor = _sign(Anchor(kind="backup", database=database, file=str(backup.resolve()), identity=end.identity,
                              tail_id=end.tail_id, tail_hash=end.tail_hash, made_utc=utc_now_text(),
                              made_by=_actor(), extends_history=extends), key)
    except (OSError, sqlite3.Error, MscregError):
        return None
    from mscreg.storage.backup import anchor_file_of

    sidecar: Path | None = anchor_file_of(backup)
    try:  # mscreg's own file beside its own backup (inside the backup folder, where no user output may go)
        if sidecar is not None:
            _write_atomically(sidecar, anchor.to_json(), field="out")
    except MscregError:
        sidecar = None
    try:
        append_history(anchor)
        recorded = True
    except OSError:
        recorded = False
    return BackupAnchor(anchor, sidecar, recorded, key)


# ----- restoring a copy -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CopyAssessment:
    """How a copy about to be restored stands to the anchors known for it and for the database."""

    copy_end: TrailEnd
    own: list[Finding]  # the copy's own anchors (beside it, or recorded when it was made): must match exactly
    own_problems: list[Problem]  # an anchor beside the copy that cannot be read or trusted
    known: list[Finding]  # the database's reference anchors
    explained: bool  # the copy was anchored before the database's last restore: differences are expected
    tampered: int = 0

    @property
    def own_matches(self) -> bool:
        return bool(self.own) and all(f.relation == EXTENDS for f in self.own)

    @property
    def problems(self) -> list[Problem]:
        out = list(self.own_problems)
        out.extend(f.problem() for f in self.own if f.relation != EXTENDS)
        if not self.explained:
            out.extend(f.problem() for f in self.known if f.relation in (CONTRADICTS, OTHER_DATABASE))
        return out

    @property
    def extended(self) -> list[Finding]:
        return [f for f in self.known if f.relation == EXTENDS]

    @property
    def later(self) -> list[Finding]:
        """Anchors of rows the copy does not reach: it is older than they are."""
        return [f for f in self.known if f.relation == ENDS_BEFORE]

    @property
    def contradicted(self) -> list[Finding]:
        return [f for f in self.known if f.relation in (CONTRADICTS, OTHER_DATABASE)]

    def summary(self) -> dict[str, object]:
        return {"own_anchor": ("matches" if self.own_matches else "differs" if self.own or self.own_problems
                               else "none"),
                "extended": len(self.extended), "later_than_copy": len(self.later),
                "contradicted": len(self.contradicted), "before_last_restore": self.explained}


def _exact(f: Finding) -> Finding:
    """A copy's own anchor must be its last row: more rows than it recorded were added afterwards."""
    if f.relation == EXTENDS and f.end.tail_id > f.anchor.tail_id:
        return Finding(f.known, "appended", f.end, f.found_hash, f.label)
    return f


def assess_copy(src: Path, database: str, key: SigningKey) -> CopyAssessment:
    from mscreg.storage.backup import anchor_file_of

    end = store.file_trail_end(src)
    resolved = str(src.resolve())
    history = read_history(database, key)
    own_known: list[tuple[Known, Path | None]] = []
    own_problems: list[Problem] = []
    sidecar = anchor_file_of(src)
    if sidecar.exists():
        try:
            anchor = store.read_anchor_file(sidecar, field="anchor")
        except MscregError as exc:
            own_problems.extend(exc.problems)
        else:
            trust = _trust(anchor, key)
            if trust == "bad_signature":
                own_problems.append(Problem("anchor", str(sidecar), "anchor.bad_signature"))
            else:  # signed with a key not here (another computer's): compared, but it explains nothing
                own_known.append((Known(anchor, trust), sidecar))
    recorded = [k for k in history.entries if k.anchor.kind == "backup" and k.anchor.file == resolved]
    own_problems.extend(Problem("anchor", _label(k), "anchor.bad_signature")
                        for k in recorded if k.trust == "bad_signature")
    beside = {k.anchor for k, _ in own_known}  # the same anchor beside the copy and in the history: once
    own_known.extend((k, None) for k in recorded if k.trust != "bad_signature" and k.anchor not in beside)
    refs = history.references()
    found = store.file_hashes_at(src, [k.anchor.tail_id for k, _ in own_known] + [k.anchor.tail_id for k in refs])
    own = [_exact(compare([k], end, found, file=f)[0]) for k, f in own_known]
    known = compare(refs, end, found)
    reset = history.last_reset()
    trusted_own = [f for f in own if f.relation == EXTENDS and (f.known.trust == "signed" or key.secret is None)]
    explained = bool(reset and trusted_own and any(f.anchor.made_utc < reset.anchor.made_utc for f in trusted_own))
    return CopyAssessment(end, own, own_problems, known, explained, len(history.tampered))


def record_restore(database: str, end: TrailEnd, src: Path, key: SigningKey) -> Anchor | None:
    """After a restore, anchor the restored trail (``end``: its restore row included) as a new
    beginning of the database's history; None when the history cannot be written (the restore stands)."""
    try:
        anchor = _sign(Anchor(kind="restore", database=database, file=str(src.resolve()), identity=end.identity,
                              tail_id=end.tail_id, tail_hash=end.tail_hash, made_utc=utc_now_text(),
                              made_by=_actor()), key)
        append_history(anchor)
        return anchor
    except OSError:
        return None


def trail_end_of(ws: Workspace) -> TrailEnd | None:
    """The open database's trail end (None when it cannot be read)."""
    try:
        with ws.db.read() as s:
            return store.trail_end(s)
    except MscregError:
        return None


def record_created(ws: Workspace) -> Anchor | None:
    """A database just created (``mscreg init``) starts its own history: a file that was at the same
    place before, and was anchored there, is another database."""
    end = trail_end_of(ws)
    return _record_new(database_name(ws), end) if end is not None else None


def record_created_at(path: Path, end: TrailEnd | None) -> Anchor | None:
    """:func:`record_created` for a database file built elsewhere and moved to ``path`` (demo data);
    ``end`` was read before the move, so the file is not opened again (a read-only look at a WAL
    file would leave its -wal and -shm behind)."""
    return _record_new(str(path.resolve()), end) if end is not None else None


def _record_new(database: str, end: TrailEnd) -> Anchor | None:
    try:
        key = load_key(None, create=True)
        anchor = _sign(Anchor(kind="created", database=database, file=database, identity=end.identity,
                              tail_id=end.tail_id, tail_hash=end.tail_hash, made_utc=utc_now_text(),
                              made_by=_actor()), key)
        append_history(anchor)
        return anchor
    except (OSError, MscregError):
        return None
