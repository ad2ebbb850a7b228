"""Loading the shipped data set (mscreg/data/seed.json) into a new database, exactly once.

Every product, track, event and trial registration goes through the same repositories as a user's
edit, so each gets its audit row (reason "seed data set VERSION"), and every track's log is replayed
through the state machine before anything is written: a seed file that breaks a rule fails whole.  The
``trials`` section (optional; the shape ``mscreg trials --json`` prints, the product named by its name
in this file) is checked whole, identifiers, duplicates and product links, before the first product is
written.  The meta key ``seed_dataset`` records the version loaded; a second load is a no-op.

A track may list the obligations its authorisations imposed (``"obligations"``).  They are checked, all of
them, before the first record is written, because a refusal must name the product and track of the entry
at fault and leave no database behind; they are then written with their steps, audited as the products.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlmodel import Session

from mscreg.domain.errors import InvalidInput, MscregError, Problem, invalid
from mscreg.domain.event import EventDraft, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.holder import check_history, make_transfer
from mscreg.domain.obligation import (
    Obligation,
    ObligationDraft,
    ObligationEvent,
    check_authorisation,
    check_sequence,
    make_obligation_event,
)
from mscreg.domain.product import ProductDraft, name_key
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
    obligations: int = 0
    holder_transfers: int = 0


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
    owed = check_obligations(data)
    n_tracks = n_events = n_transfers = 0
    for pi, p in enumerate(data["products"]):
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
        for ti, t in enumerate(p["tracks"]):
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
            created = [repo.create_event(session, track.id, e, reason=reason) for e in events]
            n_events += len(created)
            write_obligations(session, track.id, created, owed.get((pi, ti), ()), reason=reason)
        # holders and licensees over time ("holders", as in an export), checked as one history first
        transfers = [make_transfer(h["jurisdiction"], h["role"], h.get("date") or None, h.get("from", ""),
                                   h.get("to", ""), source=h.get("source", ""), note=h.get("note", ""))
                     for h in p.get("holders", ())]
        check_history(transfers)
        for transfer in transfers:
            repo.create_transfer(session, product.id, transfer, reason=reason)
        n_transfers += len(transfers)
    for trial, linked in trials:
        product_id = product_ids[linked] if linked is not None else None
        repo.create_trial(session, replace(trial, product_id=product_id), reason=reason)
    repo.set_meta(session, SEED_META_KEY, version)
    return SeedReport(version, len(data["products"]), n_tracks, n_events, trials=len(trials),
                      obligations=sum(len(entries) for entries in owed.values()), holder_transfers=n_transfers)


# ----------------------------------------------------------------------------------------------
# obligations of the shipped authorisations

# The keys of an obligation in the JSON exchange form, so that the shipped file imports like an export.
OBLIGATION_KEYS = frozenset({"authorisation", "authorisation_date", "kind", "text_en", "text_zh", "due", "due_rule",
                             "owner", "source", "events"})
STEP_KEYS = frozenset({"type", "date", "new_due", "source", "note"})


@dataclass(frozen=True)
class SeedObligation:
    """One checked obligation of the data set: ``authorisation`` is the index of its authorising event in
    the track's list of events, to be replaced by that event's id once it is written."""

    obligation: Obligation
    authorisation: int
    steps: tuple[ObligationEvent, ...]


def _text_field(entry: dict[str, Any], key: str, *, optional: bool = True) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise invalid(key, json.dumps(value, ensure_ascii=False), "seed.obligation_not_text")
    return value


def _entries(value: Any, field: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise invalid(field, json.dumps(value, ensure_ascii=False)[:200], "seed.obligation_shape")
    return value


def _unknown_key(entry: dict[str, Any], known: frozenset[str]) -> None:
    extra = sorted(set(entry) - known)
    if extra:
        raise invalid(extra[0], json.dumps(entry[extra[0]], ensure_ascii=False)[:200], "seed.obligation_key",
                      valid=", ".join(sorted(known)))


def _authorising_index(entry: dict[str, Any], events: Sequence[RegulatoryEvent]) -> int:
    """The track's event the obligation names by type and date (as the track lists it)."""
    kind = _text_field(entry, "authorisation", optional=False)
    day = _text_field(entry, "authorisation_date", optional=False)
    found = [i for i, e in enumerate(events) if e.type == kind and e.date is not None and e.date.iso() == day]
    if len(found) != 1:
        raise invalid("authorisation", f"{kind} {day}", "seed.obligation_authorisation")
    return found[0]


def _one_obligation(entry: dict[str, Any], track: Track, events: Sequence[RegulatoryEvent],
                    today: dt.date) -> SeedObligation:
    _unknown_key(entry, OBLIGATION_KEYS)
    at = _authorising_index(entry, events)
    draft = ObligationDraft(
        kind=_text_field(entry, "kind", optional=False) or "", text_en=_text_field(entry, "text_en") or "",
        text_zh=_text_field(entry, "text_zh") or "", due=_text_field(entry, "due"),
        due_rule=_text_field(entry, "due_rule"), owner=_text_field(entry, "owner") or "",
        source=_text_field(entry, "source") or "")
    # the events numbered as the replay numbers them: the authorisation is checked as the services check it
    numbered = [replace(e, id=i + 1, track_id=None) for i, e in enumerate(events)]
    obligation = draft.to_obligation(authorisation_event_id=at + 1)
    authorisation = check_authorisation(obligation, track, numbered)
    steps = []
    for step in _entries(entry.get("events"), "events"):
        _unknown_key(step, STEP_KEYS)
        made = make_obligation_event(_text_field(step, "type", optional=False) or "",
                                     _text_field(step, "date", optional=False) or "",
                                     new_due=_text_field(step, "new_due"), source=_text_field(step, "source") or "",
                                     note=_text_field(step, "note") or "")
        if made.date.earliest > today:  # the data set records what happened, never what is expected
            raise invalid("date", made.date.display(), "obligation.future_step", today=today.isoformat())
        steps.append(made)
    check_sequence(obligation, steps, authorisation)
    return SeedObligation(obligation, at, tuple(steps))


def check_obligations(data: dict[str, Any], today: dt.date | None = None
                      ) -> dict[tuple[int, int], list[SeedObligation]]:
    """Every track's obligations, checked before anything is written, by (product index, track index).

    A refusal names the product, the track and the entry's number, then the field, value and reason."""
    day = today or dt.date.today()
    out: dict[tuple[int, int], list[SeedObligation]] = {}
    for pi, p in enumerate(data["products"]):
        for ti, t in enumerate(p["tracks"]):
            if "obligations" not in t:
                continue
            tdraft = TrackDraft(t["jurisdiction"], t["indication"], t["pathway"],
                                t.get("indication_zh", "")).validated()
            track = Track(None, None, p["name"], tdraft.jurisdiction, tdraft.indication, Pathway(tdraft.pathway),
                          indication_zh=tdraft.indication_zh)
            events = [_event_draft(e).to_event() for e in t["events"]]
            checked: list[SeedObligation] = []
            try:
                entries = _entries(t["obligations"], "obligations")
            except InvalidInput as exc:
                raise _in_context(exc, p["name"], track, 0) from None
            for n, entry in enumerate(entries, 1):
                try:
                    one = _one_obligation(entry, track, events, day)
                    twin = next((c for c in checked if _same(c, one)), None)
                    if twin is not None:
                        raise invalid("text_en", one.obligation.text_en or one.obligation.text_zh,
                                      "seed.obligation_twice", row=checked.index(twin) + 1)
                except MscregError as exc:
                    raise _in_context(exc, p["name"], track, n) from None
                checked.append(one)
            out[(pi, ti)] = checked
    return out


def _same(a: SeedObligation, b: SeedObligation) -> bool:
    """The same kind and text for the same authorisation: what an import matches obligations by."""
    x, y = a.obligation, b.obligation
    return (a.authorisation == b.authorisation and x.kind == y.kind
            and name_key(x.text_en or x.text_zh) == name_key(y.text_en or y.text_zh))


def _in_context(exc: MscregError, product: str, track: Track, number: int) -> InvalidInput:
    """The refusal of one entry, preceded by where it is: a damaged data set is refused as invalid input
    whatever rule the entry broke."""
    where = Problem("product", product, "seed.obligation_refused", {"track": track, "row": number})
    return InvalidInput([where, *exc.problems])


def write_obligations(session: Session, track_id: int, events: Sequence[RegulatoryEvent],
                      owed: Sequence[SeedObligation], *, reason: str) -> None:
    """The track's checked obligations and their steps, through the repositories a user's edit uses (each
    with its audit row); ``events`` are the track's events as written, in the order of the file."""
    for entry in owed:
        authorisation = events[entry.authorisation].id
        saved = repo.create_obligation(session, replace(entry.obligation, track_id=track_id,
                                                        authorisation_event_id=authorisation), reason=reason)
        for step in entry.steps:
            repo.create_obligation_event(session, replace(step, obligation_id=saved.id), reason=reason)
