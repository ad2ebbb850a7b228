"""The Trials section of the product view: the trial registrations linked to the shown product.

A widget of its own, so the product view only places it and hands it the product's trials
(``set_trials``, from the window's snapshot: this widget never reads the database).  Linking a stored
trial and unlinking one are requests (signals) the window passes to the edit controller, which goes
through the same service as ``mscreg link-trial``: audited, with a reason.

A registry's status is what the registry said when the trial was last imported, not a state derived
for a day; when the view shows an earlier day, trials that had not started by then are greyed and the
note above the table says so, rather than hidden (a hidden linked trial could not be unlinked).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.messages import MESSAGES, text
from mscreg.domain.trial import EnrolmentKind, TrialDate, TrialRegistration, registry_name, registry_page
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import OBJECT_ROLE
from mscreg.ui.language import current_language

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "ProductTrialsModel"


def trial_title(t: TrialRegistration, lang: str) -> str:
    """The title in the interface language, the other one when the registry gave only that."""
    first, other = (t.title_zh, t.title) if lang.startswith("zh") else (t.title, t.title_zh)
    return first or other


def phase_text(t: TrialRegistration, lang: str) -> str:
    if not t.phase_key:
        return ""
    code = f"landscape.phase.{t.phase_key}"
    return text(code, lang) if code in MESSAGES else t.phase_key.replace("+", "/")


def status_text(t: TrialRegistration, lang: str) -> str:
    code = f"landscape.status.{t.status_code}"
    return text(code, lang) if t.status_code and code in MESSAGES else t.status_code


def date_text(d: TrialDate | None) -> str:
    """The date at its own precision; an estimated date (a plan) is marked."""
    if d is None:
        return ""
    if d.planned:
        return QCoreApplication.translate("ProductTrialsModel", "%1 (estimated)").replace("%1", d.date.display())
    return d.date.display()


def enrolment_text(t: TrialRegistration) -> str:
    if t.enrolment is None:
        return ""
    if t.enrolment.kind is EnrolmentKind.ANTICIPATED:
        shown = QCoreApplication.translate("ProductTrialsModel", "%1 (anticipated)")
        return shown.replace("%1", str(t.enrolment.count))
    return str(t.enrolment.count)


def _date_key(d: TrialDate | None) -> tuple[int, str]:
    return (1, "") if d is None else (0, d.date.earliest.isoformat())


@dataclass(frozen=True)
class Column:
    title: str  # the English title; shown through _titles(), whose literals lupdate reads
    text: Callable[[TrialRegistration, str], str]
    key: Callable[[TrialRegistration, str], Any]  # a sort key: tuples, text or numbers, one kind per column
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("Registry ID", lambda t, _l: t.registry_id, lambda t, _l: (t.registry.value, t.registry_id), 120),
    Column("Title", trial_title, lambda t, lang: trial_title(t, lang).casefold(), 300),
    Column("Phase", phase_text, lambda t, _l: t.phase_key, 100),
    Column("Status", status_text, lambda t, _l: t.status_code, 125),
    Column("Start", lambda t, _l: date_text(t.start_date), lambda t, _l: _date_key(t.start_date), 115),
    Column("Completion", lambda t, _l: date_text(t.completion), lambda t, _l: _date_key(t.completion), 140),
    Column("Enrolment", lambda t, _l: enrolment_text(t),
           lambda t, _l: t.enrolment.count if t.enrolment else -1, 105),
)
ID_COLUMN, TITLE_COLUMN = 0, 1


def _titles() -> tuple[str, ...]:
    # literals for lupdate (which reads only QCoreApplication.translate calls spelt out in full)
    return (QCoreApplication.translate("ProductTrialsModel", "Registry ID"),
            QCoreApplication.translate("ProductTrialsModel", "Title"),
            QCoreApplication.translate("ProductTrialsModel", "Phase"),
            QCoreApplication.translate("ProductTrialsModel", "Status"),
            QCoreApplication.translate("ProductTrialsModel", "Start"),
            QCoreApplication.translate("ProductTrialsModel", "Completion"),
            QCoreApplication.translate("ProductTrialsModel", "Enrolment"))


def not_started_by(t: TrialRegistration, day: dt.date) -> bool:
    """Whether the trial had not started by ``day`` (its start, planned or actual, is later)."""
    return t.start_date is not None and t.start_date.date.earliest > day


class ProductTrialsModel(QAbstractTableModel):
    """The product's trials as rows; sorting reorders the model's own list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trials: list[TrialRegistration] = []
        self.as_of: dt.date | None = None  # an earlier day the view shows; None: today

    def set_trials(self, trials: Sequence[TrialRegistration], as_of: dt.date | None = None) -> None:
        self.beginResetModel()
        self._trials = list(trials)
        self.as_of = as_of
        self.endResetModel()

    def trials(self) -> list[TrialRegistration]:
        return list(self._trials)

    def trial(self, row: int) -> TrialRegistration | None:
        return self._trials[row] if 0 <= row < len(self._trials) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._trials)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        t = self.trial(index.row()) if index.isValid() else None
        if t is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return COLUMNS[column].text(t, current_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ID_COLUMN:
                page = registry_page(t)
                name = registry_name(t.registry, current_language())
                click = QCoreApplication.translate("ProductTrialsModel", "Click to open the registry page: %1")
                return name + ("\n" + click.replace("%1", page) if page else "")
            shown = COLUMNS[column].text(t, current_language())
            return shown or None
        if role == OBJECT_ROLE:
            return t
        greyed = self.as_of is not None and not_started_by(t, self.as_of)
        if role == Qt.ItemDataRole.ForegroundRole:
            if greyed:
                from mscreg.ui.theme import current_palette

                return current_palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            if column == ID_COLUMN and registry_page(t):
                from mscreg.ui.theme import current_palette, readable

                pal = current_palette()
                return readable(pal.color(QPalette.ColorRole.Link), pal.color(QPalette.ColorRole.Base))
        if role == Qt.ItemDataRole.FontRole and column == ID_COLUMN and registry_page(t):
            font = QFont()
            font.setUnderline(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _titles()[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key, lang = COLUMNS[column].key, current_language()
        self.layoutAboutToBeChanged.emit()
        self._trials.sort(key=lambda t: key(t, lang), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def refresh_texts(self) -> None:
        if self._trials:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._trials) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class TrialsPanel(QWidget):
    """Heading, "Link a trial…" and "Unlink…", and the table of the product's trials."""

    link_trial = Signal(int)  # product id
    unlink_trial = Signal(int)  # trial id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product_id: int | None = None
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.link_button = QPushButton(icon("link"), "", self)
        self.link_button.clicked.connect(self._link)
        self.unlink_button = QPushButton(icon("delete"), "", self)
        self.unlink_button.clicked.connect(self._unlink)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.model = ProductTrialsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for column, spec in enumerate(COLUMNS):
            header.resizeSection(column, spec.width)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.link_button)
        top.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.retranslate_ui()
        self.set_trials((), None)

    def set_trials(self, trials: Sequence[TrialRegistration], product_id: int | None = None,
                   as_of: dt.date | None = None) -> None:
        """The product's linked trials; ``as_of``: the view's day when it is not today."""
        self.product_id = product_id
        self.model.set_trials(trials, as_of if as_of is not None and as_of < dt.date.today() else None)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.empty.setVisible(not trials)
        self.table.setVisible(bool(trials))
        rows = max(1, len(trials))
        self.table.setFixedHeight(header.sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize()
                                  + self.table.horizontalScrollBar().sizeHint().height()
                                  + 2 * self.table.frameWidth())
        self._show_note()
        self._enable()

    def selected_trial(self) -> TrialRegistration | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.trial(rows[0].row()) if rows else None

    def _enable(self) -> None:
        self.link_button.setEnabled(self.product_id is not None)
        self.unlink_button.setEnabled(self.selected_trial() is not None)

    def _link(self) -> None:
        if self.product_id is not None:
            self.link_trial.emit(self.product_id)

    def _unlink(self) -> None:
        t = self.selected_trial()
        if t is not None and t.id is not None:
            self.unlink_trial.emit(t.id)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == ID_COLUMN:
            self._open_page(index)

    def _activated(self, index: QModelIndex) -> None:
        self._open_page(index)

    def _open_page(self, index: QModelIndex) -> None:
        t = self.model.trial(index.row())
        page = registry_page(t) if t is not None else None
        if page:
            self.open_url(page)

    def _show_note(self) -> None:
        day = self.model.as_of
        shown = day is not None and any(not_started_by(t, day) for t in self.model.trials())
        self.note.setVisible(shown)
        if day is not None:
            self.note.setText("<small>" + html.escape(self.tr(
                "Statuses are the registries’ as last imported. Trials that had not started by %1 are greyed.")
                .replace("%1", day.isoformat())) + "</small>")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Trials"))
        self.heading.setAccessibleName(self.tr("Trials linked to this product"))
        self.link_button.setText(self.tr("Link a trial…"))
        self.link_button.setAccessibleName(self.tr("Link a stored trial registration to this product"))
        self.unlink_button.setText(self.tr("Unlink…"))
        self.unlink_button.setAccessibleName(self.tr("Unlink the selected trial from this product"))
        self.empty.setText(self.tr("No trial registrations are linked to this product."))
        self.table.setAccessibleName(self.tr("Trials linked to this product"))
        self.model.refresh_texts()
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
