"""``mscreg check``: is the file sound, is the audit trail unbroken, does every computed column still
hold what its record's other columns give, and does the trail still extend the anchors recorded for it
on this computer (see :mod:`mscreg.services.anchoring`)?"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mscreg.domain import messages
from mscreg.domain.errors import Problem
from mscreg.services.workspace import Workspace
from mscreg.storage.audit import ChainReport, verify_chain
from mscreg.storage.audit_reader import record_counts, sqlite_integrity
from mscreg.storage.derived_columns import DerivedMismatch, verify_derived
from mscreg.storage.repositories import verify_records

if TYPE_CHECKING:
    from mscreg.services.anchoring import HistoryCheck

# Mismatches named one by one in the summary; the rest are counted (all of them are in ``derived``).
SHOWN_MISMATCHES = 20


@dataclass(frozen=True)
class CheckReport:
    integrity: str  # "ok" or what SQLite found
    chain: ChainReport
    products: int
    events: int
    history: HistoryCheck | None = None  # the trail against its recorded anchors (when asked for)
    derived: tuple[DerivedMismatch, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.chain.ok and not self.derived
                and (self.history is None or self.history.ok))

    def derived_lines(self, lang: str = "en") -> list[str]:
        """One line per computed column that differs, naming the record (table, id, product), the
        column, and the stored and expected values."""
        return [mismatch_message(m, lang) for m in self.derived]

    def summary(self, lang: str = "en", *, failed_elsewhere: bool = False) -> str:
        """What the check found; ``failed_elsewhere``: another check (an anchor file) failed, so a sound
        file is not announced as "OK"."""
        if self.ok:
            code = "check.passed" if failed_elsewhere else "check.ok"
            counts = {"rows": self.chain.rows, "products": self.products, "events": self.events}
            # One line while all is well (scripts read it); the anchors it extends said in it.
            extends = self._history_lines(lang)
            if extends and self.history is not None and not self.history.tampered:
                with_anchors = "check.passed_with_anchors" if failed_elsewhere else "check.ok_with_anchors"
                return messages.text(with_anchors, lang, anchors=extends[0], **counts)
            return "\n".join([messages.text(code, lang, **counts), *extends])
        lines = []
        if self.integrity == "ok" and self.chain.ok and not self.derived:  # only the anchors failed: say what held
            lines.append(messages.text("check.chain_verified", lang, rows=self.chain.rows))
        if self.integrity != "ok":
            lines.append(messages.text("check.integrity_failed", lang, detail=self.integrity))
        if not self.chain.ok:
            problem = self.chain.problem(lang)
            if self.chain.broken_id is None:
                lines.append(messages.text("check.trail_disagrees", lang, problem=problem))
            else:
                lines.append(messages.text("check.chain_broken", lang, row=self.chain.broken_id, problem=problem))
        if self.derived:
            n = len(self.derived)
            lines.append(messages.text("check.derived_heading", lang, n=n))
            lines.extend("  " + line for line in self.derived_lines(lang)[:SHOWN_MISMATCHES])
            if n > SHOWN_MISMATCHES:
                rest = n - SHOWN_MISMATCHES
                lines.append(messages.text("check.derived_more", lang, rest=rest))
        lines.extend(self._history_lines(lang))
        return "\n".join(lines)

    def _history_lines(self, lang: str) -> list[str]:
        from mscreg.services.anchoring import shown_time

        h = self.history
        if h is None:
            return []
        lines = []
        if not h.ok:
            lines.append(messages.text("check.anchors_not_extended", lang))
            lines.extend("  " + f.problem().message(lang) for f in h.failures)
        elif h.newest is not None:
            n, newest = len(h.findings), h.newest
            lines.append(messages.text("check.anchors_extended", lang, n=n, row=newest.tail_id,
                                       made=shown_time(newest.made_utc)))
        if h.tampered:
            lines.append(messages.text("check.history_tampered", lang, n=h.tampered))
        return lines


def mismatch_message(m: DerivedMismatch, lang: str = "en") -> str:
    return Problem(m.column, m.stored, "check.derived",
                   {"table": m.table, "record": m.record_id, "product": m.product, "expected": m.expected}
                   ).message(lang)


def mismatch_json(m: DerivedMismatch) -> dict[str, object]:
    return {"table": m.table, "id": m.record_id, "product": m.product, "column": m.column, "stored": m.stored,
            "expected": m.expected}


def check_database(ws: Workspace, *, history: bool = False) -> CheckReport:
    """The file's integrity, the audit chain and the records against it; with ``history``, the trail
    against the anchors recorded for this database on this computer too."""
    with ws.db.read() as s:
        if ws.db.is_sqlite:
            results = sqlite_integrity(s)
            integrity = "ok" if results == ["ok"] else "; ".join(results[:10])
        else:
            integrity = "ok"
        chain = verify_chain(s)
        if chain.ok:
            chain = verify_records(s) or chain
        products, events = record_counts(s)
        derived = tuple(verify_derived(s))
    found = None
    if history:
        from mscreg.services.anchoring import check_history

        found = check_history(ws)
    return CheckReport(integrity, chain, products, events, found, derived)
