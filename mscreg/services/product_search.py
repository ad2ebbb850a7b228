"""Finding a product by anything a user might type: any name, alias, INN, company, or pinyin.

Sources name one product many ways (Amimestrocel Injection, Aimmexitocel, amimestrocel,
艾米迈托赛注射液, 睿铂生, PLEB001), and a user at an English keyboard may type the Chinese name in
pinyin without tones ("aimimaituosai") or its initials ("ammts").  Each product gets a list of
search keys built once; a query matches when every word of it is contained in some key, ignoring
case, spaces and hyphens.  pypinyin costs about 250 ms to import, so pinyin keys are built apart
(:meth:`SearchIndex.with_pinyin`), off the UI thread, after the product list is on screen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from mscreg.domain.product import Product

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SQUASH = re.compile(r"[\s\-_./·()（）]+")


def fold(text: str) -> str:
    """Case-, width- and accent-insensitive form used on both sides of a comparison."""
    normal = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normal if not unicodedata.combining(c)).casefold()


def squash(text: str) -> str:
    """``fold`` without spaces, hyphens and similar separators ("hUC-MSC" = "huc msc" = "hucmsc")."""
    return _SQUASH.sub("", fold(text))


def product_texts(p: Product) -> tuple[str, ...]:
    """Every text the search looks at for one product."""
    texts = [p.name, p.name_zh, p.inn, *p.aliases, p.company, p.company_zh, *p.company_aliases]
    return tuple(dict.fromkeys(t for t in texts if t))


def pinyin_keys(text: str) -> tuple[str, ...]:
    """Full pinyin without tones and its initials, for text containing Chinese characters."""
    if not _CJK.search(text):
        return ()
    from pypinyin import Style, lazy_pinyin

    chars = "".join(_CJK.findall(text))
    full = lazy_pinyin(chars, errors="ignore")
    initials = lazy_pinyin(chars, style=Style.FIRST_LETTER, errors="ignore")
    return ("".join(full), "".join(initials))


@dataclass(frozen=True)
class _Entry:
    product_id: int
    keys: tuple[str, ...]  # squashed


@dataclass(frozen=True)
class SearchIndex:
    """Search keys per product id; build with :meth:`build`, then :meth:`matching` as the user types."""

    entries: tuple[_Entry, ...] = ()
    has_pinyin: bool = False
    _texts: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, products: Iterable[Product], *, pinyin: bool = False) -> SearchIndex:
        texts = {p.id: product_texts(p) for p in products if p.id is not None}
        return cls._from_texts(texts, pinyin)

    @classmethod
    def _from_texts(cls, texts: dict[int, tuple[str, ...]], pinyin: bool) -> SearchIndex:
        entries = []
        for pid, items in texts.items():
            keys = [squash(t) for t in items]
            if pinyin:
                for t in items:
                    keys.extend(pinyin_keys(t))
            entries.append(_Entry(pid, tuple(dict.fromkeys(k for k in keys if k))))
        return cls(tuple(entries), pinyin, texts)

    def with_pinyin(self) -> SearchIndex:
        """The same index with pinyin keys added (imports pypinyin: call it off the UI thread)."""
        return self if self.has_pinyin else SearchIndex._from_texts(self._texts, True)

    def matching(self, query: str) -> set[int] | None:
        """Ids of products matching every word of ``query``; None when the query is blank (no filter)."""
        words = [squash(w) for w in fold(query or "").split()]
        words = [w for w in words if w]
        if not words:
            return None
        return {e.product_id for e in self.entries if all(any(w in k for k in e.keys) for w in words)}
