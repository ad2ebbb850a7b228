"""The audit trail exactly as stored, for inspectors: CSV (UTF-8 with BOM, so Excel shows Chinese) or JSON.

EU GMP Annex 11 §8 asks that electronically stored data can be printed clearly and §9 that the audit
trail be available in an intelligible form.  This export is the *raw* trail: every column of every
row, hashes included, so anyone can recompute the chain (SHA-256 of the canonical JSON of
``[id, at_utc, actor, action, entity, entity_id, changes, reason, prev_hash]``) without mscreg.  The
chain is verified while exporting and the result travels with the export.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.services.workspace import Workspace
from mscreg.storage.audit import ChainReport, verify_chain
from mscreg.storage.repositories import verify_records
from mscreg.storage.tables import AuditRow

COLUMNS = ("id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason", "prev_hash", "hash")


@dataclass(frozen=True)
class AuditExport:
    rows: list[dict[str, Any]]
    chain: ChainReport


def read_audit(ws: Workspace) -> AuditExport:
    """Every audit row in id order (one read transaction, so rows and verification agree).

    The chain is verified as ``mscreg check`` verifies it: its links and hashes, then the records
    against what the trail says they hold, since a sound chain whose last rows were removed, or
    records changed with no audit row, is a trail that no longer tells the truth.
    """
    with ws.db.read() as s:
        rows = [{c: getattr(r, c) for c in COLUMNS}
                for r in s.exec(select(AuditRow).order_by(col(AuditRow.id)))]
        chain = verify_chain(s)
        if chain.ok:
            chain = verify_records(s) or chain
    return AuditExport(rows, chain)


def write_audit_csv(export: AuditExport, out: str | os.PathLike[str]) -> Path:
    """Write the rows as CSV with a BOM; written to a temporary name first, so a failure leaves no half file."""
    target = Path(out).expanduser()
    if not target.parent.is_dir():
        raise DatabaseProblem(Problem("out", str(target), "db.folder_missing"))
    if target.is_dir():
        raise DatabaseProblem(Problem("out", str(target), "db.exists"))
    tmp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(export.rows)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
