"""Preferences: what the user chose (language, database, reminder horizon, date style) and window state.

``Settings`` wraps QSettings so every key, type and default is written once here; tests give it a
temporary INI file so they never touch the user's configuration.  ``PreferencesDialog`` only
returns a :class:`Preferences` value; the main window stores it and applies it (dialogs return
values and callers persist them, so a dialog is tested on its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QByteArray, QEvent, QSettings
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
from mscreg.ui.language import LANGUAGES, normalise

DEFAULT_HORIZON_DAYS = 14
MAX_HORIZON_DAYS = 365
DEFAULT_REVIEW_MONTHS = 6  # a track verified longer ago than this is due for review (the review queue)
MAX_REVIEW_MONTHS = 120


@dataclass(frozen=True)
class Preferences:
    language: str = ""  # "" = follow the system locale
    database: str = ""  # "" = the default location (or --db / MSCREG_DB, which win)
    reminder_days: int = DEFAULT_HORIZON_DAYS
    date_style: str = ISO
    review_months: int = DEFAULT_REVIEW_MONTHS


class Settings:
    """Typed access to the app's QSettings (organisation and application "mscreg")."""

    def __init__(self, path: str | None = None) -> None:
        if path:
            self._s = QSettings(path, QSettings.Format.IniFormat)
        else:
            self._s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "mscreg", "mscreg")

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def file_name(self) -> str:
        return self._s.fileName()

    def preferences(self) -> Preferences:
        lang = str(self._s.value("language", "") or "")
        try:
            days = int(cast("int | str", self._s.value("reminder_days", DEFAULT_HORIZON_DAYS)))
        except (TypeError, ValueError):  # a hand-edited file must not stop the app
            days = DEFAULT_HORIZON_DAYS
        style = str(self._s.value("date_style", ISO) or ISO)
        try:
            months = int(cast("int | str", self._s.value("review_months", DEFAULT_REVIEW_MONTHS)))
        except (TypeError, ValueError):
            months = DEFAULT_REVIEW_MONTHS
        return Preferences(
            language=normalise(lang) if lang else "",
            database=str(self._s.value("database", "") or ""),
            reminder_days=min(max(days, 1), MAX_HORIZON_DAYS),
            date_style=style if style in (ISO, LONG) else ISO,
            review_months=min(max(months, 1), MAX_REVIEW_MONTHS),
        )

    def save_preferences(self, prefs: Preferences) -> None:
        self._s.setValue("language", prefs.language)
        self._s.setValue("database", prefs.database)
        self._s.setValue("reminder_days", int(prefs.reminder_days))
        self._s.setValue("date_style", prefs.date_style)
        self._s.setValue("review_months", int(prefs.review_months))
        self._s.sync()

    # Window state: opaque blobs from Qt (geometry, dock/toolbar state, splitters, header columns).
    def state(self, key: str) -> QByteArray | None:
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._s.sync()


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
                  self.tr("Date &display:"), self.tr("Re&view tracks not verified for:")]
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
