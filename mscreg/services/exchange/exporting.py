"""Export of the database (or of its audit trail) as CSV, XLSX or JSON, written atomically.

The file appears complete or not at all, and never over the database or any other database file:
:mod:`mscreg.services.output_files` checks the target, gives a temporary file beside it and renames
it into place once complete, so a crash or a full disk never leaves half an export under the name
the user chose.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mscreg.domain.errors import InvalidInput, Problem
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.exchange import csv_format, export_rows, json_document, xlsx_format
from mscreg.services.exchange.database_content import Content, load_content
from mscreg.services.exchange.holder_exchange import sheet_rows
from mscreg.services.exchange.table_layout import (
    AUDIT,
    EVENTS,
    EVENTS_FLAT,
    HOLDERS,
    OBLIGATIONS,
    PRODUCTS,
    TRACKS,
    TRIALS,
    VERIFICATIONS,
    Layout,
)
from mscreg.services.exchange.trial_table import trial_rows
from mscreg.services.workspace import Workspace

DATA_FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    products: int
    tracks: int
    events: int
    audit_rows: int = 0
    obligations_file: str = ""  # CSV: the obligations, in a file of their own beside the events
    trials: int = 0
    trials_file: str = ""  # CSV: the clinical trials, in a file of their own beside the events

    def summary(self, lang: str = "en") -> str:
        head = self._summary(lang)
        if self.obligations_file:
            head += "\n" + text("obligations.exported_beside", lang, file=self.obligations_file)
        if self.trials_file:
            head += "\n" + text("trials.exported_beside", lang, file=self.trials_file)
        return head

    def _summary(self, lang: str = "en") -> str:
        if self.audit_rows:
            return text("export.audit_done", lang, rows=self.audit_rows, path=self.path)
        return text("export.done", lang, products=self.products, tracks=self.tracks, events=self.events,
                    path=self.path)


def export_database(ws: Workspace, fmt: str, out: str | os.PathLike[str], *, audit: bool = False) -> ExportResult:
    """Write the products, tracks and events (or, with ``audit``, the audit trail) to ``out``."""
    if fmt not in DATA_FORMATS:
        raise InvalidInput(Problem("format", fmt, "choice.unknown", {"valid": ", ".join(DATA_FORMATS)}))
    target = Path(out)
    if fmt == "csv" and not audit:
        content = load_content(ws)
        # one row per event in the main file; the obligations (a row per step) and the trials (a row per
        # trial) in files of their own, imported after it
        companions: list[tuple[Path, Layout, Iterable[list[str]]]] = []
        if any(content.obligations.values()):
            companions.append((obligations_file_for(target), OBLIGATIONS, export_rows.obligation_rows(content)))
        if content.trials:
            companions.append((trials_file_for(target), TRIALS, trial_rows(content)))
        if companions:
            with output_files.written_all([out, *(c[0] for c in companions)],
                                          output_files.database_of(ws)) as (tmp, *tmps):
                result = _export_data(ws, fmt, tmp, target, content)
                for tmp_companion, (_, layout, rows) in zip(tmps, companions, strict=True):
                    csv_format.write_rows(tmp_companion, layout, rows)
            named = {layout.name: str(path) for path, layout, _ in companions}
            return dataclasses.replace(result, obligations_file=named.get(OBLIGATIONS.name, ""),
                                       trials_file=named.get(TRIALS.name, ""))
    with output_files.written(out, output_files.database_of(ws)) as tmp:
        return _export_audit(ws, fmt, tmp, target) if audit else _export_data(ws, fmt, tmp, target)


def trials_file_for(target: Path) -> Path:
    """Where a CSV export puts the clinical trials: ``NAME-trials.csv`` beside ``NAME.csv``."""
    return target.with_name(f"{target.stem}-trials{target.suffix or '.csv'}")


def obligations_file_for(target: Path) -> Path:
    """Where a CSV export puts the obligations: ``NAME-obligations.csv`` beside ``NAME.csv``."""
    return target.with_name(f"{target.stem}-obligations{target.suffix or '.csv'}")


def _export_data(ws: Workspace, fmt: str, tmp: Path, target: Path, content: Content | None = None) -> ExportResult:
    content = content if content is not None else load_content(ws)
    if fmt == "csv":
        csv_format.write_rows(tmp, EVENTS_FLAT, export_rows.flat_rows(content))
    elif fmt == "xlsx":
        xlsx_format.write_workbook(tmp, [(PRODUCTS, export_rows.product_rows(content)),
                                         (TRACKS, export_rows.track_rows(content)),
                                         (EVENTS, export_rows.event_rows(content)),
                                         (OBLIGATIONS, export_rows.obligation_rows(content)),
                                         (HOLDERS, sheet_rows(content.products, content.transfers)),
                                         (VERIFICATIONS, export_rows.verification_rows(content)),
                                         *([(TRIALS, trial_rows(content))] if content.trials else [])])
    else:
        from mscreg import __version__
        from mscreg.storage.audit_reader import schema_revision

        with ws.db.read() as s:
            revision = schema_revision(s)
        doc = json_document.document(content, revision, __version__)
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    return ExportResult(str(target), fmt, len(content.products), content.track_count(), content.event_count(),
                        trials=len(content.trials))


def _audit_rows(ws: Workspace, counter: list[int]) -> Iterator[list[str]]:
    from mscreg.storage.audit_reader import iter_audit_rows

    with ws.db.read() as s:
        for row in iter_audit_rows(s):
            counter[0] += 1
            yield [str(row[c]) for c in AUDIT.columns]


def _export_audit(ws: Workspace, fmt: str, tmp: Path, target: Path) -> ExportResult:
    counter = [0]
    rows = _audit_rows(ws, counter)
    if fmt == "csv":
        csv_format.write_rows(tmp, AUDIT, rows)
    elif fmt == "xlsx":
        xlsx_format.write_workbook(tmp, [(AUDIT, rows)])
    else:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(f'{{"format": "{json_document.AUDIT_FORMAT}", "format_version": 1, "rows": [')
            for i, r in enumerate(rows):
                item: dict[str, Any] = dict(zip(AUDIT.columns, r, strict=True))
                item["id"], item["entity_id"] = int(item["id"]), int(item["entity_id"])
                item["changes"] = json.loads(item["changes"])
                fh.write(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False))
            fh.write("\n]}\n")
    return ExportResult(str(target), fmt, 0, 0, 0, audit_rows=counter[0])
