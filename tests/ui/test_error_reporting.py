"""Nothing the user does crashes the app: refusals are explained, bugs are logged and shown with the log path."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from mscreg.domain.errors import invalid
from mscreg.ui.error_reporting import ErrorReporter, install_excepthook, setup_logging


def test_unexpected_exception_in_a_slot_is_logged_and_shown_with_the_log_path(qtbot, tmp_path, dialogs,
                                                                               monkeypatch):
    log_file = setup_logging(tmp_path / "logs")
    reporter = ErrorReporter(dialogs)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(reporter)

    def broken_slot() -> None:
        raise ZeroDivisionError("boom in a slot")

    with qtbot.capture_exceptions() as caught:
        QTimer.singleShot(0, broken_slot)
        qtbot.wait(50)
    # pytest-qt captures slot exceptions itself; hand them to the hook as Qt would without pytest-qt.
    for exc_type, exc, tb in caught:
        sys.excepthook(exc_type, exc, tb)
    assert caught
    kind, title, text = dialogs.shown[-1]
    assert kind == "error" and title == "Unexpected error"
    assert str(log_file) in text and "has not been changed" in text
    logged = log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom in a slot" in logged and "Traceback" in logged


def test_a_refusal_is_shown_in_the_current_language_without_a_traceback(tmp_path, dialogs):
    from mscreg.ui.language import set_language

    setup_logging(tmp_path / "logs")
    reporter = ErrorReporter(dialogs)
    error = invalid("date", "2024-13", "date.month_range")
    reporter.report(error)
    assert dialogs.shown[-1][0] == "error" and "2024-13" in dialogs.shown[-1][2]
    assert "Traceback" not in dialogs.shown[-1][2]
    set_language("zh_CN")
    reporter.report(error)
    assert "月份不存在" in dialogs.shown[-1][2]
    assert not (tmp_path / "logs" / "mscreg.log").read_text(encoding="utf-8").strip()  # not a bug: not logged


def test_the_log_rotates_instead_of_growing_without_end(tmp_path):
    import logging

    log_file = setup_logging(tmp_path / "rot")
    logger = logging.getLogger("mscreg")
    for _ in range(3000):
        logger.error("x" * 1000)
    files = sorted(p.name for p in (tmp_path / "rot").iterdir())
    assert "mscreg.log.1" in files and log_file.stat().st_size <= 1_100_000
    assert len(files) <= 4
