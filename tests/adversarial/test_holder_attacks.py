"""Attacks on holders over time as stored and used: transfers from a company that did not hold the
authorisation, two handovers on the same day, the holder shown as of a day (Prochymal: Osiris →
Mesoblast in 2013), search by a past holder, the round trip through CSV, XLSX and JSON, and ``mscreg
check`` finding a transfer edited outside mscreg."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from support import db_arg, mscreg, refused, table_dump

from mscreg.domain.errors import InvalidInput, NotFound, TransitionRefused
from mscreg.services.holders import add_transfer
from mscreg.services.integrity import check_database
from mscreg.services.product_search import SearchIndex
from mscreg.services.tracker import product_overviews
from mscreg.services.workspace import open_workspace

D = dt.date.fromisoformat


def _prochymal(ws) -> None:
    """The data set records Prochymal's holders in Canada and New Zealand: Osiris from the first approval,
    Mesoblast from 2013-10 (the sale of Osiris's MSC business); nothing to add."""
    [ov] = product_overviews(ws, "Prochymal")
    assert [(t.jurisdiction, t.from_party, t.to_party) for t in ov.transfers if t.jurisdiction == "CA"] == [
        ("CA", "", "Osiris Therapeutics"), ("CA", "Osiris Therapeutics", "Mesoblast")]


@pytest.fixture
def ws(seeded_db):
    workspace = open_workspace(str(seeded_db))
    yield workspace
    workspace.close()


def test_a_transfer_from_a_company_that_did_not_hold_it_is_refused_and_changes_nothing(ws, seeded_db):
    _prochymal(ws)
    before = table_dump(seeded_db)
    with pytest.raises(TransitionRefused) as refusal:
        add_transfer(ws, product="Prochymal", jurisdiction="CA", role="holder", date="2015",
                     from_party="Osiris Therapeutics", to_party="Someone Else", reason="typo")
    assert refusal.value.problems[0].code == "holder.from_mismatch"
    assert "Mesoblast" in refusal.value.message("en")
    assert "持有人" in refusal.value.message("zh_CN")
    assert table_dump(seeded_db) == before


def test_bad_parties_are_refused_by_field(ws, seeded_db):
    before = table_dump(seeded_db)
    cases = [dict(from_party="", to_party=""), dict(from_party="Osiris", to_party="osiris"),
             dict(from_party="Osiris", to_party="")]
    for parties in cases:
        with pytest.raises(InvalidInput) as refusal:
            add_transfer(ws, product="Prochymal", jurisdiction="CA", role="holder", date="2013", reason="r",
                         **parties)
        assert refusal.value.problems[0].field == "to"
    with pytest.raises(InvalidInput):
        add_transfer(ws, product="Prochymal", jurisdiction="XX", role="holder", date="2013", from_party="",
                     to_party="A", reason="r")
    with pytest.raises(NotFound):
        add_transfer(ws, product="No such product", jurisdiction="CA", role="holder", date=None, from_party="",
                     to_party="A", reason="r")
    with pytest.raises(InvalidInput):
        add_transfer(ws, product="Prochymal", jurisdiction="CA", role="holder", date=None, from_party="",
                     to_party="A", reason="  ")
    assert table_dump(seeded_db) == before


def test_two_handovers_by_one_holder_on_the_same_day_conflict(ws, seeded_db):
    _prochymal(ws)  # NZ: Osiris, then Mesoblast from 2013-10
    before = table_dump(seeded_db)
    with pytest.raises(TransitionRefused) as refusal:
        add_transfer(ws, product="Prochymal", jurisdiction="NZ", role="holder", date="2013-10-11",
                     from_party="Osiris Therapeutics", to_party="Other", reason="second sale the same day")
    assert refusal.value.problems[0].code == "holder.conflict"
    assert table_dump(seeded_db) == before


def test_holder_as_of_a_day_osiris_then_mesoblast(ws):
    _prochymal(ws)
    [ov] = product_overviews(ws, "Prochymal", as_of=D("2012-06-01"))
    assert ov.holder_on("CA", D("2012-06-01")) == "Osiris Therapeutics"
    assert ov.company_on(D("2012-06-01")) == "Osiris Therapeutics"
    assert ov.company_on(D("2013-10-11")) == "Mesoblast"
    assert ov.company_on(D("2026-12-05")) == "Mesoblast"
    # a jurisdiction with no transfer recorded shows the product's own company
    assert ov.holder_on("US", D("2026-12-05")) == ov.product.company


def test_cli_products_and_holders_show_the_holder_of_the_day(seeded_db):
    db = db_arg(seeded_db)
    # the data set has Osiris then Mesoblast as holders in Canada; a licensee is added here
    done = mscreg("add-transfer", "--db", db, "--product", "Prochymal", "--jurisdiction", "CA", "--role", "licensee",
                  "--date", "2014-03", "--to", "Example Distributor", "--source", "press release",
                  "--reason", "distribution licence", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["transfer"]["to"] == "Example Distributor"
    old = json.loads(mscreg("products", "--db", db, "--json", "--as-of", "2012-01-01").stdout)
    new = json.loads(mscreg("products", "--db", db, "--json", "--as-of", "2026-12-05").stdout)
    [p_old] = [p for p in old if p["name"] == "Prochymal"]
    [p_new] = [p for p in new if p["name"] == "Prochymal"]
    assert p_old["holder"] == "Osiris Therapeutics" and p_new["holder"] == "Mesoblast"
    assert {t["jurisdiction"]: t["holder"] for t in p_new["tracks"]}["CA"] == "Mesoblast"
    text = mscreg("products", "--db", db, "--as-of", "2026-12-05").stdout
    assert "Mesoblast ·" in text.split("\nProchymal\n", 1)[1].splitlines()[0]  # its heading, not a mention
    listing = json.loads(mscreg("holders", "--db", db, "--json", "--as-of", "2013-01-01").stdout)
    [entry] = [p for p in listing if p["product"] == "Prochymal"]
    assert entry["jurisdictions"]["CA"]["holder"] == "Osiris Therapeutics"
    zh = mscreg("holders", "--db", db, "--lang", "zh_CN", "--product", "Prochymal")
    assert "持有人" in zh.stdout and "Mesoblast" in zh.stdout
    # exit codes: 2 invalid, 3 inconsistent history, 4 not found; nothing written by any of them
    before = table_dump(seeded_db)
    refused(mscreg("add-transfer", "--db", db, "--product", "Prochymal", "--jurisdiction", "CA", "--role",
                   "holder", "--date", "2013-13", "--to", "X", "--reason", "r"), 2, "date")
    refused(mscreg("add-transfer", "--db", db, "--product", "Prochymal", "--jurisdiction", "CA", "--role",
                   "holder", "--date", "2014", "--from", "Osiris Therapeutics", "--to", "X", "--reason", "r"),
            3, "Mesoblast")
    refused(mscreg("add-transfer", "--db", db, "--product", "Nothing", "--jurisdiction", "CA", "--role",
                   "holder", "--to", "X", "--reason", "r"), 4)
    assert table_dump(seeded_db) == before


def test_search_finds_a_product_by_a_past_holder(ws):
    _prochymal(ws)
    overviews = product_overviews(ws)
    from mscreg.domain.holder import all_parties

    parties = {ov.product.id: all_parties(ov.transfers) for ov in overviews}
    index = SearchIndex.build([ov.product for ov in overviews], parties=parties)
    [prochymal] = [ov.product.id for ov in overviews if ov.product.name == "Prochymal"]
    assert prochymal in (index.matching("mesoblast") or set())
    assert prochymal in (index.matching("osiris") or set())
    # the window's index is built by the loader from the overviews it read
    from mscreg.ui.workspace_loader import read_snapshot

    snapshot = read_snapshot(ws)
    assert snapshot.search is not None and prochymal in (snapshot.search.matching("osiris therapeutics") or set())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_transfers_round_trip_through_every_format(ws, seeded_db, tmp_path: Path, fmt: str):
    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file

    _prochymal(ws)
    add_transfer(ws, product="Cupistem", jurisdiction="KR", role="licensee", date="2003", from_party="",
                 to_party="Example Licensee", source="licence agreement", reason="licensee")
    target = tmp_path / f"out.{fmt}"
    export_database(ws, fmt, target)
    fresh = tmp_path / "fresh.sqlite"
    from mscreg.services.workspace import init_database

    other = init_database(str(fresh))
    try:
        import_file(other, target)
        [ov] = product_overviews(other, "Prochymal", as_of=D("2026-12-05"))
        assert ov.company_on(D("2012-01-01")) == "Osiris Therapeutics"
        assert ov.company_on(D("2026-12-05")) == "Mesoblast"
        [cup] = product_overviews(other, "Cupistem")
        assert [t.to_party for t in cup.transfers] == ["Example Licensee"]
        assert cup.transfers[0].source == "licence agreement"
        [tem] = product_overviews(other, "Temcell")
        assert {(t.role.value, t.to_party) for t in tem.transfers} == {("licensee", "JCR Pharmaceuticals"),
                                                                       ("holder", "JCR Pharmaceuticals")}
        before = table_dump(fresh)
        import_file(other, target)  # re-import: no change
        after = table_dump(fresh)
        assert after["holder_transfers"] == before["holder_transfers"]
        assert len(after["audit_log"]) == len(before["audit_log"])
        assert check_database(other).ok
    finally:
        other.close()


def test_check_verifies_transfers_and_fails_when_one_is_edited_outside_mscreg(ws, seeded_db):
    _prochymal(ws)
    assert check_database(ws).ok
    ws.close()
    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE holder_transfers SET to_party = 'Somebody Else' WHERE to_party = 'Mesoblast'")
    con.commit()
    con.close()
    proc = mscreg("check", "--db", db_arg(seeded_db))
    assert proc.returncode == 7, (proc.stdout, proc.stderr)
    assert "holder_transfer" in proc.stderr or "to_party" in proc.stderr


def test_the_data_set_may_carry_holders_and_a_bad_history_in_it_fails_whole(tmp_path: Path):
    from mscreg.domain.errors import MscregError
    from mscreg.services.workspace import init_database
    from mscreg.storage.seed import default_seed_path

    data = json.loads(default_seed_path().read_text(encoding="utf-8"))
    prochymal = next(p for p in data["products"] if p["name"] == "Prochymal")
    prochymal["holders"] = [
        {"jurisdiction": "CA", "role": "holder", "date": None, "from": "", "to": "Osiris Therapeutics"},
        {"jurisdiction": "CA", "role": "holder", "date": "2013", "from": "Osiris Therapeutics", "to": "Mesoblast",
         "source": "http://cryer.org.uk/Prochymal"}]
    good = tmp_path / "seed.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    ws = init_database(str(tmp_path / "a.sqlite"), seed_path=good)
    try:
        [ov] = product_overviews(ws, "Prochymal")
        assert ov.company_on(D("2012-06-01")) == "Osiris Therapeutics" and ov.company_on(D("2014-01-01")) == "Mesoblast"
        assert check_database(ws).ok
    finally:
        ws.close()
    prochymal["holders"][1]["from"] = "Nobody"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MscregError):
        init_database(str(tmp_path / "b.sqlite"), seed_path=bad)


def test_an_emptied_product_cell_on_a_holder_row_is_reported_once(ws, seeded_db, tmp_path: Path):
    """A holder's row of the flat CSV carries its product's cells like any row: an emptied product name is one
    error, at its column, not a second one for the transfer on the same row."""
    import csv

    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.exchange.records import ImportRefused

    out = tmp_path / "all.csv"
    export_database(ws, "csv", out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    header = rows[0]
    index = next(i for i, r in enumerate(rows) if i and r[header.index("holder_to")])
    rows[index][header.index("product")] = ""
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = table_dump(seeded_db)
    with pytest.raises(ImportRefused) as refused_import:
        import_file(ws, out)
    assert [(i.row, i.problem.code) for i in refused_import.value.issues] == [(index + 1, "text.empty")]
    assert refused_import.value.issues[0].column == "A (product)"
    assert table_dump(seeded_db) == before
