"""The window's models and pages: checked by Qt's model tester, in both languages and palettes, and
photographed so a person can look at them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from mscreg.ui.theme import contrast, dark_palette


def all_indexes(model, parent=QModelIndex()):  # noqa: B008
    for r in range(model.rowCount(parent)):
        for c in range(model.columnCount(parent)):
            index = model.index(r, c, parent)
            yield index
        if model.columnCount(parent):
            yield from all_indexes(model, model.index(r, 0, parent))


def test_every_model_passes_qt_model_tester(qtmodeltester, qtbot, window):
    """Needs the whole window: the models as it fills them from the seeded database (test_models.py checks them
    with rows from memory)."""
    qtmodeltester.check(window.model)
    window.show_product(window.snapshot.overviews[0].product.id)
    qtmodeltester.check(window.product_view.sections[0].model)
    window.pages.setCurrentIndex(1)  # the deadlines tree is filled when its page is shown
    qtmodeltester.check(window.dashboard.model)
    assert sum(window.dashboard.model.group_sizes()) > 0
    window.pages.setCurrentIndex(2)  # the audit trail is read when its page is first shown
    qtbot.waitUntil(lambda: window.audit_view.model.rowCount() > 100, timeout=20_000)
    qtmodeltester.check(window.audit_view.model)


@pytest.mark.parametrize("palette_name", ["light", "dark"])
def test_no_coloured_text_is_unreadable_on_its_background(qapp, window, palette_name):
    """Every foreground colour a model returns keeps WCAG contrast 4.5 on the palette's base.  Needs the
    whole window: the colours of every model it shows, after a palette change reaches it."""
    palette = dark_palette() if palette_name == "dark" else QPalette(qapp.style().standardPalette())
    qapp.setPalette(palette)
    base = palette.color(QPalette.ColorRole.Base)
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == "Ryoncil"))
    window.pages.setCurrentIndex(1)  # the deadlines tree is filled when its page is shown
    models = [window.model, window.dashboard.model, *[s.model for s in window.product_view.sections]]
    checked = 0
    for model in models:
        for index in all_indexes(model):
            colour = index.data(Qt.ItemDataRole.ForegroundRole)
            if colour is None:
                continue
            colour = QColor(colour.color() if hasattr(colour, "color") else colour)
            assert contrast(colour, base) >= 4.5, (model, index.row(), index.column(), colour.name(), base.name())
            checked += 1
    assert checked > 10
    # Text in widgets comes from the palette itself: Text on Base and WindowText on Window must be readable.
    assert contrast(palette.color(QPalette.ColorRole.Text), base) >= 4.5
    assert contrast(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)) >= 4.5
    # The coloured state label in the product view is readable too.
    label = window.product_view.sections[0].state_label.text()
    colour = QColor(label.split("color:")[1][:7])
    assert contrast(colour, palette.color(QPalette.ColorRole.Window)) >= 3.0


def test_switching_to_chinese_renames_states_headers_and_names_at_once(qapp, window):
    """Needs the whole window: states, headers, names and menus renamed at once, everywhere it shows them."""
    from mscreg.ui.language import current_language, set_language

    row = [window.model.index(r, 0).data() for r in range(window.model.rowCount())].index("Alofisel")
    eu = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())].index("EU")
    assert window.model.index(row, eu).data() == "Withdrawn at the holder's request"
    set_language("zh_CN")
    assert current_language() == "zh_CN"
    assert window.model.index(row, eu).data() == "应持有人要求撤销"
    tissue = [window.model.headerData(c, Qt.Orientation.Horizontal)
              for c in range(window.model.columnCount())].index("组织来源")
    assert window.model.index(row, tissue).data() == "脂肪组织"  # tissue from the domain's bilingual table
    window.show_product(window.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2).product.id)
    assert any("欧盟" in s.title() for s in window.product_view.sections)
    assert window.commands.chinese.isChecked() and not window.commands.english.isChecked()
    qapp.processEvents()  # widgets get Qt's LanguageChange event through the event loop
    assert window.filters.tissue.itemText(window.filters.tissue.findData("adipose")) == "脂肪组织"
    set_language("en")
    assert window.model.index(row, eu).data() == "Withdrawn at the holder's request"


def test_language_menu_choice_is_remembered(window, settings):
    """Needs the whole window: its Language menu and its settings."""
    window.commands.chinese.trigger()
    assert settings.preferences().language == "zh_CN"
    window.commands.english.trigger()
    assert settings.preferences().language == "en"


def test_screenshots_of_every_page_in_both_palettes_and_languages(qapp, window, tmp_path):
    """Needs the whole window: screenshots of it."""
    from mscreg.ui.language import set_language

    window.show_product(next(ov.product.id for ov in window.snapshot.overviews
                             if ov.product.name == "Amimestrocel Injection"))
    for palette_name, palette in (("light", QPalette(qapp.style().standardPalette())), ("dark", dark_palette())):
        qapp.setPalette(palette)
        for lang in ("en", "zh_CN"):
            set_language(lang)
            for page, name in enumerate(("products", "deadlines", "audit")):
                window.pages.setCurrentIndex(page)
                qapp.processEvents()
                path = tmp_path / f"{name}-{palette_name}-{lang}.png"
                window.grab().save(str(path))
                image = window.grab().toImage()
                # The window takes the palette: the corner pixel is the window colour, not white on dark.
                assert image.pixelColor(2, image.height() - 2).lightness() < 128 if palette_name == "dark" \
                    else image.pixelColor(2, image.height() - 2).lightness() > 128
                assert path.stat().st_size > 10_000
            window.pages.setCurrentIndex(0)
            window.product_view.grab().save(str(tmp_path / f"product-{palette_name}-{lang}.png"))
    assert len(list(tmp_path.glob("*.png"))) == 16


def test_audit_view_filters_and_verifies_the_chain(window, qtbot):
    """Needs the whole window: the audit page reads the trail and checks the chain through the window's session."""
    window.pages.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.audit_view.model.rowCount() > 100, timeout=20_000)
    total = window.audit_view.model.rowCount()
    window.audit_view.search.setText("Ryoncil")
    shown = window.audit_view.model.rowCount()
    assert 0 < shown < total
    assert f"{shown} of {total}" in window.audit_view.count.text()
    entries = [window.audit_view.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(shown)]
    assert all("ryoncil" in e.haystack() for e in entries)
    assert any(window.audit_view.model.index(r, 4).data().startswith("Ryoncil / US") for r in range(shown))
    local, utc = window.audit_view.model.index(0, 0).data(), window.audit_view.model.index(0, 1).data()
    assert utc.endswith("UTC") and local[:4] == utc[:4]
    qtbot.mouseClick(window.audit_view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "OK" in window.audit_view.result.text(), timeout=20_000)
    assert "audit chain of" in window.audit_view.result.text()


def test_preferences_dialog_returns_values_and_the_window_applies_them(window, qtbot, settings):
    """Needs the whole window: applying the chosen values is the window's work."""
    from mscreg.ui.date_display import date_style, set_date_style
    from mscreg.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings.preferences(), window.dialogs, window)
    qtbot.addWidget(dialog)
    dialog.reminder.setValue(3650 if dialog.reminder.maximum() >= 3650 else dialog.reminder.maximum())
    dialog.date_style.setCurrentIndex(dialog.date_style.findData("long"))
    value = dialog.value()
    assert value.date_style == "long" and value.reminder_days == dialog.reminder.maximum()
    try:
        window.apply_preferences(value)
        assert date_style() == "long"
        assert settings.preferences().date_style == "long"
        assert window.notice.isVisible() and "due within the next" in window.notice.text.text()
    finally:
        set_date_style("iso")
