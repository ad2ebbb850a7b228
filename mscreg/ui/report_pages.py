"""Report pages in the main window: "What changed" and the Landscape.

Installed after the first paint, like the timelines, through what
:class:`~mscreg.ui.window_host.WindowHost` offers (the pages, the session, the dialog service), so
the window only composes.  Each page reads its report through the session when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings

from mscreg.ui.changes_page import ChangesPage
from mscreg.ui.icons import icon
from mscreg.ui.landscape_page import LandscapePage
from mscreg.ui.language import language_state
from mscreg.ui.trials_page import TrialsPage
from mscreg.ui.window_host import WindowHost


class ReportPages(QObject):
    """The report pages of one main window."""

    def __init__(self, host: WindowHost, settings: QSettings | None = None) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.changes = ChangesPage(host.session, host.dialogs, settings, host.pages)
        self.changes.setObjectName("changesPage")
        host.pages.addTab(self.changes, icon("verify"), "")
        self.landscape = LandscapePage(host.session, host.dialogs, settings, host.pages)
        self.landscape.setObjectName("landscapePage")
        host.pages.addTab(self.landscape, icon("landscape"), "")
        self.trials = TrialsPage(host.pages)
        self.trials.setObjectName("trialsPage")
        host.pages.addTab(self.trials, icon("products"), "")
        host.session.snapshot_changed.connect(lambda _s: self._read_trials())
        host.pages.currentChanged.connect(lambda _i: self._read_trials())
        language_state().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.host.pages.setTabText(self.host.pages.indexOf(self.changes),
                                   QCoreApplication.translate("ReportPages", "What changed"))
        self.host.pages.setTabText(self.host.pages.indexOf(self.landscape), self.landscape.title())
        self.host.pages.setTabText(self.host.pages.indexOf(self.trials),
                                   QCoreApplication.translate("ReportPages", "Trials"))

    def _read_trials(self) -> None:
        """The trial registrations, read off the UI thread through the session when the page is shown
        (and again after a change while it is)."""
        if self.host.pages.currentWidget() is not self.trials or self.host.session.ws is None:
            return
        ws = self.host.session.ws

        def work() -> tuple:
            from mscreg.services.trial_records import list_trials, product_names

            return list_trials(ws), product_names(ws)

        def done(result: object) -> None:
            trials, names = result  # type: ignore[misc]
            self.trials.set_trials(trials, names)

        self.host.session.run(work, done, QCoreApplication.translate("ReportPages", "Reading trials…"),
                              QCoreApplication.translate("ReportPages", "Trials"))

    def show_trials(self) -> None:
        self.host.pages.setCurrentWidget(self.trials)

    def show_changes(self) -> None:
        self.host.pages.setCurrentWidget(self.changes)

    def show_landscape(self) -> None:
        self.host.pages.setCurrentWidget(self.landscape)


def install_report_pages(host: WindowHost, settings: QSettings | None = None) -> ReportPages:
    return ReportPages(host, settings)
