"""Timelines in the main window: a Timeline tab in the product view, a Timelines page with the
per-country and world-approvals views, and the File menu's page setup, print preview, print and
export commands, which act on whichever timeline the user is looking at.

Kept out of the main window so the window stays about composing and the timeline stays one module
it installs (``install_timelines(host)``); it uses only what :class:`~mscreg.ui.window_host.WindowHost`
offers: the pages and the product's tabs to add itself to, the File menu, the dialog service, the
selected product, "edit this record", and the session, whose workspace it draws and whose closing
it waits for.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from mscreg.ui.language import language_state
from mscreg.ui.timeline_panel import TimelinePanel
from mscreg.ui.window_host import WindowHost


class TimelineIntegration(QObject):
    """Owns the two timeline panels of a main window and the File menu actions that print them."""

    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        tabs, pages = host.product_tabs, host.pages
        self.product_panel = TimelinePanel(tabs, fixed_product=True, dialogs=host.dialogs)
        self.product_panel.setObjectName("productTimeline")
        self.product_tab = tabs.addTab(self.product_panel, "")
        self.page = TimelinePanel(pages, dialogs=host.dialogs)
        self.page.setObjectName("timelinesPage")
        self.page_index = pages.addTab(self.page, "")
        for panel in (self.product_panel, self.page):
            panel.event_activated.connect(self._open_event)
        host.product_selected.connect(self._product_selected)
        host.session.opened.connect(self.set_workspace)
        host.session.closing.connect(self.wait)  # their reads must end before the workspace closes
        for panel in (self.product_panel, self.page):  # both follow the window's as-of day
            host.session.as_of_changed.connect(panel.follow_day)
            panel.follow_day(host.session.as_of)
        if host.session.ws is not None:
            self.set_workspace(host.session.ws)
        self.actions: dict[str, QAction] = {}
        for name, shortcut, slot in (
                ("setup", None, lambda: self.current().printer.page_setup()),
                ("preview", QKeySequence("Ctrl+Shift+P"), lambda: self.current().printer.preview()),
                ("print", QKeySequence.StandardKey.Print, lambda: self.current().printer.print_()),
                ("pdf", None, lambda: self.current().printer.export("pdf")),
                ("png", None, lambda: self.current().printer.export("png")),
                ("svg", None, lambda: self.current().printer.export("svg")),
                ("pptx", None, lambda: self.current().printer.export("pptx"))):
            action = QAction(host.dialog_parent())
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            host.add_file_action(action)
            self.actions[name] = action
        language_state().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        # A literal context and text in every call: lupdate is a static parser and extracts only literals
        # (a variable or an f-string would never reach the .ts file, so never be translated).
        translate = QCoreApplication.translate
        self.host.product_tabs.setTabText(self.product_tab, translate("Timelines", "Timeline"))
        self.host.pages.setTabText(self.page_index, translate("Timelines", "Timelines"))
        texts = {"setup": translate("Timelines", "Page Setup…"), "preview": translate("Timelines", "Print Preview…"),
                 "print": translate("Timelines", "Print…"), "pdf": translate("Timelines", "Export PDF…"),
                 "png": translate("Timelines", "Export PNG…"), "svg": translate("Timelines", "Export SVG…"),
                 "pptx": translate("Timelines", "Export Slides (PPTX)…")}
        for name, text in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setToolTip(text.rstrip("…"))

    def current(self) -> TimelinePanel:
        """The Timelines page when it is shown, else the selected product's timeline."""
        if self.host.pages.currentWidget() is self.page:
            return self.page
        return self.product_panel

    def set_workspace(self, ws) -> None:
        self.product_panel.set_workspace(ws)
        self.page.set_workspace(ws)

    def _product_selected(self, overview) -> None:
        self.product_panel.show_product(overview.product.name if overview is not None else None)

    def _open_event(self, event_id: int) -> None:
        self.host.edit_record("edit_event", event_id)

    def wait(self) -> None:
        self.product_panel.wait()
        self.page.wait()


def install_timelines(host: WindowHost) -> TimelineIntegration:
    return TimelineIntegration(host)
