"""The Preferences dialog: it only returns a :class:`~mscreg.ui.preferences.Preferences` value; the main
window stores it and applies it (dialogs return values and callers persist them, so a dialog is tested
on its own).  Imported when the dialog is first opened, not with the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mscreg.ui.date_styles import ISO, LONG
from mscreg.ui.language import LANGUAGES
from mscreg.ui.preferences import MAX_HORIZON_DAYS, MAX_REVIEW_MONTHS, Preferences


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; read the result with :meth:`value` after ``accepted``."""

    def __init__(self, prefs: Preferences, dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dialogs = dialogs
        self.setObjectName("preferences")
        self.language = QComboBox(self)
        self.language.addItem("", "")
        for code in LANGUAGES:
            self.language.addItem(code, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.database = QLineEdit(prefs.database, self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.reminder = QSpinBox(self)
        self.reminder.setRange(1, MAX_HORIZON_DAYS)
        self.reminder.setValue(prefs.reminder_days)
        self.date_style = QComboBox(self)
        self.date_style.addItem("", ISO)
        self.date_style.addItem("", LONG)
        self.date_style.setCurrentIndex(max(0, self.date_style.findData(prefs.date_style)))
        self.review = QSpinBox(self)
        self.review.setRange(1, MAX_REVIEW_MONTHS)
        self.review.setValue(prefs.review_months)
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        db_row = QHBoxLayout()
        db_row.addWidget(self.database, 1)
        db_row.addWidget(self.browse)
        self.labels = [QLabel(self) for _ in range(5)]
        self.form = QFormLayout()
        fields: tuple[QWidget | QHBoxLayout, ...] = (self.language, db_row, self.reminder, self.date_style,
                                                     self.review)
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.language.setItemText(0, self.tr("System default"))
        self.language.setItemText(1, "English")
        self.language.setItemText(2, "简体中文")
        self.date_style.setItemText(0, self.tr("ISO (2024-07, 2024-12-18)"))
        self.date_style.setItemText(1, self.tr("Long (Jul 2024, 18 Dec 2024)"))
        self.browse.setText(self.tr("Browse…"))
        self.reminder.setSuffix(self.tr(" days"))
        self.review.setSuffix(self.tr(" months"))
        labels = [self.tr("&Language:"), self.tr("&Database:"), self.tr("&Remind of deadlines within:"),
                  self.tr("Da&te display:"), self.tr("Re&view tracks not verified for:")]
        fields = (self.language, self.database, self.reminder, self.date_style, self.review)
        for label, text, field in zip(self.labels, labels, fields, strict=True):
            label.setText(text)
            label.setBuddy(field)
            field.setAccessibleName(label.text().replace("&", "").rstrip(":："))
        self.browse.setAccessibleName(self.tr("Choose the database file"))
        self.database.setPlaceholderText(self.tr("Default location"))
        self.note.setText(self.tr("A database given on the command line (--db) or in MSCREG_DB takes precedence. "
                                  "Changing the database reopens it at once."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _browse(self) -> None:
        path = self._dialogs.open_file(self, self.tr("Choose the database"),
                                       self.tr("mscreg databases (*.sqlite *.db);;All files (*)"),
                                       self.database.text())
        if path:
            self.database.setText(path)

    def value(self) -> Preferences:
        return Preferences(
            language=str(self.language.currentData() or ""),
            database=self.database.text().strip(),
            reminder_days=self.reminder.value(),
            date_style=str(self.date_style.currentData() or ISO),
            review_months=self.review.value(),
        )
