"""The Trials page: every trial registration held, searched and filtered like the product list.

The model sorts its own Python list (a sort key per column) instead of going through a
``QSortFilterProxyModel``, which asks the model for each cell's data through Python on every comparison
and is hundreds of times slower over 10,000 rows.  Filtering is :mod:`mscreg.services.trial_search`,
the same as ``mscreg trials``, so the page and the command line show the same trials.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from mscreg.domain.trial import OverallStatus, Registry, TrialDate, TrialRegistration, registry_name
from mscreg.services.trial_search import TrialFilter, filter_trials


def _date(d: TrialDate | None) -> str:
    if d is None:
        return ""
    if d.planned:  # an estimated date is a plan: marked, as a timeline outlines it
        return QCoreApplication.translate("TrialsTableModel", "%1 (estimated)").replace("%1", d.date.display())
    return d.date.display()


def _date_key(d: TrialDate | None) -> tuple[int, str]:
    return (1, "") if d is None else (0, d.date.earliest.isoformat())


@dataclass(frozen=True)
class TrialColumn:
    title: str  # source text for QCoreApplication.translate("TrialsTableModel", title)
    text: Callable[[TrialRegistration, str], str]
    key: Callable[[TrialRegistration, str], object]


COLUMNS: tuple[TrialColumn, ...] = (
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Registry"), lambda t, _p: registry_name(t.registry),
                lambda t, _p: registry_name(t.registry)),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Identifier"), lambda t, _p: t.registry_id,
                lambda t, _p: t.registry_id),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Title"), lambda t, _p: t.title_zh or t.title,
                lambda t, _p: (t.title_zh or t.title).casefold()),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Phases"), lambda t, _p: t.phase_key,
                lambda t, _p: t.phase_key),
    TrialColumn(QT_TRANSLATE_NOOP("TrialsTableModel", "Status"), lambda t, _p: t.status_code,
                lambda t, _p: t.status_code),
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

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._trials)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        t = self._trials[index.row()]
        return COLUMNS[index.column()].text(t, self._product(t))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TrialsTableModel", COLUMNS[section].title)
        return None

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
        from mscreg.ui.language import current_language

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
