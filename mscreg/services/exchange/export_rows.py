"""The database as rows of text, in the column order of :mod:`.table_layout` (before formula guarding).

Dates are their ISO text at their own precision ("2024-07") with the precision beside them; lists
(aliases) are one item per line of the cell; attributes are ``key=value`` lines, sorted.
"""

from __future__ import annotations

from collections.abc import Iterator

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.obligation import Obligation
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.track import Track
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.holder_exchange import TRANSFER_FIELDS, transfer_cells
from mscreg.services.exchange.table_layout import EVENT_FIELDS
from mscreg.services.exchange.verification_exchange import VERIFICATION_FIELDS, verification_cells

_NO_EVENT = [""] * len(EVENT_FIELDS)
_NO_TRANSFER = [""] * len(TRANSFER_FIELDS)
_NO_VERIFICATION = [""] * len(VERIFICATION_FIELDS)


def _product_cells(p: Product) -> list[str]:
    return [p.name, p.name_zh, p.inn, "\n".join(p.aliases), p.company, p.company_zh, "\n".join(p.company_aliases),
            p.source_tissue.value, p.donor_type.value, p.modality.value, p.notes, p.notes_zh]


def _track_cells(t: Track) -> list[str]:
    return [t.jurisdiction, t.indication, t.pathway.value, t.indication_zh]


def _event_cells(e: RegulatoryEvent) -> list[str]:
    d = e.date
    return [e.type, d.iso() if d else "", d.precision.value if d else "", "true" if d and d.approximate else "false",
            e.agency, e.reference, e.source, e.confidence.value, e.note,
            "\n".join(f"{k}={v}" for k, v in sorted(e.attributes.items())), "true" if e.planned else "false", e.note_zh]


def flat_rows(content: Content) -> Iterator[list[str]]:
    """The one-file CSV: a row per event; a track with no events, or a product with no tracks, gets one row;
    then a row per verification of each track, and a row per transfer of holder or licensee."""
    for p in content.products:
        pc = _product_cells(p)
        tracks = content.tracks.get(p.id or 0, [])
        transfers = content.transfers.get(p.id or 0, [])
        if not tracks and not transfers:
            yield [*pc, "", "", "", "", *_NO_EVENT, *_NO_TRANSFER, *_NO_VERIFICATION]
        for t in tracks:
            events = content.events.get(t.id or 0, [])
            if not events:
                yield [*pc, *_track_cells(t), *_NO_EVENT, *_NO_TRANSFER, *_NO_VERIFICATION]
            for e in events:
                yield [*pc, *_track_cells(t), *_event_cells(e), *_NO_TRANSFER, *_NO_VERIFICATION]
            for v in content.verifications.get(t.id or 0, []):
                yield [*pc, *_track_cells(t), *_NO_EVENT, *_NO_TRANSFER, *verification_cells(v)]
        for h in transfers:
            yield [*pc, "", "", "", "", *_NO_EVENT, *transfer_cells(h), *_NO_VERIFICATION]


def product_rows(content: Content) -> Iterator[list[str]]:
    for p in content.products:
        yield _product_cells(p)


def track_rows(content: Content) -> Iterator[list[str]]:
    for p in content.products:
        for t in content.tracks.get(p.id or 0, []):
            yield [p.name, *_track_cells(t)]


def event_rows(content: Content) -> Iterator[list[str]]:
    for p in content.products:
        for t in content.tracks.get(p.id or 0, []):
            for e in content.events.get(t.id or 0, []):
                yield [p.name, t.jurisdiction, t.indication, t.pathway.value, *_event_cells(e)]


def verification_rows(content: Content) -> Iterator[list[str]]:
    for p in content.products:
        for t in content.tracks.get(p.id or 0, []):
            for v in content.verifications.get(t.id or 0, []):
                yield [p.name, t.jurisdiction, t.indication, t.pathway.value, *verification_cells(v)]


def dated(d: PartialDate | None) -> str:
    """An obligation's date as a file holds it: ISO text, "~" first when approximate (as it is typed)."""
    return "" if d is None else ("~" if d.approximate else "") + d.iso()


def _obligation_cells(o: Obligation, auth: RegulatoryEvent | None) -> list[str]:
    return [auth.type if auth else "", auth.date.iso() if auth and auth.date else "", o.kind.value, o.text_en,
            o.text_zh, dated(o.due), o.due_rule.text() if o.due_rule else "", o.owner, o.source]


def obligation_rows(content: Content) -> Iterator[list[str]]:
    """A row per step of each obligation (one with empty step cells when it has none)."""
    for p in content.products:
        for t in content.tracks.get(p.id or 0, []):
            by_id = {e.id: e for e in content.events.get(t.id or 0, [])}
            for o in content.obligations.get(t.id or 0, []):
                head = [p.name, *_track_cells(t), *_obligation_cells(o, by_id.get(o.authorisation_event_id))]
                steps = content.obligation_events.get(o.id or 0, [])
                if not steps:
                    yield [*head, "", "", "", "", ""]
                for e in steps:
                    yield [*head, e.type.value, dated(e.date), dated(e.new_due), e.source, e.note]
