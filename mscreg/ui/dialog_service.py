"""Every message box and file dialog of the app goes through one object, so tests swap one fake.

Widgets call ``dialogs.error(parent, title, text)`` and friends instead of ``QMessageBox`` or
``QFileDialog`` directly (after Picard's UserDialogService).  ``FakeDialogService`` in the
tests records what was shown and answers from a script.

The dialog classes are imported when a dialog is first shown: PySide makes the Python enumerations of
a Qt class when the class is first named, and those of QMessageBox and QFileDialog cost about 2 ms on
the way to the list painted at start-up, where no dialog is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class DialogService:
    """The real dialogs.  Modal on purpose: each is a question the user must answer now."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, parent: QWidget | None, title: str, name_filter: str, directory: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, title, directory, name_filter)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, name_filter: str, directory: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, title, directory, name_filter)
        return path or None
