"""Start or correct a track: one product in one jurisdiction, for one indication, on one pathway.

When a track already has events, moving it to another jurisdiction or pathway is checked against
those events at once (an implied permission cannot move to Japan), so the refusal shows before
saving rather than after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mscreg.domain.errors import MscregError, invalid
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.product import Product
from mscreg.domain.state_machine import derive
from mscreg.domain.track import Track, TrackDraft
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.reason_edit import ReasonEdit
from mscreg.ui.product_names import product_name


class TrackDialog(EditDialog):
    """``value()`` is a :class:`TrackDraft`; ``reason()`` the text for the audit trail."""

    def __init__(self, parent: QWidget | None, product: Product, track: Track | None = None,
                 events: Sequence[RegulatoryEvent] = (), lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.product = product
        self.track = track
        self.events = tuple(events)
        self.product_label = QLabel(product_name(product), self)
        self.jurisdiction_combo = QComboBox(self)
        for code in JURISDICTIONS:
            self.jurisdiction_combo.addItem("", code)
        self.indication_edit = QLineEdit(self)
        self.indication_zh_edit = QLineEdit(self)
        self.pathway_combo = QComboBox(self)
        for pathway in Pathway:
            self.pathway_combo.addItem("", pathway.value)
        self.reason_edit = ReasonEdit(self)
        self._labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        for label, widget in zip(self._labels, (self.product_label, self.jurisdiction_combo, self.indication_edit,
                                                self.indication_zh_edit, self.pathway_combo, self.reason_edit),
                                 strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.retranslate_ui()
        if track is not None:
            self.jurisdiction_combo.setCurrentIndex(self.jurisdiction_combo.findData(track.jurisdiction))
            self.indication_edit.setText(track.indication)
            self.indication_zh_edit.setText(track.indication_zh)
            self.pathway_combo.setCurrentIndex(self.pathway_combo.findData(track.pathway.value))
        else:
            self.jurisdiction_combo.setCurrentIndex(-1)
            self.pathway_combo.setCurrentIndex(self.pathway_combo.findData(Pathway.MARKETING.value))
        self.jurisdiction_combo.currentIndexChanged.connect(self.revalidate)
        self.pathway_combo.currentIndexChanged.connect(self.revalidate)
        self.indication_edit.textChanged.connect(self.revalidate)
        self.indication_zh_edit.textChanged.connect(self.revalidate)
        self.reason_edit.textChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(520, self.sizeHint().height())

    def value(self) -> TrackDraft:
        return TrackDraft(str(self.jurisdiction_combo.currentData() or ""), self.indication_edit.text(),
                          str(self.pathway_combo.currentData()), self.indication_zh_edit.text())

    def reason(self) -> str:
        return self.reason_edit.reason()

    def current_problem(self) -> Problem | None:
        if self.jurisdiction_combo.currentIndex() < 0:
            return Problem(self.tr("Choose the jurisdiction."), hint=True)
        try:
            draft = self.value().validated()
            if self.track is not None and self.events:
                moved = replace(self.track, jurisdiction=draft.jurisdiction, indication=draft.indication,
                                pathway=Pathway(draft.pathway))
                derive(moved, self.events)
            if not self.reason():
                raise invalid("reason", "", "reason.empty")
        except MscregError as exc:
            return problem_from(exc, self.lang)
        return None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit track") if self.track else self.tr("New track"))
        for label, text in zip(self._labels, (self.tr("Product:"), self.tr("&Jurisdiction:"), self.tr("&Indication:"),
                                              self.tr("Indication (Chinese):"), self.tr("&Pathway:"),
                                              self.tr("&Reason for the change:")), strict=True):
            label.setText(text)
        self.jurisdiction_combo.setAccessibleName(self.tr("Jurisdiction"))
        self.jurisdiction_combo.setPlaceholderText(self.tr("Choose the jurisdiction…"))
        self.indication_edit.setAccessibleName(self.tr("Indication"))
        self.indication_zh_edit.setAccessibleName(self.tr("Indication (Chinese)"))
        self.pathway_combo.setAccessibleName(self.tr("Pathway"))
        for i in range(self.jurisdiction_combo.count()):
            code = str(self.jurisdiction_combo.itemData(i))
            self.jurisdiction_combo.setItemText(i, f"{JURISDICTIONS[code].name(self.lang)} ({code})")
        names = {"clinical": self.tr("Clinical trial"), "marketing": self.tr("Marketing authorisation")}
        for i in range(self.pathway_combo.count()):
            self.pathway_combo.setItemText(i, names[str(self.pathway_combo.itemData(i))])
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.tr("Save"))
