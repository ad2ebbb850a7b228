"""Every message box and file dialog of the app goes through one object, so tests swap one fake.

Widgets call ``dialogs.error(parent, title, text)`` and friends instead of ``QMessageBox`` or
``QFileDialog`` directly (after Picard's UserDialogService).  ``FakeDialogService`` in the
tests records what was shown and answers from a script.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class DialogService:
    """The real dialogs.  Modal on purpose: each is a question the user must answer now."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, parent: QWidget | None, title: str, name_filter: str, directory: str = "") -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, directory, name_filter)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, name_filter: str, directory: str = "") -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, directory, name_filter)
        return path or None
