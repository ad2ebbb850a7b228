"""Obligations in an import: matched, checked and planned with the file's products, tracks and events.

An obligation in a file names its track and its authorisation by the event's type and date (event
numbers differ between databases), and is matched with a recorded one by track, authorisation, kind and
text.  A recorded obligation takes the file's values for the fields the file has (a column or key left
out keeps its value); a step (submitted, fulfilled, released, extended) is matched by type and date, and
one the file does not have is kept.  Every obligation the file would leave is checked as the command line
checks it (kind, due date or rule, an authorisation that imposes obligations, the order of its steps); a
refusal names the row, the column and the value, and the whole file is then refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mscreg.domain.errors import MscregError, Problem
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.obligation import (
    AUTHORISING,
    Obligation,
    ObligationDraft,
    ObligationEvent,
    check_sequence,
    make_obligation_event,
)
from mscreg.domain.product import name_key
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.export_rows import dated
from mscreg.services.exchange.records import Issue, ObligationIn, Origin, TrackKey, issue_at, track_key

# the file's columns (keys) → the obligation's fields, as the command line names them
_FIELDS = {"kind": "kind", "text_en": "text_en", "text_zh": "text_zh", "due": "due", "due_rule": "due_rule",
           "owner": "owner", "source": "source"}
COMPARED = ("kind", "text_en", "text_zh", "due", "due_rule", "owner", "source")


@dataclass(frozen=True)
class AuthorisationRef:
    track: TrackKey
    type: str
    date: str  # ISO text as recorded


@dataclass(frozen=True)
class NewObligation:
    authorisation: AuthorisationRef
    obligation: Obligation
    steps: tuple[ObligationEvent, ...]
    origin: Origin


@dataclass(frozen=True)
class ChangedObligation:
    before: Obligation
    after: Obligation
    fields: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class NewObligationStep:
    obligation_id: int
    step: ObligationEvent
    origin: Origin


@dataclass
class ObligationPlan:
    new: list[NewObligation] = field(default_factory=list)
    changed: list[ChangedObligation] = field(default_factory=list)
    new_steps: list[NewObligationStep] = field(default_factory=list)
    unchanged: int = 0


def _value(o: Obligation, name: str) -> Any:
    v = getattr(o, name)
    if name == "kind":
        return v.value
    if name == "due":
        return dated(v)
    if name == "due_rule":
        return v.text() if v is not None else ""
    return v


def _draft(o: Obligation) -> dict[str, Any]:
    return {name: _value(o, name) for name in COMPARED}


def _identity(track: TrackKey, auth_type: str, auth_date: str, kind: str, text_en: str, text_zh: str) -> tuple:
    return (track, auth_type, auth_date, kind, name_key(text_en or text_zh))


def _date_text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "").strip()


def plan_obligations(items: Sequence[ObligationIn], content: Content, new_events: Sequence[Any]) -> tuple[
        ObligationPlan, list[Issue]]:
    """The obligations of the file against the database and the file's own new events."""
    plan, issues = ObligationPlan(), []
    tracks: dict[TrackKey, Any] = {}
    for p in content.products:
        for t in content.tracks.get(p.id or 0, []):
            tracks[track_key(p.name, t.jurisdiction, t.indication, t.pathway.value)] = t
    events: dict[TrackKey, list[RegulatoryEvent]] = {}
    for key, t in tracks.items():
        events[key] = list(content.events.get(t.id or 0, []))
    for ne in new_events:
        events.setdefault(ne.track, []).append(ne.event)
    recorded: dict[tuple, tuple[Obligation, list[ObligationEvent]]] = {}
    for key, t in tracks.items():
        by_id = {e.id: e for e in events.get(key, [])}
        for o in content.obligations.get(t.id or 0, []):
            auth = by_id.get(o.authorisation_event_id)
            if auth is None:
                continue
            ident = _identity(key, auth.type, auth.date.iso() if auth.date else "", o.kind.value, o.text_en,
                              o.text_zh)
            recorded[ident] = (o, list(content.obligation_events.get(o.id or 0, [])))
    joined: dict[tuple, tuple[ObligationIn, dict[str, Any], list[tuple[dict[str, Any], Origin]], RegulatoryEvent,
                              TrackKey]] = {}
    for item in items:
        origin = item.origin
        key = track_key(item.product, item.jurisdiction.strip().upper(), item.indication,
                        item.pathway.strip().lower())
        f = item.fields
        auth_type = str(f.get("authorisation", "")).strip().lower()
        auth_date = _date_text(f.get("authorisation_date", ""))
        if key not in events:
            issues.append(issue_at(origin, "indication", Problem(
                "track", f"{item.product} / {item.jurisdiction} / {item.indication} / {item.pathway}",
                "import.obligation_track_missing", {})))
            continue
        found = [e for e in events[key] if e.type == auth_type and e.date is not None and e.date.iso() == auth_date]
        if not found or auth_type not in AUTHORISING or found[0].planned:
            issues.append(issue_at(origin, "authorisation", Problem(
                "authorisation", f"{auth_type} {auth_date}", "import.obligation_authorisation_missing",
                {"valid": ", ".join(sorted(AUTHORISING))})))
            continue
        kind = str(f.get("kind", "")).strip().lower()
        ident = _identity(key, auth_type, auth_date, kind, str(f.get("text_en", "")).strip(),
                          str(f.get("text_zh", "")).strip())
        if ident in joined:  # another step row of the same obligation
            first = joined[ident]
            for name in _FIELDS:
                if name in f and name in first[1] and str(f[name]).strip() != str(first[1][name]).strip():
                    issues.append(issue_at(origin, name, Problem(name, str(f[name]), "import.obligation_rows_differ",
                                                                 {"row": first[0].origin.row})))
            first[2].extend(item.steps)
            continue
        joined[ident] = (item, dict(f), list(item.steps), found[0], key)
    for ident, (item, f, steps, auth, key) in joined.items():
        _plan_one(ident, item, f, steps, auth, key, recorded.get(ident), plan, issues)
    return plan, issues


def _plan_one(ident: tuple, item: ObligationIn, f: dict[str, Any], steps: list[tuple[dict[str, Any], Origin]],
              auth: RegulatoryEvent, key: TrackKey, existing: tuple[Obligation, list[ObligationEvent]] | None,
              plan: ObligationPlan, issues: list[Issue]) -> None:
    origin = item.origin
    before = existing[0] if existing else None
    values = _draft(before) if before is not None else {name: "" for name in COMPARED}
    for name in _FIELDS:
        if name in f:  # a column left out keeps the recorded value
            values[name] = _date_text(f[name]) if name == "due" else str(f[name]).strip()
    try:
        draft = ObligationDraft(values["kind"], values["text_en"], values["text_zh"], values["due"] or None,
                                values["due_rule"] or None, values["owner"], values["source"])
        after = draft.to_obligation(id=before.id if before else None, track_id=before.track_id if before else None,
                                    authorisation_event_id=auth.id, version=before.version if before else 1)
    except MscregError as exc:
        p = exc.problems[0]
        issues.append(issue_at(origin, p.field, p))
        return
    recorded_steps = existing[1] if existing else []
    known = {(s.type.value, s.date.iso()): s for s in recorded_steps}
    new_steps: list[tuple[ObligationEvent, Origin]] = []
    for raw, where in steps:
        try:
            step = make_obligation_event(str(raw.get("type", "")), _date_text(raw.get("date", "")),
                                         new_due=_date_text(raw.get("new_due", "")) or None,
                                         source=str(raw.get("source", "")), note=str(raw.get("note", "")),
                                         obligation_id=before.id if before else None)
        except MscregError as exc:
            p = exc.problems[0]
            issues.append(issue_at(where, p.field if p.field in ("date", "new_due", "source", "note") else "type",
                                   p))
            continue
        if (step.type.value, step.date.iso()) in known or any(
                (s.type, s.date.iso()) == (step.type, step.date.iso()) for s, _ in new_steps):
            continue  # recorded already (or twice in the file): nothing to add
        new_steps.append((step, where))
    try:
        check_sequence(after, [*recorded_steps, *(s for s, _ in new_steps)], auth)
    except MscregError as exc:
        p = exc.problems[0]
        where = next((w for s, w in new_steps if s.date.display() == p.value or s.type.value == p.value), origin)
        issues.append(issue_at(where, "step" if where is not origin else "due", p))
        return
    ref = AuthorisationRef(key, auth.type, auth.date.iso() if auth.date else "")
    if before is None:
        plan.new.append(NewObligation(ref, after, tuple(s for s, _ in new_steps), origin))
        return
    changed = tuple(name for name in COMPARED if _value(before, name) != _value(after, name))
    if changed:
        plan.changed.append(ChangedObligation(before, replace(after, id=before.id), changed, origin))
    elif not new_steps:
        plan.unchanged += 1
    plan.new_steps.extend(NewObligationStep(before.id or 0, s, w) for s, w in new_steps)
