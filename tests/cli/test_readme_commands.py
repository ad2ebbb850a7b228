"""The README's command table lists every command the parser offers: a command a user cannot find
in the documentation does not exist for them."""

from __future__ import annotations

import re

from support import ROOT

from mscreg.cli.main import build_parser


def test_every_command_has_a_row_in_the_readme():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    rows = set(re.findall(r"^\| `mscreg ([a-z-]+)", (ROOT / "README.md").read_text(encoding="utf-8"), re.M))
    assert sorted(set(sub.choices) - rows) == []
