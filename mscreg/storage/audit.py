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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

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


def _utc_now(session: Session) -> str:
    """UTC time of the change; on a shared server the server's clock, so clients cannot disagree."""
    if session.get_bind().dialect.name == "postgresql":
        now = session.execute(sa.text("SELECT statement_timestamp() AT TIME ZONE 'UTC'")).scalar_one()
    else:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record(session: Session, *, action: str, entity: str, entity_id: int,
           changes: Mapping[str, Any], reason: str, actor: str | None = None) -> AuditRow:
    """Append one audit row inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise writers on the chain's tail (SQLite does this with BEGIN IMMEDIATE).
        session.execute(sa.text("SELECT pg_advisory_xact_lock(7236707)"))
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


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    broken_id: int | None = None
    problem: str = ""


def verify_chain(session: Session) -> ChainReport:
    """Walk the whole trail in id order and recompute every hash."""
    prev = GENESIS
    expected_id = 1
    count = 0
    for row in session.exec(select(AuditRow).order_by(AuditRow.id)):  # type: ignore[arg-type]
        count += 1
        if row.id != expected_id:
            return ChainReport(False, count, row.id, f"row {expected_id} is missing before row {row.id}")
        if row.prev_hash != prev:
            return ChainReport(False, count, row.id, "its link to the previous row does not match")
        h = row_hash(row.id, row.at_utc, row.actor, row.action, row.entity, row.entity_id, row.changes,
                     row.reason, row.prev_hash)
        if h != row.hash:
            return ChainReport(False, count, row.id, "its content does not match its hash (edited)")
        prev = row.hash
        expected_id += 1
    return ChainReport(True, count)


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that differ (all fields on create or delete)."""
    old = old or {}
    new = new or {}
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    return {k: [old.get(k), new.get(k)] for k in keys if old.get(k) != new.get(k)}
