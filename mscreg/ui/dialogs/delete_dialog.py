"""Confirm a deletion and ask why: the confirmation and the audit reason are one step.

A plain yes/no box would leave the audit trail without a reason, and asking for the reason in a
second box after "Yes" invites an empty or careless one.  Deleting is the button's own word, Cancel
is the default, and a deletion the state machine refuses (a later event depends on this one) is
explained before the user can press it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from mscreg.domain.errors import MscregError
from mscreg.ui.dialogs.reason_dialog import ReasonDialog


class DeleteDialog(ReasonDialog):
    """``reason()`` is the text for the audit trail; ``refusal`` (known in advance) blocks the deletion.

    The layout, the reason's checks and the placing of refusals are :class:`ReasonDialog`'s; this one
    says what is deleted and that the deletion can be undone."""

    def __init__(self, parent: QWidget | None, what: str, refusal: MscregError | None = None,
                 lang: str | None = None) -> None:
        self.what = what  # read by retranslate_ui, which the base's constructor calls
        super().__init__(parent, "", "", "", refusal, lang)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Delete"))
        self.question.setText(self.tr("Delete %1?\nThe deletion is recorded in the audit trail with your reason, "
                                      "and can be undone.").replace("%1", self.what))
        self._reason_label.setText(self.tr("&Reason for deleting:"))
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.tr("Delete"))
        self.ok_button().setAccessibleName(self.tr("Delete"))
