"""Finding a product by anything a user might type: any name, alias, INN, company, or pinyin.

Sources name one product many ways (Amimestrocel Injection, Aimmexitocel, amimestrocel,
艾米迈托赛注射液, 睿铂生, PLEB001), and a user at an English keyboard may type the Chinese name in
pinyin without tones ("aimimaituosai") or its initials ("ammts").  Each product gets a list of
search keys built once; a query matches when every word of it is contained in some key, ignoring
case, spaces and hyphens.  pypinyin costs about 250 ms to import, so pinyin keys are built apart
(:meth:`SearchIndex.with_pinyin`), off the UI thread, after the product list is on screen.

Sources in traditional script write the same names differently (艾米邁托賽注射液 for 艾米迈托赛注射液,
美迪波斯特 / 安特羅金 for the companies), and a user in Hong Kong or Taiwan types them so.  Both sides
of the comparison are folded to simplified script with OpenCC's table (opencc-purepy, "t2s").  The
converter takes ~80 ms to import and load, so it is loaded with the pinyin keys, in the same step
after the first paint; until then a traditional query finds only what it matches literally.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from mscreg.domain.product import Product

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SQUASH = re.compile(r"[\s\-_./·()（）]+")


def fold(text: str) -> str:
    """Case-, width- and accent-insensitive form used on both sides of a comparison."""
    if text.isascii():  # no widths, accents or special cases to fold: the common case, 20× faster
        return text.lower()
    normal = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normal if not unicodedata.combining(c)).casefold()


def squash(text: str) -> str:
    """``fold`` without spaces, hyphens and similar separators ("hUC-MSC" = "huc msc" = "hucmsc")."""
    return _SQUASH.sub("", fold(text))


Parties = Mapping[int, Iterable[str]]  # product id → every company that ever held it or was licensed it


def product_texts(p: Product, parties: Iterable[str] = ()) -> tuple[str, ...]:
    """Every text the search looks at for one product; ``parties``: its past and present holders and
    licensees (a product is still found by the company that held it before a transfer)."""
    texts = [p.name, p.name_zh, p.inn, *p.aliases, p.company, p.company_zh, *p.company_aliases, *sorted(parties)]
    return tuple(dict.fromkeys(t for t in texts if t))


_converter_lock = threading.Lock()
_converter = None  # opencc_purepy.OpenCC("t2s"), loaded on first use


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters written in simplified script (OpenCC t2s); text with
    no Chinese character is returned as it is, without loading the converter.  The first call that
    needs it loads the converter (~80 ms): call it off the UI thread, or after :meth:`SearchIndex.with_pinyin`."""
    if not _CJK.search(text):
        return text
    global _converter
    converter = _converter
    if converter is None:
        with _converter_lock:
            if _converter is None:
                from opencc_purepy import OpenCC

                _converter = OpenCC("t2s")
            converter = _converter
    return str(converter.convert(text))


def load_script_converter() -> None:
    """Load the converter :func:`simplified` uses (~80 ms), off the UI thread, before a query needs it."""
    simplified("中")


def script_keys(text: str) -> tuple[str, ...]:
    """The keys added with pinyin for one text: its simplified-script form when that differs, and the
    pinyin of it (pypinyin reads simplified characters best)."""
    if not _CJK.search(text):
        return ()
    simple = simplified(text)
    own = (squash(simple),) if simple != text else ()
    return own + pinyin_keys(simple)


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

    @property
    def blob(self) -> str:
        """The keys in one string, separated by a character no squashed query contains."""
        return _SEPARATOR.join(self.keys)


_SEPARATOR = "\x00"


@dataclass(frozen=True)
class SearchIndex:
    """Search keys per product id; build with :meth:`build`, then :meth:`matching` as the user types."""

    entries: tuple[_Entry, ...] = ()
    has_pinyin: bool = False
    _texts: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    # (product id, keys joined) for each entry: one substring test per product and word as the user
    # types, instead of one per key (10,000 products: ~3 ms a keystroke instead of ~20 ms)
    _blobs: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)
    # pinyin and simplified-script keys per text, handed on to the index rebuilt after an edit:
    # pypinyin takes 2.7 s for 10,000 products, and an edit changes one of them
    _pinyin: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self._blobs and self.entries:
            object.__setattr__(self, "_blobs", tuple((e.product_id, e.blob) for e in self.entries))

    @classmethod
    def build(cls, products: Iterable[Product], *, pinyin: bool = False, parties: Parties | None = None) -> SearchIndex:
        texts = {p.id: product_texts(p, (parties or {}).get(p.id, ())) for p in products if p.id is not None}
        return cls._from_texts(texts, pinyin)

    @classmethod
    def _from_texts(cls, texts: dict[int, tuple[str, ...]], pinyin: bool,
                    known: dict[str, tuple[str, ...]] | None = None) -> SearchIndex:
        entries = []
        cache: dict[str, tuple[str, ...]] = {}
        if pinyin:
            simplified("中")  # an index with these keys folds queries: the converter must be there
        for pid, items in texts.items():
            keys = [squash(t) for t in items]
            if pinyin:
                for t in items:
                    found = cache.get(t)
                    if found is None:
                        found = (known or {}).get(t)
                        if found is None:
                            found = script_keys(t)
                        cache[t] = found
                    keys.extend(found)
            entries.append(_Entry(pid, tuple(dict.fromkeys(k for k in keys if k))))
        return cls(tuple(entries), pinyin, texts, _pinyin=cache)

    def rebuilt(self, products: Iterable[Product], parties: Parties | None = None) -> SearchIndex:
        """An index of ``products`` (the portfolio re-read after an edit) with pinyin if this one had it,
        reusing this one's pinyin keys for every text that did not change."""
        texts = {p.id: product_texts(p, (parties or {}).get(p.id, ())) for p in products if p.id is not None}
        return SearchIndex._from_texts(texts, self.has_pinyin, self._pinyin)

    def updated(self, changed: Iterable[Product], touched: Collection[int],
                parties: Parties | None = None) -> SearchIndex:
        """This index with the ``touched`` products' keys replaced by those of ``changed`` (re-read
        after an edit; a touched product not among them is gone).  Unchanged products keep their keys:
        folding 10,000 products' texts again took longer than the re-read of the changed one."""
        fresh = {p.id: product_texts(p, (parties or {}).get(p.id, ())) for p in changed if p.id is not None}
        new = SearchIndex._from_texts(fresh, self.has_pinyin,
                                      self._pinyin)
        entries = [e for e in self.entries if e.product_id not in touched]
        entries.extend(new.entries)
        entries.sort(key=lambda e: e.product_id)
        texts = {pid: t for pid, t in self._texts.items() if pid not in touched}
        texts.update(new._texts)
        return SearchIndex(tuple(entries), self.has_pinyin, texts, _pinyin={**self._pinyin, **new._pinyin})

    def with_pinyin(self, known: SearchIndex | None = None) -> SearchIndex:
        """The same index with pinyin and simplified-script keys added (imports pypinyin and loads the
        script converter: call it off the UI thread), reusing the keys ``known`` already has for a text.
        From then on a query in traditional script is folded too."""
        if self.has_pinyin:
            return self
        simplified("中")  # load the converter here, not at the first keystroke on the UI thread
        return SearchIndex._from_texts(self._texts, True, known._pinyin if known is not None else None)

    def saved_keys(self) -> tuple[list[tuple[int, tuple[str, ...]]], Mapping[str, tuple[str, ...]]]:
        """What :meth:`restored` takes back: each product's keys, and the pinyin and simplified-script
        keys per text (for an index built later to reuse)."""
        return [(e.product_id, e.keys) for e in self.entries], self._pinyin

    @classmethod
    def restored(cls, blobs: Mapping[int, str], script: Mapping[str, tuple[str, ...]]) -> SearchIndex:
        """An index with pinyin from keys saved earlier (services.overview_cache): each product's keys
        joined by the separator (what :attr:`_Entry.blob` makes), and the pinyin keys per text.  Built
        without pypinyin or the script converter, it answers queries exactly as the index it was saved
        from (the same strings are scanned); it keeps no product texts, so it is replaced by a full
        read's index, never :meth:`updated` (:meth:`rebuilt` from it reuses its pinyin keys)."""
        entries = tuple(_Entry(pid, tuple(blob.split(_SEPARATOR)) if blob else ()) for pid, blob in blobs.items())
        return cls(entries, True, {}, _blobs=tuple(blobs.items()), _pinyin=dict(script))

    def matching(self, query: str) -> set[int] | None:
        """Ids of products matching every word of ``query``; None when the query is blank (no filter)."""
        text = fold(query or "")
        if self.has_pinyin:  # the converter was loaded with these keys: folding a query costs microseconds
            text = simplified(text)
        words = [squash(w).replace(_SEPARATOR, "") for w in text.split()]
        words = [w for w in words if w]
        if not words:
            return None
        if len(words) == 1:
            word = words[0]
            return {pid for pid, blob in self._blobs if word in blob}
        return {pid for pid, blob in self._blobs if all(w in blob for w in words)}
