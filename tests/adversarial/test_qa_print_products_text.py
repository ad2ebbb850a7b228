"""``mscreg --lang zh_CN products`` names each track's pathway in Chinese.

The text listing wrote the pathway's code ("CN marketing  附条件批准 (2025-01-02)") in a Chinese
listing; it now reads "CN 上市       附条件批准（2025-01-02）", the columns still aligned.  The
English listing is unchanged.
"""

from __future__ import annotations

import re
import shutil

import pytest
from support import mscreg


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


def _track_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"^  [A-Z]{2} ", line)]


def test_the_chinese_listing_names_pathways_in_chinese(db):
    proc = mscreg("--db", str(db), "--lang", "zh_CN", "products", "--as-of", "2026-01-01")
    assert proc.returncode == 0, proc.stderr
    lines = _track_lines(proc.stdout)
    assert lines
    assert not [line for line in lines if " marketing " in line or " clinical " in line]
    assert "  CN 上市       附条件批准（2025-01-02） — " in proc.stdout


def test_the_english_listing_is_as_before(db):
    proc = mscreg("--db", str(db), "products", "--as-of", "2026-01-01")
    assert proc.returncode == 0, proc.stderr
    assert "  CN marketing  Conditional approval (2025-01-02) — " in proc.stdout
