"""Opens the edit dialogs, saves what they return through the services, and records undo steps.

The window's menus, the product view and the timelines reach the methods here through
:class:`~mscreg.ui.edit_requests.EditRequests`.  Each method opens its dialog with ``open()`` (the
window stays responsive) and returns it, so tests can fill and click it.  The dialog's OK runs a
saver that calls the service; a refusal is shown inside the dialog, which stays open with what the
user typed, so bad input never loses work and never half-saves.  Every saved change pushes one undo
step; ``changed`` is emitted after a save, an undo or a redo, so views reload.  Errors outside a
dialog (a record gone, an undo no longer possible) go through the one
:class:`~mscreg.ui.dialog_service.DialogService`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from mscreg.domain.errors import MscregError
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.track import Track
from mscreg.services import editing
from mscreg.services.workspace import Workspace
from mscreg.ui.background import BackgroundTask
from mscreg.ui.dialogs.base import EditDialog, ui_language
from mscreg.ui.dialogs.delete_dialog import DeleteDialog
from mscreg.ui.dialogs.event_dialog import EventDialog
from mscreg.ui.dialogs.obligation_dialog import ObligationDialog, ObligationStepDialog
from mscreg.ui.dialogs.product_dialog import ProductDialog
from mscreg.ui.dialogs.reason_dialog import ReasonDialog
from mscreg.ui.dialogs.track_dialog import TrackDialog
from mscreg.ui.dialogs.trial_link_dialog import TrialLinkDialog
from mscreg.ui.dialogs.verify_dialog import VerifyDialog
from mscreg.ui.product_names import product_name, record_names, track_indication
from mscreg.ui.undo_commands import EVENT, PRODUCT, TRACK, Created, Deleted, RefRegistry, SavedChange, Updated

_Dialog = TypeVar("_Dialog", bound=EditDialog)

log = logging.getLogger(__name__)


class EditController(QObject):
    """Add, edit and delete products, tracks and events; every saved change can be undone."""

    changed = Signal()

    def __init__(self, parent_widget: QWidget | None, dialog_service, undo_stack: QUndoStack,
                 lang: str | None = None) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._dialogs = dialog_service
        self.undo_stack = undo_stack
        self._lang = lang
        self._ws: Workspace | None = None
        self.refs = RefRegistry()
        self.dialog: EditDialog | None = None  # the dialog opened last (tests drive it)
        self._tasks: set[BackgroundTask] = set()  # reads for a dialog, waited for before the database closes

    # ----- setup --------------------------------------------------------------------------------
    def wait_for_tasks(self) -> None:
        """The database is about to close: let the dialogs' reads end first (they are short)."""
        for task in list(self._tasks):
            task.cancel()
            task.wait()

    def set_workspace(self, ws: Workspace | None) -> None:
        """The open database; the undo history of another database would not apply, so it is cleared."""
        if ws is not self._ws:
            self.undo_stack.clear()
            self.refs = RefRegistry()
        self._ws = ws

    @property
    def ws(self) -> Workspace:
        assert self._ws is not None
        return self._ws

    @property
    def lang(self) -> str:
        return ui_language(self._lang)

    # ----- products -----------------------------------------------------------------------------
    def new_product(self) -> ProductDialog | None:
        if not self._ready():
            return None
        dlg = ProductDialog(self._parent, None, lang=self._lang)

        def save() -> None:
            p = editing.create_product(self.ws, dlg.value(), reason=dlg.reason())
            assert p.id is not None
            self._push(Created(self, PRODUCT, self.refs.ref("product", p.id), None, editing.product_draft(p),
                               p.version, self.tr("New product “%1”").replace("%1", product_name(p)), dlg.reason()))

        return self._open(dlg, save)

    def edit_product(self, product_id: int) -> ProductDialog | None:
        product = self._load(lambda: editing.get_product(self.ws, product_id))
        if product is None:
            return None
        dlg = ProductDialog(self._parent, product, lang=self._lang)

        def save() -> None:
            after = editing.update_product(self.ws, product_id, dlg.value(), reason=dlg.reason(),
                                           expected_version=product.version)
            before_draft, after_draft = editing.product_draft(product), editing.product_draft(after)
            if before_draft != after_draft:
                self._push(Updated(self, PRODUCT, self.refs.ref("product", product_id), before_draft, after_draft,
                                   after.version, self.tr("Edit product “%1”").replace("%1", product_name(after)),
                                   dlg.reason()))

        return self._open(dlg, save)

    def delete_product(self, product_id: int) -> DeleteDialog | None:
        loaded = self._load(lambda: (editing.get_product(self.ws, product_id),
                                     editing.tracks_of(self.ws, product_id)))
        if loaded is None:
            return None
        product, tracks = loaded
        what = self.tr("the product “%1”").replace("%1", product_name(product))
        dlg = DeleteDialog(self._parent, what, editing.product_refusal(product, tracks), lang=self._lang)

        def save() -> None:
            editing.delete_product(self.ws, product_id, reason=dlg.reason(), expected_version=product.version)
            ref = self.refs.ref("product", product_id)
            self.refs.gone(ref)
            self._push(Deleted(self, PRODUCT, ref, None, editing.product_draft(product),
                               self.tr("Delete product “%1”").replace("%1", product_name(product)), dlg.reason()))

        return self._open(dlg, save)

    # ----- tracks -------------------------------------------------------------------------------
    def new_track(self, product_id: int) -> TrackDialog | None:
        product = self._load(lambda: editing.get_product(self.ws, product_id))
        if product is None:
            return None
        dlg = TrackDialog(self._parent, product, lang=self._lang)

        def save() -> None:
            t = editing.create_track(self.ws, product_id, dlg.value(), reason=dlg.reason())
            assert t.id is not None
            self._push(Created(self, TRACK, self.refs.ref("track", t.id), self.refs.ref("product", product_id),
                               editing.track_draft(t), t.version,
                               self.tr("New track “%1”").replace("%1", self._track_name(t)), dlg.reason()))

        return self._open(dlg, save)

    def edit_track(self, track_id: int) -> TrackDialog | None:
        loaded = self._load(lambda: editing.track_log(self.ws, track_id))
        if loaded is None:
            return None
        track = loaded.track
        dlg = TrackDialog(self._parent, loaded.product, track, loaded.events, lang=self._lang)

        def save() -> None:
            after = editing.update_track(self.ws, track_id, dlg.value(), reason=dlg.reason(),
                                         expected_version=track.version)
            before_draft, after_draft = editing.track_draft(track), editing.track_draft(after)
            if before_draft != after_draft:
                self._push(Updated(self, TRACK, self.refs.ref("track", track_id), before_draft, after_draft,
                                   after.version, self.tr("Edit track “%1”").replace("%1", self._track_name(after)),
                                   dlg.reason()))

        return self._open(dlg, save)

    def delete_track(self, track_id: int) -> DeleteDialog | None:
        loaded = self._load(lambda: editing.track_log(self.ws, track_id))
        if loaded is None:
            return None
        track = loaded.track
        name = self._track_name(track)
        what = self.tr("the track “%1”").replace("%1", name)
        dlg = DeleteDialog(self._parent, what, editing.track_refusal(loaded), lang=self._lang)

        def save() -> None:
            editing.delete_track(self.ws, track_id, reason=dlg.reason(), expected_version=track.version)
            ref = self.refs.ref("track", track_id)
            self.refs.gone(ref)
            assert track.product_id is not None
            self._push(Deleted(self, TRACK, ref, self.refs.ref("product", track.product_id),
                               editing.track_draft(track), self.tr("Delete track “%1”").replace("%1", name),
                               dlg.reason()))

        return self._open(dlg, save)

    def verify_track(self, track_id: int) -> VerifyDialog | None:
        """Record that the track was checked against a source today (audited; the track is unchanged, so
        there is nothing to undo: a later check supersedes it)."""
        from mscreg.services.review import verify_track

        track = self._load(lambda: editing.track_by_id(self.ws, track_id))
        if track is None:
            return None
        dlg = VerifyDialog(self._parent, self._track_name(track), lang=self._lang)

        def save() -> None:
            verify_track(self.ws, track_id, source=dlg.source(), reason=dlg.reason())

        return self._open(dlg, save)

    # ----- events -------------------------------------------------------------------------------
    def new_event(self, track_id: int) -> EventDialog | None:
        loaded = self._load(lambda: editing.track_log(self.ws, track_id))
        if loaded is None:
            return None
        dlg = EventDialog(self._parent, loaded.track, loaded.events, None, lang=self._lang)

        def save() -> None:
            saved = editing.add_event(self.ws, track_id, dlg.value(), reason=dlg.reason()).event
            assert saved.id is not None
            self._push(Created(self, EVENT, self.refs.ref("event", saved.id), self.refs.ref("track", track_id),
                               editing.event_draft(saved), saved.version,
                               self.tr("New event “%1”").replace("%1", self._event_name(saved.type)),
                               dlg.reason()))

        return self._open(dlg, save)

    def mark_happened(self, event_id: int) -> EventDialog | None:
        """A plan became a fact: the event dialog with "Planned" off, for the real date, saved as one
        audited update (undo makes it the plan again)."""
        return self.edit_event(event_id, mark_happened=True)

    def edit_event(self, event_id: int, *, mark_happened: bool = False) -> EventDialog | None:
        loaded = self._load(lambda: editing.event_in_context(self.ws, event_id))
        if loaded is None:
            return None
        event = loaded.event
        dlg = EventDialog(self._parent, loaded.log.track, loaded.log.events, event, lang=self._lang,
                          mark_happened=mark_happened)
        title = self.tr("Mark “%1” as happened") if dlg.marking else self.tr("Edit event “%1”")

        def save() -> None:
            after = editing.update_event(self.ws, event_id, dlg.value(), reason=dlg.reason(),
                                         expected_version=event.version).event
            before_draft, after_draft = editing.event_draft(event), editing.event_draft(after)
            if before_draft != after_draft:
                self._push(Updated(self, EVENT, self.refs.ref("event", event_id), before_draft, after_draft,
                                   after.version,
                                   title.replace("%1", self._event_name(after.type)), dlg.reason()))

        return self._open(dlg, save)

    def delete_event(self, event_id: int) -> DeleteDialog | None:
        loaded = self._load(lambda: editing.event_in_context(self.ws, event_id))
        if loaded is None:
            return None
        event, track = loaded.event, loaded.log.track
        date = event.date.display() if event.date else self.tr("no date")
        name = f"{self._event_name(event.type)} ({date})"
        what = self.tr("the event “%1” of %2").replace("%1", name).replace("%2", self._track_name(track))
        dlg = DeleteDialog(self._parent, what, editing.deletion_refusal(loaded.log, event_id), lang=self._lang)

        def save() -> None:
            editing.delete_event(self.ws, event_id, reason=dlg.reason(), expected_version=event.version)
            ref = self.refs.ref("event", event_id)
            self.refs.gone(ref)
            assert track.id is not None
            self._push(Deleted(self, EVENT, ref, self.refs.ref("track", track.id), editing.event_draft(event),
                               self.tr("Delete event “%1”").replace("%1", name), dlg.reason()))

        return self._open(dlg, save)

    # ----- obligations -------------------------------------------------------------------------
    # Saved through the service the obligation commands use, audited with the dialog's reason.  Not on
    # the undo history: an obligation's steps are a record of their own, and the audit trail keeps each
    # change; a mistaken entry is edited or deleted, with a reason, like on the command line.
    def new_obligation(self, track_id: int) -> ObligationDialog | None:
        from mscreg.services import obligations
        from mscreg.ui.obligations_panel import authorisations_of

        loaded = self._load(lambda: editing.track_log(self.ws, track_id))
        if loaded is None:
            return None
        dlg = ObligationDialog(self._parent, authorisations_of(loaded), lang=self._lang)

        def save() -> None:
            obligations.add_obligation(self.ws, draft=dlg.value(), reason=dlg.reason(),
                                       authorisation_event_id=dlg.authorisation_id())

        return self._open(dlg, save)

    def edit_obligation(self, obligation_id: int) -> ObligationDialog | None:
        from mscreg.services import obligations

        view = self._load(lambda: obligations.obligation_view(self.ws, obligation_id))
        if view is None:
            return None
        o = view.obligation
        dlg = ObligationDialog(self._parent, (), o, lang=self._lang, authorisation=view.authorisation)

        def save() -> None:
            obligations.update_obligation(self.ws, obligation_id, dlg.value(), reason=dlg.reason(),
                                          expected_version=o.version)

        return self._open(dlg, save)

    def obligation_step(self, obligation_id: int) -> ObligationStepDialog | None:
        from mscreg.services import obligations

        view = self._load(lambda: obligations.obligation_view(self.ws, obligation_id))
        if view is None:
            return None
        dlg = ObligationStepDialog(self._parent, self._obligation_name(view), lang=self._lang)

        def save() -> None:
            v = dlg.value()
            obligations.record_obligation_event(self.ws, obligation_id, type=v["type"] or "", date=v["date"] or "",
                                                new_due=v["new_due"], source=v["source"] or "",
                                                note=v["note"] or "", reason=dlg.reason())

        return self._open(dlg, save)

    def delete_obligation(self, obligation_id: int) -> ReasonDialog | None:
        from mscreg.domain.errors import Conflict, Problem
        from mscreg.services import obligations

        view = self._load(lambda: obligations.obligation_view(self.ws, obligation_id))
        if view is None:
            return None
        o = view.obligation
        name = self._obligation_name(view)
        refusal = Conflict(Problem("obligation", name, "obligation.has_events")) if view.events else None
        dlg = ReasonDialog(self._parent, self.tr("Delete obligation"),
                           self.tr("Delete the obligation “%1”?\nThe deletion is recorded in the audit trail with "
                                   "your reason.").replace("%1", name), self.tr("Delete"), refusal, lang=self._lang)

        def save() -> None:
            obligations.delete_obligation(self.ws, obligation_id, reason=dlg.reason(), expected_version=o.version)

        return self._open(dlg, save)

    def _obligation_name(self, view) -> str:
        from mscreg.domain.messages import text

        kind = text(f"obligation.kind.{view.obligation.kind.value}", self.lang)
        what = view.text(self.lang)
        return text("text.labelled", self.lang, label=kind, text=what[:80] + ("…" if len(what) > 80 else ""))

    # ----- trial links --------------------------------------------------------------------------
    def link_trial(self, product_id: int) -> TrialLinkDialog | None:
        """Pick a stored trial registration and link it to the product (``mscreg link-trial``).  The dialog
        opens at once; the stored trials (10,000 take about a second to read and index) arrive from a
        background task."""
        from mscreg.services import trial_records
        from mscreg.ui.dialogs.trial_link_dialog import search_keys

        product = self._load(lambda: editing.get_product(self.ws, product_id))
        if product is None:
            return None
        dlg = TrialLinkDialog(self._parent, product_name(product), product_id, lang=self._lang)
        ws = self.ws

        def read(_control) -> tuple:
            from mscreg.services.object_churn import collector_paused

            # many small acyclic objects; and no cyclic collection in this thread, where it could free
            # widgets of the UI thread left in a cycle
            with collector_paused():
                trials = trial_records.list_trials(ws)
                return trials, trial_records.product_names(ws), search_keys(trials)

        task = BackgroundTask(read, self)
        self._tasks.add(task)
        alive = [True]  # the dialog may be closed and deleted before the read ends
        dlg.destroyed.connect(lambda *_: alive.clear())

        def done(result: object) -> None:
            self._tasks.discard(task)
            if alive:
                dlg.set_trials(*result)  # type: ignore[misc]  # result is read()'s tuple: trials, names, keys

        def failed(exc: object) -> None:
            self._tasks.discard(task)
            if alive:
                dlg.show_failure(self._explain(exc) if isinstance(exc, Exception) else str(exc))

        task.finished_ok.connect(done)
        task.finished_error.connect(failed)
        task.start()

        def save() -> None:
            chosen = dlg.value()
            if chosen is not None and chosen.id is not None:
                trial_records.set_trial_product(self.ws, chosen.id, product_id, reason=dlg.reason(),
                                                expected_version=chosen.version)

        return self._open(dlg, save)

    def unlink_trial(self, trial_id: int) -> ReasonDialog | None:
        from mscreg.services import trial_records

        trial = self._load(lambda: trial_records.get_trial(self.ws, trial_id))
        if trial is None:
            return None
        ref = f"{trial.registry.value}:{trial.registry_id}"
        dlg = ReasonDialog(self._parent, self.tr("Unlink trial"),
                           self.tr("Unlink the trial %1 from its product?\nThe trial stays stored; the change is "
                                   "recorded in the audit trail with your reason.").replace("%1", ref),
                           self.tr("Unlink"), lang=self._lang)

        def save() -> None:
            trial_records.set_trial_product(self.ws, trial_id, None, reason=dlg.reason(),
                                            expected_version=trial.version)

        return self._open(dlg, save)

    # ----- undo steps report back here ----------------------------------------------------------
    def step_done(self, command: SavedChange) -> None:
        self.changed.emit()

    def step_failed(self, command: SavedChange, undoing: bool, error: Exception) -> None:
        """Report after the undo stack has finished its step (a modal box inside undo() would nest)."""
        title = self.tr("Undo not possible") if undoing else self.tr("Redo not possible")
        text = self._explain(error) + "\n\n" + self.tr(
            "Nothing was changed. The step “%1” has been removed from the undo history.").replace("%1", command.text())
        QTimer.singleShot(0, lambda: self._dialogs.error(self._parent, title, text))

    # ----- plumbing -----------------------------------------------------------------------------
    def _ready(self) -> bool:
        if self._ws is None:
            self._dialogs.error(self._parent, self.tr("No database"), self.tr("No database is open."))
            return False
        return True

    def _load(self, read: Callable):
        """What a dialog needs, or None after telling the user why it cannot be had."""
        if not self._ready():
            return None
        try:
            return read()
        except Exception as exc:  # the record may be gone, the database unreachable: say so
            self._dialogs.error(self._parent, self.tr("Cannot open the record"), self._explain(exc))
            return None

    def _open(self, dlg: _Dialog, save: Callable[[], None]) -> _Dialog:
        def saver() -> str | None:
            try:
                save()
            except MscregError as exc:  # refused: the transaction rolled back; said beside its field
                return dlg.place_refusal(exc) or self._explain(exc)
            except Exception as exc:  # failed: the transaction rolled back
                return self._explain(exc)
            self.changed.emit()
            return None

        dlg.set_saver(saver)
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()
        self.dialog = dlg
        dlg.open()
        return dlg

    def _push(self, command: SavedChange) -> None:
        self.undo_stack.push(command)

    def _explain(self, exc: Exception) -> str:
        if isinstance(exc, MscregError):
            return exc.message(self.lang)
        log.exception("unexpected error while saving", exc_info=exc)
        return self.tr("The database could not complete the change (%1). Nothing was saved.").replace(
            "%1", f"{type(exc).__name__}: {exc}")

    def _event_name(self, code: str) -> str:
        etype = EVENT_TYPES.get(code)
        return etype.name(self.lang) if etype else code

    def _track_name(self, track: Track) -> str:
        jurisdiction = JURISDICTIONS.get(track.jurisdiction)
        where = jurisdiction.name(self.lang) if jurisdiction else track.jurisdiction
        return f"{record_names.named(track.product_name)} / {where} / {track_indication(track, self.lang)}"
