"""The shipped data set's trial registrations: loaded with the products, audited, linked only to a product
the data set holds, and a bad one refuses the whole data set before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_sql
from support import ROOT, run

from mscreg.domain.messages import MESSAGES

SEED = ROOT / "mscreg" / "data" / "seed.json"


def _seed_with(tmp_path: Path, change) -> Path:
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "data-set.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _trial(doc: dict, **fields) -> dict:
    return {**doc["trials"][0], **fields}


def _twice(doc: dict) -> None:
    doc["trials"].append(dict(doc["trials"][0]))


def _twice_other_spelling(doc: dict) -> None:
    doc["trials"].append(_trial(doc, registry_id=doc["trials"][0]["registry_id"].lower()))


def _bad_id(doc: dict) -> None:
    doc["trials"].append(_trial(doc, registry_id="NCT0506010"))


def _unknown_product(doc: dict) -> None:
    doc["trials"][-1]["product"] = "CelliStem OA-sEV"  # the product entry this trial replaced


def _not_a_list(doc: dict) -> None:
    doc["trials"] = {"NCT05060107": doc["trials"][0]}


def _bad_phase(doc: dict) -> None:
    doc["trials"][1]["phases"] = ["PHASE 1"]


@pytest.mark.parametrize(("change", "code", "value"), [
    (_twice, "seed.trial_twice", "NCT05060107"),
    (_twice_other_spelling, "seed.trial_twice", "NCT05060107"),
    (_bad_id, "trial.id_format", "NCT0506010"),
    (_unknown_product, "seed.trial_product", "CelliStem OA-sEV"),
    (_not_a_list, "seed.trials_not_list", "dict"),
    (_bad_phase, "choice.unknown", "PHASE 1"),
], ids=["twice", "twice-other-case", "bad-id", "unknown-product", "not-a-list", "bad-phase"])
def test_a_bad_trial_refuses_the_data_set_and_no_database_is_left(tmp_path, change, code, value):
    seed = _seed_with(tmp_path, change)
    db = tmp_path / "new.sqlite"
    for lang in ("en", "zh_CN"):
        proc = run("--db", str(db), "init", "--lang", lang, env={"MSCREG_SEED": str(seed)}, timeout=180)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        assert value in proc.stderr, proc.stderr
        template = MESSAGES[code][1 if lang == "zh_CN" else 0]
        words = max(template.replace("{", "}").split("}")[::2], key=len)  # the longest fixed part
        assert words.strip() in proc.stderr, proc.stderr
        assert not list(tmp_path.glob("new.sqlite*")), "a database was left behind"


def test_a_trial_linked_by_name_is_loaded_linked_and_every_trial_is_audited(tmp_path):
    from mscreg.services.trial_records import list_trials, product_names
    from mscreg.services.workspace import init_database

    def link(doc: dict) -> None:
        doc["trials"][0]["product"] = "Ryoncil"

    db = tmp_path / "linked.sqlite"
    ws = init_database(str(db), seed_path=_seed_with(tmp_path, link))
    try:
        trials = list_trials(ws)
        names = product_names(ws)
    finally:
        ws.close()
    assert ws.seed_report.trials == len(trials) == 5
    linked = {t.registry_id: names.get(t.product_id or 0) for t in trials}
    assert linked == {"NCT05060107": "Ryoncil", "NCT06431152": None, "NCT06466850": None, "NCT06812637": None,
                      "MR-13-24-017929": None}
    rows = run_sql(db, "SELECT entity_id, action, reason FROM audit_log WHERE entity = 'trial' ORDER BY id")[0]
    version = json.loads(SEED.read_text(encoding="utf-8"))["dataset_version"]
    assert sorted(r[0] for r in rows) == sorted(t.id for t in trials)
    assert {(r[1], r[2]) for r in rows} == {("create", f"seed data set {version}")}


def test_init_reports_the_trials_and_check_passes(tmp_path):
    db = tmp_path / "fresh.sqlite"
    proc = run("--db", str(db), "init", "--json", timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["trials"] == 5
    assert run("--db", str(db), "check", timeout=180).returncode == 0
    listed = json.loads(run("--db", str(db), "trials", "--json", timeout=180).stdout)
    assert {(t["registry"], t["registry_id"]) for t in listed} == {
        ("ctgov", "NCT05060107"), ("ctgov", "NCT06431152"), ("ctgov", "NCT06466850"), ("ctgov", "NCT06812637"),
        ("other", "MR-13-24-017929")}


def test_the_audit_trail_names_each_trial_in_the_reader_s_language(workspace):
    """A trial's audit row is about that registration, named by its registry, identifier and title; before,
    it read "trial #1" in both languages, in the audit view and on the changes page."""
    from mscreg.services.audit_trail import list_audit

    trials = [e for e in list_audit(workspace) if e.entity == "trial"]
    assert len(trials) == 5
    first = next(e for e in trials if "NCT05060107" in e.subject("en"))
    assert first.subject("en") == ("ClinicalTrials.gov NCT05060107: Intra-articular Injection of MSC-derived "
                                   "Exosomes in Knee Osteoarthritis (ExoOA-1)")
    assert first.subject("zh_CN").endswith("NCT05060107：关节腔注射间充质干细胞来源外泌体治疗膝骨关节炎（ExoOA-1）")
    assert all("#" not in e.subject(lang) for e in trials for lang in ("en", "zh_CN"))
