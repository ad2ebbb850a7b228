"""Both interface languages done properly on the board and around it.

* Counts use Qt's plural forms in English too ("1 deadline", "20 products", "in 940 days"), never
  "(s)": English needs its own plurals-only catalogue for that.
"""

from __future__ import annotations

import re

import pytest
from adversarial import board_support

small_window = board_support.small_window  # the fixture, shared with the other board tests


@pytest.mark.parametrize(("n", "expected"), [(1, "in 1 day"), (940, "in 940 days")])
def test_english_countdowns_use_plural_forms(qapp, n, expected):
    from mscreg.ui.date_display import countdown
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    set_language("en")
    assert countdown(n) == expected


def test_english_status_line_counts_products_in_the_plural(small_window):
    window = small_window
    assert window.status.text().startswith("20 products")
    assert "(s)" not in window.notice.text.text()


def test_chinese_list_names_products_in_chinese_where_the_data_has_it(small_window):
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    try:
        names = [small_window.model.index(r, 0).data() for r in range(small_window.model.rowCount())]
        assert "艾米迈托赛注射液" in names and "Amimestrocel Injection" not in names
        assert "Ryoncil" in names  # no Chinese name: the English one
    finally:
        set_language("en")


def test_toolbar_buttons_show_no_accelerators_in_chinese(small_window, qapp):
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    try:
        qapp.processEvents()
        commands = small_window.commands
        for action in (commands.new_product, commands.new_event, commands.refresh, commands.deadlines, commands.undo):
            text = commands.toolbar.widgetForAction(action).text()
            assert "(" not in text and "&" not in text, text
        assert commands.toolbar.widgetForAction(commands.new_product).text() == "新建产品"
        assert commands.new_product.text() == "新建产品(&N)…"  # the menu keeps its accelerator
    finally:
        set_language("en")


def test_view_menu_opens_the_timelines_with_ctrl_4(small_window):
    commands = small_window.commands
    assert commands.timelines in commands.view_menu.actions()
    assert commands.timelines.shortcut().toString() == "Ctrl+4"
    commands.timelines.trigger()
    assert small_window.pages.currentWidget().objectName() == "timelinesPage"
    commands.products.trigger()
    assert small_window.pages.currentWidget() is small_window.products_page


def test_audit_values_are_words_and_records_are_named_in_chinese(small_window):
    from mscreg.ui.audit_view import field_value
    from mscreg.ui.language import set_language

    ryoncil = next(ov for ov in small_window.snapshot.overviews if ov.product.name == "Ryoncil")
    amimestrocel = next(ov for ov in small_window.snapshot.overviews if ov.product.name_zh == "艾米迈托赛注射液")
    set_language("zh_CN")
    try:
        assert field_value("confidence", "medium") == "中"
        assert field_value("pathway", "clinical") == "临床"
        assert field_value("product_id", amimestrocel.product.id) == "艾米迈托赛注射液"
        assert field_value("jurisdiction", "JP") == "日本 (JP)"
        assert "艾米迈托赛注射液" in field_value("track_id", amimestrocel.tracks[0].track.id)
    finally:
        set_language("en")
    assert field_value("product_id", ryoncil.product.id) == "Ryoncil"
    assert field_value("confidence", "medium") == "medium"


def test_audit_filters_are_as_wide_as_their_first_choice(small_window, qapp):
    audit = small_window.audit_view
    small_window.pages.setCurrentWidget(audit)
    qapp.processEvents()
    for combo in (audit.entity, audit.action, small_window.filters.jurisdiction, small_window.filters.donor):
        needed = combo.fontMetrics().horizontalAdvance(combo.itemText(0))
        assert combo.width() > needed + 20, combo.itemText(0)  # the text and the arrow


def test_empty_deadline_groups_are_hidden(small_window, qapp):
    from PySide6.QtCore import QModelIndex

    dashboard = small_window.dashboard
    small_window.pages.setCurrentWidget(dashboard)
    qapp.processEvents()
    sizes = dashboard.model.group_sizes()
    assert 0 in sizes  # the seeded data leave a group empty (provisional dates, as of today)
    for group, size in enumerate(sizes):
        assert dashboard.tree.isRowHidden(group, QModelIndex()) == (size == 0)


def test_chinese_text_takes_chinese_punctuation(small_window, qtbot, qapp):
    from mscreg.ui.language import set_language

    audit = small_window.audit_view
    small_window.pages.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=20_000)
    small_window.show_product(next(ov.product.id for ov in small_window.snapshot.overviews
                                   if ov.product.name == "Amimestrocel Injection"))
    set_language("zh_CN")
    try:
        qapp.processEvents()
        changes = [audit.model.index(r, 5).data() for r in range(audit.model.rowCount())]
        # a Chinese label takes a full-width colon (the English notes in the data keep theirs)
        assert not [c for c in changes if c and re.search(r"[\u4e00-\u9fff]: ", c)]
        assert any("：" in c for c in changes)
        clocks = small_window.product_view.sections[0].deadlines.text()
        assert "时限：" in clocks and "): " not in clocks
    finally:
        set_language("en")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1 deadline overdue; 3 deadlines due within the next 1 day"),
    ("zh_CN", "1 项时限已逾期；3 项时限将在 1 天内到期"),
])
def test_deadline_notice_counts_both_numbers_in_the_plural(qapp, lang, expected):
    from mscreg.ui.deadline_notice import DeadlineNotice, Urgent
    from mscreg.ui.language import set_language

    set_language(lang)
    try:
        notice = DeadlineNotice()
        notice.show_counts(Urgent(overdue=1, soon=3), 1)
        assert notice.text.text() == expected
    finally:
        set_language("en")
