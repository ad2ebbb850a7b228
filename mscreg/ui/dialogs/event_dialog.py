"""Record or correct one event on a track.

The type list offers only what the track's state machine allows where the entered date puts the
event in the log (so backfilling an old submission works), and each change of type or date is
checked against the whole log at once: a refused transition is explained on the problem line, in
the current language, and OK stays disabled.  The "Planned" switch records a plan (dated in the
future or by quarter, never changing the state); ``mark_happened`` opens it on a plan with the switch
off and locked, to enter the real date.  The dialog works on the log it was given; the save
goes through the service layer, which checks again against the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.bilingual import localized
from mscreg.domain.errors import MscregError
from mscreg.domain.event import Confidence, EventDraft, RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.states import state_name
from mscreg.domain.track import Track
from mscreg.services.editing import event_draft, event_types_at, preview_event_change
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.partial_date_edit import PartialDateEdit
from mscreg.ui.dialogs.reason_edit import ReasonEdit
from mscreg.ui.product_names import record_names

NOT_STATED = ""


def attribute_options(check) -> list[str] | tuple[int, int] | None:
    """The choices an attribute check accepts: a list of values, an integer range, or None (text).

    The vocabulary stores each attribute as a check function whose complaint names what it expects
    ("1|2", "1..7"); reading that back gives the dialog a list or a spin box instead of free text.
    """
    expected = check("")
    if not expected:
        return None
    if ".." in expected:
        lo, hi = expected.split("..", 1)
        if lo.isdigit() and hi.isdigit():
            return int(lo), int(hi)
    if "|" in expected:
        return expected.split("|")
    return None


class EventDialog(EditDialog):
    """``value()`` is an :class:`EventDraft`; ``reason()`` the text for the audit trail."""

    def __init__(self, parent: QWidget | None, track: Track, log: Sequence[RegulatoryEvent],
                 event: RegulatoryEvent | None = None, lang: str | None = None, *,
                 mark_happened: bool = False) -> None:
        super().__init__(parent, lang)
        self.track = track
        self.log = tuple(log)
        # Not "self.event": that would hide QWidget.event(), the handler Qt calls for every event.
        self.edited_event = event
        self.marking = mark_happened and event is not None and event.planned
        self._attribute_widgets: dict[str, QWidget] = {}
        self._kept_attributes: dict[str, str] = dict(event.attributes) if event else {}

        self.track_label = QLabel(self)
        self.track_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.track_label.setWordWrap(True)
        self.state_label = QLabel(self)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("type")
        self.date_edit = PartialDateEdit(self, self.lang)
        self.planned_check = QCheckBox(self)
        self.planned_check.setObjectName("planned")
        self.attributes_box = QWidget(self)
        self.attributes_form = QFormLayout(self.attributes_box)
        self.attributes_form.setContentsMargins(0, 0, 0, 0)
        self.agency_edit = QLineEdit(self)
        self.reference_edit = QLineEdit(self)
        self.source_edit = QLineEdit(self)
        self.confidence_combo = QComboBox(self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)  # Tab moves on, so the dialog stays keyboard-usable
        self.note_edit.setFixedHeight(60)
        self.note_zh_edit = QPlainTextEdit(self)
        self.note_zh_edit.setTabChangesFocus(True)
        self.note_zh_edit.setFixedHeight(60)
        self.reason_edit = ReasonEdit(self)

        self.form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(11)]
        rows: list[QWidget] = [self.track_label, self.state_label, self.type_combo, self.date_edit,
                               self.attributes_box, self.agency_edit, self.reference_edit, self.source_edit,
                               self.confidence_combo, self.note_edit, self.note_zh_edit]
        for label, widget in zip(self._labels, rows, strict=True):
            label.setBuddy(widget.precision if widget is self.date_edit else widget)
            self.form.addRow(label, widget)
        self.form.insertRow(4, "", self.planned_check)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self.reason_edit)
        self.form.addRow(self._reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        for code in Confidence:
            self.confidence_combo.addItem("", code.value)
        self.retranslate_ui()
        if event is not None:
            self._fill(event)
            if self.marking:  # the plan became a fact: the real date is entered, the switch stays off
                self.planned_check.setChecked(False)
                self.planned_check.setEnabled(False)
                self.date_edit.allow_quarter(False)
        else:
            self.confidence_combo.setCurrentIndex(self.confidence_combo.findData(Confidence.MEDIUM.value))
            self._refresh_types()
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self.date_edit.changed.connect(self._on_date_changed)
        self.planned_check.toggled.connect(self._on_planned_toggled)
        for edit in (self.agency_edit, self.reference_edit, self.source_edit, self.reason_edit):
            edit.textChanged.connect(self.revalidate)
        self.note_edit.textChanged.connect(self.revalidate)
        self.note_zh_edit.textChanged.connect(self.revalidate)
        self.confidence_combo.currentIndexChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(620, self.sizeHint().height())

    # ----- value --------------------------------------------------------------------------------
    def selected_type(self) -> str | None:
        code = self.type_combo.currentData()
        return str(code) if code else None

    def offered_types(self) -> list[str]:
        """The codes in the type list (the state machine's offer, plus the current choice)."""
        return [str(self.type_combo.itemData(i)) for i in range(self.type_combo.count())]

    def value(self) -> EventDraft:
        date = self.date_edit.value()
        return EventDraft(
            type=self.selected_type() or "",
            date=date.iso() if date else None,
            agency=self.agency_edit.text(),
            reference=self.reference_edit.text(),
            source=self.source_edit.text(),
            confidence=str(self.confidence_combo.currentData()),
            note=self.note_edit.toPlainText(),
            note_zh=self.note_zh_edit.toPlainText(),
            attributes=self._attributes(),
            approximate=bool(date and date.approximate),
            planned=self.planned_check.isChecked(),
        )

    def reason(self) -> str:
        return self.reason_edit.reason()

    def _attributes(self) -> dict[str, str]:
        return {key: value for key, value in self._attribute_inputs().items() if value}

    def _attribute_inputs(self) -> dict[str, str]:
        """Every attribute input shown now, "" for "not stated"."""
        out: dict[str, str] = {}
        for key, widget in self._attribute_widgets.items():
            if isinstance(widget, QComboBox):
                value = str(widget.currentData() or "")
            elif isinstance(widget, QSpinBox):
                value = "" if widget.value() == widget.minimum() else str(widget.value())
            else:
                assert isinstance(widget, QLineEdit)
                value = widget.text().strip()
            out[key] = value
        return out

    # ----- checks -------------------------------------------------------------------------------
    def current_problem(self) -> Problem | None:
        if self.selected_type() is None:
            return Problem(self.tr("Choose what happened (the event type)."), hint=True)
        event_id = self.edited_event.id if self.edited_event else None
        try:
            preview_event_change(self.track, self.log, self.value(), event_id)
            if not self.reason():
                from mscreg.domain.errors import invalid

                raise invalid("reason", "", "reason.empty")
        except MscregError as exc:
            return problem_from(exc, self.lang)
        return None

    # ----- filling and refreshing ---------------------------------------------------------------
    def _fill(self, event: RegulatoryEvent) -> None:
        draft = event_draft(event)
        self.planned_check.setChecked(draft.planned)
        self.date_edit.allow_quarter(draft.planned)
        self.date_edit.set_value(event.date)
        self._refresh_types(keep=draft.type)
        self.agency_edit.setText(draft.agency)
        self.reference_edit.setText(draft.reference)
        self.source_edit.setText(draft.source)
        self.confidence_combo.setCurrentIndex(self.confidence_combo.findData(draft.confidence))
        self.note_edit.setPlainText(draft.note)
        self.note_zh_edit.setPlainText(draft.note_zh)

    def _refresh_types(self, keep: str | None = None) -> None:
        """Offer what is allowed where the entered date falls; never silently drop the user's choice."""
        keep = keep if keep is not None else self.selected_type()
        position = event_types_at(self.track, self.log, self.date_edit.value(),
                                  self.edited_event.id if self.edited_event else None)
        codes = list(position.allowed)
        if keep and keep not in codes:
            codes.append(keep)  # kept so the problem line can say why it does not fit here
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for code in codes:
            etype = EVENT_TYPES[code]
            self.type_combo.addItem(etype.name(self.lang), code)
            self.type_combo.setItemData(self.type_combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
        self.type_combo.setCurrentIndex(self.type_combo.findData(keep) if keep else -1)
        self.type_combo.blockSignals(False)
        self.state_label.setText(state_name(position.state, self.track.jurisdiction, self.lang))
        self._rebuild_attributes()

    def _rebuild_attributes(self) -> None:
        """One input per attribute the chosen type takes; values typed so far are kept."""
        self._kept_attributes.update(self._attribute_inputs())
        while self.attributes_form.rowCount():
            self.attributes_form.removeRow(0)
        self._attribute_widgets = {}
        code = self.selected_type()
        etype = EVENT_TYPES.get(code or "")
        checks = etype.attributes if etype else {}
        for key, check in checks.items():
            widget = self._attribute_widget(key, check, self._kept_attributes.get(key, ""))
            self._attribute_widgets[key] = widget
            label = QLabel(self._attribute_name(key), self.attributes_box)
            label.setBuddy(widget)
            self.attributes_form.addRow(label, widget)
        self.form.setRowVisible(self.attributes_box, bool(checks))
        # Inputs made now would come last in the Tab order (after the buttons); put them after the date
        # and the "Planned" box under it, in the order they are shown (Tab went from the date to the
        # agency and then back up to "Planned").
        chain = [self.date_edit.approximate, self.planned_check, *self._attribute_widgets.values(),
                 self.agency_edit]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _attribute_widget(self, key: str, check, value: str) -> QWidget:
        options = attribute_options(check)
        name = self._attribute_name(key)
        widget: QWidget
        if isinstance(options, tuple):
            spin = QSpinBox(self.attributes_box)
            spin.setRange(options[0] - 1, options[1])  # the value below the range means "not stated"
            spin.setSpecialValueText(self.tr("not stated"))
            spin.setValue(int(value) if value.isdigit() else options[0] - 1)
            spin.valueChanged.connect(self.revalidate)
            widget = spin
        elif isinstance(options, list):
            combo = QComboBox(self.attributes_box)
            combo.addItem(self.tr("not stated"), NOT_STATED)
            for option in options:
                combo.addItem(self._option_name(option), option)
            if value and combo.findData(value) < 0:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(self.revalidate)
            widget = combo
        else:
            line = QLineEdit(value, self.attributes_box)
            line.textChanged.connect(self.revalidate)
            widget = line
        widget.setAccessibleName(name)
        return widget

    def _attribute_name(self, key: str) -> str:
        names = {
            "time_limit_years": self.tr("Time limit (years)"),
            "shipment_restricted": self.tr("Shipment restricted"),
            "pilot": self.tr("30-working-day pilot"),
            "scope": self.tr("Hold scope"),
            "review": self.tr("Review"),
            "resubmission_class": self.tr("Resubmission class"),
        }
        return names.get(key, key)

    def _option_name(self, option: str) -> str:
        names = {
            "true": self.tr("yes"), "false": self.tr("no"), "complete": self.tr("complete"),
            "partial": self.tr("partial"), "standard": self.tr("standard"), "priority": self.tr("priority"),
        }
        return names.get(option, option)

    def _on_type_changed(self) -> None:
        self._rebuild_attributes()
        self.revalidate()

    def _on_planned_toggled(self, planned: bool) -> None:
        self.date_edit.allow_quarter(planned)  # a quarter is how plans are dated, never facts
        self.revalidate()

    def _on_date_changed(self) -> None:
        self._refresh_types()
        self.revalidate()

    # ----- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Mark as happened") if self.marking
                            else self.tr("Edit event") if self.edited_event else self.tr("New event"))
        self.planned_check.setText(self.tr("&Planned (not yet happened)"))
        self.planned_check.setAccessibleName(self.tr("Planned"))
        self.planned_check.setToolTip(self.tr("A plan is kept and listed but never changes the track's state; "
                                              "it may be dated in the future or by quarter."))
        texts = [self.tr("Track:"), self.tr("State at this date:"), self.tr("&Event type:"), self.tr("&Date:"),
                 self.tr("Details:"), self.tr("&Agency:"), self.tr("Re&ference:"), self.tr("&Source:"),
                 self.tr("&Confidence:"), self.tr("&Note:"), self.tr("Note (Chinese):")]
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self._reason_label.setText(self.tr("&Reason for the change:"))
        self.track_label.setText(self._track_text())
        self.type_combo.setPlaceholderText(self.tr("Choose the event type…"))
        self.type_combo.setAccessibleName(self.tr("Event type"))
        self.agency_edit.setAccessibleName(self.tr("Agency"))
        jurisdiction = JURISDICTIONS.get(self.track.jurisdiction)
        self.agency_edit.setPlaceholderText(jurisdiction.agency(self.lang) if jurisdiction else "")
        self.reference_edit.setAccessibleName(self.tr("Reference"))
        self.reference_edit.setPlaceholderText(self.tr("IND number, CDE acceptance number, NCT, BLA…"))
        self.source_edit.setAccessibleName(self.tr("Source"))
        self.source_edit.setPlaceholderText(self.tr("Citation or URL"))
        self.confidence_combo.setAccessibleName(self.tr("Confidence"))
        names = {"high": self.tr("high"), "medium": self.tr("medium"), "low": self.tr("low")}
        for i in range(self.confidence_combo.count()):
            self.confidence_combo.setItemText(i, names[str(self.confidence_combo.itemData(i))])
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_zh_edit.setAccessibleName(self.tr("Note (Chinese)"))
        self.date_edit.set_language(self.lang)
        self.reason_edit.retranslate_ui()
        ok = self.ok_button()
        ok.setText(self.tr("Save"))
        ok.setAccessibleName(self.tr("Save"))
        if self.type_combo.count():
            self._refresh_types()

    def _track_text(self) -> str:
        jurisdiction = JURISDICTIONS.get(self.track.jurisdiction)
        where = jurisdiction.name(self.lang) if jurisdiction else self.track.jurisdiction
        pathway = self.tr("clinical trial") if self.track.pathway.value == "clinical" else self.tr("marketing")
        indication = localized(self.track.indication, self.track.indication_zh, self.lang)
        return f"{record_names.named(self.track.product_name)} — {where} — {indication} — {pathway}"
