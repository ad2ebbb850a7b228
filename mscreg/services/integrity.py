"""``mscreg check``: is the file sound, is the audit trail unbroken, does every computed column still
hold what its record's other columns give, and does the trail still extend the anchors recorded for it
on this computer (see :mod:`mscreg.services.anchoring`)?"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
        zh = lang.startswith("zh")
        if self.ok:
            if zh:
                text = ("" if failed_elsewhere else "正常：") + (
                    f"完整性检查通过；审计链 {self.chain.rows} 条记录全部验证；"
                    f"{self.products} 个产品，{self.events} 个事件。")
            else:
                text = ("" if failed_elsewhere else "OK: ") + (
                    f"integrity check passed; audit chain of {self.chain.rows} rows verified; "
                    f"{self.products} products, {self.events} events.")
                text = text[0].upper() + text[1:]
            # One line while all is well (scripts read it); the anchors it extends said in it.
            extends = self._history_lines(lang)
            if extends and self.history is not None and not self.history.tampered:
                return text.rstrip("。.") + ("；" if zh else "; ") + extends[0]
            return "\n".join([text, *extends])
        lines = []
        if self.integrity == "ok" and self.chain.ok and not self.derived:  # only the anchors failed: say what held
            lines.append(f"完整性检查通过；审计链 {self.chain.rows} 条记录全部验证。" if zh else
                         f"Integrity check passed; audit chain of {self.chain.rows} rows verified.")
        if self.integrity != "ok":
            lines.append(("数据库完整性检查失败：" if zh else "Database integrity check failed: ") + self.integrity)
        if not self.chain.ok:
            problem = self.chain.problem(lang)
            if self.chain.broken_id is None:
                lines.append(("审计追踪与数据不一致：" if zh else "Audit trail and records disagree: ") + problem)
            elif zh:
                lines.append(f"审计链在第 {self.chain.broken_id} 条记录处断裂：{problem}")
            else:
                lines.append(f"Audit chain broken at row {self.chain.broken_id}: {problem}")
        if self.derived:
            n = len(self.derived)
            lines.append(f"由记录其他列计算得出的值与所存值不符（{n} 处）：这些值在 mscreg 之外被修改，"
                         f"在更正之前，依赖它们的名称查找和日期均不可靠（请恢复备份）。" if zh else
                         f"Computed columns that disagree with their records ({n}): they were changed outside "
                         f"mscreg, and name look-ups and dates that use them are wrong until they are corrected "
                         f"(restore a backup).")
            lines.extend("  " + line for line in self.derived_lines(lang)[:SHOWN_MISMATCHES])
            if n > SHOWN_MISMATCHES:
                rest = n - SHOWN_MISMATCHES
                lines.append(f"  …另有 {rest} 处" if zh else f"  … and {rest} more")
        lines.extend(self._history_lines(lang))
        return "\n".join(lines)

    def _history_lines(self, lang: str) -> list[str]:
        from mscreg.services.anchoring import shown_time

        h = self.history
        if h is None:
            return []
        zh = lang.startswith("zh")
        lines = []
        if not h.ok:
            lines.append("审计追踪未延续本机为此数据库记录的锚点：" if zh else
                         "The audit trail does not extend the anchors recorded for this database on this computer:")
            lines.extend("  " + f.problem().message(lang) for f in h.failures)
        elif h.newest is not None:
            n, newest = len(h.findings), h.newest
            lines.append(f"延续本机为此数据库记录的 {n} 个锚点(最新：第 {newest.tail_id} 条记录，"
                         f"{shown_time(newest.made_utc)})。" if zh else
                         f"extends the {n} anchor(s) recorded for it on this computer "
                         f"(newest: row {newest.tail_id}, {shown_time(newest.made_utc)}).")
        if h.tampered:
            lines.append(f"警告：锚点记录中有 {h.tampered} 条与其签名不符，已忽略。" if zh else
                         f"WARNING: {h.tampered} entries of the anchor history do not match their signature and "
                         f"were ignored.")
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
