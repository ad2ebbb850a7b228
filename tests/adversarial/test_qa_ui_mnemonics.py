"""No two fields of a dialog answer to the same Alt+letter, in English or Chinese.

The preferences had "&Database:" and "Date &display:" (Alt+D, both languages), the obligation step
"&Step:" and "&Source:" (Alt+S): pressing the keys went to one field, then the other, never surely where
the user meant.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from adversarial import board_support
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from mscreg.ui.language import set_language

small_window = board_support.small_window

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _clashes(top) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = defaultdict(list)
    texts = [lab.text() for lab in top.findChildren(QLabel) if lab.isVisibleTo(top) and lab.buddy() is not None]
    texts += [b.text() for b in top.findChildren(QAbstractButton) if b.isVisibleTo(top)]
    for text in texts:
        for key in MNEMONIC.findall(text):
            keys[key.upper()].append(text)
    return {k: v for k, v in keys.items() if len(v) > 1}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_each_dialog_gives_each_letter_to_one_field(qtbot, small_window, lang):
    """Needs the whole window: the dialogs are opened the way the user opens them, through its edit
    requests and its preferences command, on the seeded records."""
    w = small_window
    set_language(lang)
    try:
        c = w.edits.controller
        opened = [c.new_event(1), c.edit_event(1), c.new_track(1), c.edit_track(1), c.verify_track(1),
                  c.new_obligation(1), c.obligation_step(1), c.new_product(), c.edit_product(1)]
        w.edit_preferences()
        qtbot.wait(50)
        dialogs = [d for d in opened if d is not None]
        dialogs += [t for t in QApplication.topLevelWidgets() if type(t).__name__ == "PreferencesDialog"]
        assert len(dialogs) == 10
        found = {type(d).__name__: _clashes(d) for d in dialogs}
        assert not {name: c for name, c in found.items() if c}
    finally:
        for t in QApplication.topLevelWidgets():
            if t is not w and t.isVisible():
                t.close()
        set_language("en")
