"""Modules imported after PySide6 are not read back as source text.

PySide's optional features (``from __feature__ import snake_case``) are chosen per module.  So once
PySide6 is imported, it reads the whole source of every module imported after it
(``inspect.getsource``) to see whether that module names PySide6, and keeps the answer.  The window
imports about 150 modules after PySide6 before its first paint, and reading them cost 20-30 ms of a
start of about 300 ms on the reference machine.

mscreg selects no feature anywhere, so it gives every module the value PySide gives one that uses it
without a feature (0, "no feature") without reading its source.  Behaviour is otherwise unchanged:
a module that did select a feature would still get it, because that path does not go through the scan.
"""

from __future__ import annotations

import sys
from types import ModuleType

NO_FEATURE = 0  # PySide's value for a module that uses it and selects no feature


def skip_source_scan() -> bool:
    """Replace PySide's per-import source scan by a lookup; True if PySide's hook was found and replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not isinstance(known, dict) or not callable(getattr(feature, "feature_imported", None)):
        return False

    def feature_imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name not in known:
            known[name] = NO_FEATURE

    feature.feature_imported = feature_imported  # type: ignore[attr-defined]  # PySide's own hook, looked up per import
    return True
