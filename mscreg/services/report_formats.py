"""Plain-text and JSON shapes of products and events, for the command line and exports.

The JSON field names are a public interface (scripts read them): ``products`` gives ``name``,
``name_zh``, ``aliases``, ``company`` and ``tracks`` (``jurisdiction``, ``indication``, ``pathway``,
``state``); ``events`` gives ``product``, ``jurisdiction``, ``type``, ``date`` (ISO at its own
precision), ``precision``, ``reference``, ``source``.  Extra fields may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.holder import licensees_as_of
from mscreg.domain.product import DONOR_NAMES, MODALITY_NAMES, TISSUE_NAMES
from mscreg.domain.states import state_name
from mscreg.domain.track import Track
from mscreg.services.tracker import EventView, ProductOverview, TrackOverview


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("zh") else pair[0]


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
        "attributes": dict(e.attributes),
    }


def event_json(v: EventView) -> dict[str, Any]:
    return event_json_parts(v.track, v.event)


def products_text(overviews: list[ProductOverview], lang: str = "en", as_of: dt.date | None = None) -> str:
    zh = lang.startswith("zh")
    lines: list[str] = []
    if as_of is not None:
        lines += [(f"状态截至 {as_of.isoformat()}" if zh else f"States as of {as_of.isoformat()}"), ""]
    for ov in overviews:
        p = ov.product
        title = p.name + (f"  {p.name_zh}" if p.name_zh else "")
        lines.append(title)
        facts = [ov.company_on(as_of or dt.date.today()), _pick(TISSUE_NAMES[p.source_tissue], lang),
                 _pick(DONOR_NAMES[p.donor_type], lang),
                 _pick(MODALITY_NAMES[p.modality], lang)]
        lines.append("  " + " · ".join(f for f in facts if f))
        if p.aliases:
            lines.append(("  别名：" if lang.startswith("zh") else "  aliases: ") + ", ".join(p.aliases))
        for tv in ov.tracks:
            t = tv.track
            since = f" ({tv.status.since.display()})" if tv.status.since else ""
            lines.append(f"  {t.jurisdiction:<3}{t.pathway.value:<10} "
                         f"{state_name(tv.status.state, t.jurisdiction, lang)}{since} — {t.indication}")
            if tv.ended_by is not None:
                c = tv.ended_by
                lines.append(f"               {'期限' if zh else 'term'}: {c.rule.description(lang)}"
                             f"{'，到期日 ' if zh else ', due '}{c.due.display()} ({c.rule.basis})")
        lines.append("")
    return "\n".join(lines)


def events_text(views: list[EventView], lang: str = "en") -> str:
    lines = []
    for v in views:
        e = v.event
        date = e.date.display() if e.date else ("日期不详" if lang.startswith("zh") else "date unknown")
        name = EVENT_TYPES[e.type].name(lang)
        ref = f"  [{e.reference}]" if e.reference else ""
        lines.append(f"{date:<11} {v.track.jurisdiction:<3} {v.product.name}: {name}{ref}")
    return "\n".join(lines)
