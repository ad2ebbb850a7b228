"""Search finds a product by anything a user might type: names, aliases, INN, company, pinyin."""

from __future__ import annotations

import pytest

from mscreg.domain.product import Product
from mscreg.services.product_search import SearchIndex, pinyin_keys, squash


@pytest.fixture(scope="module")
def seeded_products(seeded_template):
    from mscreg.services.tracker import product_overviews
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(seeded_template)) as ws:
        return [ov.product for ov in product_overviews(ws)]


@pytest.fixture(scope="module")
def index(seeded_products):
    return SearchIndex.build(seeded_products, pinyin=True)


def found(index, products, query) -> list[str]:
    ids = index.matching(query)
    return sorted(p.name for p in products if p.id in ids)


@pytest.mark.parametrize("query", [
    "艾米", "艾米迈托赛注射液", "amimestrocel", "Aimmexitocel", "AIMMEXITOCEL", "睿铂生", "PLEB001",
    "aimimaituosai", "aimi maituo", "ammts", "ruibosheng", "Platinum Life", "铂生卓越", "bosheng excellence",
])
def test_every_name_of_amimestrocel_finds_it_and_only_it(index, seeded_products, query):
    assert found(index, seeded_products, query) == ["Amimestrocel Injection"]


def test_company_and_inn_find_all_their_products(index, seeded_products):
    assert found(index, seeded_products, "remestemcel-L") == ["Prochymal", "Ryoncil"]
    assert found(index, seeded_products, "mesoblast") == ["Prochymal", "Ryoncil"]  # Prochymal's company alias


def test_separators_and_case_do_not_matter(index, seeded_products):
    assert found(index, seeded_products, "temcell-hs") == found(index, seeded_products, "Temcell HS") \
        == ["Temcell HS Inj."]
    assert squash("hUC-MSC PLEB001") == squash("huc msc pleb 001")


def test_every_word_must_match(index, seeded_products):
    assert found(index, seeded_products, "mesoblast ryoncil") == ["Ryoncil"]
    assert found(index, seeded_products, "mesoblast alofisel") == []


def test_blank_query_means_no_filter_and_gibberish_finds_nothing(index, seeded_products):
    assert index.matching("") is None and index.matching("   ") is None
    assert index.matching("zzqx 🙂 ' OR 1=1 --") == set()


def test_pinyin_needs_the_pinyin_keys(seeded_products):
    plain = SearchIndex.build(seeded_products)
    assert plain.matching("aimimaituosai") == set()  # the fast index built before pypinyin is loaded
    assert found(plain.with_pinyin(), seeded_products, "aimimaituosai") == ["Amimestrocel Injection"]


def test_pinyin_keys_are_full_pinyin_without_tones_and_initials():
    assert pinyin_keys("艾米迈托赛") == ("aimimaituosai", "ammts")
    assert pinyin_keys("Ryoncil") == ()


def test_a_new_product_is_searchable_by_its_chinese_initials():
    p = Product(id=7, name="Test cells", name_zh="间充质干细胞")
    index = SearchIndex.build([p], pinyin=True)
    assert index.matching("jcz") == {7}
    assert index.matching("jianchongzhi") == {7}


def test_a_rebuilt_index_reuses_pinyin_and_finds_what_a_fresh_one_finds():
    """After an edit the index is rebuilt from the re-read products with the old pinyin keys reused."""
    import dataclasses

    from mscreg.domain.product import Product
    from mscreg.services.product_search import SearchIndex

    a = Product(id=1, name="Amimestrocel", name_zh="艾米迈托赛", company="Platinum Life")
    b = Product(id=2, name="Ryoncil", name_zh="瑞欧赛")
    old = SearchIndex.build([a, b]).with_pinyin()
    renamed = dataclasses.replace(b, name_zh="雷米赛")
    new = old.rebuilt([a, renamed])
    fresh = SearchIndex.build([a, renamed]).with_pinyin()
    for query in ("aimimaituosai", "ammts", "leimisai", "ruiousai", "ryoncil", "艾米"):
        assert new.matching(query) == fresh.matching(query), query
    assert new.matching("leimisai") == {2} and not new.matching("ruiousai")
    assert SearchIndex.build([a]).rebuilt([a]).has_pinyin is False  # no pinyin asked, none built


# Traditional script: sources and users in Hong Kong and Taiwan write the same names in it.

@pytest.mark.parametrize("query", ["艾米邁托賽", "艾米邁托賽注射液", "邁托"])
def test_a_traditional_query_finds_the_simplified_name(index, seeded_products, query):
    assert found(index, seeded_products, query) == ["Amimestrocel Injection"]


def test_a_traditional_name_is_found_by_its_simplified_form():
    p = Product(id=3, name="Test cells", company_zh="安特羅金")
    index = SearchIndex.build([p]).with_pinyin()
    assert index.matching("安特罗金") == {3} and index.matching("安特羅金") == {3}
    assert index.matching("antelu") == {3}  # pinyin is read from the simplified form


def test_the_fast_index_matches_traditional_text_literally_only():
    """Before the slow keys are prepared (the window's first screen) the converter is not used."""
    p = Product(id=4, name="Test cells", name_zh="艾米迈托赛注射液")
    plain = SearchIndex.build([p])
    assert plain.matching("艾米邁托賽") == set()
    assert plain.with_pinyin().matching("艾米邁托賽") == {4}


def test_building_and_searching_the_fast_index_does_not_load_the_converter():
    """The converter's ~80 ms load must not land before the window's first paint: only the step that
    adds pinyin loads it."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from mscreg.domain.product import Product\n"
            "from mscreg.services.product_search import SearchIndex\n"
            "i = SearchIndex.build([Product(id=1, name='x', name_zh='艾米迈托赛')])\n"
            "i.matching('艾米邁托賽'); i.matching('ryoncil')\n"
            "assert 'opencc_purepy' not in sys.modules, 'converter loaded'\n"
            "i.with_pinyin()\n"
            "assert 'opencc_purepy' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_command_line_lookup_in_traditional_script_finds_the_product(seeded_template):
    from mscreg.services.tracker import find_product, product_overviews
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(seeded_template)) as ws:
        assert find_product(ws, "注射用間充質幹細胞(臍帶)").name == "AmCellGene UC-MSC"
        assert [ov.product.name for ov in product_overviews(ws, "注射用間充質幹細胞(臍帶)")] == ["AmCellGene UC-MSC"]
