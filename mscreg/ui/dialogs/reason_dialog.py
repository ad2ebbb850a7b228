"""Confirm a change that needs nothing but its reason: deleting an obligation, unlinking a trial.

Like :class:`~mscreg.ui.dialogs.delete_dialog.DeleteDialog` the confirmation and the audit reason are
one step and Cancel is the default, but it does not promise an undo: these changes are not on the undo
history, and the audit trail keeps what was there.  A refusal known in advance (an obligation that has
steps recorded) is shown before the button can be pressed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from mscreg.domain.errors import MscregError, invalid
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.field_problems import FieldProblems
from mscreg.ui.dialogs.reason_edit import ReasonEdit


class ReasonDialog(EditDialog):
    """``question``: what is about to happen (already translated); ``action``: the OK button's word."""

    def __init__(self, parent: QWidget | None, title: str, question: str, action: str,
                 refusal: MscregError | None = None, lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.title, self.action, self.refusal = title, action, refusal
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.reason_edit = ReasonEdit(self)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self.reason_edit)
        self.fields = FieldProblems()
        form = QFormLayout()
        form.addRow(self._reason_label, self.reason_edit)
        form.addRow("", self.fields.add(self, "reason"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        # Cancel stays the default: Enter in the reason field must not confirm a deletion by accident
        self.ok_button().setDefault(False)
        self.ok_button().setAutoDefault(False)
        self.reason_edit.textChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(520, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.reason()

    def value(self) -> str:
        return self.reason()

    def current_problem(self) -> Problem | None:
        self.fields.clear()
        if self.refusal is not None:
            return problem_from(self.refusal, self.lang)
        if not self.reason():
            return problem_from(invalid("reason", "", "reason.empty"), self.lang)
        return None

    def place_refusal(self, exc: MscregError) -> str:
        left = self.fields.place(exc.problems, self.lang)
        return MscregError(left).message(self.lang) if left else self.tr("Not saved: see the message above.")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.title)
        self._reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.action)
        self.ok_button().setAccessibleName(self.action)
