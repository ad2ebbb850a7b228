"""Starting the application as a user does: ``./scripts/run.sh`` and ``mscreg`` with no display.

``run.sh`` used to run pip on every start (about 5 s a start); without a display Qt printed its own
words and aborted (exit 134).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MSCREG_DB", "MSCREG_LANG", "LC_ALL",
                        "LC_MESSAGES")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", **extra)
    return env


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland systems only")
@pytest.mark.parametrize(("args", "words"), [
    ((), "no display"),
    (("--quit-after-first-paint",), "QT_QPA_PLATFORM=offscreen"),
    (("gui", "--lang", "zh_CN"), "没有可用的显示器"),
])
def test_without_a_display_the_app_says_so_in_its_own_words(tmp_path, args, words):
    proc = subprocess.run([sys.executable, "-m", "mscreg.cli", "--db", str(tmp_path / "x.sqlite"), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=_headless_env())
    assert proc.returncode == 2, (proc.returncode, proc.stderr)  # was 134: Qt's abort
    assert words in proc.stderr and "qt.qpa" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland systems only")
def test_commands_still_work_without_a_display(tmp_path):
    env = _headless_env()
    db = str(tmp_path / "x.sqlite")
    init = subprocess.run([sys.executable, "-m", "mscreg.cli", "--db", db, "init"], capture_output=True,
                          text=True, timeout=120, env=env)
    assert init.returncode == 0, init.stderr
    listed = subprocess.run([sys.executable, "-m", "mscreg.cli", "--db", db, "jurisdictions"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert listed.returncode == 0 and "NZ" in listed.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of run.sh in a checkout whose .venv records each pip run instead of installing."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "run.sh", root / "scripts" / "run.sh")
    (root / "constraints.txt").write_text("pyside6==6.8.0\n")
    (root / "pyproject.toml").write_text("[project]\nname = 'mscreg'\n")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, body in (("python", 'echo "pip $*" >> "$(dirname "$0")/../../calls"\n'),
                       ("mscreg", 'echo "mscreg $*" >> "$(dirname "$0")/../../calls"\n')):
        script = bin_dir / name
        script.write_text("#!/bin/sh\n" + body)
        script.chmod(0o755)
    return root


def _start(root: Path, *args: str) -> list[str]:
    calls = root / "calls"
    calls.unlink(missing_ok=True)
    # started from elsewhere: run.sh finds the checkout from its own path
    proc = subprocess.run(["bash", str(root / "scripts" / "run.sh"), *args], capture_output=True, text=True,
                          timeout=60, cwd=root.parent)
    assert proc.returncode == 0, proc.stderr
    return calls.read_text().splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="run.sh is a bash script")
def test_run_sh_installs_only_when_the_requirements_changed(checkout):
    """Builds no window, whole window or part: pip and mscreg are stand-ins that record their arguments,
    and ``--quit-after-first-paint`` is only checked to be passed through."""
    first = _start(checkout, "--quit-after-first-paint")
    assert first[0].startswith("pip -m pip install") and "-q" not in first[0].split()  # pip's progress shown
    assert first[-1] == "mscreg --quit-after-first-paint"
    assert _start(checkout) == ["mscreg "]  # was: pip on every start
    (checkout / "constraints.txt").write_text("pyside6==6.8.1\n")
    assert _start(checkout)[0].startswith("pip -m pip install")
    assert _start(checkout) == ["mscreg "]
    (checkout / "pyproject.toml").write_text("[project]\nname = 'mscreg'\nversion = '2'\n")
    assert _start(checkout)[0].startswith("pip -m pip install")
    (checkout / ".venv" / "bin" / "mscreg").unlink()  # a broken .venv is installed again
    (checkout / "calls").unlink()
    proc = subprocess.run(["bash", str(checkout / "scripts" / "run.sh")], capture_output=True, text=True,
                          timeout=60)
    assert "pip -m pip install" in (checkout / "calls").read_text()
    assert proc.returncode != 0  # the fake pip installed nothing; a real one would have
