"""Loading the shipped data set (mscreg/data/seed.json) into a new database, exactly once.

Every product, track, event and trial registration goes through the same repositories as a user's
edit, so each gets its audit row (reason "seed data set VERSION"), and every track's log is replayed
through the state machine before anything is written: a seed file that breaks a rule fails whole.  The
``trials`` section (optional; the shape ``mscreg trials --json`` prints, the product named by its name
in this file) is checked whole, identifiers, duplicates and product links, before the first product is
written.  The meta key ``seed_dataset`` records the version loaded; a second load is a no-op.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlmodel import Session

from mscreg.domain.errors import invalid
from mscreg.domain.event import EventDraft
from mscreg.domain.event_types import Pathway
from mscreg.domain.holder import check_history, make_transfer
from mscreg.domain.product import ProductDraft
from mscreg.domain.state_machine import derive
from mscreg.domain.track import Track, TrackDraft
from mscreg.domain.trial import TrialRegistration
from mscreg.domain.trial_json import trial_from_json
from mscreg.resource_paths import seed_file
from mscreg.storage import repositories as repo

SEED_META_KEY = "seed_dataset"


def default_seed_path() -> Path:
    """``MSCREG_SEED``, else the data set shipped inside the package (found as an installed wheel finds it)."""
    env = os.environ.get("MSCREG_SEED")
    if env:
        return Path(env)
    return seed_file()


@dataclass(frozen=True)
class SeedReport:
    dataset_version: str
    products: int
    tracks: int
    events: int
    skipped: bool = False
    trials: int = 0


def read_seed(path: Path) -> dict[str, Any]:
    """The data set file, or a refusal naming it: a damaged install or a wrong ``MSCREG_SEED`` must
    not end ``mscreg init`` (or the first start) in a traceback."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError:
        raise invalid("file", str(path), "seed.missing") from None
    except ValueError:  # invalid JSON or text that is not UTF-8
        raise invalid("file", str(path), "seed.not_json") from None
    if not isinstance(data, dict) or data.get("format") != "mscreg-seed" or data.get("format_version") != 1:
        raise invalid("file", str(path), "seed.format")
    return data


def _event_draft(e: dict[str, Any]) -> EventDraft:
    return EventDraft(
        type=e["type"], date=e.get("date"), approximate=bool(e.get("approximate")),
        agency=e.get("agency", ""), reference=e.get("reference", ""), source=e.get("source", ""),
        confidence=e.get("confidence", "medium"), note=e.get("note", ""),
        attributes=e.get("attributes") or {}, note_zh=e.get("note_zh", ""),
    )


def _trials(data: dict[str, Any]) -> list[tuple[TrialRegistration, str | None]]:
    """The ``trials`` section as registrations with the name of the product each is linked to, or a
    refusal: a bad field (named by the trial's own check), a trial listed twice, or a link to a
    product this file does not hold (a trial is never linked to a product by guesswork)."""
    section = data.get("trials", [])
    if not isinstance(section, list):
        raise invalid("trials", type(section).__name__, "seed.trials_not_list")
    names = {str(p.get("name", "")) for p in data["products"]}
    trials: list[tuple[TrialRegistration, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for obj in section:
        trial, product = trial_from_json(obj)
        key = (trial.registry.value, trial.registry_id)
        if key in seen:
            raise invalid("registry_id", trial.registry_id, "seed.trial_twice")
        seen.add(key)
        if product is not None and product not in names:
            raise invalid("product", product, "seed.trial_product", detail=trial.registry_id)
        trials.append((trial, product))
    return trials


def load_seed(session: Session, path: Path | None = None) -> SeedReport:
    """Load the data set inside the caller's write transaction (all or nothing)."""
    data = read_seed(path or default_seed_path())
    version = str(data["dataset_version"])
    loaded = repo.get_meta(session, SEED_META_KEY)
    if loaded is not None:
        return SeedReport(loaded, 0, 0, 0, skipped=True)
    reason = f"seed data set {version}"
    trials = _trials(data)
    product_ids: dict[str, int] = {}
    n_tracks = n_events = 0
    for p in data["products"]:
        draft = ProductDraft(
            name=p["name"], name_zh=p.get("name_zh", ""), inn=p.get("inn", ""),
            aliases=tuple(p.get("aliases", ())), company=p.get("company", ""),
            company_zh=p.get("company_zh", ""), company_aliases=tuple(p.get("company_aliases", ())),
            source_tissue=p.get("source_tissue", "not_stated"), donor_type=p.get("donor_type", "not_stated"),
            modality=p.get("modality", "cells"), notes=p.get("notes", ""),
            notes_zh=p.get("notes_zh", ""),
        )
        product = repo.create_product(session, draft, reason=reason)
        assert product.id is not None
        product_ids[p["name"]] = product.id
        for t in p["tracks"]:
            tdraft = TrackDraft(t["jurisdiction"], t["indication"], t["pathway"],
                                t.get("indication_zh", "")).validated()
            events = [_event_draft(e).to_event() for e in t["events"]]
            # Replay first (with entry order as in the file) so a bad seed fails before writing.
            probe = Track(None, product.id, product.name, tdraft.jurisdiction, tdraft.indication,
                          Pathway(tdraft.pathway), indication_zh=tdraft.indication_zh)
            derive(probe, [replace(e, id=i + 1) for i, e in enumerate(events)])
            track = repo.create_track(session, product.id, tdraft, reason=reason)
            assert track.id is not None
            n_tracks += 1
            for e in events:
                repo.create_event(session, track.id, e, reason=reason)
                n_events += 1
        # holders and licensees over time ("holders", as in an export), checked as one history first
        transfers = [make_transfer(h["jurisdiction"], h["role"], h.get("date") or None, h.get("from", ""),
                                   h.get("to", ""), source=h.get("source", ""), note=h.get("note", ""))
                     for h in p.get("holders", ())]
        check_history(transfers)
        for transfer in transfers:
            repo.create_transfer(session, product.id, transfer, reason=reason)
    for trial, linked in trials:
        product_id = product_ids[linked] if linked is not None else None
        repo.create_trial(session, replace(trial, product_id=product_id), reason=reason)
    repo.set_meta(session, SEED_META_KEY, version)
    return SeedReport(version, len(data["products"]), n_tracks, n_events, trials=len(trials))
