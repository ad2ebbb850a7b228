"""The start-up bar "2 deadlines overdue, 1 due within 14 days — Show deadlines", and its counts.

Apart from the deadlines page (:mod:`mscreg.ui.deadlines_dashboard`) because the bar is part of the
window's first paint and the page is not: the page's module brings the date formatting and event
vocabularies with it, ~9 ms of imports the first paint need not wait for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from mscreg.domain.messages import text
from mscreg.ui.icons import icon
from mscreg.ui.language import current_language, is_chinese
from mscreg.ui.theme import urgency_color

OPEN = ("upcoming", "due-soon", "overdue")


def open_deadlines(deadlines: Sequence) -> list:
    return [d for d in deadlines if d.clock.status.value in OPEN]


@dataclass(frozen=True)
class Urgent:
    overdue: int
    soon: int

    @property
    def any(self) -> bool:
        return bool(self.overdue or self.soon)


def urgent_counts(deadlines: Sequence, as_of: dt.date, horizon_days: int) -> Urgent:
    """How many open clocks are overdue, and how many fall due within ``horizon_days``."""
    overdue = soon = 0
    for d in open_deadlines(deadlines):
        if d.review:
            continue  # a term that ended with nothing recorded asks for a review, not an alarm
        if d.clock.status.value == "overdue" or d.clock.due.latest < as_of:
            overdue += 1
        elif d.clock.days_left(as_of) <= horizon_days:
            soon += 1
    return Urgent(overdue, soon)


class DeadlineNotice(QFrame):
    """A dismissible bar: "2 deadlines overdue, 1 due within 14 days — Show deadlines"."""

    show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._urgent = Urgent(0, 0)
        self._horizon = 14
        self._ready = False
        self._dismissed = False  # closed by the user: new counts do not bring it back
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.show_button = QPushButton(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.show_button.clicked.connect(self.show_requested)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.close_button)
        self._ready = True
        self.retranslate_ui()
        self.hide()

    def dismiss(self) -> None:
        self._dismissed = True
        self.hide()

    def show_counts(self, urgent: Urgent, horizon_days: int) -> None:
        self._urgent = urgent
        self._horizon = horizon_days
        self.retranslate_ui()
        self.setVisible(urgent.any and not self._dismissed)

    def retranslate_ui(self) -> None:
        u = self._urgent
        parts = []
        if u.overdue:
            parts.append(self.tr("%n deadline(s) overdue", "", u.overdue))
        if u.soon:
            # two counts, two plural forms: Qt gives one text a single %n
            parts.append(self.tr("%n deadline(s) due", "", u.soon) + ("" if is_chinese() else " ")
                         + self.tr("within the next %n day(s)", "", self._horizon))
        self.text.setText(text("list.semicolon", current_language()).join(parts))
        kind = "overdue" if u.overdue else "due-soon"
        self.icon.setPixmap(icon("deadlines", urgency_color(kind, role=self.backgroundRole())).pixmap(20, 20))
        self.show_button.setText(self.tr("Show deadlines"))
        self.show_button.setAccessibleName(self.tr("Show the deadlines page"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the deadline notice"))
        self.text.setAccessibleName(self.tr("Deadline notice"))

    def changeEvent(self, event: QEvent) -> None:
        if self._ready and event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate_ui()
        super().changeEvent(event)
