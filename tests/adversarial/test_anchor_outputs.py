"""Outputs never go where the proof of the trail is kept: a backup's own anchor file, the anchor history,
the signing key, or a link to nothing (found by an attack on the merged anchors and outputs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MSCREG_", "XDG_"))}
    env.update(HOME=str(home), LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def db(tmp_path: Path, home: Path) -> Path:
    path = tmp_path / "g.sqlite"
    made = _run("--db", str(path), "init", home=home)
    assert made.returncode == 0, made.stderr
    return path


def test_anchor_out_never_overwrites_a_backups_own_anchor(db: Path, home: Path) -> None:
    made = _run("--db", str(db), "backup", "--json", home=home)
    assert made.returncode == 0, made.stderr
    backups = sorted(db.parent.glob("g-backups/*.sqlite"))
    assert backups, list(db.parent.iterdir())
    sidecar = Path(f"{backups[-1]}.anchor.json")
    assert sidecar.is_file(), "the backup records its anchor beside it"
    before = sidecar.read_bytes()
    assert _run("--db", str(db), "add-event", "--product", "Akuugo", "--jurisdiction", "JP", "--type",
                "partial_change_approved", "--date", "2025-11", "--reason", "t", home=home).returncode == 0
    refused = _run("--db", str(db), "anchor", "--out", str(sidecar), home=home)
    assert refused.returncode == 2, refused.stderr
    assert sidecar.read_bytes() == before
    new_in_folder = _run("--db", str(db), "anchor", "--out", str(sidecar.parent / "mine.anchor.json"), home=home)
    assert new_in_folder.returncode == 2 and not (sidecar.parent / "mine.anchor.json").exists()
    restored = _run("--db", str(db), "restore", str(backups[-1]), home=home)
    assert restored.returncode == 0, restored.stderr


def test_anchor_out_does_not_replace_a_link_to_nothing(db: Path, home: Path, tmp_path: Path) -> None:
    dangling = tmp_path / "dang"
    dangling.symlink_to(tmp_path / "nowhere")
    refused = _run("--db", str(db), "anchor", "--out", str(dangling), home=home)
    assert refused.returncode == 2, refused.stderr
    assert dangling.is_symlink() and not dangling.exists()


def test_no_export_overwrites_the_signing_key_or_the_anchor_history(db: Path, home: Path) -> None:
    shown = _run("--db", str(db), "anchor", "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    key = home / ".config" / "mscreg" / "anchor-signing.key"
    history = sorted((home / ".local" / "state" / "mscreg" / "anchors").glob("*"))
    assert key.is_file() and history, (key, history)
    saved = {p: p.read_bytes() for p in (key, *history)}
    for target in (key, history[0]):
        for fmt in ("csv", "json"):
            out = _run("--db", str(db), "export", "--format", fmt, "--out", str(target), home=home)
            assert out.returncode == 2, (target, out.stderr)
            assert "audit trail" in out.stderr
        assert _run("--db", str(db), "audit", "--out", str(target), home=home).returncode == 2
    assert {p: p.read_bytes() for p in saved} == saved
    again = _run("--db", str(db), "check", "--json", home=home)
    assert again.returncode == 0 and json.loads(again.stdout)["ok"], again.stdout


@pytest.mark.parametrize("name", ["unicode_escape", "raw_unicode_escape", "idna", "punycode"])
def test_an_encoding_that_rewrites_the_text_is_refused(db: Path, home: Path, tmp_path: Path, name: str) -> None:
    """``--encoding unicode_escape`` turned a note ``C:\\\\data\\\\table`` into ``C:\\data\\table``."""
    out = tmp_path / "e.csv"
    assert _run("--db", str(db), "export", "--format", "csv", "--out", str(out), home=home).returncode == 0
    refused = _run("--db", str(db), "import", str(out), "--dry-run", "--encoding", name, home=home)
    assert refused.returncode == 2, refused.stderr
    assert name in refused.stderr
