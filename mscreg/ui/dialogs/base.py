"""What every edit dialog shares: the problem line, OK/Cancel, the saver hook and re-translation.

The problem line explains, before saving, why OK is disabled: a refused transition, an invalid
field, or a required field still empty.  Refusals are drawn in a red chosen against the palette's
window colour, so the text stays readable in dark mode; hints (an empty required field) use the
ordinary text colour, so a freshly opened dialog is not already shouting at the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from mscreg.domain.errors import MscregError


def ui_language(explicit: str | None = None) -> str:
    """The language to show domain names in: the caller's choice, else the window's current one."""
    if explicit:
        return explicit
    try:
        from mscreg.ui.language import current_language
    except ImportError:  # the language module is optional for the dialogs
        return "en"
    return current_language()


def error_colour(palette: QPalette) -> QColor:
    """A red that contrasts with the window background: dark red on light themes, light red on dark."""
    background = palette.color(QPalette.ColorRole.Window)
    return QColor("#ff8a80") if background.lightnessF() < 0.5 else QColor("#b3261e")


@dataclass(frozen=True)
class Problem:
    """Why the dialog cannot be saved yet; ``hint`` marks a required field that is merely empty."""

    text: str
    hint: bool = False


def problem_from(exc: MscregError, lang: str) -> Problem:
    """A domain refusal as a dialog problem; "must not be empty" refusals are only hints."""
    hint = all(p.code in ("text.empty", "reason.empty") for p in exc.problems)
    return Problem(exc.message(lang), hint)


class ProblemLabel(QLabel):
    """The line under the form that says what is wrong, in the current language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("problem")
        self._problem: Problem | None = None

    def show_problem(self, problem: Problem | None) -> None:
        self._problem = problem
        self.setText(problem.text if problem else "")
        self.setVisible(problem is not None)
        self._recolour()

    def is_error(self) -> bool:
        return self._problem is not None and not self._problem.hint

    def _recolour(self) -> None:
        palette = self.palette()
        parent = self.parentWidget()
        base = parent.palette() if parent else palette
        colour = error_colour(base) if self.is_error() else base.color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        font = self.font()
        font.setBold(self.is_error())
        self.setFont(font)


Saver = Callable[[], str | None]


class EditDialog(QDialog):
    """Base of the edit dialogs: subclasses build the form, ``current_problem`` and ``retranslate_ui``."""

    def __init__(self, parent: QWidget | None, lang: str | None) -> None:
        super().__init__(parent)
        self._explicit_lang = lang
        self._lang = ui_language(lang)
        # Held in a list, not as a bare attribute: with PySide6 6.11 a callable stored directly on
        # the event dialog made a later mouse press crash inside shiboken (seen in the tests).
        self._saver: list[Saver] = []
        self._save_error: str | None = None
        self.problem_label = ProblemLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    # ----- for subclasses -----------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self._lang

    def current_problem(self) -> Problem | None:  # pragma: no cover - overridden
        return None

    def retranslate_ui(self) -> None:  # pragma: no cover - overridden
        pass

    # ----- for callers --------------------------------------------------------------------------
    def set_saver(self, saver: Saver | None) -> None:
        """``saver()`` persists ``value()``; it returns None on success or the refusal to show."""
        self._saver[:] = [saver] if saver is not None else []

    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def place_refusal(self, exc: MscregError) -> str:
        """What the problem line says about a refusal from saving; a dialog with a message beside each
        field puts each problem there instead and returns what is left to say."""
        return exc.message(self.lang)

    def problem_text(self) -> str:
        """What the problem line says now ("" when the dialog can be saved)."""
        return self.problem_label.text()

    def revalidate(self) -> None:
        """Re-check the form after any change; a refusal from the last save attempt is cleared."""
        self._save_error = None
        self._show(self.current_problem())

    def _show(self, problem: Problem | None) -> None:
        self.problem_label.show_problem(problem)
        self.ok_button().setEnabled(problem is None)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a long message in full: wrapped labels do not raise a window's minimum size."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _on_ok(self) -> None:
        problem = self.current_problem()
        if problem is not None:
            self._show(problem)
            return
        if self._saver:
            refusal = self._saver[0]()
            if refusal:
                self._save_error = refusal
                self._show(Problem(refusal))
                self.ok_button().setEnabled(True)  # the user may fix the cause elsewhere and retry
                return  # stay open: nothing the user typed is lost
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self._explicit_lang is None:  # follow the window; an explicit language stays
                self._lang = ui_language(None)
            self.retranslate_ui()
            if self._save_error is None:
                self._show(self.current_problem())
        super().changeEvent(event)
