"""Record that a track was checked against a source, without changing it: the source and the reason.

The check itself is the record (the day, what it was checked against, and who checked, from the audit
trail), so the dialog asks for the source and the audit reason only; the day is today.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mscreg.domain.errors import invalid
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.reason_edit import ReasonEdit


class VerifyDialog(EditDialog):
    """``source()`` is what the track was checked against; ``reason()`` the text for the audit trail."""

    def __init__(self, parent: QWidget | None, what: str, lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.what = what
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.source_edit = QLineEdit(self)
        self.source_edit.setObjectName("source")
        self._source_label = QLabel(self)
        self._source_label.setBuddy(self.source_edit)
        self.reason_edit = ReasonEdit(self)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self.reason_edit)
        form = QFormLayout()
        form.addRow(self._source_label, self.source_edit)
        form.addRow(self._reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.source_edit.textChanged.connect(self.revalidate)
        self.reason_edit.textChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(560, self.sizeHint().height())

    def source(self) -> str:
        return self.source_edit.text().strip()

    def reason(self) -> str:
        return self.reason_edit.reason()

    def value(self) -> str:
        return self.source()

    def current_problem(self) -> Problem | None:
        if not self.source():
            return problem_from(invalid("source", "", "verify.needs_source"), self.lang)
        if not self.reason():
            return problem_from(invalid("reason", "", "reason.empty"), self.lang)
        return None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Mark as verified"))
        self.question.setText(self.tr("Record that %1 was checked today against a source? The track itself is not "
                                      "changed; the check is recorded in the audit trail.").replace("%1", self.what))
        self._source_label.setText(self.tr("&Source checked:"))
        self.source_edit.setPlaceholderText(self.tr("Register entry, label, annual report, URL …"))
        self._reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.tr("Mark as verified"))
