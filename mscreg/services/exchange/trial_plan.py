"""What importing registrations would do to the ones held: create, update (field by field, old and
new), or leave unchanged.  A pure function of the two lists, so ``--dry-run`` shows exactly what an
audited apply then writes, and re-importing the same file plans nothing.

A trial is matched by (registry, identifier), never by title.  Only the fields the file gives are
compared: a CSV download has no submission date and does not say whether a date is actual, so it must
not erase what a JSON import recorded.  The user's own fields (product and track links, sources) are
never touched by an import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mscreg.domain.messages import FIELD_NAMES_ZH, text
from mscreg.domain.trial import (
    REGISTRY_FIELDS,
    DateKind,
    Enrolment,
    EnrolmentKind,
    Registry,
    TrialDate,
    TrialRegistration,
    phase_key,
    registry_name,
)
from mscreg.services.exchange.trial_files import ParsedTrial


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class TrialUpdate:
    before: TrialRegistration
    after: TrialRegistration
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TrialPlan:
    creates: tuple[TrialRegistration, ...]
    updates: tuple[TrialUpdate, ...]
    unchanged: tuple[TrialRegistration, ...]

    @property
    def changes_anything(self) -> bool:
        return bool(self.creates or self.updates)


def _merged_date(old: TrialDate | None, new: TrialDate | None) -> TrialDate | None:
    """A date re-read from a source that does not say whether it happened keeps what was known: the
    same day "not stated" is no news about a day recorded as actual or estimated."""
    if old is not None and new is not None and new.kind is DateKind.NOT_STATED and new.date == old.date:
        return old
    return new


def _merged_enrolment(old: Enrolment | None, new: Enrolment | None) -> Enrolment | None:
    """The same for an enrolment re-read without its type (the CSV download)."""
    if old is not None and new is not None and new.kind is EnrolmentKind.NOT_STATED and new.count == old.count:
        return old
    return new


_DATES = frozenset({"first_submitted", "start_date", "primary_completion", "completion"})


def plan_trials(existing: Iterable[TrialRegistration], parsed: Iterable[ParsedTrial]) -> TrialPlan:
    held: dict[tuple[Registry, str], TrialRegistration] = {t.key: t for t in existing}
    creates: list[TrialRegistration] = []
    updates: list[TrialUpdate] = []
    unchanged: list[TrialRegistration] = []
    for p in parsed:
        before = held.get(p.trial.key)
        if before is None:
            creates.append(p.trial)
            continue
        changes = []
        for name in REGISTRY_FIELDS:
            if name not in p.given:
                continue
            old, new = getattr(before, name), getattr(p.trial, name)
            if name in _DATES:
                new = _merged_date(old, new)
            elif name == "enrolment":
                new = _merged_enrolment(old, new)
            if old != new:
                changes.append(FieldChange(name, old, new))
        if changes:
            after = dataclasses.replace(before, **{c.field: c.new for c in changes})
            updates.append(TrialUpdate(before, after, tuple(changes)))
        else:
            unchanged.append(before)
    return TrialPlan(tuple(creates), tuple(updates), tuple(unchanged))


def shown(value: Any) -> str:
    """A field value as plain text for a plan listing or an audit snapshot (ISO dates with their
    precision, codes rather than names: the same in both languages)."""
    if value is None:
        return ""
    if isinstance(value, TrialDate):
        return f"{value.iso()} ({value.kind.value})"
    if isinstance(value, frozenset):
        return phase_key(value)
    if isinstance(value, tuple):
        return "; ".join(map(str, value))
    if isinstance(value, Enrolment):
        return f"{value.count} ({value.kind.value})"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def plan_lines(plan: TrialPlan, lang: str = "en", *, count: bool = True) -> list[str]:
    """What a dry run prints: each new trial, each changed one with its fields old → new, and a count
    (``count`` False: the caller's summary counts the trials already)."""
    zh = lang.startswith("zh")
    lines = [text("trials.plan_create", lang, name=registry_name(t.registry, lang), value=t.registry_id,
                  detail=(t.title_zh or t.title) if zh else t.title) for t in plan.creates]
    for u in plan.updates:
        lines.append(text("trials.plan_update", lang, name=registry_name(u.before.registry, lang),
                          value=u.before.registry_id))
        for c in u.changes:
            label = FIELD_NAMES_ZH.get(c.field, c.field) if zh else c.field
            lines.append(text("trials.plan_field", lang, field=label, found=shown(c.old), expected=shown(c.new)))
    if count:
        lines.append(text("trials.plan_summary", lang, found=len(plan.creates), expected=len(plan.updates),
                          detail=len(plan.unchanged)))
    return lines
