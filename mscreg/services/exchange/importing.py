"""Import of a CSV, XLSX or JSON file: read it all, check it all, then write it all or nothing.

``plan_import`` reads and validates (nothing is written; it is the dry run and the preview of the
import dialog); ``import_file`` then hands a clean plan to :func:`.import_apply.write_plan`, the one
function that writes.  Progress is reported as (phase, done, total) with the phases "read", "check"
and "write"; ``cancelled()`` is polled throughout, and a cancel before the commit writes nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from mscreg.domain.errors import Problem
from mscreg.services.exchange import csv_format, json_document, xlsx_format
from mscreg.services.exchange.database_content import load_content
from mscreg.services.exchange.import_apply import write_plan
from mscreg.services.exchange.import_validation import ImportPlan, validate
from mscreg.services.exchange.records import (
    ImportRefused,
    Issue,
    ReadResult,
    TrialIn,
    file_issue,
    issue_at,
    track_key,
)
from mscreg.services.exchange.text_encoding import EncodingRefused, check_encoding_name
from mscreg.services.object_churn import collector_paused
from mscreg.services.workspace import Workspace

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json"}
MAX_FILE_BYTES = 512 * 1024 * 1024

PhaseProgress = Callable[[str, int, int], None]


def _never() -> bool:
    return False


def format_of(path: str | os.PathLike[str]) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def read_file(path: Path, fmt: str, cancelled: Callable[[], bool] = _never,
              encoding: str | None = None) -> tuple[ReadResult, str]:
    """The records of the file and its sha256 (of the exact bytes, for the audit reason)."""
    if fmt == "xlsx":  # read part by part from the zip: the file's bytes are hashed as a stream, never held
        return xlsx_format.read_workbook(path, path.name, cancelled), _sha256_of(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = path.name
    if fmt == "csv":
        return csv_format.read_csv(data, name, cancelled, encoding), digest
    return json_document.read_document(data, name, cancelled), digest


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def plan_import(ws: Workspace, path: str | os.PathLike[str], *, progress: PhaseProgress | None = None,
                cancelled: Callable[[], bool] = _never, encoding: str | None = None) -> ImportPlan:
    """Read and check ``path`` against the database; the plan says what would change, or every issue.

    ``encoding`` is a CSV file's text encoding as the user states it (``--encoding``); without it the
    encoding must be evident from the bytes (see text_encoding)."""
    with collector_paused():  # see object_churn: millions of live records, none in a cycle
        return _plan_import(ws, path, progress=progress, cancelled=cancelled, encoding=encoding)


def _plan_import(ws: Workspace, path: str | os.PathLike[str], *, progress: PhaseProgress | None,
                 cancelled: Callable[[], bool], encoding: str | None) -> ImportPlan:
    p = Path(path)
    fmt = format_of(p) or ""
    plan = ImportPlan(file=p.name, sha256="", format=fmt)
    if not fmt:
        plan.issues.append(file_issue(p.name, "import.format_unknown", p.suffix or p.name,
                                      valid=", ".join(FORMATS)))
        return plan
    if encoding is not None:  # a misspelt or empty name is refused before reading, and for CSV only
        try:
            check_encoding_name(encoding)
        except EncodingRefused as exc:
            plan.issues.append(file_issue(p.name, exc.code, exc.value, field_name=exc.field))
            return plan
        if fmt != "csv":
            plan.issues.append(file_issue(p.name, "import.encoding_csv_only", encoding, field_name="encoding",
                                          expected=fmt.upper()))
            return plan
    if not p.is_file():
        plan.issues.append(file_issue(p.name, "import.file_missing", str(p)))
        return plan
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        plan.issues.append(file_issue(p.name, "import.too_large", f"{size} bytes", limit=MAX_FILE_BYTES))
        return plan
    if progress:
        progress("read", 0, size)
    read, plan.sha256 = read_file(p, fmt, cancelled, encoding)
    plan.encoding = read.encoding
    if progress:
        progress("read", size, size)
    if read.issues and not (read.products or read.tracks or read.events or read.obligations or read.trials):
        plan.issues = read.issues
        return plan
    content = load_content(ws)
    plan.audit_tail = content.audit_tail
    if progress:
        progress("check", 0, len(read.events))
    validate(read, content, plan, flat=fmt == "csv", cancelled=cancelled)
    if progress:
        progress("check", len(read.events), len(read.events))
    if read.trials:
        _plan_trials(ws, read, plan)
    if not plan.issues and not (read.products or read.tracks or read.events or read.obligations
                                or read.trials or read.transfers or read.verifications):
        plan.issues.append(file_issue(p.name, "import.empty"))
    return plan


def _plan_trials(ws: Workspace, read: ReadResult, plan: ImportPlan) -> None:
    """The file's trials planned against those held.  A created trial's product must be held or be one of
    the file's products (matched by any of its names), its track one of that product's tracks, held or
    in the file; a created trial needs a title.  A trial named twice in a table is refused."""
    from mscreg.domain.product import name_key
    from mscreg.services.exchange.trial_plan import plan_trials
    from mscreg.storage import repositories as repo

    with ws.db.read() as s:
        held = repo.list_trials(s)
        products = repo.list_products(s)
        tracks = repo.tracks_for_products(s)
    canonical = {name_key(n): p.name for p in products for n in p.all_names()}
    for pi in read.products:
        canonical.setdefault(name_key(pi.name), pi.name)
    track_keys = {track_key(t.product_name, t.jurisdiction, t.indication, t.pathway.value) for t in tracks}
    track_keys |= {(nt.product, nt.draft.jurisdiction, name_key(nt.draft.indication), nt.draft.pathway)
                   for nt in plan.new_tracks}
    first: dict[tuple[str, str], TrialIn] = {}
    for ti in read.trials:
        key = (ti.parsed.trial.registry.value, ti.parsed.trial.registry_id)
        before = first.setdefault(key, ti)
        if before is not ti and ti.origin is not None and before.origin is not None:
            plan.issues.append(issue_at(ti.origin, "registry_id", Problem(
                "registry_id", ti.parsed.trial.registry_id, "import.duplicate_row", {"other": before.origin.row})))
    if plan.issues:
        return
    plan.trials = plan_trials(held, [ti.parsed for ti in read.trials])
    created = {t.key for t in plan.trials.creates}
    for ti in read.trials:
        pt = ti.parsed
        if pt.trial.key not in created:
            continue  # an import never changes the links of a trial already held

        def refuse(column: str, problem: Problem, ti: TrialIn = ti) -> None:
            if ti.origin is not None:
                plan.issues.append(issue_at(ti.origin, column, problem))
            else:
                plan.issues.append(Issue(plan.file, ti.parsed.where, 0, column, problem))

        if "title" not in pt.given:
            refuse("title", Problem("title", "", "text.empty"))
        if ti.product is None:
            continue
        product = canonical.get(name_key(ti.product))
        if product is None:
            refuse("product", Problem("product", ti.product, "product.not_found"))
            continue
        if ti.track is not None:
            j, indication, pathway = ti.track
            if track_key(product, j, indication, pathway) not in track_keys:
                refuse("track_indication" if ti.origin is not None else "track",
                       Problem("track", " / ".join(ti.track), "track.not_found", {"product": product}))
                continue
        plan.trial_links[(pt.trial.registry.value, pt.trial.registry_id)] = (product, ti.track)
    if plan.issues:
        plan.trials = None
        plan.trial_links.clear()


def import_file(ws: Workspace, path: str | os.PathLike[str], *, dry_run: bool = False,
                progress: PhaseProgress | None = None, cancelled: Callable[[], bool] = _never,
                encoding: str | None = None) -> ImportPlan:
    """Check and (unless ``dry_run``) write ``path``; refused files raise :class:`ImportRefused`."""
    plan = plan_import(ws, path, progress=progress, cancelled=cancelled, encoding=encoding)
    if plan.issues:
        raise ImportRefused(plan.issues)
    if not dry_run and plan.changes_anything:
        apply(ws, plan, progress=progress, cancelled=cancelled)
    return plan


def apply(ws: Workspace, plan: ImportPlan, *, progress: PhaseProgress | None = None,
          cancelled: Callable[[], bool] = _never) -> None:
    """Write a checked plan (the import dialog calls this after the user saw the preview)."""
    with collector_paused():
        write_plan(ws, plan, progress=(lambda d, t: progress("write", d, t)) if progress else None,
                   cancelled=cancelled)
