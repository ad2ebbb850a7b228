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
        language_state().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.host.pages.setTabText(self.host.pages.indexOf(self.changes),
                                   QCoreApplication.translate("ReportPages", "What changed"))
        self.host.pages.setTabText(self.host.pages.indexOf(self.landscape), self.landscape.title())

    def show_changes(self) -> None:
        self.host.pages.setCurrentWidget(self.changes)

    def show_landscape(self) -> None:
        self.host.pages.setCurrentWidget(self.landscape)


def install_report_pages(host: WindowHost, settings: QSettings | None = None) -> ReportPages:
    return ReportPages(host, settings)
