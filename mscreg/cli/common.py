"""Helpers every command module shares: output in text or JSON, opening the workspace, the as-of day.

Kept apart from :mod:`mscreg.cli.main` so command modules can import them without importing the parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def out(args: argparse.Namespace, payload: Any, text: str) -> None:
    """Print ``payload`` as JSON with ``--json``, else ``text`` (a trailing newline added)."""
    if getattr(args, "json", False):
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def workspace(args: argparse.Namespace):
    """Open the workspace named by ``--db`` / ``MSCREG_DB`` / the user data folder (a context manager)."""
    from mscreg.services.workspace import open_workspace

    return open_workspace(getattr(args, "db", None))


def as_of(text: str | None):
    """The ``--as-of`` day (strict ISO YYYY-MM-DD), today when the option is absent; given empty, refused."""
    import datetime as dt

    from mscreg.domain.partial_date import parse_as_of

    return parse_as_of(text, dt.date.today())


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")
