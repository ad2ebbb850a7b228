"""Refusals of the printed outputs' page options name the option in the reader's language.

``--page B5`` was refused in Chinese as "page“B5”：未知的纸张尺寸…": the field kept its English key.
"""

from __future__ import annotations

import shutil

import pytest
from support import mscreg


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


@pytest.mark.parametrize("command", [["timeline", "--approvals"], ["landscape"]])
def test_an_unknown_page_size_is_refused_naming_the_option_in_chinese(db, tmp_path, command):
    out = tmp_path / "out.pdf"
    proc = mscreg("--db", str(db), "--lang", "zh_CN", *command, "--page", "B5", "--out", str(out))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("纸张尺寸(--page)“B5”："), proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_an_unknown_page_size_is_refused_naming_the_option_in_english(db, tmp_path):
    proc = mscreg("--db", str(db), "timeline", "--approvals", "--page", "B5", "--out", str(tmp_path / "o.pdf"))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("page “B5”: unknown page size"), proc.stderr
