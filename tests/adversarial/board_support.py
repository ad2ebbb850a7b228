"""The main window as a user first meets it: a fresh profile (no saved layout), a given size, the
seeded products shown and their clocks computed."""

from __future__ import annotations

import pytest


@pytest.fixture
def small_window(qtbot, seeded_db, tmp_path, request):
    """The window at ``request.param`` (width, height), 1024×768 unless parametrised."""
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.language import set_language
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    size = getattr(request, "param", (1024, 768))
    set_language("en")
    w = MainWindow(Settings(str(tmp_path / "fresh.ini")), FakeDialogService())
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.complete and w.snapshot.search is not None
                    and w.snapshot.search.has_pinyin, timeout=20_000)
    qtbot.waitUntil(lambda: not w.progress.isVisible(), timeout=20_000)
    qtbot.wait(50)
    yield w
    w.close()
