"""The window's as-of day: a date control beside the product filters and a banner when it is not today.

States, chips, next deadlines and the product view are derived as of one day.  Choosing another day
asks the workspace session to read everything again as of it (off the UI thread; the newest request
wins), so nothing here derives anything.  The day lasts for the session only: a fresh start, or
another database, shows today.  Editing stays possible on another day; a recorded change is checked
against the database as it is today, whatever day is shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

# Typing a year digit by digit changes the date several times: one read for the day the user settles on.
SETTLE_MS = 250


def _to_date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class AsOfControl(QWidget):
    """"As of: [date] [Today]" — ``day_chosen(date | None)`` with None meaning today."""

    day_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asOfControl")
        self.label = QLabel(self)
        self.date = QDateEdit(self)
        self.date.setObjectName("asOfDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")  # ISO: never an ambiguous day/month order
        self.date.setDate(QDate.currentDate())
        self.label.setBuddy(self.date)
        self.today = QPushButton(self)
        self.today.setObjectName("asOfToday")
        self.today.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.date)
        layout.addWidget(self.today)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._emit)
        self.date.dateChanged.connect(lambda _d: self._settle.start())
        self.today.clicked.connect(self.back_to_today)
        self.retranslate_ui()

    def day(self) -> dt.date | None:
        """The chosen day; None when it is today."""
        d = _to_date(self.date.date())
        return None if d == dt.date.today() else d

    def set_day(self, day: dt.date | None) -> None:
        """Show ``day`` (None: today) without asking for a read (the session already reads it)."""
        self._settle.stop()
        blocked = self.date.blockSignals(True)
        d = day or dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.date.blockSignals(blocked)
        self.today.setEnabled(day is not None and day != dt.date.today())

    def choose(self, day: dt.date | None) -> None:
        """Choose ``day`` now (None: today), as the user would, without the settling delay."""
        self.set_day(day)
        self._emit()

    def back_to_today(self) -> None:
        self.choose(None)

    def _emit(self) -> None:
        day = self.day()
        self.today.setEnabled(day is not None)
        self.day_chosen.emit(day)

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("As of:"))
        self.date.setAccessibleName(self.tr("Show states as of"))
        self.date.setToolTip(self.tr("States, designations and deadlines are shown as of this day"))
        self.today.setText(self.tr("Today"))
        self.today.setToolTip(self.tr("Show states as of today"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class AsOfBanner(QLabel):
    """A coloured bar above the list while another day than today is shown, with a way back."""

    back_to_today = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asOfBanner")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self._styled = False  # the style sheet is set when the banner is first shown (see show_day)
        self.linkActivated.connect(lambda _link: self.back_to_today.emit())
        self._day: dt.date | None = None
        self.hide()

    def show_day(self, day: dt.date | None) -> None:
        if day is not None and not self._styled:
            # Set here, not when built: a style sheet gives the widget a style of its own, about 0.5 ms of
            # the window's first paint, in which the banner is hidden (it says the day is not today).
            # Amber with dark text: readable in the light and the dark palette alike.
            self._styled = True
            self.setStyleSheet("QLabel#asOfBanner { background: #ffe08a; color: #3d2e00; padding: 4px 8px;"
                               " border: 1px solid #d9a400; border-radius: 3px; }")
        self._day = day
        self.setVisible(day is not None)
        self._fill()

    def _fill(self) -> None:
        if self._day is None:
            self.setText("")
            return
        import html  # the banner shows another day than today: never in the window's first paint

        said = self.tr("Showing states as of %1").replace("%1", self._day.isoformat())
        back = self.tr("Back to today")
        self.setText(f"<b>{html.escape(said)}</b> — <a href='today' style='color:#1f4fbf'>{html.escape(back)}</a>")
        self.setAccessibleName(f"{said} — {back}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
