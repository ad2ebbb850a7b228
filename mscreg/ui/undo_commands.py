"""Undo and redo of saved changes, as new audited changes.

The audit trail is append-only, so undoing never removes what was recorded: undoing an edit saves
the old values again, undoing a creation deletes, undoing a deletion creates the record anew, each
through the service layer with the reason "undo of …" (redo: "redo of …").  A step that can no
longer be applied (someone changed the record since, or a later event now depends on it) changes
nothing; its refusal is shown and the step leaves the history, since repeating it would fail again.

A record re-created by an undo gets a new id.  Every command that refers to that record holds the
same :class:`Ref`, which the re-creation moves to the new id, so the rest of the history still
reaches it.  The registry forgets a deleted record's id, so a new record that reuses it (SQLite
may) is never mistaken for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from mscreg.domain.event import EventDraft
from mscreg.domain.product import ProductDraft
from mscreg.domain.track import TrackDraft
from mscreg.services import editing
from mscreg.services.workspace import Workspace


@dataclass(eq=False)
class Ref:
    """The current database id of one product, track or event, shared by every command about it."""

    kind: str
    id: int


@dataclass
class RefRegistry:
    """Hands out one :class:`Ref` per live record, and moves it when an undo re-creates the record."""

    _live: dict[tuple[str, int], Ref] = field(default_factory=dict)

    def ref(self, kind: str, record_id: int) -> Ref:
        key = (kind, record_id)
        if key not in self._live:
            self._live[key] = Ref(kind, record_id)
        return self._live[key]

    def gone(self, ref: Ref) -> None:
        if self._live.get((ref.kind, ref.id)) is ref:
            del self._live[(ref.kind, ref.id)]

    def moved(self, ref: Ref, new_id: int) -> None:
        self.gone(ref)
        ref.id = new_id
        self._live[(ref.kind, new_id)] = ref


class CommandContext(Protocol):
    """What a command needs from its owner (the edit controller)."""

    refs: RefRegistry

    @property
    def ws(self) -> Workspace: ...

    def step_failed(self, command: SavedChange, undoing: bool, error: Exception) -> None: ...

    def step_done(self, command: SavedChange) -> None: ...


@dataclass(frozen=True)
class _Kind:
    """The service calls for one kind of record, each returning (id, version) where it makes one."""

    name: str
    create: Callable[[Workspace, int | None, Any, str], tuple[int, int]]
    update: Callable[[Workspace, int, Any, str, int | None], int]
    delete: Callable[[Workspace, int, str, int | None], None]


def _create_product(ws: Workspace, _parent: int | None, draft: ProductDraft, reason: str) -> tuple[int, int]:
    p = editing.create_product(ws, draft, reason=reason)
    assert p.id is not None
    return p.id, p.version


def _create_track(ws: Workspace, parent: int | None, draft: TrackDraft, reason: str) -> tuple[int, int]:
    assert parent is not None
    t = editing.create_track(ws, parent, draft, reason=reason)
    assert t.id is not None
    return t.id, t.version


def _create_event(ws: Workspace, parent: int | None, draft: EventDraft, reason: str) -> tuple[int, int]:
    assert parent is not None
    e = editing.add_event(ws, parent, draft, reason=reason).event
    assert e.id is not None
    return e.id, e.version


def _update_product(ws: Workspace, record: int, draft: ProductDraft, reason: str, version: int | None) -> int:
    return editing.update_product(ws, record, draft, reason=reason, expected_version=version).version


def _update_track(ws: Workspace, record: int, draft: TrackDraft, reason: str, version: int | None) -> int:
    return editing.update_track(ws, record, draft, reason=reason, expected_version=version).version


def _update_event(ws: Workspace, record: int, draft: EventDraft, reason: str, version: int | None) -> int:
    return editing.update_event(ws, record, draft, reason=reason, expected_version=version).event.version


def _delete_product(ws: Workspace, record: int, reason: str, version: int | None) -> None:
    editing.delete_product(ws, record, reason=reason, expected_version=version)


def _delete_track(ws: Workspace, record: int, reason: str, version: int | None) -> None:
    editing.delete_track(ws, record, reason=reason, expected_version=version)


def _delete_event(ws: Workspace, record: int, reason: str, version: int | None) -> None:
    editing.delete_event(ws, record, reason=reason, expected_version=version)


PRODUCT = _Kind("product", _create_product, _update_product, _delete_product)
TRACK = _Kind("track", _create_track, _update_track, _delete_track)
EVENT = _Kind("event", _create_event, _update_event, _delete_event)
KINDS = {k.name: k for k in (PRODUCT, TRACK, EVENT)}


class SavedChange(QUndoCommand):
    """A change already saved when pushed: the first ``redo()`` (QUndoStack.push) does nothing."""

    action = "change"

    def __init__(self, ctx: CommandContext, kind: _Kind, ref: Ref, text: str, reason: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.kind = kind
        self.ref = ref
        self.reason = reason
        self._saved = True  # the change the command stands for is in the database already

    def audit_reason(self, undoing: bool) -> str:
        """"undo of update event #57 — MHLW approval notice": what the audit trail says about the step."""
        prefix = "undo of" if undoing else "redo of"
        return f"{prefix} {self.action} {self.kind.name} #{self.ref.id} — {self.reason}"

    def redo(self) -> None:
        if self._saved:  # QUndoStack.push calls redo(): the save already happened
            self._saved = False
            return
        self._step(undoing=False)

    def undo(self) -> None:
        self._step(undoing=True)

    def _step(self, undoing: bool) -> None:
        reason = self.audit_reason(undoing)
        try:
            if undoing:
                self.backward(reason)
            else:
                self.forward(reason)
        except Exception as exc:  # refused or failed: nothing changed; the step leaves the history
            self.setObsolete(True)
            self.ctx.step_failed(self, undoing, exc)
            return
        self.ctx.step_done(self)

    def forward(self, reason: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def backward(self, reason: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class Created(SavedChange):
    """A record was created: undo deletes it, redo creates it again (under a new id)."""

    action = "create"

    def __init__(self, ctx: CommandContext, kind: _Kind, ref: Ref, parent: Ref | None, draft: Any,
                 version: int, text: str, reason: str) -> None:
        super().__init__(ctx, kind, ref, text, reason)
        self.parent, self.draft, self.version = parent, draft, version

    def backward(self, reason: str) -> None:
        self.kind.delete(self.ctx.ws, self.ref.id, reason, self.version)
        self.ctx.refs.gone(self.ref)

    def forward(self, reason: str) -> None:
        new_id, self.version = self.kind.create(self.ctx.ws, self.parent.id if self.parent else None,
                                                self.draft, reason)
        self.ctx.refs.moved(self.ref, new_id)


class Updated(SavedChange):
    """A record was edited: undo saves the old values, redo the new ones, each version-checked."""

    action = "update"

    def __init__(self, ctx: CommandContext, kind: _Kind, ref: Ref, before: Any, after: Any, version: int,
                 text: str, reason: str) -> None:
        super().__init__(ctx, kind, ref, text, reason)
        self.before, self.after, self.version = before, after, version

    def backward(self, reason: str) -> None:
        self.version = self.kind.update(self.ctx.ws, self.ref.id, self.before, reason, self.version)

    def forward(self, reason: str) -> None:
        self.version = self.kind.update(self.ctx.ws, self.ref.id, self.after, reason, self.version)


class Deleted(SavedChange):
    """A record was deleted: undo creates it again from its last values, redo deletes it again."""

    action = "delete"

    def __init__(self, ctx: CommandContext, kind: _Kind, ref: Ref, parent: Ref | None, before: Any,
                 text: str, reason: str) -> None:
        super().__init__(ctx, kind, ref, text, reason)
        self.parent, self.before, self.version = parent, before, 0

    def backward(self, reason: str) -> None:
        new_id, self.version = self.kind.create(self.ctx.ws, self.parent.id if self.parent else None,
                                                self.before, reason)
        self.ctx.refs.moved(self.ref, new_id)

    def forward(self, reason: str) -> None:
        self.kind.delete(self.ctx.ws, self.ref.id, reason, self.version)
        self.ctx.refs.gone(self.ref)
