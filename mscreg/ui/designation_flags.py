"""Designations as flags: the list's compact column, the product view's chips per track, the timelines'
lane titles, all as of the day the window shows.

The domain says which designations a track holds on a day (:mod:`mscreg.domain.designation`); this
module only words them: the chip text from the catalogue, and a tooltip with the date each is held
since and the source of the event that granted it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from mscreg.domain import messages
from mscreg.domain.designation import Designation, designations_as_of, product_designations_as_of
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.ui.language import current_language

SEPARATOR = " · "


def track_designations(tv, day: dt.date) -> list[Designation]:
    """The designations a track (a TrackOverview) holds on ``day``."""
    return designations_as_of(tv.track, tv.events, day)


def product_designations(ov, day: dt.date) -> list[Designation]:
    """A product's designations on ``day`` over all its tracks (one per kind and jurisdiction).  The list
    painted at start-up from the last read (``quick``) holds no events to derive them from: none are shown
    until the full read replaces it, a moment later."""
    if getattr(ov, "quick", False):
        return []
    return product_designations_as_of(((tv.track, tv.events) for tv in ov.tracks), day)


def chip_text(d: Designation, lang: str | None = None) -> str:
    return messages.text(d.label_key, lang or current_language(), jurisdiction=d.jurisdiction).strip()


def flags_text(designations: Sequence[Designation], lang: str | None = None) -> str:
    """"Orphan US · RMAT · Fast Track": empty when there is none."""
    return SEPARATOR.join(chip_text(d, lang) for d in designations)


def _since(d: Designation) -> str:
    from mscreg.ui.date_display import format_partial

    return format_partial(d.date)


def _source_of(d: Designation, events: Sequence) -> str:
    e = next((e for e in events if d.event_id is not None and e.id == d.event_id), None)
    return (e.source or e.reference) if e is not None else ""


def flag_line(d: Designation, events: Sequence = (), lang: str | None = None) -> str:
    """One designation in words: what, since when, granted by which event, from which source."""
    lang = lang or current_language()
    etype = EVENT_TYPES.get(d.event_type)
    line = QCoreApplication.translate("DesignationFlags", "%1 — since %2").replace(
        "%1", chip_text(d, lang)).replace("%2", _since(d))
    if etype is not None:
        line += f" ({etype.name(lang)})"
    source = _source_of(d, events)
    if source:
        line += "\n    " + QCoreApplication.translate("DesignationFlags", "Source: %1").replace("%1", source)
    return line


def flags_tooltip(ov, day: dt.date, lang: str | None = None) -> str:
    """The list's tooltip: every designation of the product on ``day``, with its date and source."""
    found = product_designations(ov, day)
    if not found:
        return ""
    events = [e for tv in ov.tracks for e in tv.events]
    head = QCoreApplication.translate("DesignationFlags", "Designations held on %1").replace("%1", day.isoformat())
    return "\n".join([head, *(flag_line(d, events, lang) for d in found)])


class TrackFlags(QLabel):
    """A track's designations as small chips beside its state, each explained in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("designationFlags")
        self.setTextFormat(Qt.TextFormat.RichText)
        # the chips may be cut in a narrow window rather than widen the track's row (the state beside them
        # and the buttons matter more); the tooltip has them all
        self.setMinimumWidth(1)
        self.designations: list[Designation] = []
        self.hide()

    def show_track(self, tv, day: dt.date) -> None:
        self.designations = track_designations(tv, day) if tv is not None else []
        self.setVisible(bool(self.designations))
        if not self.designations:
            self.setText("")
            self.setToolTip("")
            return
        lang = current_language()
        chips = "&nbsp;".join(
            "<span style='background:#e6ecfa; color:#1d3a7a; font-weight:600'>&nbsp;⚑&nbsp;"
            f"{html.escape(chip_text(d, lang))}&nbsp;</span>" for d in self.designations)
        self.setText(chips)
        head = QCoreApplication.translate("DesignationFlags", "Designations held on %1").replace("%1", day.isoformat())
        self.setToolTip("\n".join([head, *(flag_line(d, tv.events, lang) for d in self.designations)]))
        self.setAccessibleName(flags_text(self.designations, lang))
