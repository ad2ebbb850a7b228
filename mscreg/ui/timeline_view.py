"""The on-screen timeline: the printed picture's own paint routine, with zoom, pan, tooltips and clicks.

Zooming narrows the *time window* instead of stretching a bitmap, so the lane labels stay in view
and event labels are re-packed for the room they have.  Only the lanes inside the viewport are
painted (rows are culled), and the axis stays pinned at the top while scrolling.  Colours come from
the widget's palette, so a dark desktop gets a dark timeline.

A frame must cost what is in view, not what is in the database (2,000 lanes, 100,000
events, 16.7 ms a frame).  So the scene is measured once per layout and width, with a fixed number
of label rows per lane (``LABEL_ROWS``): lane heights, the scroll range and the row positions then
stay put while zooming and panning, which only move the scene's window; the lanes in view are
placed for that window when painted, and labels beyond their rows are aggregated into "+N".
"""

from __future__ import annotations

import bisect
import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from mscreg.domain.timeline_layout import TimelineLayout
from mscreg.ui.timeline_painter import AXIS_H, Hit, TimelineScene, paint_axis, paint_rows
from mscreg.ui.timeline_style import Fonts, Theme

PIXELS_PER_POINT = 1.45  # 6 pt labels show at about 9 px: readable without zooming the desktop
MIN_WINDOW_DAYS = 60
LABEL_ROWS = (3, 2)  # label rows above (events) and below (deadlines) a lane's bar on screen


class TimelineView(QAbstractScrollArea):
    """Shows one :class:`TimelineLayout`.  Signals carry the ids of what the user clicked."""

    event_activated = Signal(int)
    track_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._layout: TimelineLayout | None = None
        self._window: tuple[dt.date, dt.date] | None = None
        self._scene: TimelineScene | None = None
        self._row_tops: list[float] = []
        self._drag_from: QPointF | None = None
        self._drag_window: tuple[dt.date, dt.date] | None = None

    # ------------------------------------------------------------------ content
    def set_layout(self, layout: TimelineLayout | None) -> None:
        self._layout = layout
        self._window = (layout.start, layout.end) if layout else None
        self._rebuild()

    def layout_shown(self) -> TimelineLayout | None:
        return self._layout

    @property
    def time_window(self) -> tuple[dt.date, dt.date] | None:
        """The days in view (not ``window``, which would hide ``QWidget.window()``)."""
        return self._window

    @property
    def scene(self) -> TimelineScene | None:
        return self._scene

    def _rebuild(self) -> None:
        if self._layout is None or self._window is None:
            self._scene = None
            self.viewport().update()
            return
        width = max(200.0, self.viewport().width() / PIXELS_PER_POINT)
        self._scene = TimelineScene(self._layout, Fonts(self.viewport()), width, [self._window],
                                    max_label_rows=LABEL_ROWS)
        tops, y = [], AXIS_H
        for row in self._scene.rows:
            tops.append(y)
            y += row.height
        self._row_tops = tops
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, round(self._scene.height * PIXELS_PER_POINT) - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(24)
        self.viewport().update()

    # ------------------------------------------------------------------ zoom and pan
    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Narrow (factor > 1) or widen the time window around ``anchor_x`` (viewport pixels)."""
        if self._layout is None or self._window is None or self._scene is None:
            return
        start, end = self._window
        days = (end - start).days + 1
        new_days = int(min((self._layout.end - self._layout.start).days + 1, max(MIN_WINDOW_DAYS, days / factor)))
        left_px = (self._scene.label_width + 6) * PIXELS_PER_POINT
        plot_px = max(1.0, self._scene.plot_width * PIXELS_PER_POINT)
        fraction = 0.5 if anchor_x is None else min(1.0, max(0.0, (anchor_x - left_px) / plot_px))
        pivot = start + dt.timedelta(days=days * fraction)
        new_start = pivot - dt.timedelta(days=new_days * fraction)
        self._set_window(new_start, new_days)

    def pan(self, days: int) -> None:
        if self._window is None:
            return
        start, end = self._window
        self._set_window(start + dt.timedelta(days=days), (end - start).days + 1)

    def reset_zoom(self) -> None:
        if self._layout is not None:
            self._window = (self._layout.start, self._layout.end)
            self._window_changed()

    def _set_window(self, start: dt.date, days: int) -> None:
        assert self._layout is not None
        start = max(self._layout.start, min(start, self._layout.end - dt.timedelta(days=days - 1)))
        self._window = (start, start + dt.timedelta(days=days - 1))
        self._window_changed()

    def _window_changed(self) -> None:
        """Zoom and pan move the window only: no lane is measured again, the view just repaints."""
        if self._scene is not None and self._window is not None:
            self._scene.set_window(self._window)
        self.viewport().update()

    # ------------------------------------------------------------------ painting
    def _visible_rows(self) -> tuple[int, int, float]:
        """Rows in view (first, last exclusive) and the scroll offset, in points."""
        offset = self.verticalScrollBar().value() / PIXELS_PER_POINT
        view_h = self.viewport().height() / PIXELS_PER_POINT
        first = max(0, bisect.bisect_right(self._row_tops, offset + AXIS_H) - 1)
        last = bisect.bisect_right(self._row_tops, offset + view_h)
        return first, last, offset

    def _paint_rows(self, painter: QPainter, first: int, last: int, offset: float, theme: Theme,
                    hits: list[Hit] | None) -> None:
        assert self._scene is not None
        painter.scale(PIXELS_PER_POINT, PIXELS_PER_POINT)
        painter.translate(0, -offset)
        if first < last:
            paint_rows(painter, self._scene, self._scene.rows[first:last], 0,
                       QPointF(0, self._row_tops[first] - AXIS_H), theme, hits)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        theme = Theme.from_palette(self.palette())
        painter.fillRect(self.viewport().rect(), theme.background)
        scene = self._scene
        if scene is None:
            painter.end()
            return
        first, last, offset = self._visible_rows()
        self._paint_rows(painter, first, last, offset, theme, None)
        # the axis pinned at the top of the viewport
        painter.fillRect(QRectF(0, offset, scene.width, AXIS_H), theme.background)
        paint_axis(painter, scene, scene.windows[0], QPointF(0, offset), 0, theme)
        painter.end()

    # ------------------------------------------------------------------ interaction
    def hits_in_view(self, y: float | None = None) -> list[tuple[QRectF, Hit]]:
        """What can be pointed at, in viewport pixels: of the lane at height ``y`` or of every lane in view.

        Worked out when asked (a tooltip, a click), by running the paint routine for those lanes on
        a one-pixel image, instead of recording hundreds of rectangles in every frame.
        """
        if self._scene is None:
            return []
        first, last, offset = self._visible_rows()
        if y is not None:
            if y < AXIS_H * PIXELS_PER_POINT:
                return []  # the pinned axis
            row = bisect.bisect_right(self._row_tops, offset + y / PIXELS_PER_POINT) - 1
            if not first <= row < last:
                return []
            first, last = row, row + 1
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        hits: list[Hit] = []
        self._paint_rows(painter, first, last, offset, Theme.from_palette(self.palette()), hits)
        transform = painter.transform()
        painter.end()
        return [(transform.mapRect(h.rect), h) for h in hits]

    def hit_at(self, pos: QPointF) -> Hit | None:
        """The smallest hit rectangle under ``pos`` (viewport pixels): a marker before its span."""
        found = [(r.width() * r.height(), h) for r, h in self.hits_in_view(pos.y())
                 if r.adjusted(-2, -2, 2, 2).contains(pos)]
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.hit_at(QPointF(event.pos()))  # type: ignore[attr-defined]  # a ToolTip event is a QHelpEvent
            if hit is not None:
                QToolTip.showText(event.globalPos(), hit.tooltip, self.viewport())  # type: ignore[attr-defined]  # as above
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rebuild()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 ** steps, event.position().x())
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier or event.angleDelta().x():
            self._pan_fraction(-(steps or event.angleDelta().x() / 120) * 0.1)
        else:
            super().wheelEvent(event)
            return
        event.accept()

    def _pan_fraction(self, fraction: float) -> None:
        if self._window is not None:
            days = (self._window[1] - self._window[0]).days + 1
            self.pan(round(days * fraction))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self._drag_window = self._window
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and self._drag_window is not None and self._scene is not None:
            dx = event.position().x() - self._drag_from.x()
            if abs(dx) > 4:
                days = (self._drag_window[1] - self._drag_window[0]).days + 1
                per_px = days / max(1.0, self._scene.plot_width * PIXELS_PER_POINT)
                self._window = self._drag_window
                self.pan(-round(dx * per_px))
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        moved = self._drag_from is not None and abs(event.position().x() - self._drag_from.x()) > 4
        self._drag_from = None
        self.viewport().unsetCursor()
        if not moved and event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit_at(event.position())
            if hit is not None and hit.event_id is not None:
                self.event_activated.emit(hit.event_id)
            elif hit is not None and hit.track_id is not None:
                self.track_activated.emit(hit.track_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.5)
        elif key == Qt.Key.Key_Left:
            self._pan_fraction(-0.1)
        elif key == Qt.Key.Key_Right:
            self._pan_fraction(0.1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.reset_zoom()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Timeline"))
        if event.type() == QEvent.Type.PaletteChange:
            self.viewport().update()
        super().changeEvent(event)
