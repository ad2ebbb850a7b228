"""Chinese indications and notes: stored beside the English ones, shipped for every product, carried
through every exchange format, and an old database keeps a verified trail once they are added."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mscreg.services.exchange.database_content import load_content
from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file

HAN = range(0x4E00, 0xA000)


def _has_han(text: str) -> bool:
    return any(ord(c) in HAN for c in text)


def _seed() -> dict:
    from mscreg.resource_paths import seed_file

    return json.loads(seed_file().read_text(encoding="utf-8"))


def test_every_shipped_indication_and_note_has_its_chinese_text():
    for p in _seed()["products"]:
        assert not p["notes"] or _has_han(p["notes_zh"]), p["name"]
        for t in p["tracks"]:
            assert _has_han(t["indication_zh"]), (p["name"], t["indication"])
            for e in t["events"]:
                assert not e["note"] or _has_han(e["note_zh"]), (p["name"], e["type"], e["date"])
            for o in t.get("obligations", ()):
                assert _has_han(o["text_zh"]) and o["text_en"], (p["name"], t["jurisdiction"], o["text_en"])
                # a step's note has no Chinese field: the data set keeps what a reader needs in the texts
                assert not any(step.get("note") for step in o.get("events", ())), (p["name"], o["text_en"])


def test_japans_conditional_approvals_are_named_as_the_glossary_names_them():
    """条件及び期限付承認 is 有条件及限期批准; China's 附条件批准 is a different procedure."""
    for p in _seed()["products"]:
        for t in p["tracks"]:
            texts = [e["note_zh"] for e in t["events"]] + [o["text_zh"] for o in t.get("obligations", ())]
            if t["jurisdiction"] == "JP":
                assert not any("附条件" in x for x in texts), p["name"]


def test_the_seeded_database_holds_the_chinese_text(workspace):
    content = load_content(workspace)
    assert len(content.products) == 15 and all(p.notes_zh for p in content.products)
    tracks = [t for ts in content.tracks.values() for t in ts]
    assert tracks and all(t.indication_zh for t in tracks)
    # stored as written: Chinese parentheses are not folded into ASCII ones as names are
    shipped = {t["indication"]: t["indication_zh"] for p in _seed()["products"] for t in p["tracks"]}
    assert {t.indication: t.indication_zh for t in tracks} == shipped
    events = [e for es in content.events.values() for e in es]
    assert all(e.note_zh for e in events if e.note)


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return rows[0], rows[1:]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_re_imports_without_a_change(workspace, seeded_db, dump, tmp_path, fmt):
    out = tmp_path / f"all.{fmt}"
    export_database(workspace, fmt, out)
    before = dump(seeded_db)
    assert "膝骨关节炎" in str(before["tracks"])  # the Chinese text is there to lose
    plan = import_file(workspace, out, dry_run=True)
    assert not plan.changes_anything, plan.changes()
    import_file(workspace, out)
    assert dump(seeded_db) == before


def test_the_chinese_columns_are_exported_and_imported(workspace, seeded_db, tmp_path):
    out = tmp_path / "all.csv"
    export_database(workspace, "csv", out)
    header, body = _csv_rows(out)
    for column in ("product_notes_zh", "indication_zh", "note_zh"):
        assert column in header
    i_note, i_zh, i_ind = header.index("note_zh"), header.index("indication_zh"), header.index("indication")
    assert all(_has_han(r[i_zh]) for r in body if r[i_ind])
    # change one Chinese note and one Chinese indication in the file: exactly those change
    target = next(r for r in body if r[i_note])
    rows = [r for r in body if r[i_ind] == target[i_ind]]
    for r in rows:
        r[i_zh] = "新的适应症"
    target[i_note] = "新的备注。"
    changed = tmp_path / "changed.csv"
    with changed.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(body)
    plan = import_file(workspace, changed)
    counts = plan.counts()
    assert counts["tracks"]["changed"] == 1 and counts["events"]["changed"] == 1, counts
    export_database(workspace, "json", tmp_path / "after.json")
    doc = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    tracks = [t for p in doc["products"] for t in p["tracks"]]
    assert [t["indication_zh"] for t in tracks].count("新的适应症") == 1
    assert [e["note_zh"] for t in tracks for e in t["events"]].count("新的备注。") == 1


def test_columns_left_out_keep_the_chinese_text(workspace, seeded_db, dump, tmp_path):
    out = tmp_path / "all.csv"
    export_database(workspace, "csv", out)
    header, body = _csv_rows(out)
    keep = [c for c in header if c not in ("product_notes_zh", "indication_zh", "note_zh")]
    picks = [header.index(c) for c in keep]
    path = tmp_path / "no_zh.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(keep)
        w.writerows([[r[i] for i in picks] for r in body])
    before = dump(seeded_db)
    assert "膝骨关节炎" in str(before["tracks"])
    import_file(workspace, path)
    assert dump(seeded_db) == before


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def test_init_then_check_passes(tmp_path):
    env = {**os.environ, "MSCREG_DB": str(tmp_path / "new.sqlite")}
    assert _run("init", env=env).returncode == 0
    done = _run("check", env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_old_database_upgraded_keeps_its_trail_verified(tmp_path):
    """A database of the revision before the Chinese text: opening it adds the columns, empty, and the
    trail written without them still verifies."""
    from mscreg.services.workspace import open_workspace
    from mscreg.storage import audit
    from mscreg.storage import repositories as repo

    # an old database was seeded without Chinese text, at the revision before it
    old = tmp_path / "old.sqlite"
    env = {**os.environ, "MSCREG_DB": str(old)}
    seed = _seed()
    for p in seed["products"]:
        p.pop("notes_zh")
        for t in p["tracks"]:
            t.pop("indication_zh")
            for e in t["events"]:
                e.pop("note_zh")
    plain = tmp_path / "seed_en.json"
    plain.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    env["MSCREG_SEED"] = str(plain)
    assert _run("init", env=env).returncode == 0
    con = sqlite3.connect(old)
    # the revision just before the Chinese text (trials)
    con.execute("UPDATE alembic_version SET version_num = '3b8f1d6e2c47'")
    for table, column in (("events", "note_zh"), ("tracks", "indication_zh"), ("products", "notes_zh")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.commit()
    con.close()
    ws = open_workspace(str(old), daily_backup=False)
    try:
        with ws.db.read() as s:
            assert audit.verify_chain(s).ok
            assert repo.verify_records(s) is None
    finally:
        ws.close()
    assert _run("check", env=env).returncode == 0


def test_localized_falls_back_to_the_other_language():
    from mscreg.domain.bilingual import localized

    assert localized("en", "中", "zh_CN") == "中" and localized("en", "中", "en") == "en"
    assert localized("", "中", "en") == "中" and localized("en", "", "zh_CN") == "en"
    assert localized("", "", "zh_CN") == ""


@pytest.mark.parametrize("command", ["products", "events"])
def test_the_chinese_interface_shows_chinese_indications_and_notes(tmp_path, command):
    env = {**os.environ, "MSCREG_DB": str(tmp_path / "new.sqlite"), "MSCREG_LANG": "zh_CN"}
    assert _run("init", env=env).returncode == 0
    shown = _run(command, env=env).stdout
    for p in _seed()["products"]:
        if command == "products":
            assert p["notes_zh"] in shown and p["notes"] not in shown
        for t in p["tracks"]:
            if command == "products":
                assert t["indication_zh"] in shown
            for e in t["events"]:
                if command == "events" and e["note"]:
                    assert " ".join(e["note_zh"].split()) in shown
    english = _run(command, env={**env, "MSCREG_LANG": "en"}).stdout
    assert _seed()["products"][0]["tracks"][0]["indication_zh"] not in english



@pytest.mark.parametrize(("lang", "shown"), [("zh_CN", "急性移植物抗宿主病"), ("en", "acute GVHD")])
def test_timeline_lanes_name_the_indication_in_the_interface_language(lang, shown):
    import datetime as dt

    from mscreg.domain.event import EventDraft
    from mscreg.domain.event_types import Pathway
    from mscreg.domain.product import Product
    from mscreg.domain.timeline_layout import country_layout, product_layout
    from mscreg.domain.track import Track, TrackLog

    product = Product(id=1, name="P", name_zh="产品")
    track = Track(1, 1, "P", "JP", "acute GVHD", Pathway.MARKETING, indication_zh="急性移植物抗宿主病")
    event = EventDraft("ma_submitted", "2020-03").to_event(id=1, track_id=1)
    logs = [TrackLog(product, track, (event,))]
    for layout in (country_layout("JP", logs, dt.date(2026, 12, 5), lang),
                   product_layout(product, logs, dt.date(2026, 12, 5), lang)):
        assert [lane.subtitle.split(" · ")[0] for lane in layout.lanes] == [shown]
    untranslated = TrackLog(product, Track(1, 1, "P", "JP", "acute GVHD", Pathway.MARKETING), (event,))
    assert country_layout("JP", [untranslated], dt.date(2026, 12, 5), lang).lanes[0].subtitle.startswith("acute GVHD")


def test_what_changed_names_the_indication_in_the_interface_language(tmp_path):
    env = {**os.environ, "MSCREG_DB": str(tmp_path / "new.sqlite"), "MSCREG_LANG": "zh_CN"}
    assert _run("init", env=env).returncode == 0
    done = _run("changes", "--since", "2024-01-01", "--until", "2025-12-31", env=env)
    assert done.returncode == 0, done.stderr
    assert "激素治疗失败、以消化道受累为主的急性移植物抗宿主病" in done.stdout
    assert "steroid-refractory acute GVHD with predominantly GI" not in done.stdout


@pytest.fixture
def zh_window(qtbot, seeded_db, tmp_path):
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.language import set_language
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    w = MainWindow(Settings(str(tmp_path / "settings.ini")), FakeDialogService())
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    qtbot.waitUntil(lambda: not w.progress.isVisible(), timeout=20_000)
    set_language("zh_CN")
    yield w
    set_language("en")
    w.close()


def test_the_product_view_shows_chinese_indications_and_notes_for_every_product(qapp, zh_window):
    from PySide6.QtCore import Qt

    seed = {p["name"]: p for p in _seed()["products"]}
    for ov in zh_window.snapshot.overviews:
        zh_window.show_product(ov.product.id)
        qapp.processEvents()
        view = zh_window.product_view
        shipped = seed[ov.product.name]
        assert html.escape(shipped["notes_zh"]) in view.details.text(), ov.product.name
        titles = " ".join(s.title() for s in view.sections)
        for t in shipped["tracks"]:
            assert t["indication_zh"] in titles, (ov.product.name, t["indication_zh"])
        for s in view.sections:
            m = s.model
            notes = [m.index(r, m.columnCount() - 1).data(Qt.ItemDataRole.DisplayRole) for r in range(m.rowCount())]
            written = [e.note_zh for e in s.track_view.events if e.note]
            assert all(n in notes for n in written)
            assert not any(e.note in notes for e in s.track_view.events if e.note)


def test_screenshot_of_the_product_view_in_chinese(qapp, zh_window, tmp_path):
    """Written to the test's folder; with MSCREG_WRITE_SCREENSHOTS=1 to docs/screenshots (how the one
    there was made), so that a test run leaves the working tree as it was."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    out = (docs if os.environ.get("MSCREG_WRITE_SCREENSHOTS") == "1" else tmp_path) / "product-view-zh.png"
    zh_window.show_product(next(ov.product.id for ov in zh_window.snapshot.overviews
                                if ov.product.name == "Stemirac"))
    qapp.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    assert zh_window.grab().save(str(out))
    assert out.stat().st_size > 10_000


def test_the_exact_chinese_indication_finds_the_track(workspace):
    """The English indication is the track's identity; a reader of the Chinese interface may type
    the Chinese one it shows, and the event goes to that track, not to a new one."""
    from mscreg.domain.event import EventDraft
    from mscreg.domain.track import TrackDraft
    from mscreg.services.tracker import record_event

    chinese = TrackDraft("JP", "外伤性脑损伤后慢性运动麻痹", "marketing")
    result = record_event(workspace, product="Akuugo", track=chinese,
                          draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
    assert not result.track_created
    assert result.track.indication == "chronic motor paralysis following traumatic brain injury"


def test_the_dialogs_show_and_keep_the_chinese_text(qtbot, workspace):
    """Editing a record in the window must not wipe its Chinese text: each dialog shows it in a field
    of its own and returns it; the undo drafts keep it too."""
    from mscreg.services import editing
    from mscreg.services.tracker import list_events
    from mscreg.ui.dialogs.event_dialog import EventDialog
    from mscreg.ui.dialogs.product_dialog import ProductDialog
    from mscreg.ui.dialogs.track_dialog import TrackDialog

    log = editing.track_log(workspace, next(v.track.id for v in list_events(workspace, product="Stemirac")))
    product, track = log.product, log.track
    event = next(e for e in log.events if e.note_zh)
    assert product.notes_zh and track.indication_zh
    dialogs = (ProductDialog(None, product, lang="zh_CN"), TrackDialog(None, product, track, log.events, lang="zh_CN"),
               EventDialog(None, track, log.events, event, lang="zh_CN"))
    for dlg in dialogs:
        qtbot.addWidget(dlg)
    assert dialogs[0].notes_zh_edit.toPlainText() == product.notes_zh
    assert dialogs[0].value().notes_zh == product.notes_zh == editing.product_draft(product).notes_zh
    assert dialogs[1].indication_zh_edit.text() == track.indication_zh
    assert dialogs[1].value().indication_zh == track.indication_zh == editing.track_draft(track).indication_zh
    assert dialogs[2].note_zh_edit.toPlainText() == event.note_zh
    assert dialogs[2].value().note_zh == event.note_zh == editing.event_draft(event).note_zh
    assert track.indication_zh in dialogs[2].track_label.text()


def test_the_window_names_tracks_by_the_indication_of_its_language():
    """Tooltips, the deadlines page, undo texts and the What changed page name a track as the product
    list names a product: in the interface language, the other language where it is not written."""
    from mscreg.domain.event_types import Pathway
    from mscreg.domain.track import Track
    from mscreg.ui.language import set_language
    from mscreg.ui.product_names import track_indication

    both = Track(1, 1, "P", "JP", "acute GVHD", Pathway.MARKETING, indication_zh="急性移植物抗宿主病")
    english_only = Track(2, 1, "P", "JP", "ulcers", Pathway.MARKETING)
    assert track_indication(both, "zh_CN") == "急性移植物抗宿主病" and track_indication(both, "en") == "acute GVHD"
    assert track_indication(english_only, "zh_CN") == "ulcers"
    set_language("zh_CN")
    try:
        assert track_indication(both) == "急性移植物抗宿主病"
    finally:
        set_language("en")


def test_the_command_line_records_and_edits_the_chinese_text(seeded_db):
    """``add-event --note-zh --indication-zh`` and ``edit-track --new-indication-zh``: stored, shown in
    Chinese, audited old → new; a Chinese indication beyond the limit is refused and nothing changes."""
    from support import run, table_dump

    db = str(seeded_db)
    made = run("--db", db, "--json", "add-event", "--product", "Akuugo", "--jurisdiction", "JP",
               "--pathway", "clinical", "--indication", "chronic stroke", "--new-track",
               "--indication-zh", "慢性卒中", "--type", "cta_submitted", "--date", "2026-11-02",
               "--note", "notified", "--note-zh", "已提交通知", "--reason", "trial notification")
    assert made.returncode == 0, made.stdout + made.stderr
    assert json.loads(made.stdout)["track_created"] is True
    shown = run("--db", db, "--lang", "zh_CN", "events", "--product", "Akuugo")
    assert "已提交通知" in shown.stdout
    events = json.loads(run("--db", db, "--json", "events", "--product", "Akuugo").stdout)
    assert [e["note_zh"] for e in events if e["type"] == "cta_submitted"] == ["已提交通知"]
    edited = run("--db", db, "--json", "edit-track", "--product", "Akuugo", "--jurisdiction", "JP",
                 "--indication", "chronic stroke", "--pathway", "clinical", "--new-indication-zh", "慢性缺血性卒中",
                 "--reason", "wording of the CTN")
    assert edited.returncode == 0, edited.stdout + edited.stderr
    body = json.loads(edited.stdout)
    assert (body["before"]["indication_zh"], body["track"]["indication_zh"]) == ("慢性卒中", "慢性缺血性卒中")
    trail = run("--db", db, "audit").stdout
    assert "慢性卒中" in trail and "慢性缺血性卒中" in trail
    before = table_dump(seeded_db)
    refused = run("--db", db, "edit-track", "--product", "Akuugo", "--jurisdiction", "JP",
                  "--indication", "chronic stroke", "--pathway", "clinical", "--new-indication-zh", "卒" * 201,
                  "--reason", "too long")
    assert refused.returncode == 2 and "indication_zh" in refused.stderr + refused.stdout
    assert table_dump(seeded_db) == before
    assert run("--db", db, "check").returncode == 0
