"""The demo-data generator as a benchmark author or a tester relies on it: the same seed gives the same
portfolio, the portfolio covers every country and pathway with the dates and names real data has, it
opens, checks and shows running deadlines like real data, and bad arguments or a failure leave nothing."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from mscreg.domain.clocks import OPEN_STATUSES
from mscreg.domain.errors import DatabaseProblem, InvalidInput, MscregError
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.partial_date import Precision
from mscreg.domain.state_machine import derive
from mscreg.domain.track import Track
from mscreg.services import demo_data
from mscreg.services.deadlines import deadlines
from mscreg.services.demo_data import DEMO_JURISDICTIONS, Generator, check_options, write_demo_database
from mscreg.services.exchange.database_content import load_content
from mscreg.services.integrity import check_database
from mscreg.services.workspace import open_workspace

CJK = re.compile(r"[\u4e00-\u9fff]")


def _content(path: Path):
    with open_workspace(str(path), daily_backup=False) as ws:
        c = load_content(ws)
    return c.products, c.tracks, c.events


def _generated(products: int, events: int = 10, seed: int = 2026, tmp: Path | None = None):
    options = check_options(products, events, seed, (tmp or Path.cwd()) / "unused.sqlite")
    gen = Generator(options)
    return options, [gen.product(serial) for serial in range(1, products + 1)]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """One 60-product database (seed 2026), written once for the tests that only read it."""
    out = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    report = write_demo_database(check_options(60, 10, 2026, out))
    return out, report


def test_the_same_seed_gives_the_same_portfolio_and_another_seed_another(tmp_path):
    a, b, c = (tmp_path / f"{n}.sqlite" for n in "abc")
    write_demo_database(check_options(40, 8, 7, a))
    write_demo_database(check_options(40, 8, 7, b))
    write_demo_database(check_options(40, 8, 8, c))
    assert _content(a) == _content(b)
    assert _content(a) != _content(c)
    assert [p.name[-5:] for p in _content(c)[0]] == [f"{k:05d}" for k in range(1, 41)]  # product k is "… 0000k"
    assert [p.company for p in _content(a)[0]] != [p.company for p in _content(c)[0]]


def test_the_data_end_at_the_chosen_day_not_today(tmp_path):
    def last_day(products):  # a date known only to the year may reach past the end; it began before it
        return max(e.date.earliest for p in products for t in p.tracks for e in t.events if e.date)

    options, products = _generated(80, tmp=tmp_path)
    assert options.end == dt.date(2026, 6, 30)
    assert options.end - dt.timedelta(days=60) < last_day(products) <= options.end
    later = check_options(80, 10, 2026, tmp_path / "x.sqlite", end="2030-01-31")
    shifted = [Generator(later).product(s) for s in range(1, 81)]
    assert dt.date(2029, 12, 1) < last_day(shifted) <= dt.date(2030, 1, 31)


def test_every_jurisdiction_and_both_pathways_with_fifty_products(portfolio):
    out, report = portfolio
    _products, tracks, _events = _content(out)
    combos = {(t.jurisdiction, t.pathway) for ts in tracks.values() for t in ts}
    assert {(j, p) for j in DEMO_JURISDICTIONS for p in Pathway} <= combos
    assert set(report.distribution.products_by_jurisdiction) == set(DEMO_JURISDICTIONS)


def test_each_country_uses_its_own_instruments(tmp_path):
    _options, products = _generated(400, tmp=tmp_path)
    seen = {(t.jurisdiction, e.type) for p in products for t in p.tracks for e in t.events}
    for pair in [("US", "ind_effective"), ("US", "complete_response_letter"), ("CN", "cta_implied_permission"),
                 ("CN", "approval_conditional"), ("JP", "approval_conditional_time_limited"),
                 ("JP", "full_approval_application_filed"), ("EU", "chmp_positive_opinion"),
                 ("EU", "approval_conditional"), ("KR", "approval_conditional"), ("IN", "approval_limited"),
                 ("CA", "noc_c_issued"), ("NZ", "provisional_consent"), ("IR", "approval_full")]:
        assert pair in seen, pair
    types = {e.type for p in products for t in p.tracks for e in t.events}
    assert len(types) >= 0.8 * len(EVENT_TYPES)


def test_every_log_replays_through_the_state_machine_with_m_events_per_product(tmp_path):
    _options, products = _generated(300, events=7, tmp=tmp_path)
    for p in products:
        assert sum(len(t.events) for t in p.tracks) == 7
        for t in p.tracks:
            track = Track(None, None, p.identity.name, t.jurisdiction, t.indication, t.pathway)
            log = [RegulatoryEvent(id=i + 1, track_id=None, type=e.type, date=e.date, attributes=dict(e.attributes))
                   for i, e in enumerate(t.events)]
            status = derive(track, log)  # raises at the first event that does not fit
            assert [s.event.id for s in status.steps] == [e.id for e in log]  # walked order is date order


def test_dates_come_in_every_precision_and_some_are_approximate(tmp_path):
    _options, products = _generated(500, tmp=tmp_path)
    dates = [e.date for p in products for t in p.tracks for e in t.events]
    known = [d for d in dates if d is not None]
    precisions = {d.precision for d in known}
    assert precisions == {Precision.DAY, Precision.MONTH, Precision.YEAR}
    share = {p: sum(d.precision is p for d in known) / len(known) for p in Precision}
    assert share[Precision.DAY] > 0.6 and share[Precision.MONTH] > 0.05 and share[Precision.YEAR] > 0.01
    assert any(d.approximate for d in known)
    assert any(d is None for d in dates)  # a few first events with no date, as sources have them


def test_names_are_chinese_and_english_and_unmistakably_synthetic(portfolio):
    out, _report = portfolio
    products, tracks, _events = _content(out)
    assert all(p.name.startswith("Demo-") and p.inn.endswith("cel") for p in products)
    assert all(CJK.search(p.name_zh) and p.name_zh.startswith("演示") for p in products)
    assert all(CJK.search(p.company_zh) and p.company_aliases for p in products)
    assert all(p.aliases for p in products)
    assert len({p.inn for p in products}) == len(products)
    assert any(CJK.search(t.indication) for ts in tracks.values() for t in ts)


def test_the_database_checks_like_real_data_with_an_audit_row_for_every_record(portfolio):
    out, report = portfolio
    with open_workspace(str(out), daily_backup=False) as ws:
        result = check_database(ws)
    assert result.ok, result.summary()
    assert result.chain.rows == report.products + report.tracks + report.events
    assert (result.products, result.events) == (60, 600)


def test_some_deadlines_are_still_running_at_the_end_of_the_data(portfolio):
    out, report = portfolio
    with open_workspace(str(out), daily_backup=False) as ws:
        items = deadlines(ws, report.end)
    running = [d for d in items if d.clock.status in OPEN_STATUSES and d.clock.due.earliest > report.end]
    assert len(running) >= 10
    assert len({d.clock.rule.id for d in running}) >= 3


def test_the_summary_counts_what_was_written(portfolio):
    _out, report = portfolio
    assert (report.products, report.events) == (60, 600)
    assert report.tracks == sum(report.distribution.tracks_by_pathway.values())
    data = report.as_json()
    assert sum(data["date_precision"].values()) == 600
    assert "Products per jurisdiction: US" in report.summary("en")
    assert "各国家/地区产品数" in report.summary("zh_CN")


@pytest.mark.parametrize(("args", "field", "code"), [
    ((0, 10, 1), "products", "demo.range"),
    ((-5, 10, 1), "products", "demo.range"),
    (("ten", 10, 1), "products", "demo.not_whole"),
    ((10, 0, 1), "events-per-product", "demo.range"),
    ((10, "2.5", 1), "events-per-product", "demo.not_whole"),
    ((200_000, 1_000, 1), "events-per-product", "demo.too_many"),
    ((10, 10, "abc"), "seed", "demo.seed"),
    ((10, 10, "1.5"), "seed", "demo.seed"),
])
def test_bad_numbers_are_refused_with_field_and_value(tmp_path, args, field, code):
    with pytest.raises(InvalidInput) as refused:
        check_options(*args, tmp_path / "out.sqlite")
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == (field, code)
    assert str(args[["products", "events-per-product", "seed"].index(field)]) in refused.value.message("en")
    assert CJK.search(refused.value.message("zh_CN"))
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten_without_force(tmp_path):
    out = tmp_path / "taken.sqlite"
    out.write_bytes(b"precious")
    with pytest.raises(DatabaseProblem) as refused:
        check_options(5, 2, 1, out)
    assert refused.value.problems[0].code == "demo.out_exists"
    options = check_options(5, 2, 1, out, force=True)
    out.write_bytes(b"precious")
    Path(f"{out}-wal").write_bytes(b"a stale log that must not be read as the new file's")
    report = write_demo_database(options)
    assert report.replaced and not Path(f"{out}-wal").exists()
    with open_workspace(str(out), daily_backup=False) as ws:
        assert check_database(ws).ok


def test_a_stale_log_beside_the_name_is_refused_too(tmp_path):
    Path(tmp_path / "x.sqlite-wal").write_bytes(b"old")
    with pytest.raises(DatabaseProblem) as refused:
        check_options(5, 2, 1, tmp_path / "x.sqlite")
    assert refused.value.problems[0].code == "demo.out_exists"


def test_missing_folder_folder_as_file_and_server_url_are_refused(tmp_path):
    for out, code in [(tmp_path / "nope" / "x.sqlite", "db.folder_missing"), (tmp_path, "db.is_folder"),
                      ("postgresql+psycopg://u@h/db", "demo.out_url")]:
        with pytest.raises(MscregError) as refused:
            check_options(5, 2, 1, out)
        assert refused.value.problems[0].code == code
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    import mscreg.services.exchange.import_apply as apply

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(apply, "write_plan", broken)
    with pytest.raises(OSError):
        write_demo_database(check_options(5, 2, 1, tmp_path / "x.sqlite"))
    assert list(tmp_path.iterdir()) == []


def test_the_name_taken_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    out = tmp_path / "race.sqlite"
    options = check_options(5, 2, 1, out)
    real = demo_data.build_records

    def build_and_race(*args, **kwargs):
        out.write_bytes(b"someone else's file")
        return real(*args, **kwargs)

    monkeypatch.setattr(demo_data, "build_records", build_and_race)
    with pytest.raises(DatabaseProblem):
        write_demo_database(options)
    assert out.read_bytes() == b"someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.sqlite"]


def test_two_thousand_products_of_ten_events_in_reasonable_time(tmp_path):
    started = time.perf_counter()
    report = write_demo_database(check_options(2000, 10, 2026, tmp_path / "big.sqlite"))
    elapsed = time.perf_counter() - started
    print(f"2,000 × 10 demo database in {elapsed:.1f} s")
    assert report.events == 20_000
    assert elapsed < 60, f"{elapsed:.1f} s"
