"""A Chinese refusal lists options with the Chinese enumeration mark and names each option in Chinese."""

from __future__ import annotations

import importlib

cli_main = importlib.import_module("mscreg.cli.main")  # the package names its entry point ``main`` too


def test_missing_options_are_listed_with_the_chinese_enumeration_mark(capsys):
    assert cli_main.main(["add-event", "--lang", "zh_CN"]) == 2
    err = capsys.readouterr().err
    assert "--product、--jurisdiction" in err and "--product, --jurisdiction" not in err


def test_missing_options_in_english_keep_their_commas(capsys):
    assert cli_main.main(["add-event", "--lang", "en"]) == 2
    assert "--product, --jurisdiction" in capsys.readouterr().err


def test_an_out_of_range_month_count_names_the_field_in_chinese(capsys, seeded_db):
    assert cli_main.main(["--db", str(seeded_db), "review", "--months", "0", "--lang", "zh_CN"]) == 2
    assert capsys.readouterr().err.startswith("月数“0”")
