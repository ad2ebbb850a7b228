"""Add or edit an obligation of an authorisation, and record a step of one.

The dialogs return drafts (``value()``); the edit controller saves them through
:mod:`mscreg.services.obligations`, the service ``add-obligation`` and ``obligation-event`` use, so the
window and the command line refuse the same things with the same messages.  The form checks what it
can before saving (the fields of the draft, through the domain's own validation); what only the
database knows (a duplicate, a step that does not fit the obligation's history) comes back from the
save and is shown beside its field, with the dialog left open and nothing written.

A due date is a date at its precision, or a rule "within N years/months of the authorisation" (counted
from the authorisation's date, so a later correction of that date moves it), or not known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.errors import MscregError
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.messages import text
from mscreg.domain.obligation import (
    MAX_RULE_YEARS,
    DueUnit,
    Obligation,
    ObligationDraft,
    ObligationEventType,
    ObligationKind,
    make_obligation_event,
)
from mscreg.domain.partial_date import PartialDate
from mscreg.ui.dialogs.base import EditDialog, Problem
from mscreg.ui.dialogs.field_problems import FieldProblems
from mscreg.ui.dialogs.partial_date_edit import PartialDateEdit
from mscreg.ui.dialogs.reason_edit import ReasonEdit

ON_DATE, BY_RULE, UNKNOWN = "date", "rule", "unknown"


def _text_box(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setFixedHeight(int(line * 2.6) + 2 * box.frameWidth() + 8)
    return box


class _FormDialog(EditDialog):
    """A form whose problems are shown beside their fields; the problem line keeps the rest.  Its own
    texts name their translation context: ``self.tr`` here would look them up under the subclass."""

    def __init__(self, parent: QWidget | None, lang: str | None) -> None:
        super().__init__(parent, lang)
        self.fields = FieldProblems()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def _row(self, label: QLabel, widget: QWidget | QHBoxLayout, *fields: str) -> None:
        if isinstance(widget, QHBoxLayout):
            self.form.addRow(label, widget)
        else:
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        if fields:
            self.form.addRow("", self.fields.add(self, *fields))

    def _finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def _check(self, exc: MscregError | None) -> Problem | None:
        """Place ``exc``'s problems beside their fields; the problem for the problem line, or None."""
        if exc is None:
            self.fields.clear()
            return None
        if all(p.code in ("text.empty", "reason.empty", "obligation.text_required") for p in exc.problems):
            self.fields.clear()  # a field not filled in yet: a hint on the problem line, not an alarm beside it
            return Problem(exc.message(self.lang), True)
        left = self.fields.place(exc.problems, self.lang)
        hint = False
        if left:
            return Problem(MscregError(left).message(self.lang), hint)
        return Problem(QCoreApplication.translate("ObligationForm", "Correct the field marked above."), hint)

    def place_refusal(self, exc: MscregError) -> str:
        left = self.fields.place(exc.problems, self.lang)
        return MscregError(left).message(self.lang) if left else QCoreApplication.translate(
            "ObligationForm", "Not saved: correct the field marked above.")

    def field_problem(self, field: str) -> str:
        """The message shown beside ``field`` ("" when none): for tests and accessibility checks."""
        return self.fields.text_of(field)


class ObligationDialog(_FormDialog):
    """Kind, texts, due date (a date, a rule or unknown), owner, source and the reason; for a new one also
    the authorisation that imposed it (one of the track's authorising events)."""

    def __init__(self, parent: QWidget | None, authorisations: Sequence, obligation: Obligation | None = None,
                 lang: str | None = None, authorisation=None) -> None:
        super().__init__(parent, lang)
        self.obligation = obligation
        self.authorisations = list(authorisations) if obligation is None else [authorisation]
        self.authorisation = QComboBox(self)
        self.kind = QComboBox(self)
        self.text_en = _text_box(self)
        self.text_zh = _text_box(self)
        self.due_mode = QComboBox(self)
        self.due_date = PartialDateEdit(self, self.lang)
        self.rule_amount = QSpinBox(self)
        self.rule_amount.setRange(1, MAX_RULE_YEARS * 12)
        self.rule_amount.setValue(5)
        self.rule_unit = QComboBox(self)
        self.owner = QLineEdit(self)
        self.source = QLineEdit(self)
        self.reason_edit = ReasonEdit(self)
        self._labels = {name: QLabel(self) for name in (
            "authorisation", "kind", "text_en", "text_zh", "due", "owner", "source", "reason")}
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_mode)
        due_row.addWidget(self.due_date)
        due_row.addWidget(self.rule_amount)
        due_row.addWidget(self.rule_unit)
        due_row.addStretch(1)
        self._labels["due"].setBuddy(self.due_mode)
        self._row(self._labels["authorisation"], self.authorisation, "authorisation", "authorisation_type")
        self._row(self._labels["kind"], self.kind, "kind")
        self._row(self._labels["text_en"], self.text_en, "text_en")
        self._row(self._labels["text_zh"], self.text_zh, "text_zh")
        self._row(self._labels["due"], due_row, "due", "due_rule")
        self._row(self._labels["owner"], self.owner, "owner")
        self._row(self._labels["source"], self.source, "source")
        self._row(self._labels["reason"], self.reason_edit, "reason")
        self._finish()
        self.retranslate_ui()
        if obligation is not None:
            self._fill(obligation)
        self.authorisation.setEnabled(obligation is None and len(self.authorisations) > 1)
        self._show_due_parts()
        for signal in (self.authorisation.currentIndexChanged, self.kind.currentIndexChanged,
                       self.text_en.textChanged, self.text_zh.textChanged, self.due_date.changed,
                       self.rule_amount.valueChanged, self.rule_unit.currentIndexChanged, self.owner.textChanged,
                       self.source.textChanged, self.reason_edit.textChanged):
            signal.connect(self.revalidate)
        self.due_mode.currentIndexChanged.connect(self._due_mode_changed)
        self.revalidate()
        self.resize(720, self.sizeHint().height())

    # ----- value --------------------------------------------------------------------------------
    def _fill(self, o: Obligation) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(o.kind.value)))
        self.text_en.setPlainText(o.text_en)
        self.text_zh.setPlainText(o.text_zh)
        if o.due is not None:
            self.due_mode.setCurrentIndex(self.due_mode.findData(ON_DATE))
            self.due_date.set_value(o.due)
        elif o.due_rule is not None:
            self.due_mode.setCurrentIndex(self.due_mode.findData(BY_RULE))
            self.rule_amount.setValue(o.due_rule.amount)
            self.rule_unit.setCurrentIndex(max(0, self.rule_unit.findData(o.due_rule.unit.value)))
        else:
            self.due_mode.setCurrentIndex(self.due_mode.findData(UNKNOWN))
        self.owner.setText(o.owner)
        self.source.setText(o.source)

    def authorisation_id(self) -> int | None:
        event = self.authorisation.currentData()
        return event.id if event is not None else None

    def value(self) -> ObligationDraft:
        mode = self.due_mode.currentData()
        due: PartialDate | None = self.due_date.value() if mode == ON_DATE else None
        rule = f"{self.rule_amount.value()} {self.rule_unit.currentData()}" if mode == BY_RULE else None
        return ObligationDraft(self.kind.currentData() or "", self.text_en.toPlainText(), self.text_zh.toPlainText(),
                               due.display() if due is not None else None, rule, self.owner.text(),
                               self.source.text())

    def reason(self) -> str:
        return self.reason_edit.reason()

    def current_problem(self) -> Problem | None:
        from mscreg.domain.errors import invalid

        try:
            self.value().to_obligation()
            if self.obligation is None and self.authorisation_id() is None:
                raise invalid("authorisation", "", "obligation.authorisation_which_option")
            if not self.reason():
                raise invalid("reason", "", "reason.empty")
        except MscregError as exc:
            return self._check(exc)
        return self._check(None)

    # ----- behaviour ----------------------------------------------------------------------------
    def _due_mode_changed(self) -> None:
        self._show_due_parts()
        self.revalidate()

    def _show_due_parts(self) -> None:
        mode = self.due_mode.currentData()
        self.due_date.setVisible(mode == ON_DATE)
        self.rule_amount.setVisible(mode == BY_RULE)
        self.rule_unit.setVisible(mode == BY_RULE)

    def retranslate_ui(self) -> None:
        lang = self.lang
        self.setWindowTitle(self.tr("New obligation") if self.obligation is None else self.tr("Edit obligation"))
        for name, label in (("authorisation", self.tr("Imposed &by:")), ("kind", self.tr("&Kind:")),
                            ("text_en", self.tr("What is required (&English):")),
                            ("text_zh", self.tr("What is required (&Chinese):")), ("due", self.tr("&Due:")),
                            ("owner", self.tr("&Owner:")), ("source", self.tr("&Source:")),
                            ("reason", self.tr("&Reason:"))):
            self._labels[name].setText(label)
        chosen = self.authorisation.currentIndex()
        self.authorisation.blockSignals(True)
        self.authorisation.clear()
        for e in self.authorisations:
            if e is None:
                continue
            known = EVENT_TYPES.get(e.type)
            name = known.name(lang) if known is not None else e.type
            self.authorisation.addItem(text("text.dated", lang, name=name, date=e.date.display() if e.date else "?"),
                                       e)
        self.authorisation.setCurrentIndex(max(0, chosen) if self.authorisation.count() else -1)
        self.authorisation.blockSignals(False)
        self.authorisation.setAccessibleName(self.tr("Authorisation that imposed the obligation"))
        for combo, items in (
                (self.kind, [(k.value, text(f"obligation.kind.{k.value}", lang)) for k in ObligationKind]),
                (self.due_mode, [(ON_DATE, self.tr("On a date")),
                                 (BY_RULE, self.tr("Within a period of the authorisation")),
                                 (UNKNOWN, self.tr("Not known"))]),
                (self.rule_unit, [(DueUnit.YEARS.value, self.tr("years")),
                                  (DueUnit.MONTHS.value, self.tr("months"))])):
            data = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for value, name in items:
                combo.addItem(name, value)
            combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.blockSignals(False)
        self.due_mode.setAccessibleName(self.tr("How the due date is set"))
        self.rule_amount.setAccessibleName(self.tr("Number of years or months after the authorisation"))
        self.rule_unit.setAccessibleName(self.tr("Years or months"))
        self.text_en.setAccessibleName(self.tr("What is required, in English"))
        self.text_zh.setAccessibleName(self.tr("What is required, in Chinese"))
        self.text_en.setPlaceholderText(self.tr("English, Chinese or both"))
        self.owner.setPlaceholderText(self.tr("Who is responsible (optional)"))
        self.source.setPlaceholderText(self.tr("Where the obligation is stated: a web address or a document"))
        self.due_date.set_language(lang)
        self.reason_edit.retranslate_ui()


class ObligationStepDialog(_FormDialog):
    """A step of an obligation: submitted, fulfilled, released or extended (with the new due date)."""

    def __init__(self, parent: QWidget | None, obligation_name: str, lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.obligation_name = obligation_name
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.type = QComboBox(self)
        self.date = PartialDateEdit(self, self.lang)
        self.new_due = PartialDateEdit(self, self.lang)
        self.source = QLineEdit(self)
        self.note = QLineEdit(self)
        self.reason_edit = ReasonEdit(self)
        self._labels = {name: QLabel(self) for name in ("type", "date", "new_due", "source", "note", "reason")}
        self.form.addRow(self.heading)
        self._row(self._labels["type"], self.type, "type")
        self._row(self._labels["date"], self.date, "date")
        self._row(self._labels["new_due"], self.new_due, "new_due")
        self._row(self._labels["source"], self.source, "source")
        self._row(self._labels["note"], self.note, "note")
        self._row(self._labels["reason"], self.reason_edit, "reason")
        self._finish()
        self.retranslate_ui()
        self._show_new_due()
        for signal in (self.date.changed, self.new_due.changed, self.source.textChanged, self.note.textChanged,
                       self.reason_edit.textChanged):
            signal.connect(self.revalidate)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.revalidate()
        self.resize(640, self.sizeHint().height())

    def step_type(self) -> str:
        return self.type.currentData() or ""

    def date_text(self) -> str:
        day = self.date.value()
        return day.display() if day is not None else ""

    def new_due_text(self) -> str | None:
        if self.step_type() != ObligationEventType.EXTENDED.value:
            return None
        day = self.new_due.value()
        return day.display() if day is not None else ""

    def value(self) -> dict[str, str | None]:
        """The step's fields as ``record_obligation_event`` takes them."""
        return {"type": self.step_type(), "date": self.date_text(), "new_due": self.new_due_text(),
                "source": self.source.text(), "note": self.note.text()}

    def reason(self) -> str:
        return self.reason_edit.reason()

    def current_problem(self) -> Problem | None:
        from mscreg.domain.errors import invalid

        v = self.value()
        try:
            step = make_obligation_event(v["type"] or "", v["date"] or "", new_due=v["new_due"],
                                         source=v["source"] or "", note=v["note"] or "")
            today = dt.date.today()
            if step.date.earliest > today:  # the service refuses it too; said here before OK is pressed
                raise invalid("date", v["date"], "obligation.future_step", today=today.isoformat())
            if not self.reason():
                raise invalid("reason", "", "reason.empty")
        except MscregError as exc:
            return self._check(exc)
        return self._check(None)

    def _type_changed(self) -> None:
        self._show_new_due()
        self.revalidate()

    def _show_new_due(self) -> None:
        extended = self.step_type() == ObligationEventType.EXTENDED.value
        self.new_due.setVisible(extended)
        self._labels["new_due"].setVisible(extended)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Record a step of the obligation"))
        self.heading.setText(self.obligation_name)
        for name, label in (("type", self.tr("&Step:")), ("date", self.tr("&Date:")),
                            ("new_due", self.tr("&New due date:")), ("source", self.tr("So&urce:")),
                            ("note", self.tr("N&ote:")), ("reason", self.tr("&Reason:"))):
            self._labels[name].setText(label)
        data = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        for value, name in ((ObligationEventType.SUBMITTED.value, self.tr("Submitted by the holder")),
                            (ObligationEventType.FULFILLED.value, self.tr("Fulfilled (accepted by the agency)")),
                            (ObligationEventType.RELEASED.value, self.tr("Released (no longer required)")),
                            (ObligationEventType.EXTENDED.value, self.tr("Extended (a new due date)"))):
            self.type.addItem(name, value)
        self.type.setCurrentIndex(max(0, self.type.findData(data)))
        self.type.blockSignals(False)
        self.date.set_language(self.lang)
        self.new_due.set_language(self.lang)
        self.source.setPlaceholderText(self.tr("Where the step is documented (optional)"))
        self.reason_edit.retranslate_ui()
