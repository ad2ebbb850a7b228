"""The audit trail as people read it: who changed what, when, from what to what, and why.

The stored rows name records by id ("event 41"); a reader needs "Ryoncil / US / … : BLA approved".
So the rows are replayed in order, remembering what each product, track and event was called (also
after it was deleted), and every entry carries that context.  Filtering happens in Python on the
loaded list, which is what lets the window filter as the user types.  ``verify`` is the same check
as ``mscreg check``.  The database layer is imported inside the functions that read, so the window
can import the filters before SQLAlchemy is loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.messages import text
from mscreg.domain.obligation import ObligationEventType, ObligationKind
from mscreg.domain.trial import Registry, registry_name
from mscreg.services.product_search import fold

if TYPE_CHECKING:
    from mscreg.services.integrity import CheckReport
    from mscreg.services.workspace import Workspace
    from mscreg.storage.audit_reader import AuditRecord


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at_utc: dt.datetime  # timezone-aware, UTC
    actor: str
    action: str  # create | update | delete
    entity: str  # product | track | event | …
    entity_id: int
    changes: tuple[FieldChange, ...]
    reason: str
    context: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def at_local(self) -> dt.datetime:
        return self.at_utc.astimezone()

    def subject(self, lang: str = "en") -> str:
        """What the row is about, named the way the user knows it."""
        c = self.context
        product = c.get("product", "")
        if self.entity == "database":  # a restore: about the whole database, not one record
            return text("audit.subject.database", lang)
        zh = lang.startswith("zh")
        if zh:  # the names the Chinese interface shows, where the records have them
            product = c.get("product_zh") or product
        indication = (c.get("indication_zh") if zh else "") or c.get("indication", "")
        if self.entity == "product":
            return ((c.get("name_zh") if zh else "") or c.get("name")) or f"#{self.entity_id}"
        if self.entity == "track":
            pathway = c.get("pathway", "")
            if pathway in ("clinical", "marketing"):
                pathway = text(f"pathway.{pathway}", lang)
            parts = [product, c.get("jurisdiction", ""), indication, pathway]
            return " / ".join(p for p in parts if p) or f"#{self.entity_id}"
        if self.entity in ("obligation", "obligation_event") and c.get("kind"):
            kind = c["kind"]
            name = text(f"obligation.kind.{kind}", lang) if kind in _KINDS else kind
            if self.entity == "obligation":
                words = (c.get("text_zh") if zh else "") or c.get("text_en", "")
                line = text("audit.subject.obligation", lang, kind=name, text=_cut(words)) if words else name
            else:
                step = c.get("type", "")
                line = text("audit.subject.obligation_step", lang, kind=name,
                            step=text(f"obligation.step.{step}", lang) if step in _STEPS else step,
                            date=c.get("date") or text("date.unknown", lang))
            where = " / ".join(p for p in (product, c.get("jurisdiction", ""), indication) if p)
            return f"{where}{text('list.colon', lang)}{line}" if where else line
        if self.entity == "event":
            etype = EVENT_TYPES.get(c.get("type", ""))
            name = etype.name(lang) if etype else c.get("type", "")
            date = c.get("date") or text("date.unknown", lang)
            where = " / ".join(p for p in (product, c.get("jurisdiction", "")) if p)
            dated = text("text.dated", lang, name=name, date=date)
            return f"{where}{text('list.colon', lang)}{dated}" if where else dated
        if self.entity == "trial" and c.get("registry_id"):
            # named as the registry lists it, with its title in the reader's language where it has one
            try:
                registry = registry_name(Registry(c.get("registry", "")), lang)
            except ValueError:
                registry = c.get("registry", "")
            title = (c.get("title_zh", "") if lang.startswith("zh") else "") or c.get("title", "")
            named = " ".join(p for p in (registry, c["registry_id"]) if p)
            return f"{named}{text('list.colon', lang)}{title}" if title else named
        if self.entity == "holder_transfer":
            role = c.get("role", "")
            line = text("audit.subject.transfer", lang,
                        role=text(f"holder.role.{role}", lang) if role in ("holder", "licensee") else role,
                        old=c.get("from_party") or "—", new=c.get("to_party") or "—",
                        date=c.get("date") or text("date.unknown", lang))
            where = " / ".join(p for p in (product, c.get("jurisdiction", "")) if p)
            return f"{where}{text('list.colon', lang)}{line}" if where else line
        if self.entity == "verification":
            line = text("audit.subject.verification", lang, day=c.get("verified_on", ""))
            where = " / ".join(p for p in (product, c.get("jurisdiction", ""), indication) if p)
            return f"{where}{text('list.colon', lang)}{line}" if where else line
        return f"{self.entity} #{self.entity_id}"

    def haystack(self) -> str:
        parts = [self.actor, self.action, self.entity, str(self.entity_id), self.reason,
                 self.subject("en"), self.subject("zh_CN"), self.context.get("product_zh", "")]
        for ch in self.changes:
            parts.extend([ch.field, show_value(ch.old), show_value(ch.new)])
        return fold(" ".join(parts))


_KINDS = frozenset(k.value for k in ObligationKind)
_STEPS = frozenset(t.value for t in ObligationEventType)  # an obligation's progress


def _cut(words: str, limit: int = 60) -> str:
    """An obligation's text is a paragraph; its subject line shows the beginning."""
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


def show_value(value: Any) -> str:
    """A stored old/new value as text: lists joined, nothing shown as an empty string."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={show_value(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_utc(text: str) -> dt.datetime:
    cleaned = text.rstrip("Z")
    try:
        moment = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        moment = dt.datetime(1970, 1, 1)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _entries(rows: Iterable[AuditRecord]) -> list[AuditEntry]:
    known: dict[tuple[str, int], dict[str, Any]] = {}
    out: list[AuditEntry] = []
    for row in rows:
        try:
            raw = json.loads(row.changes or "{}")
        except ValueError:
            raw = {}
        changes = []
        for name, pair in raw.items() if isinstance(raw, dict) else ():
            old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            changes.append(FieldChange(name, old, new))
        record = known.setdefault((row.entity, row.entity_id), {})
        for ch in changes:
            if row.action != "delete" and ch.new is not None:
                record[ch.field] = ch.new
            elif ch.field not in record and ch.old is not None:
                record[ch.field] = ch.old
        out.append(AuditEntry(row.id or 0, _parse_utc(row.at_utc), row.actor, row.action, row.entity,
                              row.entity_id, tuple(changes), row.reason, _context(row.entity, record, known)))
    return out


def _context(entity: str, record: dict[str, Any], known: dict[tuple[str, int], dict[str, Any]]) -> dict[str, str]:
    ctx = {k: show_value(v) for k, v in record.items() if k in ("name", "name_zh", "jurisdiction", "indication",
                                                                 "indication_zh", "pathway", "type", "date", "role",
                                                                 "from_party", "to_party", "verified_on")}
    if entity == "trial":
        ctx.update({k: show_value(v) for k, v in record.items()
                    if k in ("registry", "registry_id", "title", "title_zh")})
    owner = record
    if entity == "obligation_event":  # a step: named by its obligation, which names the track
        owner = known.get(("obligation", _int(record.get("obligation_id"))), {})
    if entity in ("obligation", "obligation_event"):
        ctx.update({k: show_value(v) for k, v in owner.items() if k in ("kind", "text_en", "text_zh")})
    track = record if entity == "track" else known.get(("track", _int(owner.get("track_id"))), {})
    if entity in ("event", "verification", "obligation", "obligation_event") and track:
        ctx["jurisdiction"] = show_value(track.get("jurisdiction"))
    if entity in ("verification", "obligation", "obligation_event") and track:  # which of the product's tracks
        ctx["indication"] = show_value(track.get("indication"))
        if track.get("indication_zh"):
            ctx["indication_zh"] = show_value(track.get("indication_zh"))
    product = known.get(("product", _int(track.get("product_id") if track else record.get("product_id"))), {})
    if product.get("name"):
        ctx["product"] = show_value(product["name"])
    if product.get("name_zh"):
        ctx["product_zh"] = show_value(product["name_zh"])
    return ctx


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def list_audit(ws: Workspace) -> list[AuditEntry]:
    """Every audit row, newest first, each with the names of what it is about."""
    from mscreg.storage.audit_reader import audit_rows

    with ws.db.read() as s:
        rows = audit_rows(s)
    return list(reversed(_entries(rows)))


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    entity: str = ""
    action: str = ""
    actor: str = ""
    since: dt.date | None = None  # local calendar days, inclusive
    until: dt.date | None = None


def filter_entries(entries: Iterable[AuditEntry], f: AuditFilter) -> list[AuditEntry]:
    """Entries matching every criterion of ``f`` (words of ``text`` may appear anywhere in the row)."""
    words = fold(f.text).split()
    out = []
    for e in entries:
        if f.entity and e.entity != f.entity:
            continue
        if f.action and e.action != f.action:
            continue
        if f.actor and e.actor != f.actor:
            continue
        day = e.at_local.date()
        if f.since and day < f.since:
            continue
        if f.until and day > f.until:
            continue
        if words:
            hay = e.haystack()
            if not all(w in hay for w in words):
                continue
        out.append(e)
    return out


def verify(ws: Workspace) -> CheckReport:
    """The integrity check and audit-chain verification of ``mscreg check``."""
    from mscreg.services.integrity import check_database

    return check_database(ws, history=True)
