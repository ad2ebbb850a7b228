"""The audit trail page names every kind of record and every field the database audits, in both languages.

Obligations, their progress and trial registrations were audited but the page showed their stored
codes: "trial 新建", "obligation_event 新建" in the Chinese window, "text_en：…", "from_party：…",
"kind：confirmatory_trial", and the filter offered no way to show only them.
"""

from __future__ import annotations

import re

import pytest

from mscreg.services.audit_trail import list_audit
from mscreg.services.workspace import open_workspace
from mscreg.ui import audit_view
from mscreg.ui.language import set_language

# a stored code: lower-case words joined by underscores (what the user must never read as a label)
CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def entries(qapp, seeded_db):
    ws = open_workspace(str(seeded_db))
    try:
        yield list_audit(ws)
    finally:
        ws.close()
        set_language("en")


def _fields(entries) -> set[str]:
    return {ch.field for e in entries for ch in e.changes}


def test_every_audited_record_kind_has_a_name(entries):
    kinds = {e.entity for e in entries}
    assert {"obligation", "obligation_event", "trial"} <= kinds  # the seeded data audits them all
    set_language("en")
    english = {k: audit_view.entity_name(k) for k in kinds}
    assert all(not CODE.match(name) for name in english.values()), english
    set_language("zh_CN")
    chinese = {k: audit_view.entity_name(k) for k in kinds}
    assert all(not LATIN.search(name) for name in chinese.values()), chinese


def test_every_audited_field_has_a_label_in_both_languages(entries):
    fields = _fields(entries)
    set_language("en")
    unlabelled = sorted(f for f in fields if audit_view.field_label(f) == f and "_" in f)
    assert not unlabelled
    set_language("zh_CN")
    # INN is an abbreviation the Chinese label keeps in brackets; every other label is Chinese words
    english_left = sorted(f for f in fields if LATIN.search(audit_view.field_label(f).replace("INN", "")))
    assert not english_left


def test_codes_of_obligations_holders_and_trials_are_shown_by_their_names(entries):
    set_language("zh_CN")
    assert audit_view.field_value("kind", "confirmatory_trial") == "确证性临床试验"
    assert audit_view.field_value("role", "holder") == "上市许可持有人"
    assert audit_view.field_value("type", "submitted") == "持有人已提交"
    assert audit_view.field_value("status", "COMPLETED") == "已完成"
    assert audit_view.field_value("phases", ["PHASE1", "PHASE2"]) == "I 期/II 期"
    assert audit_view.field_value("start_date_kind", "estimated") == "预计"
    assert not LATIN.search(audit_view.field_value("registry", "other"))
    set_language("en")
    assert audit_view.field_value("kind", "confirmatory_trial") == "Confirmatory trial"


def test_the_filter_offers_obligations_and_trials(qapp):
    set_language("zh_CN")
    view = audit_view.AuditView()
    codes = {view.entity.itemData(i) for i in range(view.entity.count())}
    assert {"obligation", "obligation_event", "trial"} <= codes
    names = [view.entity.itemText(i) for i in range(view.entity.count())]
    assert all(not LATIN.search(n) for n in names), names
    set_language("en")
