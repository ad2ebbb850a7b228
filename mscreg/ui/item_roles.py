"""The item data roles every table and tree model of the interface answers beyond Qt's own.

``OBJECT_ROLE`` gives the record a row shows (a product overview, an event, a clock, an audit entry,
an import issue), so views, tests and printing never parse display text back.  ``SORT_ROLE`` gives
the key a sortable model orders a column by; a model's ``sort`` uses the same key, so what the role
says is what the view does.  Models of views that do not sort (a track's events in replay order,
the audit trail newest first, clocks soonest first) keep their order and answer no sort key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
# A product list's country cell as its chip: (short state name, "since" date text, state colour).
CHIP_ROLE = Qt.ItemDataRole.UserRole + 3
