"""``mscreg edit-track`` and ``mscreg delete-track`` as a user runs them: named by number or by product
and jurisdiction, each with a reason that goes into the audit trail, refusals that change nothing,
in English and in Chinese, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cli.test_cli import CJK, ENGLISH_SENTENCE, no_crash, run, run_json


def _track(products: list[dict[str, Any]], product: str, jurisdiction: str) -> dict[str, Any]:
    p = next(p for p in products if p["name"] == product)
    return next(t for t in p["tracks"] if t["jurisdiction"] == jurisdiction)


def _last_audit(db) -> dict[str, Any]:
    return run_json("audit", "--db", str(db))["rows"][-1]


def _new_empty_track(db, product: str, draft) -> int:
    """A track with no events yet, made the way the window's New track dialog makes it."""
    from mscreg.services import editing
    from mscreg.services.tracker import find_product
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(db), daily_backup=False) as ws:
        return editing.create_track(ws, find_product(ws, product).id, draft, reason="planned").id


def test_edit_track_by_product_and_jurisdiction_is_audited_with_its_reason(seeded_db) -> None:
    before = _track(run_json("products", "--db", str(seeded_db)), "Stemirac", "JP")
    out = run_json("edit-track", "--db", str(seeded_db), "--product", "stemirac", "--jurisdiction", "JP",
                   "--new-indication", "spinal cord injury (subacute)", "--reason", "as worded on the approval")
    assert out["changed"] and out["before"]["indication"] == before["indication"]
    assert out["track"] == {**out["before"], "indication": "spinal cord injury (subacute)"}
    after = _track(run_json("products", "--db", str(seeded_db)), "Stemirac", "JP")
    assert after["id"] == before["id"] and after["indication"] == "spinal cord injury (subacute)"
    assert after["state"] == before["state"]
    row = _last_audit(seeded_db)
    assert (row["action"], row["entity"], row["entity_id"], row["reason"]) == (
        "update", "track", before["id"], "as worded on the approval")
    assert json.loads(row["changes"]) == {"indication": [before["indication"], "spinal cord injury (subacute)"]}
    assert run("check", "--db", str(seeded_db)).returncode == 0


def test_edit_track_by_number_in_chinese_says_what_changed(seeded_db) -> None:
    track = _track(run_json("products", "--db", str(seeded_db)), "Stemirac", "JP")
    proc = run("edit-track", "--db", str(seeded_db), "--track", str(track["id"]), "--new-indication", "脊髓损伤",
               "--reason", "中文适应症", "--lang", "zh_CN")
    assert proc.returncode == 0, proc.stderr
    assert f"已修改申报路径 #{track['id']}" in proc.stdout and "脊髓损伤" in proc.stdout


@pytest.mark.parametrize(("lang", "says"), [
    ("en", "indication “spinal cord injury”: with --track, --indication is not needed to find the track, and it "
           "does not change it; to give the track this indication, use --new-indication."),
    ("zh_CN", "适应症“spinal cord injury”：已用 --track 指明申报路径，无需 --indication，"
              "且 --indication 不会修改申报路径；如要把该申报路径的适应症改为此值，请用 --new-indication。")])
def test_edit_track_by_number_with_a_selection_option_points_to_the_option_that_changes(seeded_db, dump, lang,
                                                                                        says) -> None:
    """`--track 7 --indication X` reads as a change; the refusal names the option that makes it."""
    track = _track(run_json("products", "--db", str(seeded_db)), "Stemirac", "JP")
    before = dump(seeded_db)
    proc = run("edit-track", "--db", str(seeded_db), "--track", str(track["id"]), "--indication", "spinal cord injury",
               "--reason", "r", "--lang", lang)
    assert proc.returncode == 2 and proc.stderr.strip() == says
    assert dump(seeded_db) == before


def test_delete_track_without_events_is_audited_with_its_reason(seeded_db) -> None:
    from mscreg.domain.track import TrackDraft

    number = _new_empty_track(seeded_db, "Stemirac", TrackDraft("KR", "spinal cord injury", "clinical"))
    proc = run("delete-track", "--db", str(seeded_db), "--track", str(number), "--reason", "trial plan withdrawn")
    assert proc.returncode == 0, proc.stderr
    assert f"Deleted track #{number}: Stemirac / KR / spinal cord injury / clinical." in proc.stdout
    stemirac = next(p for p in run_json("products", "--db", str(seeded_db)) if p["name"] == "Stemirac")
    assert number not in {t["id"] for t in stemirac["tracks"]}
    row = _last_audit(seeded_db)
    assert (row["action"], row["entity"], row["entity_id"], row["reason"]) == (
        "delete", "track", number, "trial plan withdrawn")


def test_the_indication_and_pathway_say_which_of_several_tracks(seeded_db) -> None:
    from mscreg.domain.track import TrackDraft

    number = _new_empty_track(seeded_db, "Stemirac", TrackDraft("JP", "stroke", "clinical"))
    proc = run("delete-track", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "JP",
               "--reason", "x")
    assert proc.returncode == 2 and "several tracks in JP" in proc.stderr and "stroke (clinical)" in proc.stderr
    out = run_json("delete-track", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "JP",
                   "--pathway", "clinical", "--reason", "entered by mistake")
    assert out["deleted"]["id"] == number


# (arguments after --db, exit code, words of the English message).  Those that read or write the
# database run on both backends; those refused from the arguments alone are the same on both.
STORED = [
    (["delete-track", "--product", "Stemirac", "--jurisdiction", "JP", "--reason", "tidy"], 5,
     ["still has obligations"]),
    (["delete-track", "--track", "99999", "--reason", "tidy"], 4, ["99999", "no track has this number"]),
    (["delete-track", "--product", "Nosuchcel", "--jurisdiction", "JP", "--reason", "tidy"], 4, ["Nosuchcel"]),
    (["delete-track", "--product", "Stemirac", "--jurisdiction", "US", "--reason", "tidy"], 4,
     ["US", "no such track"]),
    (["edit-track", "--product", "Stemirac", "--jurisdiction", "JP", "--new-jurisdiction", "US", "--reason",
      "moving"], 3, ["does not exist in US"]),
]
ARGUMENTS = [
    (["delete-track", "--track", "7x", "--reason", "tidy"], 2, ["7x", "not a track number"]),
    (["delete-track", "--reason", "tidy"], 2, ["say which track"]),
    (["delete-track", "--track", "1", "--product", "Stemirac", "--reason", "tidy"], 2, ["say which track"]),
    (["delete-track", "--product", "Stemirac", "--reason", "tidy"], 2, ["say which track"]),
    (["delete-track", "--product", "Stemirac", "--jurisdiction", "XX", "--reason", "tidy"], 2, ["XX"]),
    (["edit-track", "--product", "Stemirac", "--jurisdiction", "JP", "--reason", "tidy"], 2, ["say what to change"]),
    (["edit-track", "--product", "Stemirac", "--jurisdiction", "JP", "--new-indication", "", "--reason", "x"], 2,
     ["indication", "must not be empty"]),
    (["edit-track", "--product", "Stemirac", "--jurisdiction", "JP", "--new-indication", "y", "--reason", "  "], 2,
     ["reason"]),
]


def _ids(cases) -> list[str]:
    return [" ".join(a[:3]) + f" ({c})" for a, c, _w in cases]


def _refused(db, dump, args, code, words) -> None:
    before = dump(db)
    proc = run(args[0], "--db", str(db), *args[1:])
    no_crash(proc)
    assert proc.returncode == code, proc.stderr
    assert all(w in proc.stderr for w in words), proc.stderr
    assert dump(db) == before


@pytest.mark.parametrize(("args", "code", "words"), STORED, ids=_ids(STORED))
def test_a_track_command_refused_by_what_is_stored_says_why_and_changes_nothing(seeded_db, dump, args, code,
                                                                                  words) -> None:
    _refused(seeded_db, dump, args, code, words)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("args", "code", "words"), ARGUMENTS, ids=_ids(ARGUMENTS))
def test_a_track_command_refused_by_its_arguments_says_why_and_changes_nothing(seeded_db, dump, args, code,
                                                                                 words) -> None:
    _refused(seeded_db, dump, args, code, words)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("args", "code", "words"), STORED[:2] + ARGUMENTS[:2] + ARGUMENTS[5:6],
                         ids=_ids(STORED[:2] + ARGUMENTS[:2] + ARGUMENTS[5:6]))
def test_a_refused_track_command_speaks_chinese_when_asked(seeded_db, args, code, words) -> None:
    proc = run(args[0], "--db", str(seeded_db), *args[1:], "--lang", "zh_CN")
    no_crash(proc)
    assert proc.returncode == code
    assert CJK.search(proc.stderr) and not ENGLISH_SENTENCE.search(proc.stderr), proc.stderr
