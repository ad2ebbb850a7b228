"""The Trials page: every trial registration held, searched and filtered like the product list.

The model sorts its own Python list (a sort key per column) instead of going through a
``QSortFilterProxyModel``, which asks the model for each cell's data through Python on every comparison
and is hundreds of times slower over 10,000 rows.  Filtering is :mod:`mscreg.services.trial_search`,
the same as ``mscreg trials``, so the page and the command line show the same trials.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from mscreg.domain.trial import (
    PHASE_ORDER,
    OverallStatus,
    Registry,
    TrialDate,
    TrialRegistration,
    registry_name,
)
from mscreg.services.landscape_report import phase_label, status_label
from mscreg.services.trial_search import TrialFilter, filter_trials
from mscreg.ui.language import QT_TRANSLATE_NOOP, current_language


def _date(d: TrialDate | None) -> str:
    if d is None:
        return ""
    if d.planned:  # an estimated date is a plan: marked, as a timeline outlines it
        return QCoreApplication.translate("TrialsTableModel", "%1 (estimated)").replace("%1", d.date.display())
    return d.date.display()


def _title(t: TrialRegistration) -> str:
    """The Chinese title in the Chinese window where the registration has one, else the registered title."""
    return (t.title_zh if current_language().startswith("zh") else "") or t.title or t.title_zh


def _phases(t: TrialRegistration) -> str:
    return phase_label(t.phase_key, current_language()) if t.phase_key else ""


def _status(t: TrialRegistration) -> str:
    return status_label(t.status_code, current_language()) if t.status_code else ""


def _date_key(d: TrialDate | None) -> tuple[int, str]:
    return (1, "") if d is None else (0, d.date.earliest.isoformat())


@dataclass(frozen=True)
class TrialColumn:
    title: str  # source text for QCoreApplication.translate("TrialsTableModel", title)
    text: Callable[[TrialRegistration, str], str]
    key: Callable[[TrialRegistration, str], Any]  # comparable within its column


COLUMNS: tuple[TrialColumn, ...] = (
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Registry"),
                lambda t, _p: registry_name(t.registry, current_language()),
                lambda t, _p: registry_name(t.registry, current_language())),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Identifier"), lambda t, _p: t.registry_id,
                lambda t, _p: t.registry_id),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Title"), lambda t, _p: _title(t),
                lambda t, _p: _title(t).casefold()),
    # phases and status by their names, as the Landscape page and the filter above name them
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Phases"), lambda t, _p: _phases(t),
                lambda t, _p: tuple(sorted(PHASE_ORDER[p] for p in t.phases))),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Status"), lambda t, _p: _status(t),
                lambda t, _p: _status(t)),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Start"), lambda t, _p: _date(t.start_date),
                lambda t, _p: _date_key(t.start_date)),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Completion"), lambda t, _p: _date(t.completion),
                lambda t, _p: _date_key(t.completion)),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Enrolment"),
                lambda t, _p: str(t.enrolment.count) if t.enrolment else "",
                lambda t, _p: t.enrolment.count if t.enrolment else -1),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Sponsor"), lambda t, _p: t.lead_sponsor,
                lambda t, _p: t.lead_sponsor.casefold()),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Countries"), lambda t, _p: ", ".join(t.countries),
                lambda t, _p: ", ".join(t.countries)),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Product"), lambda _t, p: p, lambda _t, p: p.casefold()),
)
# Widths a reader can read each column in (the title most of all); the rest keep Qt's default.
COLUMN_WIDTHS = {"Registry": 150, "Identifier": 140, "Title": 320, "Phases": 110, "Status": 120, "Sponsor": 180}


class TrialsTableModel(QAbstractTableModel):
    """Trials as rows; sorting reorders the model's own list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trials: list[TrialRegistration] = []
        self._products: dict[int, str] = {}

    def set_trials(self, trials: Sequence[TrialRegistration], products: dict[int, str]) -> None:
        self.beginResetModel()
        self._trials = list(trials)
        self._products = dict(products)
        self.endResetModel()

    def trial(self, row: int) -> TrialRegistration:
        return self._trials[row]

    def _product(self, t: TrialRegistration) -> str:
        return self._products.get(t.product_id or 0, "") if t.product_id else ""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._trials)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        t = self._trials[index.row()]
        return COLUMNS[index.column()].text(t, self._product(t))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TrialsTableModel", COLUMNS[section].title)
        return None

    def refresh_texts(self) -> None:
        """The language changed: every cell and heading is shown again in it."""
        if self._trials:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._trials) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].key
        self.layoutAboutToBeChanged.emit()
        self._trials.sort(key=lambda t: key(t, self._product(t)), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class TrialsPage(QWidget):
    """Search box, registry and status filters, and the table of trials."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[TrialRegistration] = []
        self._products: dict[int, str] = {}
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.registry = QComboBox(self)
        self.status = QComboBox(self)
        self.count = QLabel(self)
        self.model = TrialsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for n, column in enumerate(COLUMNS):
            if column.title in COLUMN_WIDTHS:
                self.table.setColumnWidth(n, COLUMN_WIDTHS[column.title])
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.registry)
        bar.addWidget(self.status)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()
        self.search.textChanged.connect(self.refilter)
        self.registry.currentIndexChanged.connect(self.refilter)
        self.status.currentIndexChanged.connect(self.refilter)

    def retranslate_ui(self) -> None:
        """Texts and the filters' choices in the interface language, keeping what is chosen."""
        from mscreg.domain.messages import text

        lang = current_language()
        self.search.setPlaceholderText(self.tr("Search identifier, title, sponsor, condition, country…"))
        for combo, everything, items in (
                (self.registry, self.tr("All registries"), [(r, registry_name(r, lang)) for r in Registry]),
                (self.status, self.tr("All statuses"),
                 [(s, text(f"landscape.status.{s.value}", lang)) for s in OverallStatus])):
            chosen = combo.currentData()
            blocked = combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, name in items:
                combo.addItem(name, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(blocked)
        self.count.setText(self.tr("%n trial(s)", "", self.model.rowCount()))
        self.model.refresh_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_trials(self, trials: Sequence[TrialRegistration], products: dict[int, str]) -> None:
        """Every trial held and ``{product id: name}`` (from :mod:`mscreg.services.trial_records`)."""
        self._all = list(trials)
        self._products = dict(products)
        self.refilter()

    def current_filter(self) -> TrialFilter:
        registry = self.registry.currentData()
        status = self.status.currentData()
        return TrialFilter(text=self.search.text(), registries=(registry,) if registry else (),
                           statuses=(status,) if status else ())

    def refilter(self) -> None:
        shown = filter_trials(self._all, self.current_filter())
        self.model.set_trials(shown, self._products)
        header = self.table.horizontalHeader()
        if header.isSortIndicatorShown() and header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.count.setText(self.tr("%n trial(s)", "", len(shown)))
