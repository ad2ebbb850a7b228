"""The line that confirms a recorded event says, in Chinese as in English, which track now holds which state."""

from __future__ import annotations

import re

import pytest
from cli.test_cli import run


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Recorded event #{n} on Amimestrocel Injection / US / knee osteoarthritis / clinical; the track is now "
           "“IND submitted”."),
    ("zh_CN", "已在 Amimestrocel Injection / US / knee osteoarthritis / 临床 记录事件 #{n}；"
              "该申报路径现为“IND 已提交”。"),
])
def test_a_recorded_event_names_its_track_and_the_state_it_is_now_in(seeded_db, lang, line) -> None:
    proc = run("add-event", "--db", str(seeded_db), "--product", "Amimestrocel", "--jurisdiction", "US",
               "--pathway", "clinical", "--new-track", "--indication", "knee osteoarthritis", "--type", "ind_submitted",
               "--date", "2026-01-05", "--reason", "filed", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    number = re.search(r"#(\d+)", last).group(1)
    assert last == line.format(n=number)
