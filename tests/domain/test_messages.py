"""Every refusal the program can produce reads correctly in English and in Chinese."""

from __future__ import annotations

import re

import pytest

from mscreg.domain.catalogue import PARTS
from mscreg.domain.errors import Problem
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import MESSAGES, render_problem, user_language
from mscreg.domain.states import State
from mscreg.domain.track import Track

TRACK = Track(1, 1, "Alofisel", "EU", "perianal fistulas", Pathway.MARKETING)
PARAMS = {
    "min": 1900, "max": 2200, "last": 29, "valid": "A, B", "type": "x", "expected": "1..7", "length": 9,
    "limit": 5, "other": "Ryoncil", "product": "Ryoncil", "track": TRACK, "user": "alice",
    "at": "2026-01-01T00:00:00Z", "event": "ma_withdrawn", "date": "2017", "state": State.MA_UNDER_REVIEW,
    "jurisdiction": "EU", "allowed": ["approval_full"], "after_event": "approval_full",
    "after_date": "2018-03-23", "changed": "approval_full", "changed_date": "2018-03-23", "where": "CN",
    "pathway": "clinical", "tracks": "a; b", "detail": "d", "found": "x", "known": "y",
    "reason": "permission denied", "lanes": 200, "page": "A4",
    "backup": "/b/mscreg-20260101T000000000000Z-daily.sqlite", "taken": "2026-01-01 00:00", "fs": "cifs",
    "host": "db.example", "port": 5432, "name": "mscreg", "closest": "a",
    "row": 12, "made": "2026-01-01T00:00:00Z", "tail": 11, "missing": 1, "extra": 1, "key_id": "0123456789abcdef",
    "key": "/k/anchor-signing.key", "digits": 64, "db": "/d/mscreg.sqlite", "seconds": 30, "scheme": "mysql",
    "attempts": 5,
}
# opening, identity and checks
PARAMS.update({"table": "product_aliases", "record": 7, "rule": "us-ind-effective"})
# regulatory model: planned dates, renewals, obligations, holders
PARAMS.update({"today": "2026-12-05", "previous": "ma_resubmitted", "previous_date": "2024-07", "year": 2027,
               "due": "2016-06-14", "basis": "Medicines Act 1981 (NZ) s.23(4A)", "unit": "years",
               "closed": "fulfilled", "closed_date": "2025-01", "party": "Osiris", "to": "Mesoblast",
               "other_date": "2013", "holder": "Osiris", "designation": "orphan"})
# what changed between two days
PARAMS.update({"since": "2024-06-30", "until": "2025-06-30", "new": "Approved", "old": "Under review",
               "status": "met", "count": 3, "source": "EMA", "kind": "Approval", "indication": "aGVHD",
               "what": "Approval", "subject": "Ryoncil", "actor": "alice", "file": "/r/c.pdf",
               "database": "team.sqlite", "day": "2026-12-05", "action": "added"})
# command line: finding things
PARAMS.update({"command": "mscreg init", "count": 3, "candidates": "Ryoncil; Prochymal", "close": "Ryoncil",
               "filters": "--product Ryoncil", "day": "2026-06-30", "id": 7, "char": "U+0085", "codes": "US"})
# obligations
PARAMS.update({"obligations": "#3 pmr: registry", "events": "#12 2018-12-28; #40 2024-07", "id": 3,
               "text": "Registry of all patients", "owner": "RA Japan", "as_of": "2026-12-05",
               "choices": "clinical, marketing"})
# choosing a track by number
PARAMS.update({"option": "--indication"})
# why a file is not an anchor
PARAMS.update({"line": 3, "column": 7, "keys": "hash, row"})
# a trial application in effect by law but not recorded
PARAMS.update({"deemed": "ind_effective"})


# The refusals; the catalogue's other parts (labels, report lines) are rendered by the catalogue test.
REFUSALS = sorted(set(MESSAGES) - {code for part in PARTS for code in part})


@pytest.mark.parametrize("code", REFUSALS)
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_message_renders_its_parameters(code, lang):
    text = render_problem(Problem("date", "2024-02-30", code, PARAMS), lang)
    assert "{" not in text and "}" not in text, text
    if lang == "zh_CN":
        # Chinese characters, or (for a line that only joins parameters) Chinese punctuation
        assert re.search(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef—]", text), text


def test_states_and_event_types_are_named_in_the_users_language():
    problem = Problem("type", "ma_withdrawn", "transition.never_authorised", PARAMS)
    assert "Under review" in render_problem(problem, "en")
    zh = render_problem(problem, "zh_CN")
    assert "审评中" in zh and "应持有人要求撤销上市许可" in zh


def test_language_from_environment(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert user_language() == "zh_CN"
    assert user_language("en") == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert user_language() == "en"
