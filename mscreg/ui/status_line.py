"""The window's status bar: what the session is doing, how many products the list shows, and why a
database could not be opened (that one also in a message box, since nothing else would show)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from mscreg.ui.language import current_language

if TYPE_CHECKING:
    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.error_reporting import ErrorReporter
    from mscreg.ui.products_page import ProductsPage
    from mscreg.ui.single_instance import LockOwner
    from mscreg.ui.workspace_session import WorkspaceSession


class StatusLine(QObject):
    """The status text and the busy indicator; ``open_failed(text)`` after saying why a database did
    not open."""

    open_failed = Signal(str)

    def __init__(self, window: QMainWindow, session: WorkspaceSession, page: ProductsPage, dialogs: DialogService,
                 reporter: ErrorReporter) -> None:
        super().__init__(window)
        self._window, self._session, self._page = window, session, page
        self._dialogs, self._reporter = dialogs, reporter
        self.text = QLabel(window)
        self.text.setObjectName("statusText")
        self.progress = QProgressBar(window)
        self.progress.setRange(0, 0)  # busy: the steps have no measurable size
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        window.statusBar().addWidget(self.text, 1)
        window.statusBar().addPermanentWidget(self.progress)
        session.busy.connect(self.busy)
        session.idle.connect(self.idle)
        session.locked.connect(self._locked)
        session.open_failed.connect(self._open_failed)
        page.list_changed.connect(self.show_counts)
        page.message.connect(self.text.setText)

    def busy(self, text: str) -> None:
        self.text.setText(text)
        self.progress.show()

    def idle(self) -> None:
        self.progress.hide()
        self.show_counts()

    def show_counts(self) -> None:
        """"20 product(s) — name", or how many of them the search and filters leave (not while busy)."""
        snap = self._session.snapshot
        if snap is None or self.progress.isVisible():
            return
        shown, total = self._page.model.rowCount(), len(snap.overviews)
        if shown == total:
            text = self.tr("%n product(s)", "", total)
        else:
            text = self.tr("%1 of %n product(s) shown", "", total).replace("%1", str(shown))
        self.text.setText(f"{text} — {snap.name}")

    def _locked(self, location: str, owner: LockOwner | None) -> None:
        detail = ""
        if owner is not None:
            detail = "\n" + self.tr("It is held by process %1 on %2.").replace("%1", str(owner.pid)) \
                .replace("%2", owner.host)
        self.text.setText(self.tr("The database is already open in another mscreg window."))
        self.open_failed.emit(self.text.text())
        self._dialogs.error(self._window, self.tr("Database already open"),
                            self.tr("The database %1 is already open in another mscreg window. Close that window "
                                    "first, or choose another database in Preferences.").replace("%1", location)
                            + detail)

    def _open_failed(self, exc: BaseException) -> None:
        from mscreg.domain.errors import MscregError

        if isinstance(exc, MscregError):
            self.text.setText(exc.message(current_language()))
            self._reporter.refusal(exc, self.tr("Cannot open the database"))
        else:
            self.text.setText(self.tr("The database could not be opened; see the log."))
            self._reporter.unexpected(type(exc), exc, exc.__traceback__, "opening the database")
        self.open_failed.emit(self.text.text())

    def retranslate_ui(self) -> None:
        self.progress.setAccessibleName(self.tr("Working"))
        self.text.setAccessibleName(self.tr("Status"))
        self.show_counts()
