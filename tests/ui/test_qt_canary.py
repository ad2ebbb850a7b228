"""Canary for the PySide6 6.12.0 + Python 3.11 bug that drops a reference to None on every
void-returning Qt call until the interpreter aborts (measured on this project's machines).  If this fails, the pin in
pyproject.toml / constraints.txt was lost."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QImage, QPainter


def test_ten_thousand_void_qt_calls_do_not_leak_none_references():
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    brush = QBrush(Qt.GlobalColor.red)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        painter.setBrush(brush)
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 100, f"None lost {before - after} references in 10,000 Qt calls"
