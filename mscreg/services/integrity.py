"""``mscreg check``: is the file sound, is the audit trail unbroken, and does every computed column
still hold what its record's other columns give?"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from mscreg.domain.errors import Problem
from mscreg.services.workspace import Workspace
from mscreg.storage.audit import ChainReport, verify_chain
from mscreg.storage.derived_columns import DerivedMismatch, verify_derived
from mscreg.storage.repositories import verify_records

# Mismatches named one by one in the summary; the rest are counted (all of them are in ``derived``).
SHOWN_MISMATCHES = 20


@dataclass(frozen=True)
class CheckReport:
    integrity: str  # "ok" or what SQLite found
    chain: ChainReport
    products: int
    events: int
    derived: tuple[DerivedMismatch, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain.ok and not self.derived

    def derived_lines(self, lang: str = "en") -> list[str]:
        """One line per computed column that differs, naming the record (table, id, product), the
        column, and the stored and expected values."""
        return [mismatch_message(m, lang) for m in self.derived]

    def summary(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        if self.ok:
            if zh:
                return (f"正常：完整性检查通过；审计链 {self.chain.rows} 条记录全部验证；"
                        f"{self.products} 个产品，{self.events} 个事件。")
            return (f"OK: integrity check passed; audit chain of {self.chain.rows} rows verified; "
                    f"{self.products} products, {self.events} events.")
        lines = []
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
        return "\n".join(lines)


def mismatch_message(m: DerivedMismatch, lang: str = "en") -> str:
    return Problem(m.column, m.stored, "check.derived",
                   {"table": m.table, "record": m.record_id, "product": m.product, "expected": m.expected}
                   ).message(lang)


def mismatch_json(m: DerivedMismatch) -> dict[str, object]:
    return {"table": m.table, "id": m.record_id, "product": m.product, "column": m.column, "stored": m.stored,
            "expected": m.expected}


def check_database(ws: Workspace) -> CheckReport:
    with ws.db.read() as s:
        if ws.db.is_sqlite:
            results = [r[0] for r in s.execute(sa.text("PRAGMA integrity_check")).all()]
            integrity = "ok" if results == ["ok"] else "; ".join(results[:10])
        else:
            integrity = "ok"
        chain = verify_chain(s)
        if chain.ok:
            chain = verify_records(s) or chain
        derived = tuple(verify_derived(s))
        products = s.execute(sa.text("SELECT count(*) FROM products")).scalar_one()
        events = s.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
    return CheckReport(integrity, chain, products, events, derived)
