"""Refusals that reach the user.

Every refused input must say which field, which value and why, in the user's language, without the
domain layer knowing about Qt.  So an error carries a message *code* and its parameters, and the text
is rendered late by :func:`mscreg.domain.messages.render` in English or Simplified Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field: the unit that validation reports collect."""

    field: str
    value: str
    code: str
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from mscreg.domain.messages import render_problem

        return render_problem(self, lang)


class MscregError(Exception):
    """Base of every error the user is meant to read (as opposed to a bug)."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem):
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


class InvalidInput(MscregError):
    """A field value that can never be valid (bad date, unknown code, empty name)."""


class TransitionRefused(MscregError):
    """An event the track's state machine does not allow where it would fall in the log."""

    exit_code = 3


class NotFound(MscregError):
    """A product, track or event the user named does not exist."""

    exit_code = 4


class Conflict(MscregError):
    """The record changed or already exists (duplicate, stale version)."""

    exit_code = 5


class DatabaseProblem(MscregError):
    """The database file cannot be used as asked (missing, exists already, damaged, tampered)."""

    exit_code = 6


def invalid(field: str, value: object, code: str, **params: Any) -> InvalidInput:
    """Shorthand used by validators: ``raise invalid("date", text, "date.format")``."""
    return InvalidInput(Problem(field, "" if value is None else str(value), code, params))


class CheckFailed(MscregError):
    """A check found the data not as it should be: a trail that does not extend an anchor, an anchor
    whose signature does not match, a copy that contradicts what was anchored."""

    exit_code = 7
