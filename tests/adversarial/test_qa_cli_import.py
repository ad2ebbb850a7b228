"""QA of ``mscreg import`` as a user reads its answers: a refusal quotes the value that shows the reason."""

from __future__ import annotations

import pytest
from support import db_arg, mscreg

from mscreg.domain.messages import text
from mscreg.services.exchange.text_encoding import EncodingRefused, decode

HEADER = "product,company,jurisdiction,indication,pathway,type,date,note\r\n"


def test_a_gb18030_file_refused_for_a_kana_cell_quotes_that_cell_not_the_chinese_one_before_it():
    """A Chinese file (GB18030) whose fourth row holds Japanese: the refusal used to quote the first
    Chinese cell ("艾米迈托赛注射液 … is not plainly Chinese text"), which is plainly Chinese and told the
    user nothing about which cell to fix."""
    rows = ["艾米迈托赛注射液,铂生卓越生物科技(北京)有限公司,CN,急性移植物抗宿主病,marketing,approval_conditional,"
            "2025-01-02,国家药品监督管理局附条件批准上市",
            "注射用间充质干细胞,北京某公司,CN,膝骨关节炎,clinical,cta_implied_permission,2024-05,默示许可",
            "间充质干细胞注射液,上海某公司,CN,慢性肝衰竭,clinical,cta_accepted,2023-11,受理",
            "Stemirac,ニプロ株式会社,JP,脊髄損傷,marketing,approval_full,2018-12,条件付き承認"]
    data = (HEADER + "\r\n".join(rows) + "\r\n").encode("gb18030")
    with pytest.raises(EncodingRefused) as exc:
        decode(data)
    assert exc.value.code == "import.encoding_not_chinese"
    assert exc.value.value == "ニプロ株式会社"


def test_a_file_with_only_rare_chinese_looking_characters_still_quotes_its_first_cell():
    """When every character could be Chinese and only their spread says otherwise, no cell is more to
    blame than another: the first one is quoted, as before."""
    data = (HEADER + "话栏臭及柴家,x,CN,y,clinical,cta_accepted,2023-11,z\r\n").encode("gb18030")
    with pytest.raises(EncodingRefused) as exc:
        decode(data)
    assert exc.value.value == "话栏臭及柴家"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_dry_run_of_a_workbook_with_trials_has_no_unlabelled_count_line(seeded_db, tmp_path, lang):
    """The summary line counts the trials with every other table; the trial plan's own count line
    ("0 new, 0 changed, 5 unchanged.") followed it with nothing to say what it counted."""
    target = tmp_path / "out.xlsx"
    assert mscreg("--db", db_arg(seeded_db), "export", "--format", "xlsx", "--out", str(target)).returncode == 0
    proc = mscreg("--db", db_arg(seeded_db), "--lang", lang, "import", str(target), "--dry-run")
    assert proc.returncode == 0, proc.stderr
    summary, *rest = proc.stdout.strip().splitlines()
    assert text("import.summary.trials", lang) in summary
    assert rest == []
