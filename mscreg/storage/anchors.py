"""Audit anchors: the end of a trail written down outside the database, optionally signed.

The hash chain alone proves only that the rows agree with one another.  Anyone who can write the
file can append a row with a correct hash, edit a row and recompute every hash after it, or delete
the last change together with its audit row, and the chain still verifies.  An anchor records the
trail's last row (its id and hash) somewhere else: in a small JSON file, beside a backup, in the
user's anchor history.  Because every row's hash covers the previous row's hash, the hash of row N
commits to rows 1..N exactly; a trail that still has row N with that hash has the same first N rows
as when the anchor was made, and one that does not was changed (or is another database).

What an anchor does *not* prove: anything about the rows after it.  A row appended later, forged or
genuine, looks the same to it; only a later anchor taken before the forgery narrows that window.  An
unsigned anchor is only as trustworthy as the place it is kept; a signed one (HMAC-SHA256 with a key
kept outside the database) cannot be made or altered without the key.

This module knows the document, its signature and how a trail relates to it; where keys and the
history live is the services' business (:mod:`mscreg.services.anchoring`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from mscreg.domain.errors import InvalidInput, Problem
from mscreg.storage.audit import GENESIS
from mscreg.storage.tables import AuditRow, table_of

FORMAT = "mscreg-audit-anchor"
VERSION = 1
ALGORITHM = "HMAC-SHA256"
# An anchor is a few hundred bytes; anything much larger is not one (and is not read whole).
MAX_ANCHOR_BYTES = 64 * 1024
# Why the anchor was taken.  "restore" and "created" start a new line of history for a database:
# anchors recorded before them describe a trail that was replaced.
KINDS = ("anchor", "backup", "restore", "created")
RESETTING_KINDS = frozenset({"restore", "created"})

_BODY_KEYS = ("format", "version", "kind", "database", "file", "identity", "tail_id", "tail_hash", "made_utc",
              "made_by", "extends_history")
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class TrailEnd:
    """What an anchor records of a trail: its first row's hash (the identity) and its last row."""

    identity: str  # hash of audit row 1; "" while the trail is empty
    tail_id: int  # 0 for an empty trail
    tail_hash: str  # GENESIS for an empty trail


@dataclass(frozen=True)
class Anchor:
    kind: str
    database: str  # the database the trail belongs to: its file path, or its URL without password
    file: str  # the file read: the database itself, or a backup copy of it
    identity: str
    tail_id: int
    tail_hash: str
    made_utc: str
    made_by: str
    # Whether the trail extended every anchor already known for the database when this one was taken
    # (an anchor of a trail that did not is kept as a record but never trusted as a reference).
    extends_history: bool = True
    key_id: str = ""
    signature: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signature)

    @property
    def end(self) -> TrailEnd:
        return TrailEnd(self.identity, self.tail_id, self.tail_hash)

    def body(self) -> dict[str, Any]:
        """Every field the signature covers."""
        return {"format": FORMAT, "version": VERSION, "kind": self.kind, "database": self.database,
                "file": self.file, "identity": self.identity, "tail_id": self.tail_id,
                "tail_hash": self.tail_hash, "made_utc": self.made_utc, "made_by": self.made_by,
                "extends_history": self.extends_history}

    def document(self) -> dict[str, Any]:
        sig = {"algorithm": ALGORITHM, "key_id": self.key_id, "value": self.signature} if self.signed else None
        return {**self.body(), "signature": sig}

    def to_json(self) -> str:
        """The anchor file: indented, UTF-8, one document."""
        return json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n"

    def to_line(self) -> str:
        """One line of the anchor history (JSON lines)."""
        return json.dumps(self.document(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def key_id(secret: bytes) -> str:
    """A short public name for a key, so a wrong key can be told from a forged signature."""
    return hashlib.sha256(b"mscreg anchor key id\x00" + secret).hexdigest()[:16]


def _signed_bytes(anchor: Anchor) -> bytes:
    body = anchor.body()
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(anchor: Anchor, secret: bytes) -> Anchor:
    mac = hmac.new(secret, _signed_bytes(anchor), hashlib.sha256).hexdigest()
    return replace(anchor, key_id=key_id(secret), signature=mac)


def signature_matches(anchor: Anchor, secret: bytes) -> bool:
    """True when ``anchor`` was signed with ``secret`` and nothing it covers changed since."""
    if not anchor.signed:
        return False
    mac = hmac.new(secret, _signed_bytes(anchor), hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, anchor.signature)


# ----- reading an anchor document ------------------------------------------------------------------
def _refuse(field: str, value: str, code: str, **params: Any) -> InvalidInput:
    """Why a file is not an anchor, as a catalogue text: the user reads it in their language."""
    return InvalidInput(Problem(field, value, code, params))


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _shown(found: Any) -> str:
    """A value found in the file, as JSON shows it, cut short (it may be anything an editor left)."""
    text = json.dumps(found, ensure_ascii=False)
    return text if len(text) <= 40 else text[:40] + "…"


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def parse_anchor(text: str, *, field: str = "anchor", value: str = "") -> Anchor:
    """An anchor document read strictly: its format and version, every field with its type.

    Anything else (a truncated file, another JSON document, a newer format) is refused naming what is
    wrong, never half-read: a mistaken anchor would "prove" the wrong thing.
    """
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        raise _refuse(field, value, "anchor.not_anchor.duplicate_key", key=exc.key) from None
    except json.JSONDecodeError as exc:
        raise _refuse(field, value, "anchor.not_anchor.json", line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):  # nesting deeper than the parser goes, a number too long
        raise _refuse(field, value, "anchor.not_anchor.unreadable_json") from None
    if not isinstance(doc, dict):
        raise _refuse(field, value, "anchor.not_anchor.not_object")
    if doc.get("format") != FORMAT:
        raise _refuse(field, value, "anchor.not_anchor.format", expected=FORMAT)
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        raise _refuse(field, value, "anchor.not_anchor.version", found=_shown(version), expected=VERSION)
    unknown = set(doc) - {*_BODY_KEYS, "signature"}
    if unknown:
        raise _refuse(field, value, "anchor.not_anchor.unknown_keys", keys=", ".join(sorted(unknown)))
    missing = [k for k in (*_BODY_KEYS, "signature") if k not in doc]
    if missing:
        raise _refuse(field, value, "anchor.not_anchor.missing_keys", keys=", ".join(missing))
    for key in ("kind", "database", "file", "identity", "made_utc", "made_by"):
        if not isinstance(doc[key], str):
            raise _refuse(field, value, "anchor.not_anchor.not_text", key=key, found=_shown(doc[key]))
    if doc["kind"] not in KINDS:
        raise _refuse(field, value, "anchor.not_anchor.kind", found=_shown(doc["kind"]), expected=", ".join(KINDS))
    tail_id = doc["tail_id"]
    if type(tail_id) is not int or tail_id < 0 or tail_id > 2**63 - 1:
        raise _refuse(field, value, "anchor.not_anchor.row", key="tail_id", found=_shown(tail_id))
    if not _is_hash(doc["tail_hash"]) or (doc["identity"] and not _is_hash(doc["identity"])):
        raise _refuse(field, value, "anchor.not_anchor.hash")
    if (tail_id == 0) != (doc["tail_hash"] == GENESIS) or (tail_id == 0) != (doc["identity"] == ""):
        raise _refuse(field, value, "anchor.not_anchor.empty_trail")
    if type(doc["extends_history"]) is not bool:
        raise _refuse(field, value, "anchor.not_anchor.flag", key="extends_history",
                      found=_shown(doc["extends_history"]))
    sig = doc["signature"]
    key, mac = "", ""
    if sig is not None:
        if not isinstance(sig, dict) or set(sig) != {"algorithm", "key_id", "value"}:
            raise _refuse(field, value, "anchor.not_anchor.signature_shape")
        if sig["algorithm"] != ALGORITHM:
            raise _refuse(field, value, "anchor.not_anchor.algorithm", found=_shown(sig["algorithm"]),
                          expected=ALGORITHM)
        if not (isinstance(sig["key_id"], str) and len(sig["key_id"]) == 16 and set(sig["key_id"]) <= _HEX
                and _is_hash(sig["value"])):
            raise _refuse(field, value, "anchor.not_anchor.signature_value")
        key, mac = sig["key_id"], sig["value"]
    return Anchor(kind=doc["kind"], database=doc["database"], file=doc["file"], identity=doc["identity"],
                  tail_id=tail_id, tail_hash=doc["tail_hash"], made_utc=doc["made_utc"], made_by=doc["made_by"],
                  extends_history=doc["extends_history"], key_id=key, signature=mac)


def read_anchor_file(path: Path, *, field: str = "anchor") -> Anchor:
    """:func:`parse_anchor` of a file, refusing what cannot be read or is far too large to be one."""
    value = str(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_ANCHOR_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInput(Problem(field, value, "file.missing")) from None
    except IsADirectoryError:
        raise InvalidInput(Problem(field, value, "db.is_folder")) from None
    except OSError as exc:
        raise InvalidInput(Problem(field, value, "db.unreadable", {"detail": exc.strerror or str(exc)})) from None
    if len(raw) > MAX_ANCHOR_BYTES:
        raise _refuse(field, value, "anchor.not_anchor.size", limit=MAX_ANCHOR_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(field, value, "anchor.not_anchor.encoding") from None
    return parse_anchor(text, field=field, value=value)


# ----- the trail an anchor is compared with --------------------------------------------------------
def trail_end(session: Session) -> TrailEnd:
    a = table_of(AuditRow).c
    last = session.execute(sa.select(a.id, a.hash).order_by(a.id.desc()).limit(1)).first()
    if last is None:
        return TrailEnd("", 0, GENESIS)
    first = session.execute(sa.select(a.hash).order_by(a.id).limit(1)).scalar_one()
    return TrailEnd(first, last[0], last[1])


def hashes_at(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """``{id: hash}`` of the audit rows with those ids that exist."""
    a = table_of(AuditRow).c
    wanted = sorted({i for i in ids if i > 0})
    out: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        out.update({i: h for i, h in session.execute(sa.select(a.id, a.hash).where(a.id.in_(chunk)))})
    return out


def restores_after(session: Session, made_utc: str) -> list[tuple[int, str, str]]:
    """The restores the trail records after ``made_utc``: (audit row, when, the file restored)."""
    a = table_of(AuditRow).c
    q = (sa.select(a.id, a.at_utc, a.changes).where(a.entity == "database", a.action == "restore",
                                                   a.at_utc > made_utc).order_by(a.id))
    out = []
    for row_id, at, changes in session.execute(q):
        try:
            source = json.loads(changes).get("restored_from", [None, ""])[1] or ""
        except (ValueError, AttributeError, IndexError, TypeError):
            source = ""
        out.append((row_id, at, str(source)))
    return out


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)


def file_trail_end(path: Path) -> TrailEnd:
    """:func:`trail_end` of an SQLite file (a backup), read without opening it as a workspace."""
    con = _read_only(path)
    try:
        last = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        if last is None:
            return TrailEnd("", 0, GENESIS)
        first = con.execute("SELECT hash FROM audit_log ORDER BY id LIMIT 1").fetchone()[0]
        return TrailEnd(first, last[0], last[1])
    finally:
        con.close()


def file_hashes_at(path: Path, ids: Iterable[int]) -> dict[int, str]:
    con = _read_only(path)
    try:
        wanted = sorted({i for i in ids if i > 0})
        out: dict[int, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(dict(con.execute(f"SELECT id, hash FROM audit_log WHERE id IN ({marks})", chunk)))
        return out
    finally:
        con.close()


def rows_not_in(replaced: Path, copy: Path) -> tuple[int, int]:
    """(rows of ``replaced``'s trail, how many of them ``copy`` does not have).

    Rows are the same when id and hash are the same; as each hash covers the one before, the rows two
    trails share are a common beginning, and everything of ``replaced`` after it is not in ``copy``.
    """
    a, b = _read_only(replaced), _read_only(copy)
    try:
        total = a.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        common = 0
        theirs = b.execute("SELECT id, hash FROM audit_log ORDER BY id")
        for (id_a, hash_a), row_b in zip(a.execute("SELECT id, hash FROM audit_log ORDER BY id"), theirs,
                                         strict=False):
            if (id_a, hash_a) != tuple(row_b):
                break
            common += 1
        return total, total - common
    finally:
        a.close()
        b.close()


# ----- how a trail stands to an anchor -------------------------------------------------------------
EXTENDS = "extends"  # the trail has the anchor's row with the anchor's hash: its first rows are unchanged
CONTRADICTS = "contradicts"  # the trail has that row with another hash: a row up to it was changed
OTHER_DATABASE = "other_database"  # the trail's first row differs: another database, or a rewritten one
ENDS_BEFORE = "ends_before"  # the trail ends before the anchor's row: rows were removed (or it is older)


def relation(anchor: Anchor | TrailEnd, end: TrailEnd, found: Mapping[int, str]) -> str:
    """Where a trail ending at ``end`` stands to ``anchor``; ``found`` holds the trail's hash at the
    anchor's row (from :func:`hashes_at` / :func:`file_hashes_at`)."""
    if anchor.tail_id == 0:
        return EXTENDS  # an empty beginning is the beginning of every trail
    if end.identity and anchor.identity and end.identity != anchor.identity:
        return OTHER_DATABASE
    if anchor.tail_id > end.tail_id:
        return ENDS_BEFORE
    return EXTENDS if found.get(anchor.tail_id) == anchor.tail_hash else CONTRADICTS
