"""A stand-in for :class:`mscreg.ui.dialog_service.DialogService` that records and answers from a script."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FakeDialogService:
    """``shown`` lists (kind, title, text); ``answers`` are popped for confirm/open_file/save_file."""

    answers: list[Any] = field(default_factory=list)
    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def _answer(self, default: Any) -> Any:
        return self.answers.pop(0) if self.answers else default

    def error(self, parent, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def information(self, parent, title: str, text: str) -> None:
        self.shown.append(("information", title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return bool(self._answer(True))

    def open_file(self, parent, title: str, name_filter: str, directory: str = "") -> str | None:
        self.shown.append(("open_file", title, name_filter))
        return self._answer(None)

    def save_file(self, parent, title: str, name_filter: str, directory: str = "") -> str | None:
        self.shown.append(("save_file", title, name_filter))
        return self._answer(None)
