"""File → Import…, Export…, Export Calendar… and Export Audit Trail… in the main window.

The dialogs and their background work live in :mod:`mscreg.ui.exchange_dialogs`; this module only
puts them in the File menu (through :class:`~mscreg.ui.window_host.WindowHost`), hands them the open
workspace, has the session re-read what an import changed, and lets a running import or export
finish before the workspace closes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from mscreg.ui.language import current_language, language_state
from mscreg.ui.window_host import WindowHost

if TYPE_CHECKING:
    from mscreg.ui.exchange_dialogs import ImportController


class ExchangeMenu(QObject):
    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.controller: ImportController | None = None
        self.actions: dict[str, QAction] = {}
        for name, shortcut in (("import", QKeySequence("Ctrl+I")), ("export", None), ("calendar", None),
                               ("audit", None)):
            action = QAction(host.dialog_parent())
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(getattr(self, f"start_{name}"))
            host.add_file_action(action)
            self.actions[name] = action
        host.session.closing.connect(self._wait)
        language_state().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.actions["import"].setText(QCoreApplication.translate("Exchange", "Import…"))
        self.actions["export"].setText(QCoreApplication.translate("Exchange", "Export Data…"))
        self.actions["calendar"].setText(QCoreApplication.translate("Exchange", "Export Calendar…"))
        self.actions["audit"].setText(QCoreApplication.translate("Exchange", "Export Audit Trail…"))

    def _controller(self) -> ImportController | None:
        """One controller per opened workspace (it keeps the workspace it was given)."""
        ws = self.host.session.ws
        if ws is None:
            return None
        if self.controller is None or self.controller.workspace is not ws:
            from mscreg.ui.exchange_dialogs import ImportController

            self.controller = ImportController(self.host.dialog_parent(), ws, self.host.dialogs, current_language())
            self.controller.imported.connect(lambda _plan: self.host.session.refresh_changed())
        return self.controller

    def _wait(self) -> None:
        if self.controller is not None:
            self.controller.wait()

    def start_import(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_import()

    def start_export(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_export()

    def start_calendar(self) -> None:
        """Deadlines, obligations, plans and history as of the day the window shows."""
        controller = self._controller()
        if controller is not None:
            controller.start_calendar_export(as_of=self.host.session.as_of or dt.date.today())

    def start_audit(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_audit_export()


def install_exchange_menu(host: WindowHost) -> ExchangeMenu:
    return ExchangeMenu(host)
