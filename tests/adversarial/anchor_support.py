"""Helpers of the anchor and restore attacks: running the command as a user does, and editing the
audit trail as someone with write access to the file (and mscreg's source) would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from support import mscreg


def ok_json(*args: str) -> Any:
    proc = mscreg(*args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def unguarded(db: Path) -> sqlite3.Connection:
    """A connection to ``db`` with the audit log's append-only triggers dropped (outside mscreg)."""
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    return con


def rechain(con: sqlite3.Connection, start: int = 1) -> None:
    """Recompute every hash from row ``start`` on, as a forger who read mscreg's source would."""
    from mscreg.storage.audit import GENESIS, row_hash

    prev = GENESIS if start == 1 else con.execute("SELECT hash FROM audit_log WHERE id=?", (start - 1,)).fetchone()[0]
    rows = con.execute("SELECT id, at_utc, actor, action, entity, entity_id, changes, reason FROM audit_log "
                       "WHERE id >= ? ORDER BY id", (start,)).fetchall()
    for row in rows:
        h = row_hash(*row, prev)
        con.execute("UPDATE audit_log SET prev_hash=?, hash=? WHERE id=?", (prev, h, row[0]))
        prev = h


def append_forged(con: sqlite3.Connection, *, entity: str, entity_id: int, changes: dict[str, Any],
                  reason: str, action: str = "update") -> int:
    """Append an audit row with a correct hash, as mscreg would have written it; returns its id."""
    from mscreg.storage.audit import GENESIS, canonical, row_hash

    last = con.execute("SELECT id, hash, at_utc FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    next_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = last[2] if last else "2026-01-01T00:00:00.000000Z"
    text = canonical(changes)
    h = row_hash(next_id, at, "mallory", action, entity, entity_id, text, reason, prev)
    con.execute("INSERT INTO audit_log (id, at_utc, actor, action, entity, entity_id, changes, reason, prev_hash, "
                "hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (next_id, at, "mallory", action, entity, entity_id, text, reason, prev, h))
    return next_id


def forge_note(con: sqlite3.Connection, product: str, note: str) -> int:
    """A consistent forgery: a product's note changed in the table *and* in a forged audit row."""
    pid, old = con.execute("SELECT id, notes FROM products WHERE name=?", (product,)).fetchone()
    con.execute("UPDATE products SET notes=? WHERE id=?", (note, pid))
    return append_forged(con, entity="product", entity_id=pid, changes={"notes": [old, note]},
                         reason="routine correction")


def audit_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def last_audit_row(db: Path) -> dict[str, Any]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())
    finally:
        con.close()
