"""Attacks on product identity (reliability review 2): names that look exactly like another product's
("Ryoncil" with a zero-width space, in fullwidth letters, behind a bidirectional mark) must not become a
second product, and must find the product they look like.

Each test failed on the code before the change it guards (the property test of the normal form excepted:
it pins the function the other tests rely on).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import refused, run

from mscreg.domain.errors import Conflict
from mscreg.domain.product import ProductDraft

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)




# ==================================================================================================
# identity: names that look alike


LOOK_ALIKES = [
    "Ryoncil\u200b",  # zero-width space
    "\ufeffRyoncil",  # byte-order mark
    "Ry\u200doncil",  # zero-width joiner
    "\u202eRyoncil",  # right-to-left override
    "\uff32yoncil",  # fullwidth R
    "RYONCIL\u00ad",  # soft hyphen, other case
    "Ryoncil\u2063",  # invisible separator
]


@BOTH
@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_product_that_looks_like_an_existing_one_is_refused_naming_it(workspace, seeded_db, dump, name):
    from mscreg.services.editing import create_product

    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        create_product(workspace, ProductDraft(name=name), reason="look-alike")
    assert info.value.exit_code == 5
    assert "(Ryoncil)" in info.value.message("en") and "already exists" in info.value.message("en")
    assert "Ryoncil" in info.value.message("zh_CN")
    assert dump(seeded_db) == before


@BOTH
def test_an_alias_that_looks_like_another_products_alias_is_refused(workspace, seeded_db, dump):
    from mscreg.services.editing import create_product

    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        create_product(workspace, ProductDraft(name="Newcell", aliases=("\uff33temirac\u200b",)), reason="x")
    problem = info.value.problems[0]
    assert (problem.field, problem.value, problem.params["other"]) == ("aliases", "Stemirac", "Stemirac")
    assert dump(seeded_db) == before


@BOTH
def test_names_are_stored_normalised_and_found_whatever_form_they_are_typed_in(workspace):
    from mscreg.services.editing import create_product, create_track
    from mscreg.services.tracker import find_product

    made = create_product(workspace, ProductDraft(
        name="\uff2eewcell\u200b", name_zh="\u65b0\u7ec6\u80de\u200c", inn="newcel\u00adtemcel",
        aliases=("NC\u200b-01",), company="\uff21cme\u2060 Bio", company_zh="\u827e\u514b\u200b\u7c73",
        company_aliases=("A\u200bcme",)), reason="normalised")
    assert (made.name, made.name_zh, made.inn, made.aliases, made.company, made.company_zh, made.company_aliases) == (
        "Newcell", "\u65b0\u7ec6\u80de", "newceltemcel", ("NC-01",), "Acme Bio", "\u827e\u514b\u7c73", ("Acme",))
    track = create_track(workspace, made.id, _track("JP", "\uff27VHD\u200b"), reason="x")
    assert track.indication == "GVHD"
    for typed in ("NEWCELL", "\uff4eewcell", "newcell\u200b", "nc-01", "\uff2e\uff23-01"):
        assert find_product(workspace, typed).id == made.id, typed


def _track(jurisdiction: str, indication: str):
    from mscreg.domain.track import TrackDraft

    return TrackDraft(jurisdiction, indication, "marketing")


def test_a_name_stored_before_normalising_is_still_found_and_still_refuses_its_look_alike(seeded_db):
    """A database written by an earlier mscreg may hold "Ｒyoncil" itself: typing "Ryoncil" finds it,
    and a new "Ryoncil" is refused as its look-alike.  Before: "Ryoncil" was not found, and created."""
    from mscreg.services.editing import create_product
    from mscreg.services.tracker import find_product
    from mscreg.services.workspace import open_workspace

    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE products SET name = '\uff32yoncil' WHERE name = 'Ryoncil'")
    con.commit()
    con.close()
    with open_workspace(str(seeded_db)) as ws:
        assert find_product(ws, "ryoncil").name == "\uff32yoncil"
        with pytest.raises(Conflict) as info:
            create_product(ws, ProductDraft(name="Ryoncil"), reason="x")
        assert info.value.problems[0].params["other"] == "\uff32yoncil"


def test_a_look_alike_typed_on_the_command_line_finds_the_product_it_looks_like(seeded_db):
    proc = run("--db", str(seeded_db), "events", "--product", "\uff32yoncil\u200b", "--json")
    assert proc.returncode == 0, proc.stderr
    assert {e["product"] for e in json.loads(proc.stdout)} == {"Ryoncil"}


def test_an_import_naming_a_look_alike_goes_to_the_product_it_looks_like(seeded_db, tmp_path, dump):
    """Before: "Ｒyoncil" in a file became a 21st product looking exactly like Ryoncil."""
    file = tmp_path / "rows.csv"
    file.write_text("product,jurisdiction,indication,pathway,type,date\n"
                    "\uff32yoncil\u200b,US,\uff27VHD2,clinical,ind_submitted,2026-01\n", encoding="utf-8-sig")
    proc = run("--db", str(seeded_db), "import", str(file))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    products = json.loads(run("--db", str(seeded_db), "products", "--json").stdout)
    assert len(products) == 15
    ryoncil = next(p for p in products if p["name"] == "Ryoncil")
    assert "GVHD2" in json.dumps(ryoncil)
    alias_file = tmp_path / "alias.csv"
    alias_file.write_text("product,aliases,jurisdiction,indication,pathway,type,date\n"
                          "Newcell,Stemirac\u200b,US,GVHD,clinical,ind_submitted,2026-01\n", encoding="utf-8-sig")
    before = dump(seeded_db)
    refusal = run("--db", str(seeded_db), "import", str(alias_file))
    refused(refusal, 2, "already exists (Stemirac)")
    assert dump(seeded_db) == before


def test_normalising_is_stable_and_leaves_no_format_character():
    from mscreg.domain.product import normalise_name

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
    def stable(text: str) -> None:
        once = normalise_name(text)
        assert normalise_name(once) == once
        assert not any(unicodedata.category(c) == "Cf" for c in once)
        assert unicodedata.is_normalized("NFKC", once)

    stable()
    # composing across a removed format character: "e" + ZWSP + combining acute is "é"
    assert normalise_name("e\u200b\u0301") == "\u00e9"


