"""Holders and licensees over time in the three exchange formats, and their import.

A transfer is exported with its product's name and read back by it: in the JSON document as a list
``holders`` in its product, in the workbook as a sheet ``holders``, and in the one-file CSV as a row
of its own whose ``holder_…`` columns are filled (its track and event columns empty).  A transfer is
matched by its natural key (product, jurisdiction, role, date, from, to): one already recorded is
left unchanged, a new one is checked with the product's whole history of transfers, recorded and in
the file, before anything is written, and created with its audit row in the import's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from mscreg.domain.errors import MscregError, Problem
from mscreg.domain.holder import HolderTransfer, make_transfer
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import text
from mscreg.domain.partial_date import parse_optional
from mscreg.domain.product import name_key
from mscreg.services.exchange.records import Origin, ProductKey, product_key

# the fields of a transfer as a file holds them (the JSON keys and the sheet's columns after ``product``)
TRANSFER_FIELDS = ("jurisdiction", "role", "date", "date_precision", "approximate", "from", "to", "source", "note")
# the one-file CSV's columns for them (prefixed: the event columns have a date, a source and a note too)
FLAT_COLUMNS = tuple(f"holder_{f}" for f in TRANSFER_FIELDS)
_YES = frozenset(("true", "yes", "1", "y", text("answer.yes", "zh_CN")))  # as the event columns read it


@dataclass(slots=True)
class TransferIn:
    """A transfer as a file gives it: the product's name and the raw field values."""

    product: str
    fields: dict[str, Any]
    origin: Origin


@dataclass(frozen=True)
class NewTransfer:
    product: ProductKey
    transfer: HolderTransfer
    origin: Origin


def transfer_cells(t: HolderTransfer) -> list[str]:
    d = t.date
    return [t.jurisdiction, t.role.value, d.iso() if d else "", d.precision.value if d else "",
            "true" if d and d.approximate else "false", t.from_party, t.to_party, t.source, t.note]


def transfer_object(t: HolderTransfer) -> dict[str, Any]:
    d = t.date
    return {"jurisdiction": t.jurisdiction, "role": t.role.value, "date": d.iso() if d else None,
            "date_precision": d.precision.value if d else None, "approximate": bool(d and d.approximate),
            "from": t.from_party, "to": t.to_party, "source": t.source, "note": t.note}


def sheet_rows(products: list[Any], transfers: dict[int, list[HolderTransfer]]) -> Iterator[list[str]]:
    for p in products:
        for t in transfers.get(p.id or 0, []):
            yield [p.name, *transfer_cells(t)]


def identity(t: HolderTransfer) -> tuple[str, str, str, str, str]:
    """The natural key of a transfer: a re-imported one is matched by it."""
    return (t.jurisdiction, t.role.value, t.date.iso() if t.date else "", name_key(t.from_party),
            name_key(t.to_party))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


_IDENTITY_FIELDS = ("jurisdiction", "role", "date", "from", "to")


def _recorded_with_absent_columns(item: TransferIn, recorded: list[HolderTransfer]) -> bool:
    """True when the file leaves out a column of the transfer's natural key and a recorded transfer agrees
    with every key column it does give: an absent column keeps the recorded value (an empty one would
    not), so the row stands for that transfer, unchanged."""
    f = item.fields
    if all(k in f for k in _IDENTITY_FIELDS):
        return False
    given: dict[str, str] = {}
    try:
        if "jurisdiction" in f:
            given["jurisdiction"] = get_jurisdiction(_text(f["jurisdiction"])).code
        if "date" in f:
            day = parse_optional(_text(f["date"]) or None, field="date")
            given["date"] = day.iso() if day is not None else ""
    except MscregError:
        return False  # a bad cell is reported by the full check of the row
    if "role" in f:
        given["role"] = _text(f["role"]).lower()
    for k in ("from", "to"):
        if k in f:
            given[k] = name_key(_text(f[k]))
    for t in recorded:
        mine = dict(zip(_IDENTITY_FIELDS, identity(t), strict=True))
        if all(mine[k] == v for k, v in given.items()):
            return True
    return False


def parse(item: TransferIn) -> tuple[HolderTransfer | None, list[tuple[str, Problem]]]:
    """The transfer a row stands for, or the problems of its fields (each with the field's name)."""
    f = item.fields
    problems: list[tuple[str, Problem]] = []
    approximate = _text(f.get("approximate")).lower() in _YES or f.get("approximate") is True
    date = _text(f.get("date"))
    precision = _text(f.get("date_precision")).lower()
    try:
        t = make_transfer(_text(f.get("jurisdiction")), _text(f.get("role")).lower(), date or None,
                          _text(f.get("from")), _text(f.get("to")), source=_text(f.get("source")),
                          note=_text(f.get("note")))
    except MscregError as exc:
        p = exc.problems[0]
        problems.append((p.field, p))
        return None, problems
    if t.date is not None and approximate:
        t = replace(t, date=replace(t.date, approximate=True))
    shown = t.date.precision.value if t.date else ""
    if precision not in ("", shown or "unknown"):
        problems.append(("date_precision", Problem("date_precision", precision, "import.precision_mismatch",
                                                   {"date": date, "expected": shown or "unknown"})))
        return None, problems
    return t, []


def plan_transfers(items: list[TransferIn], recorded: dict[ProductKey, list[HolderTransfer]],
                   resolve: Any, add_issue: Any, bad_products: set[str], *, flat: bool = False
                   ) -> tuple[list[NewTransfer], int]:
    """The transfers of the file that are new, and how many are recorded already; every problem goes to
    ``add_issue(origin, field, problem)``.  ``resolve(name)`` gives a product's canonical key or None.
    ``flat``: a CSV or a workbook's flat sheet, where the products pass has reported an empty product
    cell on the row already (once is enough)."""
    from mscreg.services.holders import checked_history

    new: list[NewTransfer] = []
    unchanged = 0
    by_product: dict[ProductKey, list[NewTransfer]] = {}
    seen: dict[tuple[ProductKey, tuple[str, ...]], Origin] = {}
    for item in items:
        key = resolve(item.product) if item.product else None
        if not item.product:
            if not flat:
                add_issue(item.origin, "product", Problem("product", "", "text.empty"))
            continue
        if key is None:
            add_issue(item.origin, "product", Problem("product", item.product, "product.not_found"))
            continue
        if _recorded_with_absent_columns(item, recorded.get(key, [])):
            unchanged += 1
            continue
        t, problems = parse(item)
        for field_name, problem in problems:
            add_issue(item.origin, field_name, problem)
        if t is None or key in bad_products:
            continue
        ident = identity(t)
        if (key, ident) in seen:
            add_issue(item.origin, "to", Problem("to", t.to_party, "import.duplicate_row",
                                                 {"other": seen[key, ident].row}))
            continue
        seen[key, ident] = item.origin
        known = {identity(r): r for r in recorded.get(key, [])}
        if ident in known:
            unchanged += 1
            continue
        by_product.setdefault(key, []).append(NewTransfer(key, t, item.origin))
    for key, added in by_product.items():
        try:
            checked_history([*recorded.get(key, []), *(n.transfer for n in added)])
        except MscregError as exc:
            problem = exc.problems[0]
            add_issue(added[0].origin, problem.field, problem)
            continue
        new.extend(added)
    return new, unchanged


def recorded_by_key(products: list[Any], transfers: dict[int, list[HolderTransfer]]
                    ) -> dict[ProductKey, list[HolderTransfer]]:
    return {product_key(p.name): transfers.get(p.id or 0, []) for p in products}
