"""Typing in the search box brings another product to the top of the list: the product view below shows it.

* It is laid out and painted once, in the turn of the event loop that follows the change: each of its
  widgets painted at most once, and nothing of it painted again at the next turn (while typing, the next
  keystroke). Its layouts used to climb one level per turn, and a section shown again was shown by a
  queued call, so it was painted, then painted again.
* A product with more tracks than the one before reuses the sections the one before did not need (they
  are hidden and kept), instead of making new ones at every other keystroke; a kept section holds
  nothing of the product it showed.
* A section's wrapped labels keep their height per width and text: laying a section out asked each
  about 18 times, and Qt laid the text out for each answer.
"""

from __future__ import annotations

import collections

from adversarial import board_support
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

small_window = board_support.small_window  # the fixture, shared with the board tests


class _Events(QObject):
    """Paint events of the widgets inside ``root`` counted per widget, and its layout events."""

    LAYOUT = (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Move)

    def __init__(self, root) -> None:
        super().__init__()
        self.root = root
        self.paints: collections.Counter = collections.Counter()
        self.layouts: list = []

    def eventFilter(self, obj, event):
        if obj.isWidgetType() and (obj is self.root or self.root.isAncestorOf(obj)):
            if event.type() == QEvent.Type.Paint:
                self.paints[obj] += 1
            elif event.type() in self.LAYOUT:
                self.layouts.append((event.type().name, _name(obj)))
        return False

    def clear(self) -> None:
        self.paints.clear()
        self.layouts.clear()


def _content(view) -> list:
    """What the product view shows of a product: its title, buttons, tabs, summary, and each section's labels,
    buttons and event table.  Left out: the designation chips and the scroll bars, which Qt repaints by a
    queued call of its own after they are shown or resized (a few pixels each, with the section's frame
    behind them)."""
    widgets = [view.title, view.edit_button, view.track_button, view.tabs.tabBar(), view.summary,
               view.details_toggle]
    for s in view.sections:
        widgets += [s.state_icon, s.state_label, s.add_event, s.edit_track_button, s.delete_track_button,
                    s.references, s.verified, s.verify_button, s.deadlines, s.table.viewport(),
                    s.table.horizontalHeader().viewport()]
    return widgets


def _name(widget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    parent = widget.parentWidget()
    return f"{type(widget).__name__} {text[:30]!r} in {type(parent).__name__ if parent is not None else None}"


def _products_by_tracks(window):
    """(a product with fewer tracks, one with more), both with at least one track."""
    overviews = sorted((ov for ov in window.snapshot.overviews if ov.tracks), key=lambda ov: len(ov.tracks))
    few, many = overviews[0], overviews[-1]
    assert len(few.tracks) < len(many.tracks)
    return few, many


def _show(window, ov) -> None:
    page, snap = window.products_page, window.snapshot
    page.product_view.show_product(ov, page._clocks_of(ov.product.id), snap.as_of, snap.obligations, snap.trials)


def test_another_product_is_painted_once_and_not_again_at_the_next_turn(small_window, qtbot):
    window = small_window
    view = window.products_page.product_view
    few, many = _products_by_tracks(window)
    # every section made once (a section made anew still takes a second turn: its widgets are polished
    # and laid out at the turn after they are made)
    _show(window, many)
    # and another product with as many tracks: every section kept and given a new track
    alike = next(ov for ov in window.snapshot.overviews if len(ov.tracks) == len(many.tracks) and ov is not many)
    for first, second in ((few, many), (many, few), (few, many), (many, alike)):
        _show(window, first)
        qtbot.wait(30)  # everything of the first product settled and painted
        events = _Events(view)
        QApplication.instance().installEventFilter(events)
        try:
            _show(window, second)
            QApplication.processEvents()  # the turn that follows the change: it is painted there
            painted_first = dict(events.paints)
            events.clear()
            QApplication.processEvents()  # the next turn (the next keystroke, while typing)
            painted_next, laid_out_next = dict(events.paints), list(events.layouts)
        finally:
            QApplication.instance().removeEventFilter(events)
        content = _content(view)
        case = (len(first.tracks), len(second.tracks))
        assert painted_first.get(view.title) == 1, case  # the new product is on screen after one turn
        assert sorted(f"{_name(w)}: {painted_first[w]}" for w in content if painted_first.get(w, 0) > 1) == [], case
        assert laid_out_next == [], case
        assert sorted(_name(w) for w in content if w in painted_next) == [], case


def test_a_product_with_more_tracks_reuses_the_hidden_sections(small_window, qtbot):
    window = small_window
    view = window.products_page.product_view
    few, many = _products_by_tracks(window)
    _show(window, many)
    made = list(view.sections)
    _show(window, few)
    hidden = made[len(few.tracks):]
    for section in hidden:  # kept, hidden, and emptied of the other product
        assert section.parent() is not None and not section.isVisible()
        assert section.track_view is None and section.clocks == [] and section.model.rowCount() == 0
    _show(window, many)
    assert view.sections == made  # the same sections, in the same order: none made anew
    assert [s.track_view.track.id for s in view.sections] == [
        tv.track.id for tv in sorted(many.tracks, key=lambda tv: (tv.track.jurisdiction, tv.track.pathway.value,
                                                                  tv.track.indication))]
    layout = view.sections_layout
    order = [layout.indexOf(s) for s in view.sections]
    assert order == sorted(order) and order[-1] < layout.indexOf(view.trials_panel)
    assert all(s.isVisible() for s in view.sections)


def test_wrapped_labels_answer_as_qt_does_and_lay_a_text_out_once_per_width(qapp, monkeypatch):
    """A section's wrapped labels were asked their height about 18 times each at every change of product, and
    Qt's label laid its text out for each answer.  The height is kept per width and text, and is Qt's own."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from mscreg.ui.product_view import WrappedLabel

    texts = ["short", "never verified", "<b style='color:#297c34'>Approved</b><br>" + "The statutory term ended. " * 6,
             "Reference numbers: " + "; ".join(f"BLA 1250{i}" for i in range(30))]
    ours, theirs = WrappedLabel(), QLabel()
    theirs.setWordWrap(True)
    for font_size in (9, 14):
        font = QFont(ours.font())
        font.setPointSize(font_size)
        ours.setFont(font)
        theirs.setFont(font)
        for text in texts:
            ours.setText(text)
            theirs.setText(text)
            for width in (80, 300, 1200):
                assert ours.heightForWidth(width) == theirs.heightForWidth(width), (font_size, text, width)

    laid_out = []
    qt_height = QLabel.heightForWidth
    monkeypatch.setattr(QLabel, "heightForWidth", lambda self, w: laid_out.append(w) or qt_height(self, w))
    ours.setText("another text, laid out once for each width it is asked about")
    for _ in range(10):
        for width in (300, 1200):
            ours.heightForWidth(width)
    assert laid_out == [300, 1200]


def test_the_sections_labels_keep_their_heights(small_window):
    view = small_window.products_page.product_view
    from mscreg.ui.product_view import WrappedLabel

    _few, many = _products_by_tracks(small_window)
    _show(small_window, many)
    for s in view.sections:
        assert all(isinstance(w, WrappedLabel) and w.wordWrap() for w in (s.state_label, s.references, s.verified,
                                                                          s.deadlines))
