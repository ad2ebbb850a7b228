"""Products named in the interface language, wherever the window names one.

The data has an English and a Chinese name for most products (and an indication in both for its
tracks); the list, the dialogs, the undo texts
and the audit trail show the one of the interface language and fall back to the other.  Records that
refer to a product or track by id (an audit value, a track's ``product_name``) are named from the
snapshot the window shows, which the products page hands over (:func:`remember`); the lookups are
built on first use per snapshot, not on each one.
"""

from __future__ import annotations

from collections.abc import Sequence

from mscreg.domain.bilingual import localized
from mscreg.ui.language import current_language, is_chinese


def product_name(product) -> str:
    """The product's name in the interface language where the data has one, else the other one."""
    name, name_zh = product.name, product.name_zh
    if is_chinese():
        return name_zh or name
    return name or name_zh


def track_indication(track, lang: str | None = None) -> str:
    """The track's indication in the interface language (or ``lang``) where the data has it, else the
    other one: the same rule as for product names."""
    return localized(track.indication, track.indication_zh, lang or current_language())


class RecordNames:
    """Products and tracks of the shown snapshot, by id (and products by their English name)."""

    def __init__(self) -> None:
        self._overviews: Sequence = ()
        self._built_for: Sequence | None = None
        self._products: dict[int, object] = {}
        self._by_name: dict[str, object] = {}
        self._tracks: dict[int, tuple[object, object]] = {}

    def remember(self, overviews: Sequence) -> None:
        self._overviews = overviews

    def _build(self) -> None:
        if self._built_for is self._overviews:
            return
        self._built_for = self._overviews
        self._products = {ov.product.id: ov.product for ov in self._overviews}
        self._by_name = {ov.product.name: ov.product for ov in self._overviews}
        self._tracks = {tv.track.id: (ov.product, tv.track) for ov in self._overviews for tv in ov.tracks}

    def product_by_id(self, value) -> object | None:
        self._build()
        return self._products.get(value) if isinstance(value, int) else None

    def product(self, value) -> str | None:
        p = self.product_by_id(value)
        return product_name(p) if p is not None else None

    def named(self, english_name: str) -> str:
        """A name stored in English (a track's ``product_name``) in the interface language."""
        if not is_chinese():
            return english_name
        self._build()
        p = self._by_name.get(english_name)
        return product_name(p) if p is not None else english_name

    def track(self, value) -> str | None:
        from mscreg.domain.jurisdictions import JURISDICTIONS

        self._build()
        found = self._tracks.get(value) if isinstance(value, int) else None
        if found is None:
            return None
        product, track = found
        j = JURISDICTIONS.get(track.jurisdiction)
        where = j.name(current_language()) if j else track.jurisdiction
        return " / ".join(x for x in (product_name(product), where, track_indication(track)) if x)


record_names = RecordNames()
