"""Holders and licensees over time: recording a transfer, and who held what as of a day.

A transfer is checked against the product's whole history of transfers (:func:`check_history`)
inside the write transaction, so two users recording handovers at once cannot both succeed with a
history that cannot have happened.  A history that does not chain is refused as a transition is
(exit 3): each value may be fine on its own, it is their order that is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mscreg.domain.errors import InvalidInput, TransitionRefused
from mscreg.domain.holder import (
    HolderTransfer,
    check_history,
    holder_as_of,
    licensees_as_of,
    make_transfer,
)
from mscreg.domain.messages import text
from mscreg.domain.product import Product
from mscreg.services.collisions import retry_on_collision
from mscreg.services.reasons import require_reason
from mscreg.services.tracker import ProductOverview, _one_product, product_overviews
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

_HISTORY_CODES = frozenset({"holder.from_mismatch", "holder.conflict", "holder.order_unclear"})


@dataclass(frozen=True)
class TransferResult:
    product: Product
    transfer: HolderTransfer


def checked_history(transfers: list[HolderTransfer]) -> None:
    """:func:`check_history`, a refusal of the order of the parties raised as an inconsistent history."""
    try:
        check_history(transfers)
    except InvalidInput as exc:
        if all(p.code in _HISTORY_CODES for p in exc.problems):
            raise TransitionRefused(exc.problems) from None
        raise


@retry_on_collision
def add_transfer(ws: Workspace, *, product: str, jurisdiction: str, role: str, date: str | None,
                 from_party: str, to_party: str, source: str = "", note: str = "", reason: str) -> TransferResult:
    """Record one change of holder or licensee, audited; refused (nothing written) when its fields are
    invalid or the product's history with it cannot have happened."""
    why = require_reason(reason)
    transfer = make_transfer(jurisdiction, role, date, from_party, to_party, source=source, note=note)
    with ws.db.write() as s:
        prod = _one_product(s, product)
        assert prod.id is not None
        existing = repo.transfers_for_products(s, [prod.id]).get(prod.id, [])
        checked_history([*existing, transfer])
        created = repo.create_transfer(s, prod.id, transfer, reason=why)
    return TransferResult(prod, created)


@dataclass(frozen=True)
class HolderView:
    """One product's transfers and, per jurisdiction, holder and licensees as of a day."""

    overview: ProductOverview
    day: dt.date

    @property
    def jurisdictions(self) -> list[str]:
        codes = [t.jurisdiction for t in self.overview.transfers]
        return list(dict.fromkeys(codes))


def holder_views(ws: Workspace, product: str | None, day: dt.date) -> list[HolderView]:
    """Every product with transfers recorded (or the one ``product`` names, even with none)."""
    overviews = product_overviews(ws, product, as_of=day)
    return [HolderView(ov, day) for ov in overviews if product is not None or ov.transfers]


def transfer_json(t: HolderTransfer) -> dict[str, Any]:
    return {"id": t.id, "jurisdiction": t.jurisdiction, "role": t.role.value,
            "date": t.date.iso() if t.date else None, "approximate": bool(t.date and t.date.approximate),
            "from": t.from_party or None, "to": t.to_party or None, "source": t.source, "note": t.note}


def holder_json(view: HolderView) -> dict[str, Any]:
    ov, day = view.overview, view.day
    return {
        "product": ov.product.name, "as_of": day.isoformat(), "company": ov.company_on(day),
        "jurisdictions": {code: {"holder": holder_as_of(ov.transfers, code, day),
                                 "licensees": list(licensees_as_of(ov.transfers, code, day))}
                          for code in view.jurisdictions},
        "transfers": [transfer_json(t) for t in sorted(ov.transfers, key=lambda t: (t.jurisdiction, t.order_key))],
    }


def holders_text(views: list[HolderView], lang: str) -> str:
    lines: list[str] = []
    for view in views:
        ov, day = view.overview, view.day
        lines.append(text("holders.heading", lang, product=ov.product.name, day=day.isoformat(),
                          company=ov.company_on(day) or "—"))
        if not ov.transfers:
            lines.append("  " + text("holders.none", lang))
        for code in view.jurisdictions:
            holder = holder_as_of(ov.transfers, code, day) or "—"
            licensees = ", ".join(licensees_as_of(ov.transfers, code, day)) or "—"
            lines.append("  " + text("holders.as_of_line", lang, jurisdiction=code, holder=holder,
                                     licensees=licensees))
            for t in sorted((t for t in ov.transfers if t.jurisdiction == code), key=lambda t: t.order_key):
                lines.append("    " + transfer_line(t, lang))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def transfer_line(t: HolderTransfer, lang: str) -> str:
    date = t.date.display() if t.date else text("holders.no_date", lang)
    line = text("holders.transfer_line", lang, date=f"{date:<11}", role=text(f"holder.role.{t.role.value}", lang),
                old=t.from_party or "—", new=t.to_party or "—")
    return line + (f"  [{t.source}]" if t.source else "")


def added_text(result: TransferResult, lang: str) -> str:
    t = result.transfer
    return text("holders.added", lang, id=t.id, product=result.product.name, jurisdiction=t.jurisdiction,
                line=transfer_line(t, lang))

