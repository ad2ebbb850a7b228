"""Where the files under ``resources/`` (fonts, icons, translations) are, whichever way mscreg runs.

From a source checkout or an editable install they sit beside the package; in a PyInstaller bundle
(issue 9) they are unpacked under ``sys._MEIPASS``.  One function so no module guesses on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
