"""Fixtures for the window's tests: a main window on a copy of the seeded database, with settings
in a temporary INI file and a fake DialogService, and the language and palette put back after."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_and_default_palette(qapp):
    from PySide6.QtGui import QPalette

    from mscreg.ui.language import set_language

    palette = QPalette(qapp.palette())
    set_language("en")
    yield
    set_language("en")
    qapp.setPalette(palette)


@pytest.fixture
def settings(tmp_path):
    from mscreg.ui.preferences import Settings

    return Settings(str(tmp_path / "settings.ini"))


@pytest.fixture
def dialogs():
    from ui.fake_dialogs import FakeDialogService

    return FakeDialogService()


@pytest.fixture
def window(qtbot, seeded_db, settings, dialogs):
    """The main window with the seeded products shown and the pinyin search ready."""
    from mscreg.ui.main_window import MainWindow

    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.search is not None
                  and w.snapshot.search.has_pinyin, timeout=20_000)
    qtbot.waitUntil(lambda: not w.progress.isVisible(), timeout=20_000)
    yield w
    w.close()
