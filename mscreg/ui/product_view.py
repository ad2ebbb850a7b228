"""One product in full: every name and attribute, then one section per track with its log and clocks.

A track section shows the current state (colour, icon and name), the reference numbers, the events
in date order with each date at its own precision, the sources as links, and the track's clocks
with how many days are left.  The view only shows and asks: edits (of the product, of each track
and of each event) are signals the main window passes to the edit controller.  The tabs hold the
overview and whatever the window adds (the product's timeline).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.bilingual import localized
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.product import attribute_name
from mscreg.domain.states import state_name
from mscreg.ui.date_display import due_countdown, format_due, format_partial
from mscreg.ui.designation_flags import TrackFlags
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import OBJECT_ROLE
from mscreg.ui.language import current_language, is_chinese
from mscreg.ui.obligations_panel import ObligationsPanel
from mscreg.ui.theme import state_category, state_color, urgency_color
from mscreg.ui.trials_panel import TrialsPanel

Index = QModelIndex | QPersistentModelIndex
URL = re.compile(r"https?://[^\s;,)）]+")

CONTEXT = "EventTableModel"
# Layout requests climb from a section's label to the section, the sections' host, the scroll area's
# viewport and the product view's own layout: one pass of posted events each.
LAYOUT_LEVELS = 4


def colon() -> str:
    """": " in English, "：" in Chinese text (a Chinese sentence takes Chinese punctuation)."""
    return "：" if is_chinese() else ": "


def source_links(source: str) -> list[str]:
    """The web addresses in a source citation (a citation may hold several, or none)."""
    return [u.rstrip(".") for u in URL.findall(source or "")]


class EventTableModel(QAbstractTableModel):
    """A track's events in date order (the order the state machine replays them), then its plans, each
    marked "planned:" before its event type (the narrow date column would cut a mark off) and set in
    italics: a plan is listed, never taken for a fact."""

    DATE, TYPE, REFERENCE, AGENCY, CONFIDENCE, SOURCE, NOTE = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, events: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(events)
        self.endResetModel()

    def event_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Date"), self.tr("Event"), self.tr("Reference"), self.tr("Agency"), self.tr("Confidence"),
                  self.tr("Source"), self.tr("Note"))
        return titles[section] if 0 <= section < len(titles) else None

    def _text(self, e, column: int) -> str:
        if column == self.DATE:
            return format_partial(e.date)
        if column == self.TYPE:
            etype = EVENT_TYPES.get(e.type)
            name = etype.name(current_language()) if etype else e.type
            return self.tr("planned: %1").replace("%1", name) if getattr(e, "planned", False) else name
        if column == self.REFERENCE:
            return e.reference
        if column == self.AGENCY:
            return e.agency
        if column == self.CONFIDENCE:
            return {"high": self.tr("high"), "medium": self.tr("medium"), "low": self.tr("low")}.get(
                e.confidence.value, e.confidence.value)
        if column == self.SOURCE:
            return e.source
        return localized(e.note, e.note_zh, current_language())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < 7:
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(e, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(e, column)
            if column == self.SOURCE and source_links(e.source):
                return text + "\n" + self.tr("Click or press Enter to open the link.")
            return text or None
        if role == OBJECT_ROLE:
            return e
        if role == Qt.ItemDataRole.FontRole and getattr(e, "planned", False):
            font = QFont()
            font.setItalic(True)
            return font
        if column == self.SOURCE and source_links(e.source):
            if role == Qt.ItemDataRole.ForegroundRole:
                return _link_color()
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setUnderline(True)
                return font
        return None

    def refresh_texts(self, *_args) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 6))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)


def _link_color():
    from mscreg.ui.theme import current_palette, readable

    pal = current_palette()
    return readable(pal.color(QPalette.ColorRole.Link), pal.color(QPalette.ColorRole.Base))


class WrappedLabel(QLabel):
    """A word-wrapped label that remembers its height for a given width and text.

    Qt's label lays its text out anew each time a layout asks how tall it is at a width, and laying a
    product's sections out asks about 18 times per label (each level of layouts, for its minimum, its
    hint and its geometry): about 180 text layouts, 3–4 ms, at every change of product.  The answer
    depends on the width, the text and the font only (the label's format, margins and indent are set
    once), so it is kept per (width, text) until the font or the style changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str], int] = {}

    def heightForWidth(self, width: int) -> int:
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 64:  # a few widths of the few texts shown lately
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Qt's answer also leaves the text laid out at the width asked about, which is where the label
        # then paints it; a height remembered leaves it where it was, and the paint would lay the text
        # out at the label's own width and ask to be painted again.  One layout at the width it has now.
        super().resizeEvent(event)
        super().heightForWidth(event.size().width())


class TrackSection(QGroupBox):
    """One track: state, references, events, clocks; with its own "Add event…", "Edit track…" and
    "Delete track…" buttons."""

    new_event = Signal(int)
    edit_event = Signal(int)
    delete_event = Signal(int)
    mark_happened = Signal(int)
    edit_track = Signal(int)
    delete_track = Signal(int)
    new_obligation = Signal(int)  # track id
    edit_obligation = Signal(int)  # obligation id
    obligation_step = Signal(int)  # obligation id
    delete_obligation = Signal(int)  # obligation id
    verify_track = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track_view = None
        self.clocks: list = []
        self.as_of = dt.date.today()
        self.state_icon = QLabel(self)
        self.state_label = WrappedLabel(self)
        # wrapped: a term that ended adds a sentence that would otherwise widen the page past the window
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_event = QPushButton(self)
        self.add_event.setIcon(icon("event-new"))
        self.add_event.clicked.connect(lambda: self._emit_track(self.new_event))
        self.edit_track_button = QPushButton(icon("edit"), "", self)
        self.edit_track_button.clicked.connect(lambda: self._emit_track(self.edit_track))
        self.delete_track_button = QPushButton(icon("delete"), "", self)
        self.delete_track_button.clicked.connect(lambda: self._emit_track(self.delete_track))
        self.references = WrappedLabel(self)
        self.references.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # when the track was last checked against a source ("verified 2026-12-05, source …")
        self.verified = WrappedLabel(self)
        self.verified.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self)
        self.verify_button.clicked.connect(lambda: self._emit_track(self.verify_track))
        self.model = EventTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((96, 300, 130, 110, 80, 260)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(EventTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.deadlines = WrappedLabel(self)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)

        top = QHBoxLayout()
        top.addWidget(self.state_icon)
        top.addWidget(self.state_label, 1)
        self.flags = TrackFlags(self)  # the designations held on the as-of day
        top.addWidget(self.flags)
        top.addWidget(self.add_event)
        top.addWidget(self.edit_track_button)
        top.addWidget(self.delete_track_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.references)
        checked = QHBoxLayout()
        checked.addWidget(self.verified, 1)
        checked.addWidget(self.verify_button)
        layout.addLayout(checked)
        # the clocks before the log: what is due next is read first, and stays in view on a small screen
        self.obligations = ObligationsPanel(self)
        self.obligations.new_obligation.connect(self.new_obligation)
        self.obligations.edit_obligation.connect(self.edit_obligation)
        self.obligations.obligation_step.connect(self.obligation_step)
        self.obligations.delete_obligation.connect(self.delete_obligation)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.table)
        layout.addWidget(self.obligations)

    def show_track(self, track_view, clocks: Sequence, as_of: dt.date, obligations: Sequence = ()) -> None:
        self.track_view = track_view
        self.obligations.show_obligations(obligations, track_view)
        self.clocks = list(clocks)
        self.as_of = as_of
        rows_shown = (*track_view.events, *getattr(track_view, "plans", ()))
        self.model.set_rows(rows_shown)
        rows = max(1, len(rows_shown))
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header + rows * row + 2 * self.table.frameWidth())
        self.retranslate_ui()

    def clear(self) -> None:
        """Hidden and kept for a later track: let go of this one's track, events and clocks (a kept
        section is given all of a new track by :meth:`show_track`)."""
        self.track_view = None
        self.clocks = []
        self.model.set_rows(())

    def _emit_track(self, signal) -> None:
        if self.track_view is not None and self.track_view.track.id is not None:
            signal.emit(self.track_view.track.id)

    def selected_event_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        e = self.model.event_at(rows[0].row()) if rows else None
        return e.id if e is not None else None

    def retranslate_ui(self) -> None:
        tv = self.track_view
        self.add_event.setText(self.tr("Add event…"))
        self.edit_track_button.setText(self.tr("Edit track…"))
        self.edit_track_button.setAccessibleName(self.tr("Edit this track"))
        self.delete_track_button.setText(self.tr("Delete track…"))
        self.delete_track_button.setAccessibleName(self.tr("Delete this track"))
        self.verify_button.setText(self.tr("Mark as verified…"))
        self.verify_button.setAccessibleName(self.tr("Record that this track was checked against a source"))
        if tv is None:
            return
        lang = current_language()
        t = tv.track
        j = JURISDICTIONS.get(t.jurisdiction)
        pathway = self.tr("marketing") if t.pathway.value == "marketing" else self.tr("clinical trials")
        self.setTitle(f"{j.name(lang) if j else t.jurisdiction} ({t.jurisdiction}) — "
                      f"{localized(t.indication, t.indication_zh, lang)} — {pathway}")
        self.setAccessibleName(self.title())
        self.add_event.setAccessibleName(self.tr("Add an event to this track"))
        self.flags.show_track(tv, self.as_of)
        state = tv.status.state
        color = state_color(state)
        self.state_icon.setPixmap(icon(f"state-{state_category(state).value}", color).pixmap(20, 20))
        name = state_name(state, t.jurisdiction, lang)
        text = f"<b style='color:{color.name()}'>{html.escape(name)}</b>"
        ended = tv.ended_by
        if ended is not None:
            why = self.tr("The statutory term ended: %1, due %2 (%3). Record the renewal, conversion or ending "
                          "if it happened.")
            why = why.replace("%1", ended.rule.description(lang)).replace(
                "%2", format_due(ended.due.earliest, ended.due.latest)).replace("%3", ended.rule.basis)
            text += "<br>" + html.escape(why)
        self.state_label.setText(text)
        self.state_label.setAccessibleName(self.tr("Current state") + colon() + name)
        refs = list(dict.fromkeys(e.reference for e in tv.events if e.reference))
        self.references.setText(self.tr("Reference numbers") + colon() + ("；" if is_chinese() else "; ").join(refs)
                                if refs else "")
        self.references.setVisible(bool(refs))
        self.references.setAccessibleName(self.references.text())  # selectable, so it takes focus when clicked
        from mscreg.services.review import last_verified, verified_label

        self.verified.setText(verified_label(last_verified(tv.verifications, self.as_of), lang))
        self.verified.setAccessibleName(self.verified.text())
        self.table.setAccessibleName(self.tr("Events of this track, in date order"))
        self.model.refresh_texts()
        self._show_clocks(lang)

    def _show_clocks(self, lang: str) -> None:
        if not self.clocks:
            self.deadlines.setText("<i>" + html.escape(self.tr("No deadlines computed for this track.")) + "</i>")
            return
        lines = []
        ended = self.track_view is not None and self.track_view.ended_by is not None
        for c in self.clocks:
            status = c.status.value
            is_open = status in ("upcoming", "due-soon", "overdue")
            kind = "provisional" if c.due.provisional and is_open else status
            due = format_due(c.due.earliest, c.due.latest)
            if ended and status == "overdue":  # the term is over: a track to review, not an alarm
                kind, tail = "stopped", self.tr("term ended: record what happened")
            elif is_open:
                tail = due_countdown(c.due.earliest, c.due.latest, self.as_of)
            else:
                tail = self._settled_text(c, lang)
            colour = urgency_color(kind).name()
            mark = " " + self.tr("(provisional: the China holiday calendar for that year is not published)") \
                if c.due.provisional else ""
            lines.append(f"<span style='color:{colour}'>●</span> {html.escape(c.rule.description(lang) + colon())}"
                         f"<b>{html.escape(due)}</b> — <span style='color:{colour}'>{html.escape(tail)}</span>"
                         f"{html.escape(mark)}")
        self.deadlines.setText(html.escape(self.tr("Deadlines") + colon().strip()) + "<br>" + "<br>".join(lines))
        self.deadlines.setAccessibleName(self.tr("Deadlines"))

    def _settled_text(self, clock, lang: str) -> str:
        """How a clock was settled, naming the event: for an agency's action goal, "met" alone would read as
        a success although the agency may have answered with a complete response letter."""
        status = clock.status.value
        came = clock.settled_by
        if came is None:
            return self._status_text(status)
        etype = EVENT_TYPES.get(came.type)
        what = f"{etype.name(lang) if etype else came.type} ({format_partial(came.date)})"
        if clock.rule.agency_goal and status in ("met", "missed"):
            text = self.tr("agency acted by the goal date: %1") if status == "met" else \
                self.tr("agency acted after the goal date: %1")
            return text.replace("%1", what)
        return f"{self._status_text(status)}{colon()}{what}"

    def _status_text(self, status: str) -> str:
        return {"met": self.tr("met"), "missed": self.tr("missed"), "stopped": self.tr("stopped")}.get(status, status)

    # ----- interaction ----------------------------------------------------------------------------
    def _open_links(self, e, at: QPoint | None = None) -> bool:
        links = source_links(e.source)
        if not links:
            return False
        if len(links) == 1:
            QDesktopServices.openUrl(QUrl(links[0]))
            return True
        menu = QMenu(self)
        for link in links:
            menu.addAction(link, lambda u=link: QDesktopServices.openUrl(QUrl(u)))  # type: ignore[misc]  # u: str
        rect = self.table.visualRect(self.table.currentIndex())
        menu.popup(self.table.viewport().mapToGlobal(at or rect.bottomLeft()))
        return True

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == EventTableModel.SOURCE:
            e = self.model.event_at(index.row())
            if e is not None:
                self._open_links(e, self.table.visualRect(index).bottomLeft())

    def _activated(self, index: QModelIndex) -> None:
        e = self.model.event_at(index.row())
        if e is None:
            return
        if index.column() == EventTableModel.SOURCE and self._open_links(e):
            return
        if e.id is not None:
            self.edit_event.emit(e.id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        e = self.model.event_at(index.row()) if index.isValid() else None
        menu = QMenu(self)
        if self.track_view is not None:
            menu.addAction(icon("event-new"), self.tr("Add event…"), lambda: self._emit_track(self.new_event))
        if e is not None and e.id is not None:
            if e.planned:
                menu.addAction(icon("edit"), self.tr("Mark as happened…"), lambda: self.mark_happened.emit(e.id))
            menu.addAction(icon("edit"), self.tr("Edit event…"), lambda: self.edit_event.emit(e.id))
            menu.addAction(icon("delete"), self.tr("Delete event…"), lambda: self.delete_event.emit(e.id))
            for link in source_links(e.source):
                menu.addAction(icon("link"), self.tr("Open source") + f": {link[:60]}",
                               lambda u=link: QDesktopServices.openUrl(QUrl(u)))
        if self.track_view is not None:
            menu.addSeparator()
            menu.addAction(icon("edit"), self.tr("Edit track…"), lambda: self._emit_track(self.edit_track))
            menu.addAction(icon("delete"), self.tr("Delete track…"), lambda: self._emit_track(self.delete_track))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate_ui()
        super().changeEvent(event)


class ProductView(QWidget):
    """Header with all names and attributes, then the tabs (the overview, and any the window adds)."""

    edit_product = Signal(int)
    delete_product = Signal(int)
    new_track = Signal(int)
    edit_track = Signal(int)
    delete_track = Signal(int)
    verify_track = Signal(int)
    new_event = Signal(int)
    edit_event = Signal(int)
    delete_event = Signal(int)
    mark_happened = Signal(int)
    new_obligation = Signal(int)
    edit_obligation = Signal(int)
    obligation_step = Signal(int)
    delete_obligation = Signal(int)
    link_trial = Signal(int)  # product id
    unlink_trial = Signal(int)  # trial id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview = None
        self.trials: dict = {}
        self.obligations: dict = {}
        self.clocks: list = []
        self.as_of = dt.date.today()
        self.sections: list[TrackSection] = []  # the shown ones, one per track of the product
        self._spare: list[TrackSection] = []  # hidden, kept for a product with more tracks
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(icon("edit"), "", self)
        self.track_button = QPushButton(icon("track-new"), "", self)
        self.edit_button.clicked.connect(lambda: self._emit_product(self.edit_product))
        self.track_button.clicked.connect(lambda: self._emit_product(self.new_track))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.overview_page = QScrollArea(self.tabs)
        self.overview_page.setWidgetResizable(True)
        self.overview_page.setFrameShape(QFrame.Shape.NoFrame)
        self.sections_host = QWidget(self.overview_page)
        self.sections_layout = QVBoxLayout(self.sections_host)
        self.details.setParent(self.sections_host)
        # Collapsed to one line until opened: at 1024×768 the full block left no room for the tracks.
        self.details_toggle = QToolButton(self.sections_host)
        self.details_toggle.setObjectName("detailsToggle")
        self.details_toggle.setCheckable(True)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.toggled.connect(self._details_toggled)
        self.summary = QLabel(self.sections_host)
        self.summary.setObjectName("detailsSummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        summary_row = QHBoxLayout()
        summary_row.setContentsMargins(0, 0, 0, 0)
        # kept at the left when the summary beside it is hidden (opened, it sat alone in the row's middle)
        summary_row.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        summary_row.addWidget(self.summary, 1)
        self.sections_layout.addLayout(summary_row)
        self.sections_layout.addWidget(self.details)
        self.details.setVisible(False)
        # the trials after the tracks: a product's registrations, linked by hand, whatever track they feed
        self.trials_panel = TrialsPanel(self.sections_host)
        self.trials_panel.link_trial.connect(self.link_trial)
        self.trials_panel.unlink_trial.connect(self.unlink_trial)
        self.sections_layout.addWidget(self.trials_panel)
        self.sections_layout.addStretch(1)
        self.overview_page.setWidget(self.sections_host)
        self.tabs.addTab(self.overview_page, "")
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.track_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)
        self.retranslate_ui()
        self.show_product(None)

    def _emit_product(self, signal) -> None:
        if self.overview is not None and self.overview.product.id is not None:
            signal.emit(self.overview.product.id)

    def product_id(self) -> int | None:
        return self.overview.product.id if self.overview is not None else None

    def show_product(self, overview, clocks: Sequence = (), as_of: dt.date | None = None,
                     obligations: dict | None = None, trials: dict | None = None) -> None:
        """Show ``overview`` (a ProductOverview) with its clocks, its tracks' obligations (by track id) and
        the linked trials (by product id); None shows a hint instead."""
        self.overview = overview
        self.obligations = obligations or {}
        self.trials = trials or {}
        self.clocks = list(clocks)
        self.as_of = as_of or dt.date.today()
        has = overview is not None
        for w in (self.title, self.tabs, self.edit_button, self.track_button):
            w.setVisible(has)
        self.details.setVisible(has and self.details_toggle.isChecked())
        self.empty.setVisible(not has)
        self._build_sections()
        pid = overview.product.id if overview is not None else None
        self.trials_panel.set_trials(self.trials.get(pid, ()) if pid is not None else (), pid, self.as_of)
        self._render()
        self._lay_out_now()

    def _lay_out_now(self) -> None:
        """Lay the new product out at once, every level of it, so that it is painted once, at its final place.

        A layout that activates asks its parent's layout to run at the next turn of the event loop, and
        one turn runs only the requests made before it began: a new product's labels, then its sections,
        then the scroll area that holds them, were laid out over three turns, and painted after the first
        and again after the last (at the next keystroke while typing).  Each pass here runs one level."""
        if not self.isVisible():
            return
        for section in self.sections:
            section.table.doItemsLayout()  # else the event table lays itself out on a timer, after the paint
        for _ in range(LAYOUT_LEVELS):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _build_sections(self) -> None:
        """One section per track.  Sections are kept from one product to the next and given the new
        product's tracks (``show_track`` sets everything a section shows, and its event list is reset):
        making a section's widgets and laying them out cost about 10 ms each, paid at every keystroke in
        the search box that brought another product to the top of the list.  A product with fewer tracks
        hides the sections it does not need and keeps them for the next one with more (typing went from
        products with two tracks to products with three and back, making and deleting a section each
        time); a hidden section is emptied, so it holds nothing of the product it showed."""
        tracks: list = [] if self.overview is None else sorted(
            self.overview.tracks, key=lambda tv: (tv.track.jurisdiction, tv.track.pathway.value, tv.track.indication))
        while len(self.sections) > len(tracks):
            extra = self.sections.pop()
            extra.hide()
            extra.clear()
            self._spare.append(extra)
        for i, tv in enumerate(tracks):
            if i < len(self.sections):
                section = self.sections[i]
            else:  # a hidden section kept from an earlier product (in the layout's order), else a new one
                section = self._spare.pop() if self._spare else self._new_section()
                self.sections.append(section)
            section.show_track(tv, [d.clock for d in self.clocks if d.clock.track.id == tv.track.id], self.as_of,
                               self.obligations.get(tv.track.id, ()))
            if section.isHidden():
                # shown at once, with its track (showing lays it out), so that it is laid out and painted with
                # the rest of the product: a widget added to a layout is otherwise shown by a queued call, and
                # painted a second time then
                section.show()

    def _new_section(self) -> TrackSection:
        section = TrackSection(self.sections_host)
        section.new_event.connect(self.new_event)
        section.edit_event.connect(self.edit_event)
        section.delete_event.connect(self.delete_event)
        section.mark_happened.connect(self.mark_happened)
        section.edit_track.connect(self.edit_track)
        section.delete_track.connect(self.delete_track)
        for name in ("new_obligation", "edit_obligation", "obligation_step", "delete_obligation"):
            getattr(section, name).connect(getattr(self, name))
        section.verify_track.connect(self.verify_track)
        # after every section made before it, shown or kept hidden: the spares are taken back last first
        self.sections_layout.insertWidget(self.sections_layout.indexOf(self.trials_panel), section)
        return section

    def selected_event_id(self) -> int | None:
        focus = self.focusWidget()
        for s in self.sections:
            if focus is s.table or s.isAncestorOf(focus):
                return s.selected_event_id()
        return next((e for e in (s.selected_event_id() for s in self.sections) if e is not None), None)

    def current_track_id(self) -> int | None:
        """The track of the focused section, else the product's only track."""
        focus = self.focusWidget()
        for s in self.sections:
            if s.isAncestorOf(focus) and s.track_view is not None:
                return s.track_view.track.id
        if len(self.sections) == 1 and self.sections[0].track_view is not None:
            return self.sections[0].track_view.track.id
        return None

    def _render(self) -> None:
        ov = self.overview
        if ov is None:
            return
        p = ov.product
        zh = is_chinese()
        self.title.setText(p.name_zh if zh and p.name_zh else p.name)
        self.title.setAccessibleName(self.title.text())
        rows = [
            (self.tr("Name"), p.name),
            (self.tr("Chinese name"), p.name_zh),
            (self.tr("INN"), p.inn),
            (self.tr("Also known as"), "; ".join(p.aliases)),
            (self.tr("Company"), " / ".join(x for x in (p.company, p.company_zh) if x)),
            # the holder on the as-of day where transfers of the authorisation are recorded
            (self.tr("Holder"), ov.company_on(self.as_of) if ov.transfers else ""),
            (self.tr("Company also known as"), "; ".join(p.company_aliases)),
            (self.tr("Tissue"), attribute_name("source_tissue", p.source_tissue, current_language())),
            (self.tr("Donor"), attribute_name("donor_type", p.donor_type, current_language())),
            (self.tr("Modality"), attribute_name("modality", p.modality, current_language())),
            (self.tr("Notes"), localized(p.notes, p.notes_zh, current_language())),
        ]
        cells = "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
                        f"<td>{html.escape(v)}</td></tr>" for k, v in rows if v)
        self.details.setText(f"<table>{cells}</table>")
        self.details.setAccessibleName(self.tr("Product details"))
        other = p.name if zh else p.name_zh
        company = (p.company_zh or p.company) if zh else (p.company or p.company_zh)
        if ov.transfers:  # the holder on the as-of day, as the list and the Holder row show it
            company = ov.company_on(self.as_of)
        brief = [other if other != self.title.text() else "", p.inn, company,
                 attribute_name("source_tissue", p.source_tissue, current_language()),
                 attribute_name("donor_type", p.donor_type, current_language()),
                 attribute_name("modality", p.modality, current_language())]
        self.summary.setText(" · ".join(x for x in brief if x))
        self.summary.setToolTip(self.summary.text())

    def _details_toggled(self, opened: bool) -> None:
        self.details_toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.details.setVisible(opened and self.overview is not None)
        self.summary.setVisible(not opened)

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Overview"))
        self.details_toggle.setText(self.tr("Details"))
        self.details_toggle.setToolTip(self.tr("Show or hide every name, attribute and note of the product"))
        self.details_toggle.setAccessibleName(self.tr("Product details"))
        self.edit_button.setText(self.tr("Edit product…"))
        self.edit_button.setAccessibleName(self.tr("Edit product"))
        self.track_button.setText(self.tr("New track…"))
        self.track_button.setAccessibleName(self.tr("New track for this product"))
        self.tabs.setAccessibleName(self.tr("Product pages"))
        self.overview_page.setAccessibleName(self.tr("Tracks of the product"))
        self.empty.setText(self.tr("Select a product in the list to see its tracks, events and deadlines."))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
