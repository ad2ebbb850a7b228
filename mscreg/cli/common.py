"""Helpers every command module shares: output in text or JSON, opening the workspace, the as-of day.

Kept apart from :mod:`mscreg.cli.main` so command modules can import them without importing the parser.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def out(args: argparse.Namespace, payload: Any, text: str) -> None:
    """Print ``payload`` as JSON with ``--json``, else ``text`` (a trailing newline added)."""
    if getattr(args, "json", False):
        import json  # here, not above: the window's start imports this module and never prints JSON

        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def workspace(args: argparse.Namespace):
    """Open the workspace named by ``--db`` / ``MSCREG_DB`` / the user data folder (a context manager)."""
    from mscreg.services.workspace import open_workspace

    return open_workspace(getattr(args, "db", None))


def as_of(text: str | None):
    """The ``--as-of`` day, today when the option is absent (see :func:`~mscreg.domain.partial_date.parse_as_of`:
    a month or a year stands for its last day; empty, approximate or a quarter is refused)."""
    import datetime as dt

    from mscreg.domain.partial_date import parse_as_of

    return parse_as_of(text, dt.date.today(), field=AS_OF)


AS_OF = "--as-of"


def refusal_json(problems, lang: str) -> dict[str, Any]:
    """A refusal as ``--json`` prints it on stdout: the first problem's code, field and value, the whole
    message, and every problem when there are several."""
    first = problems[0]
    error: dict[str, Any] = {"code": first.code, "field": first.field, "value": first.value,
                             "message": "\n".join(p.message(lang) for p in problems)}
    if len(problems) > 1:
        error["problems"] = [{"code": p.code, "field": p.field, "value": p.value, "message": p.message(lang)}
                             for p in problems]
    return {"error": error}


def print_refusal(problems, lang: str, as_json: bool) -> None:
    """A refusal on stderr in words, or on stdout as JSON with ``--json`` (the exit code is the caller's)."""
    if as_json:
        import json

        json.dump(refusal_json(problems, lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(p.message(lang) for p in problems), file=sys.stderr)


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns: a Chinese character takes two."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")
