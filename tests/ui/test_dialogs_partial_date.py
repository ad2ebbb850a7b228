"""The date input yields a date at the precision the user chose, and never an impossible one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mscreg.domain.partial_date import PartialDate, Precision
from mscreg.ui.dialogs.partial_date_edit import NO_DATE, PartialDateEdit


def choose(widget: PartialDateEdit, precision: str) -> None:
    widget.precision.setCurrentIndex(widget.precision.findData(precision))


def test_each_precision_gives_that_precision_and_no_invented_parts(qtbot):
    w = PartialDateEdit()
    qtbot.addWidget(w)
    w.year.setValue(2024)
    w.month.setCurrentIndex(6)
    w.day.setValue(18)
    assert w.value() == PartialDate(2024, 7, 18)
    choose(w, Precision.MONTH)
    assert w.value() == PartialDate(2024, 7) and w.value().iso() == "2024-07"
    assert not w.day.isVisibleTo(w)
    choose(w, Precision.YEAR)
    assert w.value().iso() == "2024"
    assert not w.month.isVisibleTo(w)
    choose(w, NO_DATE)
    assert w.value() is None
    assert not w.approximate.isEnabled()


def test_the_day_box_follows_the_length_of_the_month(qtbot):
    w = PartialDateEdit()
    qtbot.addWidget(w)
    w.year.setValue(2024)
    w.month.setCurrentIndex(0)
    w.day.setValue(31)
    w.month.setCurrentIndex(1)  # February of a leap year
    assert w.day.maximum() == 29 and w.value() == PartialDate(2024, 2, 29)
    w.year.setValue(2025)
    assert w.day.maximum() == 28 and w.value() == PartialDate(2025, 2, 28)


def test_typing_an_impossible_day_cannot_produce_it(qtbot):
    w = PartialDateEdit()
    qtbot.addWidget(w)
    w.year.setValue(2025)
    w.month.setCurrentIndex(3)  # April has 30 days
    w.day.selectAll()
    w.day.lineEdit().selectAll()
    qtbot.keyClicks(w.day, "31")
    qtbot.keyClick(w.day, Qt.Key.Key_Tab)
    assert w.value().day <= 30


def test_approximate_and_round_trip(qtbot):
    w = PartialDateEdit()
    qtbot.addWidget(w)
    w.set_value(PartialDate(2022, 3, approximate=True))
    assert w.precision.currentData() == Precision.MONTH and w.approximate.isChecked()
    assert w.value() == PartialDate(2022, 3, approximate=True)
    w.set_value(None)
    assert w.value() is None


def test_month_names_follow_the_language(qtbot):
    w = PartialDateEdit(lang="zh_CN")
    qtbot.addWidget(w)
    assert "月" in w.month.itemText(6)
    w.set_language("en")
    assert "July" in w.month.itemText(6)
    assert all(x.accessibleName() for x in (w.precision, w.year, w.month, w.day, w.approximate))
