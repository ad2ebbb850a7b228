"""Obligations and trials on timelines: obligation due dates as stars on their authorisation's lane, a lane
of each product's linked trials, in every output and both languages, as of the chart's day.

The database is made the way a user would: the seeded data, a ClinicalTrials.gov download imported,
trials linked to products and obligations recorded through the services the command line uses.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from mscreg.domain.obligation import ObligationStatus
from mscreg.domain.timeline_layout import TimelineLayout, TrialPointKind, approvals_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_painter import TimelineScene, paint_rows
from mscreg.ui.timeline_style import TRIAL_COLOUR, Fonts, Theme

AS_OF = dt.date(2026, 12, 5)
STUDIES = Path(__file__).resolve().parents[1] / "fixtures" / "ctgov" / "studies_v2.json"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")


def _overlap_checker():
    """The overlap check of the shipped charts, reused (test modules are not a package)."""
    path = Path(__file__).resolve().parent / "test_timeline_layout_overlaps.py"
    spec = importlib.util.spec_from_file_location("mscreg_overlaps_for_trial_lanes", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.collisions


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mscreg.domain.obligation import ObligationDraft
    from mscreg.services import obligations, trial_records
    from mscreg.services.workspace import init_database

    path = tmp_path_factory.mktemp("trial-lanes") / "demo.sqlite"
    ws = init_database(str(path))
    try:
        trial_records.import_trials(ws, STUDIES)
        for ident in ("NCT06431152", "NCT01547091", "NCT05060107"):
            trial_records.link_trial(ws, f"ctgov:{ident}", product="Amimestrocel", track=None, reason="test")
        for ident in ("NCT06466850", "NCT06812637"):
            trial_records.link_trial(ws, f"ctgov:{ident}", product="Ryoncil", track=None, reason="test")

        def owe(product: str, code: str, kind: str, text: str, text_zh: str, owner: str, due: str | None = None,
                rule: str | None = None, auth: str = "approval_full") -> int:
            view = obligations.add_obligation(
                ws, draft=ObligationDraft(kind, text, text_zh, due=due, due_rule=rule, owner=owner), reason="test",
                product=product, jurisdiction=code, authorisation_type=auth)
            assert view.obligation.id is not None
            return view.obligation.id

        owe("Ryoncil", "US", "pmr", "Registry study of long-term safety", "长期安全性登记研究", "Clinical safety",
            due="2027-06")
        owe("Ryoncil", "US", "pmc", "Potency assay validation report", "效力检测方法验证报告", "CMC",
            due="2025-09-30")
        owe("Ryoncil", "US", "periodic_report", "Quarterly safety report", "季度安全性报告", "PV", due="2026-Q2")
        owe("Amimestrocel", "CN", "confirmatory_trial", "Confirmatory randomised trial", "确证性随机对照试验",
            "RA China", rule="5 years", auth="approval_conditional")
        owe("Amimestrocel", "CN", "specific_obligation", "Post-approval study", "批准后研究", "RA China",
            auth="approval_conditional")  # its deadline was not made public: no due date
        done = owe("Amimestrocel", "CN", "periodic_report", "Annual safety update", "年度安全性更新报告", "PV",
                   due="2026-01-31", auth="approval_conditional")
        obligations.record_obligation_event(ws, done, type="fulfilled", date="2026-01-20", reason="test",
                                            today=AS_OF)
    finally:
        ws.close()
    return path


@pytest.fixture
def ws(demo_db: Path):
    from mscreg.services.workspace import open_workspace

    workspace = open_workspace(str(demo_db))
    yield workspace
    workspace.close()


def _product(ws, name: str, day: dt.date = AS_OF, lang: str = "en", trials: bool = True) -> TimelineLayout:
    from mscreg.services.timeline_data import product_timeline

    return product_timeline(ws, name, day, lang, trials=trials)


def _marketing_lane(layout: TimelineLayout):
    return next(lane for lane in layout.lanes if lane.obligations or "marketing" in lane.subtitle)


def _trial_lane(layout: TimelineLayout):
    return next((lane for lane in layout.lanes if lane.trials), None)


# --------------------------------------------------------------------------- layout


def test_obligations_sit_on_their_authorisations_lane_with_their_status_as_of_the_day(ws) -> None:
    lane = _marketing_lane(_product(ws, "Ryoncil"))
    by_text = {o.text: o for o in lane.obligations}
    assert set(by_text) == {"Registry study of long-term safety", "Potency assay validation report",
                            "Quarterly safety report"}
    overdue = by_text["Potency assay validation report"]
    assert overdue.status is ObligationStatus.OVERDUE and overdue.warning and overdue.owner == "CMC"
    assert by_text["Registry study of long-term safety"].due_text == "2027-06"  # a month stays a month
    assert by_text["Quarterly safety report"].due_text == "2026-Q2"
    # a year earlier the same obligation was not yet due
    earlier = _marketing_lane(_product(ws, "Ryoncil", dt.date(2025, 6, 1)))
    assert {o.text: o.status for o in earlier.obligations}["Potency assay validation report"] is not \
        ObligationStatus.OVERDUE
    # before the approval that imposed them, there were none
    before = _product(ws, "Ryoncil", dt.date(2024, 6, 1))
    assert not any(lane.obligations for lane in before.lanes)


def test_fulfilment_after_the_as_of_day_is_not_known_yet(ws) -> None:
    lane = next(lane for lane in _product(ws, "Amimestrocel").lanes if lane.obligations)
    assert {o.text: o.status for o in lane.obligations}["Annual safety update"] is ObligationStatus.FULFILLED
    lane = next(lane for lane in _product(ws, "Amimestrocel", dt.date(2026, 1, 10)).lanes if lane.obligations)
    assert {o.text: o.status for o in lane.obligations}["Annual safety update"] is not ObligationStatus.FULFILLED


def test_an_obligation_without_a_due_date_is_listed_as_undated_never_placed(ws) -> None:
    lane = next(lane for lane in _product(ws, "Amimestrocel").lanes if lane.obligations)
    assert "Post-approval study" not in [o.text for o in lane.obligations]
    assert "Specific obligation" in [u.label for u in lane.undated]


def test_a_product_gets_one_trial_lane_under_its_tracks_and_it_can_be_left_out(ws) -> None:
    layout = _product(ws, "Amimestrocel")
    trial = _trial_lane(layout)
    assert trial is not None and layout.lanes[-1] is trial and trial.track_id is None
    assert [b.registry_id for b in trial.trials] == ["NCT01547091", "NCT05060107", "NCT06431152"]
    assert trial.trials[0].label == "NCT01547091 · Phase I/II"
    assert _trial_lane(_product(ws, "Amimestrocel", trials=False)) is None
    zh = _trial_lane(_product(ws, "Amimestrocel", lang="zh_CN"))
    assert zh is not None and zh.trials[0].label == "NCT01547091 · I/II 期" and zh.subtitle == "临床试验（登记信息）"


def test_trials_follow_the_as_of_day(ws) -> None:
    # NCT06431152 was registered on 2024-05-22: not on a chart of 2024-01-01
    early = _trial_lane(_product(ws, "Amimestrocel", dt.date(2024, 1, 1)))
    assert early is not None and "NCT06431152" not in [b.registry_id for b in early.trials]
    # NCT01547091 completed (actual) in 2015: on a chart of 2013 its completion had not happened
    bar = next(b for b in early.trials if b.registry_id == "NCT01547091")
    assert {p.kind for p in bar.points} == {TrialPointKind.REGISTRATION, TrialPointKind.START,
                                            TrialPointKind.PRIMARY_COMPLETION, TrialPointKind.COMPLETION}
    bar = next(b for b in _trial_lane(_product(ws, "Amimestrocel", dt.date(2013, 1, 1))).trials
               if b.registry_id == "NCT01547091")
    assert {p.kind for p in bar.points} == {TrialPointKind.REGISTRATION, TrialPointKind.START}
    # estimated dates are plans, whatever the day
    planned = next(b for b in _trial_lane(_product(ws, "Ryoncil")).trials if b.registry_id == "NCT06812637")
    assert all(p.planned for p in planned.points if p.kind is not TrialPointKind.REGISTRATION)


def test_country_view_puts_the_trials_run_there_under_the_product_and_approvals_get_none(ws) -> None:
    from mscreg.services.timeline_data import approvals_timeline, country_timeline, track_logs

    layout = country_timeline(ws, "CN", AS_OF, "en")
    trial = _trial_lane(layout)
    assert trial is not None
    assert [b.registry_id for b in trial.trials] == ["NCT01547091", "NCT06431152"]  # not the trial in Spain
    index = layout.lanes.index(trial)
    assert layout.lanes[index - 1].product_id == trial.product_id  # right under its product's lanes
    assert not any(lane.trials for lane in approvals_timeline(ws, AS_OF, "en").lanes)
    assert not any(lane.trials for lane in approvals_layout(track_logs(ws), AS_OF).lanes)
    assert _trial_lane(country_timeline(ws, "CN", AS_OF, "en", trials=False)) is None


# --------------------------------------------------------------------------- the picture


def _scene(layout: TimelineLayout) -> tuple[TimelineScene, QImage]:
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(72 / 0.0254))
    image.setDotsPerMeterY(round(72 / 0.0254))
    return TimelineScene(layout, Fonts(image), 900.0), image


def _ink(scene: TimelineScene, lane: int) -> list[tuple[str, QRectF]]:
    from PySide6.QtGui import QPicture

    scene.ink = []
    picture = QPicture()
    painter = QPainter(picture)
    try:
        paint_rows(painter, scene, [r for r in scene.rows if r.lane == lane], 0, QPointF(0, 0), Theme.paper())
    finally:
        painter.end()
    ink, scene.ink = scene.ink, None
    return ink


def test_obligation_stars_stand_at_the_middle_of_their_day_month_or_quarter(qapp, ws) -> None:
    from mscreg.ui.timeline_painter import GAP

    layout = _product(ws, "Ryoncil")
    scene, _image = _scene(layout)
    index = next(i for i, lane in enumerate(layout.lanes) if lane.obligations)
    ink = _ink(scene, index)
    window = scene.windows[0]
    left = scene.label_width + GAP
    marker_xs = [r.center().x() for kind, r in ink if kind == "marker"]
    for o in layout.lanes[index].obligations:
        x1 = scene.x_of(o.earliest, window)
        x2 = scene.x_of(o.latest + dt.timedelta(days=1), window)
        expected = left + (x1 + x2) / 2
        assert any(abs(x - expected) < 0.05 for x in marker_xs), (o.due_text, expected, marker_xs)
        if o.due_text == "2026-Q2":
            assert x2 - x1 > 80 * scene.points_per_day(window)  # a quarter is a span, not a day
    labels = [p.text for p in scene.placement(index, 0).deadlines] + [c.text for c in scene.callouts]
    assert "Post-marketing commitment (PMC) 2025-09-30 · Overdue" in labels  # on the chart or numbered


def test_trials_stack_one_row_each_and_estimated_dates_are_outlined(qapp, ws) -> None:
    layout = _product(ws, "Amimestrocel")
    scene, _ = _scene(layout)
    index = next(i for i, lane in enumerate(layout.lanes) if lane.trials)
    bars = layout.lanes[index].trials
    assert scene.lane_height(index) >= len(bars) * scene.trial_row_h()
    ink = _ink(scene, index)
    dots = [r for kind, r in ink if kind == "marker"]
    assert len(dots) == sum(len(b.points) for b in bars)
    rows = sorted({round(r.center().y(), 2) for r in dots})
    assert len(rows) == len(bars)  # each trial on a row of its own
    texts = [r for kind, r in ink if kind == "text"]
    for i, a in enumerate(texts):  # no label over another, over a dot or over another trial's row
        for b in [*texts[i + 1:], *dots]:
            assert not a.intersects(b.adjusted(0.05, 0.05, -0.05, -0.05)), (a, b)
    # paint at 8 px a point and look at the centre of each dot: a plan and a month are hollow
    k = 8.0
    image = QImage(round(scene.width * k), round(scene.height * k) + 8, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.scale(k, k)
    paint_rows(painter, scene, [r for r in scene.rows if r.lane == index], 0, QPointF(0, 0), Theme.paper())
    painter.end()
    centres = sorted(dots, key=lambda r: (round(r.center().y(), 2), r.center().x()))
    by_row = [sorted(b.points, key=lambda p: (p.earliest, p.latest)) for b in bars]
    points = [p for row in by_row for p in row]
    fill = QColor(TRIAL_COLOUR)
    checked = []
    for rect, point in zip(centres, points, strict=True):
        if any(other is not rect and other.intersects(rect) and abs(other.center().y() - rect.center().y()) < 0.1
               for other in dots):
            continue  # two dates a few days apart: their dots overlap, the hollow one is drawn on top
        pixel = image.pixelColor(round(rect.center().x() * k), round(rect.center().y() * k))
        solid = abs(pixel.red() - fill.red()) < 40 and abs(pixel.blue() - fill.blue()) < 40
        assert solid == (point.exact and not point.planned), (point, pixel.name())
        checked.append((point.exact, point.planned))
    assert {(True, False), (False, True), (False, False)} <= set(checked)  # actual day, plan, actual month


def test_no_text_overlaps_anything_with_obligations_and_trials(qapp, ws) -> None:
    from mscreg.services.timeline_data import country_timeline

    collisions = _overlap_checker()
    problems = []
    for lang in ("en", "zh_CN"):
        layouts = [_product(ws, "Ryoncil", lang=lang), _product(ws, "Amimestrocel", lang=lang),
                   country_timeline(ws, "CN", AS_OF, lang), country_timeline(ws, "US", AS_OF, lang)]
        for layout in layouts:
            for fit in ("page", "tile"):
                problems += [f"{layout.title} {fit}: {p}" for p in collisions(layout, fit=fit)]
    assert not problems, "\n".join(problems[:10])


def test_legend_names_obligations_overdue_obligations_and_trials(qapp, ws) -> None:
    image = QImage(1754, 1240, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(150 / 0.0254))
    image.setDotsPerMeterY(round(150 / 0.0254))
    keys = [k for k, _ in TimelineDocument(_product(ws, "Ryoncil"), PageOptions(), image).legend_items]
    assert {"obligation", "obligation_overdue", "trial", "trial_estimated"} <= set(keys)
    keys = [k for k, _ in TimelineDocument(_product(ws, "Ryoncil", trials=False), PageOptions(), image).legend_items]
    assert "trial" not in keys


# --------------------------------------------------------------------------- on screen


def test_screen_tooltip_tells_kind_text_owner_and_status_as_of_in_the_interface_language(qtbot, ws) -> None:
    from mscreg.ui.timeline_view import TimelineView

    for lang, expected in (("en", ["Post-marketing commitment (PMC): Potency assay validation report", "CMC",
                                   "Status on 2026-12-05: Overdue"]),
                           ("zh_CN", ["上市后承诺（PMC）：效力检测方法验证报告", "负责人：CMC",
                                      "2026-12-05 状态：已逾期"])):
        view = TimelineView()
        qtbot.addWidget(view)
        view.resize(1400, 600)
        view.set_layout(_product(ws, "Ryoncil", lang=lang))
        tips = [h.tooltip for _r, h in view.hits_in_view()]
        assert any(all(e in t for e in expected) for t in tips), tips
        trial = next(t for t in tips if t.startswith("NCT06812637"))  # a trial's bar answers too
        assert ("Start 2025-03 (estimated)" if lang == "en" else "开始 2025-03（预计）") in trial


def test_trials_checkbox_hides_and_shows_the_trial_lane(qtbot, ws) -> None:
    import gc

    from mscreg.ui.timeline_panel import TimelinePanel

    panel = TimelinePanel(fixed_product=True)
    qtbot.addWidget(panel)
    panel.resize(1200, 600)
    panel.show()
    with qtbot.waitSignal(panel.layout_ready, timeout=15000) as blocker:
        panel.set_workspace(ws)
        panel.show_product("Ryoncil")
    assert panel.trials.isChecked() and panel.trials.isEnabled()
    assert _trial_lane(blocker.args[0]) is not None
    with qtbot.waitSignal(panel.layout_ready, timeout=15000) as blocker:
        panel.trials.setChecked(False)
    assert _trial_lane(blocker.args[0]) is None
    panel.wait()
    gc.collect()


# --------------------------------------------------------------------------- every output


def mscreg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _timeline(db: Path, out: Path, *extra: str, lang: str = "en") -> dict:
    proc = mscreg("--lang", lang, "timeline", "--db", str(db), "--product", "Ryoncil", "--landscape",
                  "--as-of", AS_OF.isoformat(), "--out", str(out), "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_poppler
@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["NCT06812637 · Phase I/II", "Post-marketing commitment (PMC) 2025-09-30 · Overdue",
            "Clinical trials (registry)", "Star: obligation due", "Trial: registered"]),
    ("zh_CN", ["NCT06812637 · I/II 期", "上市后承诺（PMC） 2025-09-30 · 已逾期", "临床试验（登记信息）",
               "星形：义务到期"]),
])
def test_pdf_shows_obligation_and_trial_labels_with_the_cjk_font_embedded(demo_db: Path, tmp_path: Path,
                                                                         lang: str, expected: list[str]) -> None:
    out = tmp_path / "ryoncil.pdf"
    summary = _timeline(demo_db, out, lang=lang)
    text = " ".join(_pdf_text(out).split())
    for e in expected:
        assert " ".join(e.split()) in text, e
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts
    hidden = tmp_path / "no-trials.pdf"
    assert _timeline(demo_db, hidden, "--no-trials", lang=lang)["lanes"] == summary["lanes"] - 1
    assert "NCT06812637" not in _pdf_text(hidden)


def test_svg_keeps_obligation_and_trial_labels_as_text(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ryoncil.svg"
    _timeline(demo_db, out)
    texts = []
    for f in sorted(tmp_path.glob("ryoncil*.svg")):
        root = ET.parse(f).getroot()
        texts += ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("text")]
    joined = " ".join(texts)
    assert "NCT06812637" in joined and "2025-09-30" in joined and "Clinical trials (registry)" in joined


def test_png_and_pptx_draw_the_trial_lane_and_name_it_in_the_legend(demo_db: Path, tmp_path: Path) -> None:
    from pptx import Presentation

    with_trials, without = tmp_path / "with.png", tmp_path / "without.png"
    assert _timeline(demo_db, with_trials)["lanes"] == _timeline(demo_db, without, "--no-trials")["lanes"] + 1
    a, b = QImage(str(with_trials)), QImage(str(without))
    assert a.size() == b.size() and a != b
    deck_path = tmp_path / "deck.pptx"
    _timeline(demo_db, deck_path, lang="zh_CN")
    texts = [s.text_frame.text for slide in Presentation(str(deck_path)).slides for s in slide.shapes
             if s.has_text_frame]
    legend = next(t for t in texts if t.startswith("图例"))
    assert "临床试验：登记" in legend and "星形：义务到期" in legend and "红色星形：义务已逾期" in legend


@needs_poppler
def test_world_approvals_pdf_has_no_trial_lane(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "world.pdf"
    proc = mscreg("timeline", "--db", str(demo_db), "--approvals", "--landscape", "--as-of", AS_OF.isoformat(),
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(out)
    assert "NCT0" not in text and "Clinical trials (registry)" not in text


def test_many_trials_split_into_lanes_that_each_fit_a_page(qapp, ws) -> None:
    """Thirty-three linked trials: lanes of ten that say which of how many they hold, so no lane is taller
    than a page (a lane is never cut across pages), and still no text over anything."""
    from mscreg.domain.partial_date import PartialDate
    from mscreg.domain.timeline_layout import TRIALS_PER_LANE, product_layout
    from mscreg.domain.trial import DateKind, Phase, Registry, TrialDate, TrialRegistration
    from mscreg.services.timeline_data import track_logs

    logs = track_logs(ws)
    ryoncil = next(log.product for log in logs if log.product.name == "Ryoncil")
    trials = [TrialRegistration(Registry.CTGOV, f"NCT0{6000000 + i:07d}", f"Trial {i}", id=1000 + i,
                                phases=frozenset({Phase.PHASE2}), product_id=ryoncil.id,
                                first_submitted=TrialDate(PartialDate.parse(f"{2015 + i % 10}-0{1 + i % 9}-15"),
                                                          DateKind.ACTUAL),
                                completion=TrialDate(PartialDate.parse(f"{2027 + i % 3}-06"), DateKind.ESTIMATED))
              for i in range(33)]
    layout = product_layout(ryoncil, logs, AS_OF, "en", trials=trials)
    lanes = [lane for lane in layout.lanes if lane.trials]
    assert [len(lane.trials) for lane in lanes] == [TRIALS_PER_LANE] * 3 + [3]
    assert [lane.state_label for lane in lanes] == ["trials 1–10 of 33", "trials 11–20 of 33", "trials 21–30 of 33",
                                                   "trials 31–33 of 33"]
    assert len({lane.key for lane in lanes}) == len(lanes)
    for landscape in (True, False):
        image = QImage(1754 if landscape else 1240, 1240 if landscape else 1754, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(150 / 0.0254))
        image.setDotsPerMeterY(round(150 / 0.0254))
        doc = TimelineDocument(layout, PageOptions(landscape=landscape), image)
        for i in range(len(doc.pages)):
            assert doc.used_height(i) <= doc.page_h - doc.legend_h - doc.footer_h + 0.5, (landscape, i)
    assert not _overlap_checker()(layout)



def _registration(product_id: int = 1, **dates: tuple[str, str]):
    from mscreg.domain.partial_date import PartialDate
    from mscreg.domain.trial import DateKind, Registry, TrialDate, TrialRegistration

    return TrialRegistration(Registry.CTGOV, "NCT09999999", "A trial", id=1, product_id=product_id, **{
        name: TrialDate(PartialDate.parse(day), DateKind(kind)) for name, (day, kind) in dates.items()})


def test_a_date_of_unstated_kind_after_the_as_of_day_is_a_plan_and_an_actual_one_is_not_shown() -> None:
    from mscreg.domain.timeline_layout import trial_bar

    trial = _registration(first_submitted=("2024-01-10", "not_stated"), start_date=("2024-03", "not_stated"),
                          primary_completion=("2026-06", "actual"), completion=("2027-06", "not_stated"))
    bar = trial_bar(trial, dt.date(2026, 1, 1), "en")
    assert bar is not None
    shown = {p.kind: p.planned for p in bar.points}
    assert shown == {TrialPointKind.REGISTRATION: False, TrialPointKind.START: False,
                     TrialPointKind.COMPLETION: True}  # the actual 2026-06 had not happened on 2026-01-01
    assert trial_bar(trial, dt.date(2023, 12, 31), "en") is None  # not yet registered
    assert trial_bar(_registration(start_date=("2025-01-05", "actual")), dt.date(2024, 12, 31), "en") is None
    assert trial_bar(_registration(start_date=("2025-01", "estimated")), dt.date(2024, 12, 31), "en") is not None


def test_a_far_estimated_completion_does_not_squeeze_the_chart(ws) -> None:
    from mscreg.domain.timeline_layout import product_layout
    from mscreg.services.timeline_data import track_logs

    logs = track_logs(ws)
    ryoncil = next(log.product for log in logs if log.product.name == "Ryoncil")
    assert ryoncil.id is not None
    near = _registration(ryoncil.id, first_submitted=("2024-01-10", "actual"), completion=("2027-06", "estimated"))
    far = _registration(ryoncil.id, first_submitted=("2024-01-10", "actual"), completion=("2045-06", "estimated"))
    near_layout = product_layout(ryoncil, logs, AS_OF, "en", trials=[near])
    far_layout = product_layout(ryoncil, logs, AS_OF, "en", trials=[far])
    assert near_layout.end >= dt.date(2027, 6, 30)  # near plans fit on the axis
    assert far_layout.end < dt.date(2031, 1, 1)  # a plan twenty years out stays off it
    assert [p.date.iso() for lane in far_layout.lanes for b in lane.trials for p in b.points] == \
        ["2024-01-10", "2045-06"]  # and is still in the bar (drawn to the edge, its date in the tooltip)


def test_trial_bars_and_obligation_stars_stand_out_on_a_dark_desktop(qapp, ws) -> None:
    """Graphics need 3:1 against the background (WCAG 1.4.11): on a dark palette the slate trial colour and
    the obligations' purple are lightened, as text colours already are."""
    from PySide6.QtGui import QPalette

    from mscreg.ui.timeline_style import contrast_ratio

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#2a2a2a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    theme = Theme.from_palette(palette)
    layout = _product(ws, "Ryoncil")
    scene, _ = _scene(layout)
    k = 8.0
    for index, lane in enumerate(layout.lanes):
        if not (lane.trials or lane.obligations):
            continue
        ink = _ink(scene, index)
        image = QImage(round(scene.width * k), round(scene.height * k) + 8, QImage.Format.Format_RGB32)
        image.fill(theme.background)
        painter = QPainter(image)
        painter.scale(k, k)
        paint_rows(painter, scene, [r for r in scene.rows if r.lane == index], 0, QPointF(0, 0), theme)
        painter.end()
        marks = [r for kind, r in ink if kind == "marker"]
        assert marks
        seen = []
        for rect in marks:  # the outline at the mark's left edge, the darkest thing of a hollow mark
            row = round(rect.center().y() * k)
            colours = [image.pixelColor(x, row) for x in range(round(rect.left() * k), round(rect.right() * k))]
            seen.append(max(contrast_ratio(c, theme.background) for c in colours))
        assert min(seen) >= 3.0, (lane.title, seen)
