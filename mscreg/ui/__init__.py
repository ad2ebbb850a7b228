"""The Qt desktop application.

PySide6 is imported here, before any of the window's modules, so that its per-import source scan is
replaced before they are imported (see :mod:`mscreg.ui.pyside_import_scan`).
"""

import PySide6.QtCore  # noqa: F401  (installs PySide's import hook, replaced at once below)

from mscreg.ui.pyside_import_scan import skip_source_scan

skip_source_scan()
