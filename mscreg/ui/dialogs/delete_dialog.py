"""Confirm a deletion and ask why: the confirmation and the audit reason are one step.

A plain yes/no box would leave the audit trail without a reason, and asking for the reason in a
second box after "Yes" invites an empty or careless one.  Deleting is the button's own word, Cancel
is the default, and a deletion the state machine refuses (a later event depends on this one) is
explained before the user can press it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from mscreg.domain.errors import MscregError, invalid
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.reason_edit import ReasonEdit


class DeleteDialog(EditDialog):
    """``reason()`` is the text for the audit trail; ``refusal`` (known in advance) blocks the deletion."""

    def __init__(self, parent: QWidget | None, what: str, refusal: MscregError | None = None,
                 lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.what = what
        self.refusal = refusal
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.reason_edit = ReasonEdit(self)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self.reason_edit)
        form = QFormLayout()
        form.addRow(self._reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
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
        if self.refusal is not None:
            return problem_from(self.refusal, self.lang)
        if not self.reason():
            return problem_from(invalid("reason", "", "reason.empty"), self.lang)
        return None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Delete"))
        self.question.setText(self.tr("Delete %1?\nThe deletion is recorded in the audit trail with your reason, "
                                      "and can be undone.").replace("%1", self.what))
        self._reason_label.setText(self.tr("&Reason for deleting:"))
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.tr("Delete"))
        self.ok_button().setAccessibleName(self.tr("Delete"))
