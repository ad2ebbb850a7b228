"""The "reason for this change" field every edit dialog ends with.

The audit trail records why each change was made, so the reason is asked for in the dialog that
makes the change, never afterwards, and an empty one keeps OK disabled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ReasonEdit(QLineEdit):
    """One line of text; its placeholder says where the reason goes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason")
        self.setClearButtonEnabled(True)
        self.retranslate_ui()

    def reason(self) -> str:
        return self.text().strip()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(self.tr("Why is this change made? (recorded in the audit trail)"))
        self.setAccessibleName(self.tr("Reason for the change"))
        self.setToolTip(self.tr("For example: “MHLW approval notice of 2026-03-12” or “typo in the date”."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
