"""File → Import…, Export… and Export Audit Trail… in the main window.

The dialogs and their worker threads live in :mod:`mscreg.ui.exchange_dialogs`; this module only
puts them in the File menu, hands them the open workspace and reloads the views after an import.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from mscreg.ui.language import current_language, language_state


class ExchangeMenu(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = None
        self.actions: dict[str, QAction] = {}
        for name, shortcut in (("import", QKeySequence("Ctrl+I")), ("export", None),
                               ("audit", None)):
            action = QAction(window)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(getattr(self, f"start_{name}"))
            window.add_file_action(action)
            self.actions[name] = action
        language_state().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.actions["import"].setText(QCoreApplication.translate("Exchange", "Import…"))
        self.actions["export"].setText(QCoreApplication.translate("Exchange", "Export Data…"))
        self.actions["audit"].setText(QCoreApplication.translate("Exchange", "Export Audit Trail…"))

    def _controller(self):
        """One controller per opened workspace (it keeps the workspace it was given)."""
        ws = self.window.ws
        if ws is None:
            return None
        if self.controller is None or getattr(self.controller, "_ws", None) is not ws:
            from mscreg.ui.exchange_dialogs import ImportController

            self.controller = ImportController(self.window, ws, self.window.dialogs, current_language())
            self.controller.imported.connect(lambda _plan: self.window.refresh_changed())
        return self.controller

    def start_import(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_import()

    def start_export(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_export()

    def start_audit(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.start_audit_export()


def install_exchange_menu(window) -> ExchangeMenu:
    return ExchangeMenu(window)
