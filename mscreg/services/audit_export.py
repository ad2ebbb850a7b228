"""The audit trail exactly as stored, for inspectors: CSV (UTF-8 with BOM, so Excel shows Chinese) or JSON.

EU GMP Annex 11 §8 asks that electronically stored data can be printed clearly and §9 that the audit
trail be available in an intelligible form.  This export is the *raw* trail: every column of every
row, hashes included, so anyone can recompute the chain (SHA-256 of the canonical JSON of
``[id, at_utc, actor, action, entity, entity_id, changes, reason, prev_hash]``) without mscreg.  The
chain is verified while exporting and the result travels with the export.

A cell that a spreadsheet would run as a formula (a reason beginning with ``=HYPERLINK(…)``) is
written with a ``'`` in front, by the same guard as every other CSV and XLSX mscreg writes
(:mod:`mscreg.services.exchange.formula_guard`); remove exactly that one quote to recompute a hash.
The file is written through :mod:`mscreg.services.output_files` (never over the database, whole or
not at all).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mscreg.services import output_files
from mscreg.services.workspace import Workspace
from mscreg.storage.audit import ChainReport, verify_chain
from mscreg.storage.audit_columns import AUDIT_COLUMNS
from mscreg.storage.audit_reader import iter_audit_rows
from mscreg.storage.repositories import verify_records

COLUMNS = AUDIT_COLUMNS


@dataclass(frozen=True)
class AuditExport:
    rows: list[dict[str, Any]]
    chain: ChainReport
    database: Path | None = None  # the SQLite file read, which an output must never replace


def read_audit(ws: Workspace) -> AuditExport:
    """Every audit row in id order (one read transaction, so rows and verification agree).

    The chain is verified as ``mscreg check`` verifies it: its links and hashes, then the records
    against what the trail says they hold, since a sound chain whose last rows were removed, or
    records changed with no audit row, is a trail that no longer tells the truth.
    """
    with ws.db.read() as s:
        rows = list(iter_audit_rows(s))
        chain = verify_chain(s)
        if chain.ok:
            chain = verify_records(s) or chain
    return AuditExport(rows, chain, output_files.database_of(ws))


def write_audit_csv(export: AuditExport, out: str | os.PathLike[str]) -> Path:
    """Write the rows as CSV with a BOM (formula-guarded), whole or not at all; returns the file written."""
    from mscreg.services.exchange.csv_format import write_rows
    from mscreg.services.exchange.table_layout import AUDIT

    with output_files.written(out, export.database) as tmp:
        write_rows(tmp, AUDIT, (["" if row[c] is None else str(row[c]) for c in AUDIT.columns] for row in export.rows))
    return Path(out).expanduser()
