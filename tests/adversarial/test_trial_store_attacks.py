"""Trial registrations as stored records: a registry's download imported all or nothing through
``mscreg import``, re-import changing nothing, changes shown by ``--dry-run`` and applied audited, the
records verified by ``mscreg check``, listed by ``mscreg trials --json``, linked only by hand, and never
lost by deleting what they are linked to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import alembic.config  # noqa: F401  (imported here, not first under capsys: its Config binds sys.stdout at import)
import pytest
from conftest import run_sql

from mscreg.cli.main import main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ctgov"
pytestmark = pytest.mark.both_backends


def cli(capsys, db, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def trials_json(capsys, db, *args: str) -> list[dict]:
    code, out, _ = cli(capsys, db, "trials", "--json", *args)
    assert code == 0
    return json.loads(out)


def audit_count(db) -> int:
    return run_sql(db, "SELECT count(*) FROM audit_log")[0][0][0]


def trial_rows(db) -> int:
    return run_sql(db, "SELECT count(*) FROM trials")[0][0][0]


def test_a_v2_file_of_several_studies_is_created_with_dates_at_their_precision(capsys, seeded_db):
    code, _, err = cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))
    assert code == 0, err
    listed = {t["registry_id"]: t for t in trials_json(capsys, seeded_db)}
    assert set(listed) == {"NCT06431152", "NCT05060107", "NCT06466850", "NCT06812637", "NCT01547091"}
    first = listed["NCT06431152"]
    assert first["start_date"] == {"date": "2024-06", "precision": "month", "kind": "actual"}
    assert first["primary_completion"] == {"date": "2025-12", "precision": "month", "kind": "estimated"}
    assert first["completion"] == {"date": "2026-06-30", "precision": "day", "kind": "estimated"}
    assert first["enrolment"] == {"count": 12, "kind": "anticipated"}
    assert first["phases"] == ["EARLY_PHASE1", "PHASE1"] and first["status"] == "RECRUITING"
    assert first["product"] is None  # never linked by the import


def test_importing_the_same_file_again_changes_nothing(capsys, seeded_db):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    before = audit_count(seeded_db), trial_rows(seeded_db)
    code, out, _ = cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"), "--json")
    assert code == 0 and json.loads(out)["trials"] == {"created": 0, "changed": 0, "unchanged": 5}
    assert (audit_count(seeded_db), trial_rows(seeded_db)) == before


def test_a_changed_status_is_shown_by_dry_run_then_applied_audited(capsys, seeded_db):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    before = audit_count(seeded_db)
    code, out, _ = cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2_changed.json"), "--dry-run")
    assert code == 0
    assert "NCT05060107" in out and "status: “UNKNOWN” → “COMPLETED”" in out
    assert audit_count(seeded_db) == before  # a dry run writes nothing
    assert {t["registry_id"]: t["status"] for t in trials_json(capsys, seeded_db)}["NCT05060107"] == "UNKNOWN"
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2_changed.json"))[0] == 0
    assert {t["registry_id"]: t["status"] for t in trials_json(capsys, seeded_db)}["NCT05060107"] == "COMPLETED"
    rows = run_sql(seeded_db, f"SELECT action, entity, changes, reason FROM audit_log WHERE id > {before}")[0]
    assert len(rows) == 1
    action, entity, changes, reason = rows[0]
    assert (action, entity) == ("update", "trial") and "studies_v2_changed.json" in reason
    assert json.loads(changes)["status"] == ["UNKNOWN", "COMPLETED"]
    assert json.loads(changes)["completion_kind"] == ["estimated", "actual"]
    assert cli(capsys, seeded_db, "check")[0] == 0


@pytest.mark.parametrize("name", ["malformed_date_v2.json", "malformed_phase_and_id_v2.json"])
def test_a_malformed_file_changes_nothing_and_names_the_study_and_field(capsys, seeded_db, name):
    before = audit_count(seeded_db)
    code, _, err = cli(capsys, seeded_db, "import", str(FIXTURES / name))
    assert code == 2
    assert "NCT" in err and "protocolSection" in err and "Traceback" not in err
    assert audit_count(seeded_db) == before and trial_rows(seeded_db) == 0


def test_trials_json_lists_registry_id_phase_status_dates_and_the_linked_product(capsys, seeded_db):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    code, _, err = cli(capsys, seeded_db, "link-trial", "--trial", "ctgov:NCT06431152", "--product", "Ryoncil",
                       "--reason", "same product, per the sponsor's release")
    assert code == 0, err
    listed = trials_json(capsys, seeded_db, "--product", "Ryoncil")
    assert [t["registry_id"] for t in listed] == ["NCT06431152"]
    t = listed[0]
    assert {"registry", "registry_id", "phases", "status", "start_date", "primary_completion", "completion",
            "enrolment", "lead_sponsor", "countries", "product"} <= set(t)
    assert t["registry"] == "ctgov" and t["product"] == "Ryoncil"
    assert trials_json(capsys, seeded_db, "--registry", "ctgov", "--status", "RECRUITING")
    code, _, err = cli(capsys, seeded_db, "trials", "--status", "RECRUTING")
    assert code == 2 and "RECRUTING" in err


def test_check_fails_when_a_trial_row_is_edited_outside_mscreg(capsys, seeded_db):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    assert cli(capsys, seeded_db, "check")[0] == 0
    run_sql(seeded_db, "UPDATE trials SET status = 'COMPLETED' WHERE registry_id = 'NCT06431152'")
    code, out, err = cli(capsys, seeded_db, "check")
    assert code == 7
    assert "trial" in out + err


def test_a_product_with_linked_trials_is_not_deleted_and_the_link_survives(capsys, seeded_db):
    from mscreg.domain.errors import Conflict
    from mscreg.services.workspace import open_workspace
    from mscreg.storage import repositories as repo

    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    run_sql(seeded_db, "INSERT INTO products (name, name_zh, inn, company, company_zh, company_aliases, "
            "source_tissue, donor_type, modality, notes, version_id) VALUES ('Bare', '', '', '', '', '[]', "
            "'not_stated', 'not_stated', 'cells', '', 1)")
    # a product made outside mscreg would fail check; make a real one instead through the repository
    run_sql(seeded_db, "DELETE FROM products WHERE name = 'Bare'")
    with open_workspace(str(seeded_db)) as ws:
        from mscreg.domain.product import ProductDraft

        with ws.db.write() as s:
            repo.create_product(s, ProductDraft("Bare"), reason="test")
    assert cli(capsys, seeded_db, "link-trial", "--trial", "NCT05060107", "--product", "Bare",
               "--reason", "test")[0] == 0
    with open_workspace(str(seeded_db)) as ws, pytest.raises(Conflict) as caught, ws.db.write() as s:
        pid = repo.find_product_ids(s, "Bare")[0]
        repo.delete_product(s, pid, reason="gone")
    assert caught.value.problems[0].code == "trial.still_linked"
    assert "NCT05060107" in caught.value.message("en")
    assert [t["product"] for t in trials_json(capsys, seeded_db) if t["registry_id"] == "NCT05060107"] == ["Bare"]
    assert cli(capsys, seeded_db, "check")[0] == 0


def test_a_sponsor_named_like_a_product_is_suggested_never_linked(capsys, seeded_db, tmp_path):
    doc = json.loads((FIXTURES / "single_study_v2.json").read_text(encoding="utf-8"))
    doc["protocolSection"].setdefault("sponsorCollaboratorsModule", {})["leadSponsor"] = {"name": "Ryoncil"}
    f = tmp_path / "one.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = cli(capsys, seeded_db, "import", str(f), "--json")
    assert code == 0
    assert json.loads(out)["suggested_links"][0]["product"] == "Ryoncil"
    assert all(t["product"] is None for t in trials_json(capsys, seeded_db))


def test_link_trial_refuses_an_unknown_trial_and_an_empty_reason(capsys, seeded_db):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    before = audit_count(seeded_db)
    code, _, err = cli(capsys, seeded_db, "link-trial", "--trial", "ctgov:NCT09999999", "--product", "Ryoncil",
                       "--reason", "x")
    assert code == 4 and "NCT09999999" in err
    code, _, err = cli(capsys, seeded_db, "link-trial", "--trial", "NCT06431152", "--product", "Ryoncil",
                       "--reason", "  ")
    assert code == 2
    assert audit_count(seeded_db) == before


def test_a_csv_download_is_routed_to_the_trial_import(capsys, seeded_db, tmp_path):
    f = tmp_path / "ctg-studies.csv"
    shutil.copy(FIXTURES / "studies.csv", f)
    code, out, err = cli(capsys, seeded_db, "import", str(f), "--json")
    assert code == 0, err
    assert json.loads(out)["trials"]["created"] > 0
    assert cli(capsys, seeded_db, "check")[0] == 0


def test_the_json_export_holds_the_trials_and_imports_back_into_an_empty_database(capsys, seeded_db, tmp_path):
    from mscreg.services.workspace import init_database

    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    assert cli(capsys, seeded_db, "link-trial", "--trial", "NCT06812637", "--product", "Ryoncil",
               "--reason", "test")[0] == 0
    exported = tmp_path / "all.json"
    assert cli(capsys, seeded_db, "export", "--format", "json", "--out", str(exported))[0] == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["counts"]["trials"] == 5 and len(doc["trials"]) == 5
    empty = tmp_path / "empty.sqlite"
    init_database(str(empty), empty=True).close()
    code, _, err = cli(capsys, empty, "import", str(exported))
    assert code == 0, err
    again = tmp_path / "again.json"
    assert cli(capsys, empty, "export", "--format", "json", "--out", str(again))[0] == 0
    doc2 = json.loads(again.read_text(encoding="utf-8"))
    assert doc2["trials"] == doc["trials"] and doc2["products"] == doc["products"]
    assert [t["product"] for t in doc2["trials"] if t["registry_id"] == "NCT06812637"] == ["Ryoncil"]
    assert cli(capsys, empty, "check")[0] == 0
    before = audit_count(empty)
    code, out, _ = cli(capsys, empty, "import", str(exported), "--json")
    assert code == 0 and json.loads(out)["trials"] == {"created": 0, "changed": 0, "unchanged": 5}
    assert audit_count(empty) == before


def test_a_bad_trial_in_a_json_export_refuses_the_whole_file(capsys, seeded_db, tmp_path):
    assert cli(capsys, seeded_db, "import", str(FIXTURES / "studies_v2.json"))[0] == 0
    exported = tmp_path / "all.json"
    assert cli(capsys, seeded_db, "export", "--format", "json", "--out", str(exported))[0] == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["trials"][2]["phases"] = ["PHASE9"]
    exported.write_text(json.dumps(doc), encoding="utf-8")
    empty = tmp_path / "empty.sqlite"
    from mscreg.services.workspace import init_database

    init_database(str(empty), empty=True).close()
    code, _, err = cli(capsys, empty, "import", str(exported))
    assert code == 2 and "trials[2]" in err and "PHASE9" in err
    assert audit_count(empty) == 0
