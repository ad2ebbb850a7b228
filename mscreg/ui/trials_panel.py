"""The Trials section of the product view: the trial registrations linked to the shown product.

A small widget of its own, so the product view only places it and hands it the product's trials
(``set_trials``); the rows, sorting and texts are the Trials page's model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from mscreg.domain.trial import TrialRegistration
from mscreg.ui.trials_page import TrialsTableModel


class TrialsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Trials"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.empty = QLabel(self.tr("No trial registrations are linked to this product."), self)
        self.model = TrialsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)

    def set_trials(self, trials: Sequence[TrialRegistration], product_name: str = "") -> None:
        """The product's trials (``mscreg.services.trial_records.list_trials(ws, product=NAME)``)."""
        names = {t.product_id: product_name for t in trials if t.product_id}
        self.model.set_trials(trials, names)
        self.empty.setVisible(not trials)
        self.table.setVisible(bool(trials))
