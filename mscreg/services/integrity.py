"""``mscreg check``: is the file sound, and is the audit trail unbroken?"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from mscreg.services.workspace import Workspace
from mscreg.storage.audit import ChainReport, verify_chain
from mscreg.storage.repositories import verify_records


@dataclass(frozen=True)
class CheckReport:
    integrity: str  # "ok" or what SQLite found
    chain: ChainReport
    products: int
    events: int

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain.ok

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
        return "\n".join(lines)


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
        products = s.execute(sa.text("SELECT count(*) FROM products")).scalar_one()
        events = s.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
    return CheckReport(integrity, chain, products, events)
