"""Which product a user means by what they typed: the one resolution every ``--product`` goes through.

A user names a product the way the window's search box accepts it (:mod:`mscreg.services.product_search`):
part of a name ("艾米"), its pinyin ("aimimaituosai") or initials, an alias, the INN.  An exact name
or alias wins; failing that, a text whose squashed form *is* one product's key (its full pinyin, a name
typed without hyphens); failing that, a text contained in exactly one product's keys.  Several
candidates are refused naming them (exit 2): acting on a guess could record an event on the wrong
product.  A miss is refused with the closest names (exit 4), so a typo ("rycil") leads to "Ryoncil".
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mscreg.domain.errors import Conflict, InvalidInput, NotFound, Problem
from mscreg.domain.product import Product, clean_text
from mscreg.services.product_search import SearchIndex, fold, squash
from mscreg.storage import repositories as repo

if TYPE_CHECKING:
    from sqlmodel import Session

    from mscreg.services.workspace import Workspace

SUGGESTIONS = 3  # closest names offered on a miss
CANDIDATES_SHOWN = 10  # candidates named when a text matches several products
_CUTOFF = 0.7  # difflib ratio below which a name is not "close" ("rycil" to "ryoncil": 0.83)


@dataclass(frozen=True)
class Found:
    """Products a text matched, and how: ``exact`` (a name or alias), ``key`` (a whole search key such
    as the full pinyin) or ``partial`` (contained in one)."""

    products: tuple[Product, ...]
    how: str


@dataclass(frozen=True)
class SearchResult:
    """What ``mscreg search`` shows: the products found with the jurisdictions of their tracks, or, when
    none is found, the closest names."""

    found: Found
    jurisdictions: dict[int, tuple[str, ...]]
    closest: tuple[Product, ...] = ()


def search_products(ws: Workspace, text: str) -> SearchResult:
    """Every product ``text`` finds, best tier only (exact, then whole key, then partial)."""
    clean_text("query", text, required=True)
    with ws.db.read() as s:
        found = _search(s, text)
        if not found.products:
            return SearchResult(found, {}, tuple(closest_products(repo.list_products(s), text)))
        ids = [p.id for p in found.products if p.id is not None]
        where: dict[int, list[str]] = {}
        for t in repo.tracks_for_products(s, ids):
            where.setdefault(t.product_id or 0, []).append(t.jurisdiction)
    return SearchResult(found, {pid: tuple(dict.fromkeys(codes)) for pid, codes in where.items()})


def _search(s: Session, text: str) -> Found:
    ids = repo.find_product_ids(s, text)
    if not ids:  # a name in traditional script is stored in simplified script (雙 → 双)
        from mscreg.services.product_search import simplified

        simple = simplified(text)
        ids = repo.find_product_ids(s, simple) if simple != text else []
    if ids:
        return Found(tuple(repo.list_products(s, ids)), "exact")
    products = repo.list_products(s)
    index = SearchIndex.build(products, pinyin=True)
    by_id = {p.id: p for p in products}
    whole = squash(text)
    keyed = [e.product_id for e in index.entries if whole and whole in e.keys]
    if keyed:
        return Found(tuple(by_id[i] for i in keyed), "key")
    matched = index.matching(text) or set()
    return Found(tuple(by_id[i] for i in sorted(matched)), "partial")


def resolve_product(s: Session, text: str, *, field: str = "product") -> Product:
    """The one product ``text`` designates (see the module's rules), or a refusal naming why."""
    return _one(s, text, field, _search(s, text))


def resolve_product_ids(s: Session, text: str, *, field: str = "product") -> list[int]:
    """:func:`resolve_product` for a listing: the product's id in a list."""
    product = resolve_product(s, text, field=field)
    assert product.id is not None
    return [product.id]


def find_one_product(ws: Workspace, text: str, *, field: str = "product") -> Product:
    clean_text(field, text, required=True)
    with ws.db.read() as s:
        return resolve_product(s, text, field=field)


def _one(s: Session, text: str, field: str, found: Found) -> Product:
    if len(found.products) == 1:
        return found.products[0]
    if found.how == "exact" and found.products:
        # a name or alias belongs to one product: two means a record was changed outside mscreg
        raise Conflict(Problem(field, text, "product.ambiguous",
                               {"other": ", ".join(p.name for p in found.products)}))
    if found.products:
        shown = found.products[:CANDIDATES_SHOWN]
        more = len(found.products) - len(shown)
        names = "; ".join(display_name(p) for p in shown) + (f"; … (+{more})" if more else "")
        raise InvalidInput(Problem(field, text, "product.several",
                                   {"count": len(found.products), "candidates": names}))
    close = closest_products(repo.list_products(s), text)
    if close:
        raise NotFound(Problem(field, text, "product.no_match_close",
                               {"close": "; ".join(display_name(p) for p in close)}))
    raise NotFound(Problem(field, text, "product.no_match"))


def display_name(p: Product) -> str:
    """A product as a candidate is listed: its name, and its Chinese name when it has one."""
    return f"{p.name} / {p.name_zh}" if p.name_zh and p.name_zh != p.name else p.name


def closest_products(products: Sequence[Product], text: str, n: int = SUGGESTIONS) -> list[Product]:
    """The ``n`` products whose names, aliases or pinyin come closest to ``text`` (a typo, a letter left
    out), best first; none when nothing is reasonably close."""
    index = SearchIndex.build(products, pinyin=True)
    needle = squash(text) or fold(text)
    if not needle:
        return []
    by_id = {p.id: p for p in products}
    scored: list[tuple[float, int]] = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for entry in index.entries:
        best = 0.0
        for key in entry.keys:
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= _CUTOFF:
            scored.append((best, entry.product_id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [by_id[pid] for _, pid in scored[:n]]
