"""A bug in a command never shows the user a traceback: it is logged, said in a sentence, and exits 1.

Every command's refusals are messages of their own; this is what is left when code fails in a way
nobody foresaw (a missing catalogue entry, a driver's exception nobody wrapped).  The test breaks a
command on purpose and runs the real entry point.
"""

from __future__ import annotations

import importlib

import pytest

cli_main = importlib.import_module("mscreg.cli.main")  # the package names its entry point ``main`` too


def _broken(args, lang):
    raise KeyError("no.such.entry")


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path / "state" / "mscreg" / "log" / "mscreg.log"


@pytest.mark.parametrize(("lang", "words"), [("en", "mscreg stopped on an error it did not expect (KeyError: "),
                                            ("zh_CN", "mscreg 遇到意外错误而停止（KeyError: ")])
def test_an_unexpected_error_is_logged_and_said_in_the_users_language(monkeypatch, capsys, log_home, lang, words):
    monkeypatch.setitem(cli_main._COMMANDS, "clock", _broken)
    status = cli_main.main(["clock", "--lang", lang])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.startswith(words) and str(log_home) in err
    assert "Traceback" not in err
    logged = log_home.read_text(encoding="utf-8")
    assert "Unexpected error in the command line: mscreg clock --lang " + lang in logged
    assert "Traceback (most recent call last)" in logged and "KeyError: 'no.such.entry'" in logged


def test_an_unwritable_log_folder_is_said_instead_of_a_file(monkeypatch, capsys, tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    monkeypatch.setitem(cli_main._COMMANDS, "clock", _broken)
    assert cli_main.main(["clock", "--lang", "en"]) == 1
    assert "(the log folder could not be written)" in capsys.readouterr().err


def test_ctrl_c_ends_quietly_with_the_shells_status(monkeypatch, capsys, log_home):
    def interrupted(args, lang):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli_main._COMMANDS, "clock", interrupted)
    assert cli_main.main(["clock"]) == 130
    assert capsys.readouterr().err == "" and not log_home.exists()
