"""A message under each field of a form, for the refusals that name that field.

The problem line at the foot of a long form is easy to miss, and a refusal such as "the step's date is
after today" means most beside the date it is about.  Each field gets a small label below it, filled
with the service's own message (in the interface language) for the problems that name the field;
problems naming no field of the form stay on the dialog's problem line.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from mscreg.domain.errors import Problem as DomainProblem
from mscreg.domain.messages import render_problem
from mscreg.ui.dialogs.base import error_colour


class FieldProblems:
    """The labels of one form, by field name (several names may share one label)."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add(self, parent: QWidget, *fields: str) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setObjectName("fieldProblem")
        palette = label.palette()
        palette.setColor(palette.ColorRole.WindowText, error_colour(parent.palette()))
        label.setPalette(palette)
        label.hide()
        for f in fields:
            self.labels[f] = label
        return label

    def clear(self) -> None:
        for label in set(self.labels.values()):
            label.clear()
            label.hide()

    def place(self, problems: Iterable[DomainProblem], lang: str) -> list[DomainProblem]:
        """Show each problem under its field; returns those naming no field of the form."""
        self.clear()
        left = []
        for p in problems:
            label = self.labels.get(p.field.lstrip("-").replace("-", "_"))
            if label is None:
                left.append(p)
                continue
            message = render_problem(p, lang)
            label.setText(f"{label.text()}\n{message}" if label.text() else message)
            label.show()
        return left

    def text_of(self, field: str) -> str:
        """What is shown under ``field`` ("" when nothing)."""
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
