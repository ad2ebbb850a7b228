"""Trial registrations held in the database: listing, importing a registry's download, and linking a
trial to a product and its clinical track.

An import is all or nothing: the whole file is read and checked first (one bad study refuses it, every
problem named with its study and field), then planned against the trials held (created; changed field
by field, old → new; unchanged), and only then written, in one transaction with an automatic backup
before it and one audit row per created or changed trial.  ``dry_run`` stops after the plan.

A trial is never linked to a product by the import.  A registry names a sponsor and interventions in
its own words, and "the same name" is a guess: a trial whose sponsor or intervention name is exactly a
product's name or alias is *suggested*, and linking it is the user's explicit, audited act
(:func:`link_trial`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mscreg.domain.errors import Conflict, NotFound, Problem, invalid
from mscreg.domain.product import Product, name_key
from mscreg.domain.trial import OverallStatus, Registry, TrialRegistration, registry_id
from mscreg.services.exchange.records import ImportRefused, file_issue
from mscreg.services.exchange.trial_files import (
    MAX_TRIAL_FILE_BYTES,
    looks_like_trial_file,
    read_trial_file,
)
from mscreg.services.exchange.trial_json import trial_to_json
from mscreg.services.exchange.trial_plan import TrialPlan, plan_trials
from mscreg.services.reasons import import_reason, require_reason
from mscreg.services.workspace import Workspace
from mscreg.storage import bulk_write
from mscreg.storage import repositories as repo


def _registry(code: str | Registry) -> Registry:
    try:
        return Registry(str(code).strip().lower())
    except ValueError:
        raise invalid("registry", code, "choice.unknown", valid=", ".join(r.value for r in Registry)) from None


def _status(code: str | OverallStatus) -> OverallStatus:
    try:
        return OverallStatus(str(code).strip().upper())
    except ValueError:
        raise invalid("status", code, "choice.unknown", valid=", ".join(s.value for s in OverallStatus)) from None


def _product_ids(ws: Workspace, name: str) -> list[int]:
    with ws.db.read() as s:
        ids = repo.find_product_ids(s, name)
    if not ids:
        raise NotFound(Problem("product", name, "product.not_found"))
    return ids


def list_trials(ws: Workspace, product: str | None = None, registry: str | Registry | None = None,
                status: str | OverallStatus | None = None) -> list[TrialRegistration]:
    """The trials held (in order of entry), those of ``product`` (any name or alias), of a ``registry``
    (code: "ctgov", "chictr", …) and in a ``status`` (ClinicalTrials.gov's code, "RECRUITING") only.
    An unknown product, registry or status is refused naming it (never an empty list that looks like an
    answer)."""
    wanted_registry = _registry(registry) if registry is not None else None
    wanted_status = _status(status) if status is not None else None
    product_ids = set(_product_ids(ws, product)) if product is not None else None
    with ws.db.read() as s:
        trials = repo.list_trials(s)
    return [t for t in trials
            if (wanted_registry is None or t.registry is wanted_registry)
            and (wanted_status is None or t.status is wanted_status)
            and (product_ids is None or t.product_id in product_ids)]


def product_names(ws: Workspace) -> dict[int, str]:
    """``{product id: name}``, to show a trial's linked product."""
    with ws.db.read() as s:
        return {p.id or 0: p.name for p in repo.list_products(s)}


def trials_json(ws: Workspace, trials: Iterable[TrialRegistration]) -> list[dict[str, object]]:
    """The trials in the shape ``mscreg trials --json`` prints (see :mod:`.exchange.trial_json`)."""
    names = product_names(ws)
    return [trial_to_json(t, names.get(t.product_id) if t.product_id else None) for t in trials]


# ----- import ----------------------------------------------------------------------------------------------


def is_trial_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a registry's download (ClinicalTrials.gov JSON or CSV, the China
    platform's list) rather than an mscreg file: how ``mscreg import`` routes it."""
    try:
        with open(path, "rb") as f:
            return looks_like_trial_file(f.read(4096))
    except OSError:
        return False


@dataclass(frozen=True)
class Suggestion:
    trial: TrialRegistration
    product: str
    field: str  # "lead_sponsor" or "interventions": where the product's name was found


@dataclass(frozen=True)
class TrialImport:
    file: str
    sha256: str
    layout: str
    plan: TrialPlan
    dry_run: bool
    suggestions: tuple[Suggestion, ...] = ()

    def counts(self) -> dict[str, int]:
        return {"created": len(self.plan.creates), "changed": len(self.plan.updates),
                "unchanged": len(self.plan.unchanged)}


def _read(path: Path) -> tuple[bytes, str]:
    if not path.is_file():
        raise ImportRefused([file_issue(path.name, "import.file_missing", str(path))])
    size = path.stat().st_size
    if size > MAX_TRIAL_FILE_BYTES:
        raise ImportRefused([file_issue(path.name, "trials.too_large", size, limit=MAX_TRIAL_FILE_BYTES)])
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


def import_trials(ws: Workspace, path: str | os.PathLike[str], *, dry_run: bool = False,
                  encoding: str | None = None) -> TrialImport:
    """Read, check, plan and (unless ``dry_run``) write a registry's file; refused files raise
    :class:`ImportRefused` and change nothing."""
    p = Path(path)
    data, digest = _read(p)
    parsed = read_trial_file(data, p.name, encoding=encoding)
    del data
    if dry_run:
        with ws.db.read() as s:
            plan = plan_trials(repo.list_trials(s), parsed.trials)
            products = repo.list_products(s)
        return TrialImport(p.name, digest, parsed.layout, plan, True, _suggest(plan, products))
    from mscreg.services.backups import backup_around

    reason = import_reason(p.name, digest)
    with ws.db.read() as s:  # whether anything will change, to take a backup only then
        changes = plan_trials(repo.list_trials(s), parsed.trials).changes_anything
    with backup_around(ws, "import", needed=changes), ws.db.write() as s, bulk_write.bulk_cache(s):
        # planned again inside the writer's transaction: what is written is what is held now
        plan = plan_trials(repo.list_trials(s), parsed.trials)
        for u in plan.updates:
            repo.update_trial(s, u.before.id or 0, u.after, reason=reason, expected_version=u.before.version)
        if plan.creates:
            log = bulk_write.AuditAppender(s, reason)
            bulk_write.create_trials(s, plan.creates, log)
            log.flush()
        products = repo.list_products(s)
    return TrialImport(p.name, digest, parsed.layout, plan, False, _suggest(plan, products))


def _intervention_names(text: str) -> tuple[str, ...]:
    """An intervention as listed ("BIOLOGICAL: Remestemcel-L") and its name alone."""
    kind, sep, name = text.partition(": ")
    return (text, name) if sep and kind.isupper() else (text,)


def _suggest(plan: TrialPlan, products: list[Product]) -> tuple[Suggestion, ...]:
    """Trials of the plan not linked to a product whose sponsor or an intervention is exactly (by
    :func:`name_key`) a product's name, Chinese name, INN or alias: shown, never linked."""
    names: dict[str, str] = {}
    for p in products:
        for n in (p.name, p.name_zh, p.inn, *p.aliases):
            if n:
                names.setdefault(name_key(n), p.name)
    if not names:
        return ()
    out = []
    for t in (*plan.creates, *(u.after for u in plan.updates)):
        if t.product_id is not None:
            continue
        found = None
        if t.lead_sponsor and name_key(t.lead_sponsor) in names:
            found = Suggestion(t, names[name_key(t.lead_sponsor)], "lead_sponsor")
        for i in t.interventions:
            for n in _intervention_names(i):
                if found is None and name_key(n) in names:
                    found = Suggestion(t, names[name_key(n)], "interventions")
        if found is not None:
            out.append(found)
    return tuple(out)


# ----- links -----------------------------------------------------------------------------------------------


def parse_trial_ref(text: str) -> tuple[Registry, str]:
    """``REGISTRY:ID`` ("ctgov:NCT01234567"); a bare ClinicalTrials.gov identifier is accepted too."""
    raw = (text or "").strip()
    code, sep, ident = raw.partition(":")
    if not sep:
        if raw[:3].upper() == "NCT":
            return Registry.CTGOV, registry_id(Registry.CTGOV, raw, field="--trial")
        raise invalid("--trial", raw, "trial.ref_format", valid=", ".join(r.value for r in Registry))
    try:
        registry = Registry(code.strip().lower())
    except ValueError:
        raise invalid("--trial", raw, "trial.ref_format", valid=", ".join(r.value for r in Registry)) from None
    return registry, registry_id(registry, ident, field="--trial")


def link_trial(ws: Workspace, trial: str, *, product: str | None, track: int | None, reason: str
               ) -> tuple[TrialRegistration, str | None]:
    """Link the trial ``REGISTRY:ID`` to ``product`` (None: unlink) and optionally its clinical ``track``
    (an id of one of that product's tracks); audited with ``reason``.  Returns the trial and the
    product's name."""
    reason = require_reason(reason)
    registry, ident = parse_trial_ref(trial)
    product_id: int | None = None
    name: str | None = None
    if product is not None:
        ids = _product_ids(ws, product)
        if len(ids) > 1:
            raise Conflict(Problem("--product", product, "product.ambiguous"))
        product_id = ids[0]
    with ws.db.write() as s:
        held = repo.find_trial(s, registry, ident)
        if held is None:
            raise NotFound(Problem("--trial", f"{registry.value}:{ident}", "trial.not_found"))
        if product_id is not None:
            p = repo.get_product(s, product_id)
            name = p.name if p else None
        if track is not None:
            t = repo.get_track(s, track)
            if t is None:
                raise NotFound(Problem("--track", str(track), "record.missing"))
            if product_id is None or t.product_id != product_id:
                raise invalid("--track", track, "trial.track_other_product", name=t.product_name)
        after = dataclasses.replace(held, product_id=product_id, track_id=track if product_id is not None else None)
        linked = repo.update_trial(s, held.id or 0, after, reason=reason, expected_version=held.version)
    return linked, name


def trials_by_product(ws: Workspace) -> dict[int, list[TrialRegistration]]:
    """``{product id: its linked trials}`` (in order of entry), for the product view."""
    with ws.db.read() as s:
        linked = repo.linked_trials(s)
    out: dict[int, list[TrialRegistration]] = {}
    for t in linked:
        if t.product_id is not None:
            out.setdefault(t.product_id, []).append(t)
    return out


def set_trial_product(ws: Workspace, trial_id: int, product_id: int | None, *, reason: str,
                      expected_version: int | None = None) -> TrialRegistration:
    """Link the trial with the id ``trial_id`` to the product ``product_id`` (None: unlink it from its
    product and track), audited with ``reason``: what ``link-trial`` does, for a window that already
    knows both records by their ids.  A clinical-track link is kept only while it is a track of that
    product."""
    why = require_reason(reason)
    with ws.db.write() as s:
        held = repo.get_trial(s, trial_id)
        if held is None:
            raise NotFound(Problem("trial", str(trial_id), "record.missing"))
        track_id: int | None = None
        if product_id is not None:
            if repo.get_product(s, product_id) is None:
                raise NotFound(Problem("product", str(product_id), "record.missing"))
            if held.track_id is not None:
                track = repo.get_track(s, held.track_id)
                track_id = held.track_id if track is not None and track.product_id == product_id else None
        after = dataclasses.replace(held, product_id=product_id, track_id=track_id)
        return repo.update_trial(s, trial_id, after, reason=why,
                                 expected_version=held.version if expected_version is None else expected_version)


def get_trial(ws: Workspace, trial_id: int) -> TrialRegistration:
    """The trial with the id ``trial_id``; refused when it is gone."""
    with ws.db.read() as s:
        found = repo.get_trial(s, trial_id)
    if found is None:
        raise NotFound(Problem("trial", str(trial_id), "record.missing"))
    return found
