"""The product list as a Qt table model, fed with rows by ``set_rows`` (it never opens a session).

The board reads left to right: the product (named in the interface language), its next open deadline,
one compact state chip per jurisdiction (drawn by :class:`StateChipDelegate` from ``CHIP_ROLE``; the
display text stays the full state name, for search, accessibility and copying), then the attributes:
:data:`LEAD_COLUMNS`, the jurisdictions, :data:`TRAIL_COLUMNS`.  Sorting is a Python sort of the row
list (``sort``), by the key ``SORT_ROLE`` answers for the column, not a QSortFilterProxyModel: sorting
100,000 rows through a proxy took 28 s here, the list sort 86 ms.
Names come from the domain's bilingual tables in :func:`current_language`, so a language switch is
a ``dataChanged``, not a reload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from mscreg.domain import messages
from mscreg.domain.product_attributes import attribute_name
from mscreg.domain.states import State, state_name
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import CHIP_ROLE, OBJECT_ROLE, SORT_ROLE
from mscreg.ui.language import QT_TRANSLATE_NOOP, current_language, is_chinese, language_state
from mscreg.ui.product_names import product_name, track_indication
from mscreg.ui.theme import StateCategory, state_category, state_color, urgency_color

Index = QModelIndex | QPersistentModelIndex

JURISDICTION_ORDER = ("US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR")

# How "far" a state has got, for sorting a jurisdiction column (authorised first, nothing last).
CATEGORY_RANK = {
    StateCategory.APPROVED: 0, StateCategory.CONDITIONAL: 1, StateCategory.REVIEW: 2, StateCategory.SETBACK: 3,
    StateCategory.HOLD: 4, StateCategory.CLINICAL: 5, StateCategory.TERM_ENDED: 6, StateCategory.ENDED: 7,
    StateCategory.PLANNED: 8,
}

# The roles ProductTableModel.data answers; it returns None for every other one.
_ANSWERED_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                             Qt.ItemDataRole.DecorationRole, SORT_ROLE, OBJECT_ROLE, CHIP_ROLE})


class ColumnSpec(NamedTuple):  # a named tuple: made in a tenth of a frozen dataclass's time, before the paint
    key: str
    title: str  # source text for QCoreApplication.translate("ProductTableModel", title)
    text: Callable[[Any], str]  # of a full or a quick overview (the same attributes, two classes)
    width: int


display_name = product_name


def other_name(product) -> str:
    """The name in the other language, when it says something the shown name does not."""
    other = product.name if is_chinese() else product.name_zh
    return "" if other == display_name(product) else other


def display_company(product) -> str:
    if is_chinese():
        return product.company_zh or product.company
    return product.company or product.company_zh


# Before the jurisdictions: the product (the frozen column of the view) and its next deadline.
def _name_text(ov) -> str:
    """The product column's text (``_sort_key_function`` inlines it for sorting)."""
    return display_name(ov.product)


LEAD_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("name", QT_TRANSLATE_NOOP("ProductTableModel", "Product"), _name_text, 210),
    ColumnSpec("next", QT_TRANSLATE_NOOP("ProductTableModel", "Next deadline"), lambda ov: "", 270),
    # the designations held on the as-of day (worked out by the model, which knows that day)
    ColumnSpec("designations", QT_TRANSLATE_NOOP("ProductTableModel", "Designations"), lambda ov: "", 190),
)
DESIGNATIONS_COLUMN = 2
# After them: what a user filters by or reads once.  The other-name column is titled by the language shown.
TRAIL_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("other_name", QT_TRANSLATE_NOOP("ProductTableModel", "Chinese name"),
               lambda ov: other_name(ov.product), 170),
    # where transfers of the authorisation are recorded the model shows the holder on the as-of day
    # instead (it knows that day; see _text)
    ColumnSpec("company", QT_TRANSLATE_NOOP("ProductTableModel", "Company"),
               lambda ov: display_company(ov.product), 190),
    ColumnSpec("tissue", QT_TRANSLATE_NOOP("ProductTableModel", "Tissue"),
               lambda ov: attribute_name("source_tissue", ov.product.source_tissue, current_language()), 120),
    ColumnSpec("donor", QT_TRANSLATE_NOOP("ProductTableModel", "Donor"),
               lambda ov: attribute_name("donor_type", ov.product.donor_type, current_language()), 90),
)
OTHER_NAME_IN_CHINESE = QT_TRANSLATE_NOOP("ProductTableModel", "English name")
JURISDICTION_WIDTH = 150
NEXT_COLUMN = 1


def colon() -> str:
    """A label's colon in the interface language (the full-width one in Chinese text)."""
    return messages.text("list.colon", current_language())


def short_state_name(state, jurisdiction: str, lang: str) -> str:
    """The chip's name of a state: the country's own short word where it has one, else the generic one."""
    local = f"state.short.{jurisdiction}.{State(state).value}"
    return messages.text(local if local in messages.MESSAGES else f"state.short.{State(state).value}", lang)


def next_open_deadline(deadlines: Sequence) -> dict[int, Any]:
    """Each product's soonest open clock (overdue ones included; a track whose term ended asks for a
    review, not an alarm, so it is left out)."""
    found: dict[int, Any] = {}  # a Deadline or a quick one
    for d in deadlines:
        if not d.clock.is_open or d.review:
            continue
        pid = d.product.id
        best = found.get(pid)
        if best is None or d.clock.due.earliest < best.clock.due.earliest:
            found[pid] = d
    return found


def ordered_jurisdictions(codes: set[str]) -> list[str]:
    return [c for c in JURISDICTION_ORDER if c in codes] + sorted(codes - set(JURISDICTION_ORDER))


def leading_track(tracks: Sequence) -> object | None:
    """The track a jurisdiction cell speaks for: marketing before clinical, then the most advanced."""
    if not tracks:
        return None

    def key(tv) -> tuple:
        last = max((e.date.earliest for e in tv.events if e.date is not None), default=None)
        return (tv.track.pathway.value != "marketing", CATEGORY_RANK[state_category(tv.status.state)],
                -(last.toordinal() if last else 0))

    return min(tracks, key=key)


class ProductTableModel(QAbstractTableModel):
    """One row per product: name, next deadline, the state in each jurisdiction, then the attributes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._jurisdictions: list[str] = []
        self._icons: dict[tuple[StateCategory, str], QIcon] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, tuple[object, object]] = {}  # id(overview) → (overview, its sort key)
        self._sort_keys_for: tuple | None = None
        self._leads: dict[tuple[int, str], tuple[object, object]] = {}  # (id(overview), code) → (overview, lead)
        self._universe: Sequence | None = None  # the snapshot's overviews the caches were filled from
        self._next: dict[int, Any] = {}  # product id → its soonest open Deadline
        self._deadlines: Sequence | None = None
        self._as_of: dt.date | None = None
        self._headers: dict[tuple, object] = {}
        self._chips: dict[tuple[int, str], tuple[object, Any]] = {}  # (id(overview), code) → (overview, chip)
        language_state().changed.connect(self.refresh_texts)

    # ----- feeding --------------------------------------------------------------------------------
    def set_rows(self, overviews: Sequence, jurisdictions: Sequence[str] | None = None, *,
                 already_sorted: bool = False) -> None:
        """Replace the rows (already filtered); columns from ``jurisdictions`` or the rows' own tracks.

        ``already_sorted``: the rows come in the order :meth:`sorted_like_view` gives for these
        columns (a filter of a sorted list keeps its order), so they are not sorted again.
        """
        self.beginResetModel()
        self._rows = list(overviews)
        if jurisdictions is None:
            jurisdictions = ordered_jurisdictions({tv.track.jurisdiction for ov in self._rows for tv in ov.tracks})
        self._jurisdictions = list(jurisdictions)
        if not already_sorted and self._sort is not None and self._sort[0] < self.columnCount():
            self._sort_rows(*self._sort)
        self.endResetModel()

    def set_deadlines(self, deadlines: Sequence | None, as_of: dt.date | None) -> None:
        """The clocks of the snapshot (None: not computed yet), for the Next deadline column."""
        if deadlines is self._deadlines and as_of == self._as_of:
            return
        self._deadlines, self._as_of = deadlines, as_of
        self._next = next_open_deadline(deadlines) if deadlines is not None else {}
        if self._sort is not None and self._sort[0] == NEXT_COLUMN:
            self._sort_keys_for = None  # the keys of that column changed
        if self._rows:
            self.dataChanged.emit(self.index(0, NEXT_COLUMN), self.index(len(self._rows) - 1, NEXT_COLUMN))

    def deadlines_spec(self) -> tuple:
        return (id(self._deadlines), self._as_of)

    def sort_spec(self) -> tuple:
        """What the row order depends on: sort column and order, columns, language, clocks."""
        return (self._sort, tuple(self._jurisdictions), current_language(), self.deadlines_spec())

    def sorted_like_view(self, overviews: Sequence, jurisdictions: Sequence[str]) -> list:
        """``overviews`` (all the products of a snapshot) in the order the view's sort column gives them.

        A new snapshot drops the per-overview cache entries of overviews it no longer holds, which would
        otherwise keep every earlier portfolio alive (150 MB an edit at 10,000 products); those of
        unchanged products (the same objects after an edit) are kept.
        """
        if overviews is not self._universe:
            self._universe = overviews
            # keep what belongs to overviews still in it (an edit re-reads only the product it changed)
            live = {id(ov): ov for ov in overviews}
            self._sort_keys = {k: v for k, v in self._sort_keys.items() if live.get(k) is v[0]}
            self._leads = {k: v for k, v in self._leads.items() if live.get(k[0]) is v[0]}
            self._chips = {k: v for k, v in self._chips.items() if live.get(k[0]) is v[0]}
        rows = list(overviews)
        if self._sort is None or self._sort[0] >= len(LEAD_COLUMNS) + len(jurisdictions) + len(TRAIL_COLUMNS):
            return rows
        kept, self._rows, self._jurisdictions = (self._rows, self._jurisdictions), rows, list(jurisdictions)
        try:
            self._sort_rows(*self._sort)
        finally:
            self._rows, self._jurisdictions = kept
        return rows

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        """The overview shown in ``row`` (None outside the rows), without copying the list."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def jurisdictions(self) -> list[str]:
        return list(self._jurisdictions)

    def row_of(self, product_id: int) -> int:
        return next((r for r, ov in enumerate(self._rows) if ov.product.id == product_id), -1)

    def refresh_texts(self, *_args) -> None:
        """Language or palette changed: every text, colour and icon may differ."""
        self._icons.clear()
        self._headers.clear()
        self._chips.clear()
        self._sort_keys.clear()
        self._sort_keys_for = None
        if self.columnCount() and self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # ----- shape ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LEAD_COLUMNS) + len(self._jurisdictions) + len(TRAIL_COLUMNS)

    def jurisdiction_of(self, column: int) -> str | None:
        j = column - len(LEAD_COLUMNS)
        return self._jurisdictions[j] if 0 <= j < len(self._jurisdictions) else None

    def spec_of(self, column: int) -> ColumnSpec | None:
        """The fixed column at ``column`` (None for a jurisdiction's)."""
        if 0 <= column < len(LEAD_COLUMNS):
            return LEAD_COLUMNS[column]
        t = column - len(LEAD_COLUMNS) - len(self._jurisdictions)
        return TRAIL_COLUMNS[t] if 0 <= t < len(TRAIL_COLUMNS) else None

    def column_of(self, key: str) -> int:
        """The column of the fixed column ``key`` (-1 if there is none)."""
        return next((c for c in range(self.columnCount()) if (s := self.spec_of(c)) is not None and s.key == key), -1)

    def column_width(self, column: int) -> int:
        spec = self.spec_of(column)
        return spec.width if spec is not None else JURISDICTION_WIDTH

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        # the two header views ask for every section's title on each layout: worked out once per language
        key = (section, int(role), current_language(), tuple(self._jurisdictions))
        if key not in self._headers:
            if len(self._headers) > 4096:
                self._headers.clear()
            self._headers[key] = self._header(section, role)
        return self._headers[key]

    def _header(self, section: int, role: int):
        code = self.jurisdiction_of(section)
        lang = current_language()
        if role == Qt.ItemDataRole.DisplayRole:
            if code is not None:
                return code
            spec = self.spec_of(section)
            assert spec is not None
            if spec.key == "other_name" and is_chinese():
                return QCoreApplication.translate("ProductTableModel", OTHER_NAME_IN_CHINESE)
            return QCoreApplication.translate("ProductTableModel", spec.title)
        if role == Qt.ItemDataRole.ToolTipRole and code is not None:
            from mscreg.domain.jurisdictions import JURISDICTIONS  # tooltips only: not before the first paint

            j = JURISDICTIONS.get(code)
            return f"{code}{colon()}{j.name(lang)} — {j.agency(lang)}" if j else code
        return None

    # ----- cells ------------------------------------------------------------------------------------
    def _tracks_in(self, ov, code: str) -> list:
        return [tv for tv in ov.tracks if tv.track.jurisdiction == code]

    def _lead(self, ov, code: str):
        """The leading track of ``ov`` in ``code``, worked out once per overview (each repaint asks for
        it for every visible cell and role)."""
        key = (id(ov), code)
        found = self._leads.get(key)
        if found is None or found[0] is not ov:
            if len(self._leads) > 200_000:  # bounded even for rows that never came through sorted_like_view
                self._leads.clear()
            found = self._leads[key] = (ov, leading_track(self._tracks_in(ov, code)))
        return found[1]

    def _state_text(self, ov, code: str) -> str:
        tracks = self._tracks_in(ov, code)
        lead = self._lead(ov, code)
        if lead is None:
            return ""
        text = state_name(lead.status.state, code, current_language())
        if len(tracks) > 1:
            text += f" (+{len(tracks) - 1})"
        return text

    def _since(self, tv) -> str:
        from mscreg.ui.date_display import format_partial

        since = tv.status.since
        return format_partial(since) if since is not None else ""

    def _since_variants(self, tv) -> tuple[str, ...]:
        """The date a state holds since, then coarser forms of it (month, year) for a narrow chip."""
        from dataclasses import replace

        from mscreg.ui.date_display import format_partial

        since = tv.status.since
        if since is None:
            return ()
        forms = [since]
        if since.day is not None:
            forms.append(replace(since, day=None))
        if since.month is not None:
            forms.append(replace(since, month=None, day=None))
        return tuple(dict.fromkeys(format_partial(f) for f in forms))

    def _chip(self, ov, code: str):
        """(short name, since-date forms, colour), worked out once per overview, language and palette: each
        repaint of a keystroke's rows asks for every visible chip."""
        key = (id(ov), code)
        found = self._chips.get(key)
        if found is None or found[0] is not ov:
            if len(self._chips) > 200_000:
                self._chips.clear()
            found = self._chips[key] = (ov, self._make_chip(ov, code))
        return found[1]

    def _make_chip(self, ov, code: str):
        lead = self._lead(ov, code)
        if lead is None:
            return None
        short = short_state_name(lead.status.state, code, current_language())
        more = len(self._tracks_in(ov, code)) - 1
        if more > 0:
            short += f" +{more}"
        return short, self._since_variants(lead), state_color(lead.status.state)

    def _state_tooltip(self, ov, code: str) -> str:
        from mscreg.domain.jurisdictions import JURISDICTIONS

        lang = current_language()
        j = JURISDICTIONS.get(code)
        lines = [f"{j.name(lang)} ({code})" if j else code]
        for tv in self._tracks_in(ov, code):
            if tv.track.pathway.value == "marketing":
                pathway = QCoreApplication.translate("ProductTableModel", "marketing")
            else:
                pathway = QCoreApplication.translate("ProductTableModel", "clinical")
            line = f"{track_indication(tv.track, lang)} ({pathway}){colon()}{state_name(tv.status.state, code, lang)}"
            since = self._since(tv)
            if since:
                line += " — " + QCoreApplication.translate("ProductTableModel", "since %1").replace("%1", since)
            lines.append(line)
        return "\n".join(lines)

    def _next_text(self, ov, full: bool = False) -> str:
        d = self._next.get(ov.product.id)
        if d is None or self._as_of is None:
            return ""
        from mscreg.ui.date_display import due_countdown, format_due

        c = d.clock
        parts = [format_due(c.due.earliest, c.due.latest), due_countdown(c.due.earliest, c.due.latest, self._as_of)]
        what = c.rule.description(current_language())
        if full:
            from mscreg.domain.jurisdictions import JURISDICTIONS

            j = JURISDICTIONS.get(c.track.jurisdiction)
            where = f"{j.name(current_language()) if j else c.track.jurisdiction} — {track_indication(c.track)}"
            return "\n".join([what, " · ".join(parts), where])
        return " · ".join([*parts, what])

    def _flags(self, ov) -> tuple[str, str]:
        """(the compact flags, the tooltip with dates and sources) of the designations ``ov`` holds on the
        as-of day, worked out once per overview, day and language (each repaint asks for every cell)."""
        if getattr(ov, "quick", False):
            # the list saved at the last read holds no events to derive designations from (see
            # designation_flags.product_designations): its module is not imported for it before the paint
            return ("", "")
        from mscreg.ui.designation_flags import flags_text, flags_tooltip, product_designations

        day = self._as_of or dt.date.today()
        key = (id(ov), "flags")
        found = self._chips.get(key)
        if found is None or found[0] is not ov or found[1][0] != day:
            held = product_designations(ov, day)
            found = self._chips[key] = (ov, (day, (flags_text(held), flags_tooltip(ov, day) if held else "")))
        return found[1][1]

    def _state_icon(self, state) -> QIcon:
        category = state_category(state)
        color = state_color(state)
        key = (category, color.name())
        if key not in self._icons:
            self._icons[key] = icon(f"state-{category.value}", color)
        return self._icons[key]

    def _text(self, ov, column: int) -> str:
        code = self.jurisdiction_of(column)
        if code is not None:
            return self._state_text(ov, code)
        if column == NEXT_COLUMN:
            return self._next_text(ov)
        if column == DESIGNATIONS_COLUMN:
            return self._flags(ov)[0]
        spec = self.spec_of(column)
        if spec is not None and spec.key == "company" and getattr(ov, "transfers", None):  # the saved list has none
            return str(ov.company_on(self._as_of or dt.date.today()))
        return spec.text(ov) if spec is not None else ""

    def _sort_key(self, ov, column: int):
        code = self.jurisdiction_of(column)
        if code is None:
            if column == NEXT_COLUMN:
                d = self._next.get(ov.product.id)
                return (True, 0) if d is None else (False, d.clock.due.earliest.toordinal())
            text = self._text(ov, column)
            return (text == "", text.casefold())
        lead = self._lead(ov, code)
        if lead is None:
            return (True, 99, "")
        return (False, CATEGORY_RANK[state_category(lead.status.state)], self._state_text(ov, code).casefold())

    def _sort_key_function(self, column: int) -> Callable[[object], object]:
        """``_sort_key`` for ``column`` as one function of the overview.  The product column (the
        default order) is worked out inline: at 10,000 products the calls through ``_text`` and the
        language lookup per row cost 60 ms of the start-up, before the list could be painted."""
        if column == 0 and LEAD_COLUMNS[0].text is _name_text:
            chinese = is_chinese()

            def by_name(ov) -> tuple[bool, str]:
                p = ov.product
                text = (p.name_zh or p.name) if chinese else (p.name or p.name_zh)
                return (text == "", text.casefold())

            return by_name
        return lambda ov: self._sort_key(ov, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED_ROLES:
            return None  # a painted cell is asked about ten roles, most of which it has no answer for
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or \
                not 0 <= index.column() < self.columnCount():
            return None
        ov = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(ov, column)
        if role == SORT_ROLE:
            return self._sort_key(ov, column)
        if role == OBJECT_ROLE:
            return ov
        code = self.jurisdiction_of(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if code:
                return self._state_tooltip(ov, code) or None
            if column == NEXT_COLUMN:
                return self._next_text(ov, full=True) or None
            if column == DESIGNATIONS_COLUMN:
                return self._flags(ov)[1] or None
            if column == 0:
                other = other_name(ov.product)
                return "\n".join(x for x in (self._text(ov, 0), other) if x) or None
            return self._text(ov, column) or None
        if code is None:
            if column == NEXT_COLUMN and role == Qt.ItemDataRole.ForegroundRole:
                d = self._next.get(ov.product.id)
                return urgency_color(d.clock.status.value) if d is not None else None
            return None
        lead = self._lead(ov, code)
        if lead is None:
            return None
        if role == CHIP_ROLE:
            return self._chip(ov, code)
        if role == Qt.ItemDataRole.ForegroundRole:
            return state_color(lead.status.state)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._state_icon(lead.status.state)
        return None

    # ----- sorting (Python, then a layout change that keeps the selection) -------------------------
    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by ``column``, each row's key computed once per column and language, not per keystroke:
        a search re-sorts the filtered rows every time, and 10,000 keys cost 14 ms."""
        spec = (column, tuple(self._jurisdictions), current_language(), self.deadlines_spec())
        if spec != self._sort_keys_for:
            self._sort_keys.clear()
            self._sort_keys_for = spec
        cache = self._sort_keys
        if len(cache) > 2 * len(self._rows) + 20_000:  # rows from outside sorted_like_view's snapshots
            cache.clear()

        compute = self._sort_key_function(column)

        def key(ov):
            found = cache.get(id(ov))
            if found is None or found[0] is not ov:  # an id may be reused by a new object
                found = cache[id(ov)] = (ov, compute(ov))
            return found[1]

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in before]
        self._sort_rows(column, order)
        where = {id(ov): r for r, ov in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(where[id(ov)], c) for ov, c in held])
        self.layoutChanged.emit()
