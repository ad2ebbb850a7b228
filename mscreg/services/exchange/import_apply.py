"""Writing a validated import plan: one transaction, one audit row per created or changed record.

:func:`write_plan` is the only place an import writes, so a backup taken before it (by whoever adds
automatic backups) covers everything an import can do.  Changed records go through the repositories
(few, and each needs its optimistic-lock check); created ones through the bulk writer, which chains
their audit rows after the repositories' ones.  A cancel or any error rolls the whole file back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from mscreg.domain.errors import Conflict, Problem
from mscreg.domain.product import ProductDraft, name_key
from mscreg.services.exchange.import_validation import ImportPlan
from mscreg.services.exchange.records import ImportCancelled, ImportRefused, TrackKey, product_key, track_key
from mscreg.services.reasons import import_reason as reason_for
from mscreg.services.workspace import Workspace
from mscreg.storage import bulk_write
from mscreg.storage import repositories as repo

if TYPE_CHECKING:
    from sqlmodel import Session

    from mscreg.domain.event import RegulatoryEvent
    from mscreg.services.exchange.obligation_import import ObligationPlan

Progress = Callable[[int, int], None]


def import_reason(plan: ImportPlan) -> str:
    return reason_for(plan.file, plan.sha256)


def write_plan(ws: Workspace, plan: ImportPlan, *, progress: Progress | None = None,
               cancelled: Callable[[], bool] = lambda: False) -> None:
    """Write ``plan`` (which must have no issues) in one transaction; nothing is written if anything fails."""
    if plan.issues:
        raise ImportRefused(plan.issues)
    reason = import_reason(plan)
    owed = plan.obligations
    total = (len(plan.new_products) + len(plan.changed_products) + len(plan.new_tracks) + len(plan.new_events)
             + len(plan.changed_events) + len(plan.changed_tracks) + len(owed.new) + len(owed.changed)
             + len(owed.new_steps) + len(plan.new_transfers) + len(plan.new_verifications)
             + (len(plan.trials.creates) + len(plan.trials.updates) if plan.trials is not None else 0))
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
        if cancelled():
            raise ImportCancelled()

    from mscreg.services.backups import backup_around

    # An automatic backup before every import that writes anything; a read-only database is refused
    # before it is taken, and it is removed again if the import is not written.
    with backup_around(ws, "import", needed=bool(total)), ws.db.write() as s, bulk_write.bulk_cache(s):
        if bulk_write.audit_tail_id(s) != plan.audit_tail:  # someone saved since the file was checked
            raise Conflict(Problem("file", plan.file, "import.db_changed"))
        for cp in plan.changed_products:
            repo.update_product(s, cp.product.id or 0, cp.draft, reason=reason, expected_version=cp.product.version)
        for ct in plan.changed_tracks:
            repo.update_track(s, ct.track.id or 0, ct.draft, reason=reason, expected_version=ct.track.version)
        for ce in plan.changed_events:
            repo.update_event(s, ce.before.id or 0, ce.after, reason=reason, expected_version=ce.before.version)
        step(len(plan.changed_products) + len(plan.changed_events) + len(plan.changed_tracks))
        log = bulk_write.AuditAppender(s, reason)
        drafts: list[ProductDraft] = [np.draft for np in plan.new_products]
        ids = bulk_write.create_products(s, drafts, log)
        product_ids = {product_key(d.name): pid for d, pid in zip(drafts, ids, strict=True)}
        for cp in plan.changed_products:
            product_ids[product_key(cp.product.name)] = cp.product.id or 0
        for p in repo.list_products(s) if plan.new_tracks else ():
            product_ids.setdefault(product_key(p.name), p.id or 0)
        step(len(drafts))
        pairs = [(product_ids[nt.product], nt.draft) for nt in plan.new_tracks]
        indication_keys: dict[str, str] = {}  # the file's tracks share a few indications
        for new_track in plan.new_tracks:
            indication = new_track.draft.indication
            if indication not in indication_keys:
                indication_keys[indication] = name_key(indication)
        track_ids = dict(zip(
            [(nt.product, nt.draft.jurisdiction, indication_keys[nt.draft.indication], nt.draft.pathway)
             for nt in plan.new_tracks], bulk_write.create_tracks(s, pairs, log), strict=True))
        if any(ne.track not in track_ids for ne in plan.new_events):
            for t in repo.tracks_for_products(s):
                key = track_key(t.product_name, t.jurisdiction, t.indication, t.pathway.value)
                track_ids.setdefault(key, t.id or 0)
        step(len(pairs))
        events = [(track_ids[ne.track], ne.event) for ne in plan.new_events]
        written = 0

        def events_done(n: int) -> None:
            nonlocal written
            step(n - written)
            written = n

        bulk_write.create_events(s, events, log, progress=events_done)
        log.flush()
        if plan.new_transfers:  # after the bulk rows: each audit row chains on the trail as flushed
            for p in repo.list_products(s):
                product_ids.setdefault(product_key(p.name), p.id or 0)
            for nt in plan.new_transfers:
                repo.create_transfer(s, product_ids[nt.product], nt.transfer, reason=reason)
            step(len(plan.new_transfers))
        if plan.new_verifications:
            for t in repo.tracks_for_products(s):
                track_ids.setdefault(track_key(t.product_name, t.jurisdiction, t.indication, t.pathway.value),
                                     t.id or 0)
            for nv in plan.new_verifications:
                repo.create_verification(s, track_ids[nv.track], nv.verification, reason=reason)
            step(len(plan.new_verifications))
        if owed.new or owed.changed or owed.new_steps:
            _write_obligations(s, owed, track_ids, reason)
            step(len(owed.new) + len(owed.changed) + len(owed.new_steps))
        if plan.trials is not None and plan.trials.changes_anything:
            _write_trials(s, plan, reason)


def _write_trials(s: Session, plan: ImportPlan, reason: str) -> None:
    """The file's trials: changed ones field by field through the repository, new ones in bulk, linked to
    their product by name and to its track by key (the file's products and tracks exist by now)."""
    trials = plan.trials
    if trials is None:
        return
    for u in trials.updates:
        repo.update_trial(s, u.before.id or 0, u.after, reason=reason, expected_version=u.before.version)
    product_ids: dict[str, int] = {}
    track_ids: dict[TrackKey, int] = {}
    if plan.trial_links:
        for p in repo.list_products(s):
            product_ids[name_key(p.name)] = p.id or 0
        if any(track for _, track in plan.trial_links.values()):
            for held in repo.tracks_for_products(s):
                track_ids[track_key(held.product_name, held.jurisdiction, held.indication,
                                    held.pathway.value)] = held.id or 0
    creates = []
    for t in trials.creates:
        link = plan.trial_links.get((t.registry.value, t.registry_id))
        if link is None:
            creates.append(t)
            continue
        product, track = link
        track_id = track_ids[track_key(product, *track)] if track is not None else None
        creates.append(replace(t, product_id=product_ids[name_key(product)], track_id=track_id))
    if creates:
        log = bulk_write.AuditAppender(s, reason)
        bulk_write.create_trials(s, creates, log)
        log.flush()


def _write_obligations(s: Session, owed: ObligationPlan, track_ids: dict[TrackKey, int], reason: str) -> None:
    """After the file's events exist: each new obligation's authorisation is found on its track by type
    and date (the file's events have just been given their numbers)."""
    for t in repo.tracks_for_products(s):
        track_ids.setdefault(track_key(t.product_name, t.jurisdiction, t.indication, t.pathway.value), t.id or 0)
    logs: dict[int, list[RegulatoryEvent]] = {}
    for co in owed.changed:
        repo.update_obligation(s, co.before.id or 0, co.after, reason=reason, expected_version=co.before.version)
    for n in owed.new:
        tid = track_ids[n.authorisation.track]
        log = logs.get(tid)
        if log is None:
            log = logs[tid] = repo.events_for_track(s, tid)
        auth = next(e for e in log if e.type == n.authorisation.type and e.date is not None
                    and e.date.iso() == n.authorisation.date and not e.planned)
        created = repo.create_obligation(s, replace(n.obligation, track_id=tid, authorisation_event_id=auth.id),
                                         reason=reason)
        for step in n.steps:
            repo.create_obligation_event(s, replace(step, obligation_id=created.id), reason=reason)
    for ns in owed.new_steps:
        repo.create_obligation_event(s, replace(ns.step, obligation_id=ns.obligation_id), reason=reason)
