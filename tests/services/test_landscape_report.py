"""The landscape as text rows: published figures beside the counts, in either language."""

from __future__ import annotations

from mscreg.domain.landscape import compare_all
from mscreg.domain.published_figure import shipped_figures
from mscreg.domain.trial import Phase, Registry, TrialRegistration
from mscreg.services.landscape_report import landscape_rows


def test_the_rows_hold_every_shipped_figure_beside_the_database_count():
    trials = [TrialRegistration(Registry.CTGOV, "NCT06431152", "t", phases=frozenset({Phase.PHASE1}))]
    rows = landscape_rows(compare_all(shipped_figures(), trials, []), "en")
    flat = ["\t".join(r) for r in rows]
    heading = next(i for i, line in enumerate(flat) if line.startswith("CDE clinical-trial applications accepted"))
    assert "Gong & Han 2025, Table 3" in flat[heading] and "as of 2025-08-13" in flat[heading]
    assert rows[heading + 1][:3] == ["row", "accepted (published)", "umbilical cord (published)"]
    assert "accepted (in this database)" in rows[heading + 1]
    total = next(r for r in rows[heading:] if r and r[0] == "Total")
    assert total[1] == "112" and total[8] == "0"  # published 112 beside the count held: none
    phase1 = next(r for r in rows if r and r[0] == "Phase I")
    assert phase1[1:] == ["403", "148", "1"]
    lung = next(r for r in rows if r and r[0].startswith("lung diseases"))
    assert lung[-1] == "not computed from the records"
    studies = next(r for r in rows if r and r[0] == "Wang 2016")
    assert studies[1:3] == ["2016", "36"] and studies[-1] == "not computed from the records"


def test_the_rows_read_in_chinese():
    rows = landscape_rows(compare_all(shipped_figures(), [], []), "zh_CN")
    flat = "\n".join("\t".join(r) for r in rows)
    assert "CDE 受理的间充质干细胞临床试验申请" in flat and "受理数（已发表）" in flat and "受理数（本数据库）" in flat
    assert "截至 2025-08-13" in flat and "无法从记录中计算" in flat and "合计" in flat
