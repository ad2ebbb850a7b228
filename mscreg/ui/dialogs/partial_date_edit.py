"""A date input that can only produce a valid date at an explicit precision.

Regulatory sources give "2012", "July 2024" or "18 December 2024", and sometimes no date at all.
Free text would need parsing, and "01/02/2024" means two different days in two countries, so the
user picks the precision, then a year, a month from a list and a day from a box whose range follows
the month's length.  The widget therefore never yields an ambiguous or impossible date, and a date
known only to the month is never padded with an invented day.  A quarter ("2027 Q2") is offered
only where a plan is being entered (:meth:`PartialDateEdit.allow_quarter`): facts are not dated by quarter.
"""

from __future__ import annotations

import calendar

from PySide6.QtCore import QDate, QEvent, QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QWidget

from mscreg.domain.partial_date import MAX_YEAR, MIN_YEAR, PartialDate, Precision

NO_DATE = "none"


class PartialDateEdit(QWidget):
    """Precision (day / month / quarter / year / no date) + year + quarter or month + day + "approximate"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self._lang = lang
        self.precision = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.month = QComboBox(self)
        self.quarter = QComboBox(self)
        for q in range(1, 5):
            self.quarter.addItem(f"Q{q}", q)
        self._quarter_allowed = False
        self.day = QSpinBox(self)
        self.approximate = QCheckBox(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.precision, self.year, self.quarter, self.month, self.day, self.approximate):
            layout.addWidget(w)
        layout.addStretch(1)
        self.retranslate_ui()
        today = QDate.currentDate()
        self._set_fields(Precision.DAY.value, today.year(), today.month(), today.day(), False)
        self.precision.currentIndexChanged.connect(self._on_change)
        self.year.valueChanged.connect(self._on_change)
        self.month.currentIndexChanged.connect(self._on_change)
        self.quarter.currentIndexChanged.connect(self._on_change)
        self.day.valueChanged.connect(self._on_change)
        self.approximate.toggled.connect(self._on_change)

    # ----- value --------------------------------------------------------------------------------
    def value(self) -> PartialDate | None:
        """The date as entered, at its precision; None when "no date known" is chosen."""
        precision = self.precision.currentData()
        if precision == NO_DATE:
            return None
        year = self.year.value()
        if precision == Precision.QUARTER:
            return PartialDate(year, None, None, self.approximate.isChecked(), self.quarter.currentIndex() + 1)
        month = self.month.currentIndex() + 1 if precision in (Precision.MONTH, Precision.DAY) else None
        day = self.day.value() if precision == Precision.DAY else None
        return PartialDate(year, month, day, self.approximate.isChecked())

    def set_value(self, date: PartialDate | None) -> None:
        if date is None:
            self._set_fields(NO_DATE, self.year.value(), self.month.currentIndex() + 1, self.day.value(), False)
        else:
            if date.quarter is not None:
                self.allow_quarter(True)
                self.quarter.setCurrentIndex(date.quarter - 1)
            self._set_fields(date.precision.value, date.year, date.month or 1, date.day or 1, date.approximate)
        self.changed.emit()

    def allow_quarter(self, allowed: bool) -> None:
        """Offer "Quarter" among the precisions (for a plan); taking it away turns a quarter into its year."""
        if allowed == self._quarter_allowed:
            return
        self._quarter_allowed = allowed
        current = self.precision.currentData()
        self.retranslate_ui()
        if not allowed and current == Precision.QUARTER.value:
            self.precision.setCurrentIndex(self.precision.findData(Precision.YEAR.value))

    def _set_fields(self, precision: str, year: int, month: int, day: int, approximate: bool) -> None:
        widgets = (self.precision, self.year, self.month, self.day, self.approximate)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.precision.setCurrentIndex(self.precision.findData(precision))
            self.year.setValue(year)
            self.month.setCurrentIndex(month - 1)
            self._limit_day()
            self.day.setValue(day)
            self.approximate.setChecked(approximate)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._show_parts()

    # ----- behaviour ----------------------------------------------------------------------------
    def _limit_day(self) -> None:
        """The day box never offers a day the chosen month does not have (no 30 February)."""
        last = calendar.monthrange(self.year.value(), self.month.currentIndex() + 1)[1]
        self.day.setRange(1, last)

    def _show_parts(self) -> None:
        precision = self.precision.currentData()
        dated = precision != NO_DATE
        self.year.setVisible(dated)
        self.month.setVisible(precision in (Precision.MONTH, Precision.DAY))
        self.quarter.setVisible(precision == Precision.QUARTER)
        self.day.setVisible(precision == Precision.DAY)
        self.approximate.setEnabled(dated)
        if not dated:
            self.approximate.setChecked(False)

    def _on_change(self) -> None:
        self._limit_day()
        self._show_parts()
        self.changed.emit()

    # ----- language -----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        current = self.precision.currentData()
        self.precision.blockSignals(True)
        self.precision.clear()
        choices = [(Precision.DAY.value, self.tr("Exact day")), (Precision.MONTH.value, self.tr("Month only")),
                   (Precision.YEAR.value, self.tr("Year only")), (NO_DATE, self.tr("No date known"))]
        if self._quarter_allowed:
            choices.insert(2, (Precision.QUARTER.value, self.tr("Quarter (planned)")))
        for code, text in choices:
            self.precision.addItem(text, code)
        self.precision.setCurrentIndex(max(0, self.precision.findData(current)))
        self.precision.blockSignals(False)
        locale = QLocale(QLocale.Language.Chinese if self._lang.startswith("zh") else QLocale.Language.English)
        month = self.month.currentIndex()
        self.month.blockSignals(True)
        self.month.clear()
        for m in range(1, 13):
            self.month.addItem(f"{m:02d} – {locale.monthName(m, QLocale.FormatType.LongFormat)}")
        self.month.setCurrentIndex(max(0, month))
        self.month.blockSignals(False)
        self.precision.setAccessibleName(self.tr("Date precision"))
        self.precision.setToolTip(self.tr("How precisely the source gives the date; no day is invented."))
        self.year.setAccessibleName(self.tr("Year"))
        self.month.setAccessibleName(self.tr("Month"))
        self.quarter.setAccessibleName(self.tr("Quarter"))
        self.day.setAccessibleName(self.tr("Day"))
        self.approximate.setText(self.tr("Approximate"))
        self.approximate.setAccessibleName(self.tr("Approximate date"))
        self.approximate.setToolTip(self.tr("The date was worked out indirectly (shown with ≈)."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
