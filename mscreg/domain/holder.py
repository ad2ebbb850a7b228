"""Who holds a product's marketing authorisation, and who is licensed, in a jurisdiction, over time.

Authorisations change hands (Prochymal: Osiris → Mesoblast in 2013; Alofisel: TiGenix → Takeda in 2018) and
licensees come and go (JCR for Temcell in Japan).  The company shown for a product is the one on the as-of
day, so the history is kept as dated transfers, per product and jurisdiction, and the holder on a day is
derived from them like a state from its log.

A transfer says from whom to whom.  Role ``holder``: there is one holder at a time; the first transfer names
no ``from`` (the original holder, its date that of the first authorisation or unknown), every later one must
come from the holder on its date.  Role ``licensee``: several may hold a licence at once; ``from`` empty adds
one, ``to`` empty ends one, both set hand a licence over.

Dates keep their precision.  A transfer is known on a day once its earliest possible day has come (as for
events).  Two transfers whose date ranges overlap cannot be put in order by date: they are accepted when
their parties chain in date order, and otherwise refused with a request for a more precise date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mscreg.domain.errors import InvalidInput, Problem, invalid
from mscreg.domain.event import MAX_SOURCE, check_actual_precision
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import NoDate
from mscreg.domain.partial_date import PartialDate, parse_optional
from mscreg.domain.product import MAX_NAME, clean_text, parse_enum


class HolderRole(StrEnum):
    HOLDER = "holder"  # the marketing-authorisation holder
    LICENSEE = "licensee"


@dataclass(frozen=True)
class HolderTransfer:
    """One change of holder or licensee.  ``from_party`` empty: nobody before (the first holder, a new
    licensee); ``to_party`` empty: nobody after (a licence ended).  ``date`` is None only for the first
    holder, whose start is not known."""

    id: int | None
    product_id: int | None
    jurisdiction: str
    role: HolderRole
    date: PartialDate | None
    from_party: str
    to_party: str
    source: str = ""
    note: str = ""
    version: int = 1

    @property
    def order_key(self) -> tuple[int, dt.date | None, dt.date | None, float]:
        seq = self.id if self.id is not None else float("inf")
        if self.date is None:
            return (0, None, None, seq)
        return (1, self.date.earliest, self.date.latest, seq)


def make_transfer(jurisdiction: str, role: str, date: str | None, from_party: str, to_party: str, *,
                  source: str = "", note: str = "", id: int | None = None, product_id: int | None = None,
                  version: int = 1) -> HolderTransfer:
    """Validate one transfer's own fields (its fit with the history is :func:`check_history`)."""
    code = get_jurisdiction(jurisdiction).code
    kind = HolderRole(parse_enum(HolderRole, "role", role).value)
    day = parse_optional(date, field="date")
    if day is not None:
        check_actual_precision(day)
    old = clean_text("from", from_party, limit=MAX_NAME)
    new = clean_text("to", to_party, limit=MAX_NAME)
    if not old and not new:
        raise invalid("to", to_party, "holder.nobody")
    if old and old.casefold() == new.casefold():
        raise invalid("to", to_party, "holder.same_party")
    if kind is HolderRole.HOLDER and not new:
        raise invalid("to", to_party, "holder.needs_holder")
    if day is None and old:
        raise invalid("date", "", "holder.transfer_needs_date", party=old)
    return HolderTransfer(id, product_id, code, kind, day, old, new, clean_text("source", source, limit=MAX_SOURCE),
                          clean_text("note", note), version)


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _overlap(a: HolderTransfer, b: HolderTransfer) -> bool:
    """True when the two dates cannot be put in order (their ranges share a day, or one is unknown)."""
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    return not (a.date.surely_before(b.date) or b.date.surely_before(a.date))


def _shown(date: PartialDate | None) -> str:
    return date.display() if date is not None else NoDate("no date")


def check_history(transfers: Sequence[HolderTransfer]) -> None:
    """Refuse a history of one product that cannot have happened, jurisdiction by jurisdiction and role by
    role: a transfer from someone who did not hold it on that date, or two transfers whose dates overlap
    and whose parties do not chain (two handovers of the same authorisation on the same day)."""
    groups: dict[tuple[str, HolderRole], list[HolderTransfer]] = {}
    for t in transfers:
        groups.setdefault((t.jurisdiction, t.role), []).append(t)
    for (_, role), group in groups.items():
        log = sorted(group, key=lambda t: t.order_key)
        holders: list[str] = []  # the holder (at most one) or the licensees, in order of arrival
        for t in log:
            held = any(_same(t.from_party, h) for h in holders) if t.from_party else (
                role is HolderRole.LICENSEE or not holders)
            if not held:
                overlapping = [o for o in log if o is not t and _overlap(o, t)]
                clash = next((o for o in overlapping if t.from_party and _same(o.from_party, t.from_party)), None)
                other = clash or (overlapping[0] if overlapping else None)
                if other is not None:
                    code = "holder.conflict" if clash is not None else "holder.order_unclear"
                    raise InvalidInput(Problem("date", t.date.display() if t.date else "", code, {
                        "party": t.from_party or "—", "to": t.to_party or "—", "other": other.to_party or "—",
                        "other_date": _shown(other.date), "jurisdiction": t.jurisdiction}))
                raise InvalidInput(Problem("from", t.from_party or "—", "holder.from_mismatch", {
                    "date": _shown(t.date), "jurisdiction": t.jurisdiction,
                    "holder": ", ".join(holders) or "—"}))
            if t.from_party:
                holders = [h for h in holders if not _same(h, t.from_party)]
            if t.to_party and not any(_same(t.to_party, h) for h in holders):
                holders.append(t.to_party)


def _parties_as_of(transfers: Iterable[HolderTransfer], jurisdiction: str, role: HolderRole,
                   day: dt.date) -> list[str]:
    parties: list[str] = []
    for t in sorted((t for t in transfers if t.jurisdiction == jurisdiction and t.role is role),
                    key=lambda t: t.order_key):
        if t.date is not None and t.date.earliest > day:
            break
        if t.from_party:
            parties = [p for p in parties if not _same(p, t.from_party)]
        if t.to_party and not any(_same(t.to_party, p) for p in parties):
            parties.append(t.to_party)
    return parties


def holder_as_of(transfers: Iterable[HolderTransfer], jurisdiction: str, day: dt.date) -> str | None:
    """The marketing-authorisation holder in ``jurisdiction`` on ``day`` (None: none recorded yet)."""
    parties = _parties_as_of(transfers, jurisdiction, HolderRole.HOLDER, day)
    return parties[-1] if parties else None


def licensees_as_of(transfers: Iterable[HolderTransfer], jurisdiction: str, day: dt.date) -> tuple[str, ...]:
    """The licensees in ``jurisdiction`` on ``day``, in order of their licence."""
    return tuple(_parties_as_of(transfers, jurisdiction, HolderRole.LICENSEE, day))


def all_parties(transfers: Iterable[HolderTransfer]) -> frozenset[str]:
    """Every company that ever held or was licensed the product (what a search by past holder matches)."""
    return frozenset(p for t in transfers for p in (t.from_party, t.to_party) if p)
