"""JSON: the whole database as one versioned document, nested like the shipped seed file.

``format`` = ``"mscreg-export"``, ``format_version`` = 1 (the layout; raised when a field changes
meaning), ``schema_version`` = the database's Alembic revision.  Products hold their tracks, tracks
their events, in id order, so a document re-imported into an empty database exports identically.
No timestamp is written: the same content gives the same bytes, which keeps exports diffable.
The seed file (``mscreg-seed``) has the same shape and imports the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.records import (
    EventIn,
    ImportCancelled,
    Origin,
    ProductIn,
    ReadResult,
    TrackIn,
    file_issue,
)
from mscreg.services.exchange.table_layout import EVENT_FIELDS, PRODUCT_FIELDS

FORMAT = "mscreg-export"
AUDIT_FORMAT = "mscreg-audit"
FORMAT_VERSION = 1
ACCEPTED = {FORMAT: FORMAT_VERSION, "mscreg-seed": 1}


def document(content: Content, schema_version: str, app_version: str) -> dict[str, Any]:
    products = []
    for p in content.products:
        tracks = []
        for t in content.tracks.get(p.id or 0, []):
            events = []
            for e in content.events.get(t.id or 0, []):
                d = e.date
                events.append({
                    "type": e.type, "date": d.iso() if d else None, "date_precision": d.precision.value if d else None,
                    "approximate": bool(d and d.approximate), "agency": e.agency, "reference": e.reference,
                    "source": e.source, "confidence": e.confidence.value, "note": e.note,
                    "attributes": dict(sorted(e.attributes.items())),
                })
            tracks.append({"jurisdiction": t.jurisdiction, "indication": t.indication, "pathway": t.pathway.value,
                           "events": events})
        products.append({
            "name": p.name, "name_zh": p.name_zh, "inn": p.inn, "aliases": list(p.aliases), "company": p.company,
            "company_zh": p.company_zh, "company_aliases": list(p.company_aliases),
            "source_tissue": p.source_tissue.value, "donor_type": p.donor_type.value, "modality": p.modality.value,
            "notes": p.notes, "tracks": tracks,
        })
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": schema_version,
            "app_version": app_version, "counts": {"products": len(content.products),
                                                   "tracks": content.track_count(),
                                                   "events": content.event_count()},
            "products": products}


def read_document(data: bytes, file: str, cancelled: Callable[[], bool] = lambda: False) -> ReadResult:
    result = ReadResult(encoding="UTF-8")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        result.issues.append(file_issue(file, "import.encoding_unknown", f"byte {exc.start}",
                                        detail="JSON must be UTF-8"))
        return result
    except json.JSONDecodeError as exc:
        result.issues.append(file_issue(file, "import.json_invalid", f"line {exc.lineno}, column {exc.colno}",
                                        detail=exc.msg))
        return result
    if not isinstance(doc, dict):
        result.issues.append(file_issue(file, "import.json_shape", type(doc).__name__, column="$",
                                        expected="an object"))
        return result
    if doc.get("format") == AUDIT_FORMAT:
        result.issues.append(file_issue(file, "import.audit_file"))
        return result
    fmt, version = doc.get("format"), doc.get("format_version")
    if fmt not in ACCEPTED or not isinstance(version, int) or version > ACCEPTED[fmt]:
        result.issues.append(file_issue(file, "import.json_format", f"{fmt} {version}", column="format",
                                        expected=f"{FORMAT} {FORMAT_VERSION}"))
        return result
    products = doc.get("products")
    if not isinstance(products, list):
        result.issues.append(file_issue(file, "import.json_shape", type(products).__name__, column="products",
                                        expected="a list"))
        return result
    n = 0
    for i, p in enumerate(products):
        where = f"products[{i}]"
        if not _is_obj(p, where, file, result, (*PRODUCT_FIELDS, "tracks")):
            continue
        name = str(p.get("name") or "").strip()
        result.products.append(ProductIn(name, {k: p[k] for k in PRODUCT_FIELDS if k in p and k != "name"},
                                         Origin(file, where, 0)))
        tracks = p.get("tracks", [])
        if not isinstance(tracks, list):
            result.issues.append(file_issue(file, "import.json_shape", type(tracks).__name__, sheet=where,
                                            column="tracks", expected="a list"))
            continue
        for j, t in enumerate(tracks):
            twhere = f"{where}.tracks[{j}]"
            if not _is_obj(t, twhere, file, result, ("jurisdiction", "indication", "pathway", "events")):
                continue
            key = [str(t.get(k) or "").strip() for k in ("jurisdiction", "indication", "pathway")]
            result.tracks.append(TrackIn(name, *key, Origin(file, twhere, 0)))
            events = t.get("events", [])
            if not isinstance(events, list):
                result.issues.append(file_issue(file, "import.json_shape", type(events).__name__, sheet=twhere,
                                                column="events", expected="a list"))
                continue
            for k, e in enumerate(events):
                ewhere = f"{twhere}.events[{k}]"
                extra = ("csv_row",) if fmt == "mscreg-seed" else ()
                if not _is_obj(e, ewhere, file, result, EVENT_FIELDS + extra):
                    continue
                fields = {f: ("" if e[f] is None else e[f]) for f in EVENT_FIELDS if f in e}
                result.events.append(EventIn(name, *key, fields, Origin(file, ewhere, 0)))
                n += 1
                if n % 2000 == 0 and cancelled():
                    raise ImportCancelled()
    result.rows = n
    return result


def _is_obj(value: Any, where: str, file: str, result: ReadResult, allowed: tuple[str, ...]) -> bool:
    if not isinstance(value, dict):
        result.issues.append(file_issue(file, "import.json_shape", type(value).__name__, sheet=where, column="$",
                                        expected="an object"))
        return False
    unknown = [k for k in value if k not in allowed]
    for k in unknown:
        result.issues.append(file_issue(file, "import.header_unknown", k, sheet=where, column=k, field_name="field",
                                        valid=", ".join(allowed)))
    return not unknown
