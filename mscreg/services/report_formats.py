"""Plain-text and JSON shapes of products and events, for the command line and exports.

The JSON field names are a public interface (scripts read them): ``products`` gives ``name``,
``name_zh``, ``aliases``, ``company`` and ``tracks`` (``jurisdiction``, ``indication``, ``pathway``,
``state``, and ``planned``: the track's plans); ``events`` gives ``product``, ``jurisdiction``, ``type``,
``date`` (ISO at its own precision), ``precision``, ``reference``, ``source`` and ``planned`` (true for a
plan, which never changes a state).  Extra fields may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from mscreg.domain.bilingual import localized
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.holder import licensees_as_of
from mscreg.domain.messages import text
from mscreg.domain.states import state_name
from mscreg.domain.track import Track
from mscreg.services.tracker import EventView, ProductOverview, TrackOverview


def _ended_json(tv: TrackOverview, lang: str) -> dict[str, Any] | None:
    """Why a track's authorisation is no longer in force: the statutory term that ran out."""
    c = tv.ended_by
    if c is None:
        return None
    return {"rule": c.rule.id, "description": c.rule.description(lang), "basis": c.rule.basis,
            "anchor_type": c.anchor.type, "anchor_date": c.anchor.date.iso() if c.anchor.date else None,
            "due": c.due.display()}


def product_json(ov: ProductOverview, lang: str = "en", as_of: dt.date | None = None) -> dict[str, Any]:
    p = ov.product
    day = as_of or dt.date.today()
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.name_zh,
        "inn": p.inn,
        "aliases": list(p.aliases),
        "company": p.company,
        "company_zh": p.company_zh,
        "company_aliases": list(p.company_aliases),
        # the holder as of the day where transfers are recorded, else the company above
        "holder": ov.company_on(day),
        "source_tissue": p.source_tissue.value,
        "donor_type": p.donor_type.value,
        "modality": p.modality.value,
        "tracks": [
            {
                "id": tv.track.id,
                "jurisdiction": tv.track.jurisdiction,
                "indication": tv.track.indication,
                "indication_zh": tv.track.indication_zh,
                "pathway": tv.track.pathway.value,
                "state": tv.status.state.value,
                "state_name": state_name(tv.status.state, tv.track.jurisdiction, lang),
                "since": tv.status.since.iso() if tv.status.since else None,
                "as_of": as_of.isoformat() if as_of else None,
                "term_ended": _ended_json(tv, lang),
                "flags": sorted(tv.status.flags),
                "events": len(tv.events),
                "holder": ov.holder_on(tv.track.jurisdiction, day),
                "licensees": list(licensees_as_of(ov.transfers, tv.track.jurisdiction, day)),
                "verified": ({"on": tv.last_verified.verified_on.isoformat(), "source": tv.last_verified.source}
                             if tv.last_verified else None),
                "planned": [{"id": e.id, "type": e.type, "date": e.date.iso() if e.date else None,
                             "precision": e.date.precision.value if e.date else "unknown"} for e in tv.plans],
            }
            for tv in ov.tracks
        ],
    }


def event_json_parts(track: Track, e: RegulatoryEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "product": track.product_name,
        "jurisdiction": track.jurisdiction,
        "indication": track.indication,
        "indication_zh": track.indication_zh,
        "pathway": track.pathway.value,
        "type": e.type,
        "date": e.date.iso() if e.date else None,
        "precision": e.date.precision.value if e.date else "unknown",
        "approximate": bool(e.date and e.date.approximate),
        "agency": e.agency,
        "reference": e.reference,
        "source": e.source,
        "confidence": e.confidence.value,
        "note": e.note,
        "note_zh": e.note_zh,
        "attributes": dict(e.attributes),
        "planned": e.planned,
    }


def event_json(v: EventView) -> dict[str, Any]:
    return event_json_parts(v.track, v.event)


def _padded(word: str, columns: int) -> str:
    """``word`` padded with spaces to ``columns`` terminal columns (a Chinese character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in word)
    return word + " " * max(0, columns - width)


def products_text(overviews: list[ProductOverview], lang: str = "en", as_of: dt.date | None = None) -> str:
    lines: list[str] = []
    if as_of is not None:
        lines += [text("report.states_as_of", lang, day=as_of.isoformat()), ""]
    for ov in overviews:
        p = ov.product
        title = p.name + (f"  {p.name_zh}" if p.name_zh else "")
        lines.append(title)
        facts = [ov.company_on(as_of or dt.date.today()), text(f"tissue.{p.source_tissue.value}", lang),
                 text(f"donor_type.{p.donor_type.value}", lang), text(f"modality.{p.modality.value}", lang)]
        lines.append("  " + " · ".join(f for f in facts if f))
        if p.aliases:
            lines.append(text("report.aliases", lang, aliases=", ".join(p.aliases)))
        notes = localized(p.notes, p.notes_zh, lang)
        if notes:
            lines.append("  " + notes)
        for tv in ov.tracks:
            t = tv.track
            since = text("report.since", lang, since=tv.status.since.display()) if tv.status.since else ""
            lines.append(f"  {t.jurisdiction:<3}{_padded(text(f'pathway.{t.pathway.value}', lang), 10)} "
                         f"{state_name(tv.status.state, t.jurisdiction, lang)}{since} — "
                         f"{localized(t.indication, t.indication_zh, lang)}")
            if tv.ended_by is not None:
                c = tv.ended_by
                lines.append("               " + text("report.term", lang, rule=c.rule.description(lang),
                                                     due=c.due.display(), basis=c.rule.basis))
            for e in tv.plans:  # listed under the state they do not change
                lines.append(f"               {text('planned.heading', lang)} {EVENT_TYPES[e.type].name(lang)} "
                             f"{e.date.display() if e.date else '—'}")
        lines.append("")
    return "\n".join(lines)


def events_text(views: list[EventView], lang: str = "en") -> str:
    lines = []
    for v in views:
        e = v.event
        date = e.date.display() if e.date else text("date.unknown", lang)
        name = EVENT_TYPES[e.type].name(lang)
        ref = f"  [{e.reference}]" if e.reference else ""
        mark = f" ({text('planned.mark', lang)})" if e.planned else ""
        note = localized(e.note, e.note_zh, lang)
        # one line per event (scripts split the output by line); the note ends it
        lines.append(f"{date:<11} {v.track.jurisdiction:<3} {v.product.name}: {name}{mark}{ref}"
                     + (f" — {' '.join(note.split())}" if note else ""))
    return "\n".join(lines)
