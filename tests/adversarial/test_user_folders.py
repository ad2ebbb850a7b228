"""The user's folders found without platformdirs (on the start-up path) are the folders platformdirs
names, for every shape of the environment the shortcut takes or declines."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from mscreg.services.user_folders import user_folder

KINDS = {"data": platformdirs.user_data_dir, "config": platformdirs.user_config_dir,
         "cache": platformdirs.user_cache_dir, "log": platformdirs.user_log_dir}
VARIABLES = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME", "cache": "XDG_CACHE_HOME", "log": "XDG_STATE_HOME"}


def _outcome(call):
    try:
        return Path(call())
    except Exception as exc:  # the same refusal from both is the same answer
        return type(exc)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is taken on Linux only")
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("variable", [None, "", "/srv/x dg/base", "relative/base", "/trailing/"])
@pytest.mark.parametrize("home", ["/home/ann", "/home/ann/", "/", "", "relative-home", None])
def test_each_folder_is_the_one_platformdirs_names(monkeypatch, kind, variable, home):
    for name in VARIABLES.values():
        monkeypatch.delenv(name, raising=False)
    if variable is not None:
        monkeypatch.setenv(VARIABLES[kind], variable)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    expected = _outcome(lambda: KINDS[kind]("mscreg", appauthor=False))
    assert _outcome(lambda: user_folder(kind)) == expected


def test_the_folders_are_found_without_importing_platformdirs_in_the_ordinary_case(monkeypatch):
    """The point of the shortcut: an absolute home and unset variables need no platformdirs."""
    import subprocess

    env = {"HOME": "/home/ann", "PATH": "/usr/bin:/bin"}
    code = ("import sys; from mscreg.services.user_folders import user_folder; "
            "print([str(user_folder(k)) for k in ('data', 'config', 'cache', 'log')], 'platformdirs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env,
                         cwd=str(Path(__file__).resolve().parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("['/home/ann/.local/share/mscreg', '/home/ann/.config/mscreg', "
                                  "'/home/ann/.cache/mscreg', '/home/ann/.local/state/mscreg/log'] False")
