"""The audit trail: one append-only row per change, chained by hashes.

Each row stores who (the OS user), when (UTC), what (entity, id, ``{field: [old, new]}``) and why,
plus the hash of the previous row.  Its own hash covers every one of those fields, so editing,
deleting or reordering any row breaks the chain at that row, and ``verify_chain`` names the first
broken link.  Rows are written in the same transaction as the change they describe.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from mscreg.domain.messages import text
from mscreg.storage.database import lock_writers
from mscreg.storage.tables import AuditRow

GENESIS = "0" * 64


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown-user"


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def row_hash(id: int, at_utc: str, actor: str, action: str, entity: str, entity_id: int, changes: str,
             reason: str, prev_hash: str) -> str:
    payload = canonical([id, at_utc, actor, action, entity, entity_id, changes, reason, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# The string encoder json.dumps uses with ensure_ascii=False (quotes and escapes one str, in C).
_json_str: Callable[[str], str] = json.encoder.encode_basestring


class RowHasher:
    """:func:`row_hash` for many rows sharing their time, actor and reason (one bulk write).

    ``row_hash`` runs ``json.dumps`` over a nine-item list for every row; a 100,000-record import
    spent a third of its writing time there.  The payload is the same canonical JSON text, built
    from pieces: the shared strings are encoded once, each row's strings with the C encoder that
    ``json.dumps`` itself uses, so the hash is byte-for-byte :func:`row_hash` (a test compares them).
    ``id`` and ``entity_id`` must be ints (as every audit row's are).
    """

    def __init__(self, at_utc: str, actor: str, reason: str) -> None:
        self._at_utc, self._actor, self._reason_text = at_utc, actor, reason
        self._at_actor = f",{_json_str(at_utc)},{_json_str(actor)},"
        self._reason = f",{_json_str(reason)},"
        self._named: dict[tuple[str, str], str] = {}

    def __call__(self, id: int, action: str, entity: str, entity_id: int, changes: str, prev_hash: str) -> str:
        named = self._named.get((action, entity))
        if named is None:
            named = self._named[(action, entity)] = f"{_json_str(action)},{_json_str(entity)},"
        payload = (f"[{int.__repr__(id)}{self._at_actor}{named}{int.__repr__(entity_id)},{_json_str(changes)}"
                   f"{self._reason}{_json_str(prev_hash)}]")
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def rows(self, action: str, entity: str, first_id: int, prev_hash: str,
             records: Iterable[tuple[int, str]]) -> list[tuple[Any, ...]]:
        """The audit rows of ``records`` ((entity id, changes) pairs of one action on one entity), with the
        ids ``first_id``, ``first_id + 1``, … each chained on the one before, the first on ``prev_hash``:
        tuples (id, at_utc, actor, action, entity, entity_id, changes, reason, prev_hash, hash) whose hashes
        are :meth:`__call__`'s (the same payload, built in one loop for a bulk write's 100,000 rows)."""
        at, actor = self._at_utc, self._actor
        reason, reason_piece = self._reason_text, self._reason
        head = f"{self._at_actor}{_json_str(action)},{_json_str(entity)},"
        text, number, sha256 = _json_str, int.__repr__, hashlib.sha256
        out: list[tuple[Any, ...]] = []
        append = out.append
        i, prev = first_id, prev_hash
        for entity_id, changes in records:
            h = sha256(f"[{number(i)}{head}{number(entity_id)},{text(changes)}{reason_piece}{text(prev)}]"
                       .encode()).hexdigest()
            append((i, at, actor, action, entity, entity_id, changes, reason, prev, h))
            prev = h
            i += 1
        return out


def _utc_now(session: Session) -> str:
    """UTC time of the change; on a shared server the server's clock, so clients cannot disagree."""
    if session.get_bind().dialect.name == "postgresql":
        now = session.execute(sa.text("SELECT statement_timestamp() AT TIME ZONE 'UTC'")).scalar_one()
    else:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return str(now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


def record(session: Session, *, action: str, entity: str, entity_id: int,
           changes: Mapping[str, Any], reason: str, actor: str | None = None) -> AuditRow:
    """Append one audit row inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise writers on the chain's tail (SQLite does this with BEGIN IMMEDIATE); a transaction
        # begun by Database.write() holds the lock already.
        lock_writers(session)
    # SQLModel types AuditRow.id as int | None, which has no .desc(); the column has
    last = session.exec(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()  # type: ignore[union-attr]
    prev_hash = last.hash if last else GENESIS
    next_id = (last.id or 0) + 1 if last else 1
    at = _utc_now(session)
    who = actor or current_actor()
    changes_text = canonical(changes)
    row = AuditRow(
        id=next_id, at_utc=at, actor=who, action=action, entity=entity, entity_id=entity_id,
        changes=changes_text, reason=reason, prev_hash=prev_hash,
        hash=row_hash(next_id, at, who, action, entity, entity_id, changes_text, reason, prev_hash),
    )
    session.add(row)
    session.flush()
    return row


# Details a check gives in English words, shown in the reader's language by their catalogue code.
_CHAIN_DETAILS = {"no audit row": "audit_chain.detail.no_audit_row",
                  "record missing": "audit_chain.detail.record_missing"}


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int  # audit rows in the trail
    broken_id: int | None = None
    problem_code: str = ""
    params: tuple[tuple[str, Any], ...] = ()

    def problem(self, lang: str = "en") -> str:
        if not self.problem_code:
            return ""
        params = dict(self.params)
        detail = _CHAIN_DETAILS.get(str(params.get("detail", "")))
        if detail is not None:
            params["detail"] = text(detail, lang)
        return text(f"audit_chain.{self.problem_code}", lang, **params)


def verify_chain(session: Session) -> ChainReport:
    """Walk the whole trail in id order and recompute every hash."""
    total = session.execute(sa.select(sa.func.count()).select_from(AuditRow)).scalar_one()
    prev = GENESIS
    expected_id = 1
    # SQLModel types AuditRow.id as int | None; order_by takes the column it is
    for row in session.exec(select(AuditRow).order_by(AuditRow.id)):  # type: ignore[arg-type]
        if row.id != expected_id:
            return ChainReport(False, total, row.id, "missing", (("expected", expected_id), ("found", row.id)))
        if row.prev_hash != prev:
            return ChainReport(False, total, row.id, "link")
        h = row_hash(row.id, row.at_utc, row.actor, row.action, row.entity, row.entity_id, row.changes,
                     row.reason, row.prev_hash)
        if h != row.hash:
            return ChainReport(False, total, row.id, "edited")
        prev = row.hash
        expected_id += 1
    return ChainReport(True, total)


# Audit rows about the database as a whole (a restore) describe no record: replaying them would
# invent one that the tables cannot hold.
NOT_RECORDS = frozenset({"database"})


def replay(session: Session) -> dict[tuple[str, int], dict[str, Any]]:
    """What the audit trail says every live record contains now: creates, then updates, minus deletes.

    Comparing this with the tables catches what a hash chain alone cannot: the *last* rows of the
    trail removed, or a record changed behind mscreg's back with no audit row at all.
    """
    state: dict[tuple[str, int], dict[str, Any]] = {}
    # SQLModel types AuditRow.id as int | None; order_by takes the column it is
    for row in session.exec(select(AuditRow).order_by(AuditRow.id)):  # type: ignore[arg-type]
        if row.entity in NOT_RECORDS:
            continue
        key = (row.entity, row.entity_id)
        changes = json.loads(row.changes)
        if row.action == "delete":
            state.pop(key, None)
            continue
        record = state.setdefault(key, {})
        for field_name, (_old, new) in changes.items():
            record[field_name] = new
    return state


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that differ (all fields on create or delete)."""
    old = old or {}
    new = new or {}
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    return {k: [old.get(k), new.get(k)] for k in keys if old.get(k) != new.get(k)}
