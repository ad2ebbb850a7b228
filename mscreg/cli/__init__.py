"""The ``mscreg`` command.  ``main`` lives in :mod:`mscreg.cli.main`; commands are grouped in modules."""

from mscreg.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
