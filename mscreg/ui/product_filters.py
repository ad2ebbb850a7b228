"""Which products the list shows: the search box and the filters, applied in Python.

``ProductFilter`` is a plain value and ``apply_filter`` a plain function over the overviews the
loader read, so both are tested without widgets; ``FilterBar`` is the row of controls that edits a
``ProductFilter`` and says when it changed.  Filtering 20 products takes microseconds and 10,000
a few milliseconds, so it runs as the user types, with no proxy model (a QSortFilterProxyModel over a
Python model is far slower: sorting 100,000 rows through one took 28 s here, a list sort 86 ms).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QToolButton, QWidget

from mscreg.domain.product_attributes import DonorType, Tissue, attribute_name
from mscreg.domain.states import State, state_name
from mscreg.ui.icons import icon
from mscreg.ui.language import current_language

if TYPE_CHECKING:  # the search service is imported by the worker that builds the index, after the first paint
    from mscreg.services.product_search import SearchIndex

OPEN_STATUSES = frozenset({"upcoming", "due-soon", "overdue"})


class ProductFilter(NamedTuple):
    """What the filter bar asks for.  A named tuple rather than a frozen dataclass: the same immutable value,
    made in a tenth of the time (about 0.4 ms less before the window's first paint)."""

    text: str = ""
    jurisdiction: str = ""
    state: str = ""
    tissue: str = ""
    donor_type: str = ""
    due_within_days: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == ProductFilter(text=self.text) and not self.text.strip()


def products_with_deadline_within(deadlines: Iterable, days: int, today: dt.date) -> set[int]:
    """Ids of products with an open clock due by ``today + days`` (overdue ones included)."""
    limit = today + dt.timedelta(days=days)
    return {d.product.id for d in deadlines
            if d.clock.status.value in OPEN_STATUSES and d.clock.due.earliest <= limit}


def apply_filter(overviews: Sequence, f: ProductFilter, search: SearchIndex | None, deadlines: Iterable = (),
                 today: dt.date | None = None, ids: Sequence[int] | None = None) -> list:
    """The overviews that pass every criterion of ``f``, in their given order.  ``ids``, the products' ids
    in the same order, saves reading each overview's product at every keystroke (10,000 a keystroke)."""
    wanted = search.matching(f.text) if search is not None else None
    due = None
    if f.due_within_days is not None:
        due = products_with_deadline_within(deadlines, f.due_within_days, today or dt.date.today())
    if not (f.tissue or f.donor_type or f.jurisdiction or f.state or due is not None):
        # the search box alone (typing): one set lookup per product
        if wanted is None:
            return list(overviews)
        if ids is None:
            return [ov for ov in overviews if ov.product.id in wanted]
        return [ov for ov, pid in zip(overviews, ids, strict=True) if pid in wanted]
    out = []
    for ov in overviews:
        p = ov.product
        if wanted is not None and p.id not in wanted:
            continue
        if f.tissue and p.source_tissue.value != f.tissue:
            continue
        if f.donor_type and p.donor_type.value != f.donor_type:
            continue
        if (f.jurisdiction or f.state) and not any(
                (not f.jurisdiction or tv.track.jurisdiction == f.jurisdiction)
                and (not f.state or tv.status.state.value == f.state) for tv in ov.tracks):
            continue
        if due is not None and p.id not in due:
            continue
        out.append(ov)
    return out


def _jurisdiction_choice(code: str, lang: str) -> str:
    """``US — United States``: the jurisdictions come with the data, after the window's first paint, and so
    does the import of their table."""
    from mscreg.domain.jurisdictions import JURISDICTIONS

    return f"{code} — {JURISDICTIONS[code].name(lang)}" if code in JURISDICTIONS else code


class FittedComboBox(QComboBox):
    """A filter combo as wide as its first item ("All jurisdictions", "All records") when there is room:
    sized to three characters it read "All record…".  It still shrinks to that in a narrow window, and
    its popup list shows longer choices whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(3)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.count():
            fm = self.fontMetrics()
            chrome = hint.width() - fm.horizontalAdvance("x" * self.minimumContentsLength())
            hint.setWidth(max(hint.width(), fm.horizontalAdvance(self.itemText(0) + "x") + chrome))
        return hint


class FilterBar(QWidget):
    """Search box and filter controls above the product list; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(120)
        self.jurisdiction = FittedComboBox(self)
        self.state = FittedComboBox(self)
        self.tissue = FittedComboBox(self)
        self.donor = FittedComboBox(self)
        self.due = QCheckBox(self)
        self.due_days = QSpinBox(self)
        self.due_days.setRange(1, 999)
        self.due_days.setValue(30)
        self.due_days.setEnabled(False)
        self.clear = QToolButton(self)
        self.clear.setIcon(icon("filter-clear"))
        self._jurisdiction_codes: list[str] = []
        self._states: list[str] = []

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for w in (self.jurisdiction, self.state, self.tissue, self.donor):
            layout.addWidget(w)
        layout.addWidget(self.due)
        layout.addWidget(self.due_days)
        layout.addWidget(self.clear)

        self.search.textChanged.connect(self.changed)
        for combo in (self.jurisdiction, self.state, self.tissue, self.donor):
            combo.currentIndexChanged.connect(self._combo_changed)
        self.due.toggled.connect(self.due_days.setEnabled)
        self.due.toggled.connect(self.changed)
        self.due_days.valueChanged.connect(self._days_changed)
        self.clear.clicked.connect(self.reset)
        self._filling = False
        self.retranslate_ui()

    # ----- choices ------------------------------------------------------------------------------------
    def set_choices(self, jurisdictions: Sequence[str], states: Sequence[str]) -> None:
        """The jurisdictions and states that occur in the data (a filter for absent ones finds nothing)."""
        self._jurisdiction_codes = list(jurisdictions)
        self._states = list(states)
        self._fill()

    def _fill(self) -> None:
        lang = current_language()
        self._filling = True
        try:
            keep = self.value()
            self._refill(self.jurisdiction, self.tr("All jurisdictions"),
                         [(c, _jurisdiction_choice(c, lang)) for c in self._jurisdiction_codes], keep.jurisdiction)
            self._refill(self.state, self.tr("All states"),
                         [(s, state_name(s, keep.jurisdiction, lang)) for s in self._states], keep.state)
            self._refill(self.tissue, self.tr("All tissues"),
                         [(t.value, attribute_name("source_tissue", t.value, lang)) for t in Tissue], keep.tissue)
            self._refill(self.donor, self.tr("All donor types"),
                         [(d.value, attribute_name("donor_type", d.value, lang)) for d in DonorType], keep.donor_type)
        finally:
            self._filling = False

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: Iterable[tuple[str, str]], keep: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)
        combo.updateGeometry()

    # ----- value ------------------------------------------------------------------------------------
    def value(self) -> ProductFilter:
        return ProductFilter(
            text=self.search.text(),
            jurisdiction=str(self.jurisdiction.currentData() or ""),
            state=str(self.state.currentData() or ""),
            tissue=str(self.tissue.currentData() or ""),
            donor_type=str(self.donor.currentData() or ""),
            due_within_days=self.due_days.value() if self.due.isChecked() else None,
        )

    def reset(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.jurisdiction, self.state, self.tissue, self.donor):
                combo.setCurrentIndex(0)
            self.due.setChecked(False)
        finally:
            self._filling = False
        self.changed.emit()

    def _combo_changed(self, _index: int) -> None:
        if self.sender() is self.jurisdiction and not self._filling:
            self._fill()  # state names depend on the jurisdiction (a Chinese 默示许可, a Canadian NOC/c)
        if not self._filling:
            self.changed.emit()

    def _days_changed(self, _value: int) -> None:
        if self.due.isChecked():
            self.changed.emit()

    # ----- language ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search names, aliases, INN, company, pinyin…  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search products"))
        self.jurisdiction.setAccessibleName(self.tr("Filter by jurisdiction"))
        self.state.setAccessibleName(self.tr("Filter by state"))
        self.tissue.setAccessibleName(self.tr("Filter by tissue"))
        self.donor.setAccessibleName(self.tr("Filter by donor type"))
        self.due.setText(self.tr("Due within"))
        self.due.setAccessibleName(self.tr("Only products with a deadline due within the number of days"))
        self.due_days.setSuffix(self.tr(" days"))
        self.due_days.setAccessibleName(self.tr("Days until the deadline"))
        self.clear.setToolTip(self.tr("Clear search and filters"))
        self.clear.setAccessibleName(self.tr("Clear search and filters"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def states_in(overviews: Iterable) -> list[str]:
    """State codes that occur in the data, in the state machine's order."""
    present = {tv.status.state.value for ov in overviews for tv in ov.tracks}
    return [s.value for s in State if s.value in present]
