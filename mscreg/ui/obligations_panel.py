"""The obligations of one track, shown in the product view under the authorisations that imposed them.

Kind, what is required (in the interface language, the other language's text when it has none), the due
date (how it was counted when it follows a rule), the status as of the view's day and the owner; an
obligation still open when the track converted to a full authorisation says so.  The data comes from the
window's snapshot; this widget never reads the database.  "Add obligation…" and each row's "Edit",
"Record step" and "Delete" are requests (signals) the window passes to the edit controller, which opens
the dialogs and saves through the same service as the command line.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from mscreg.domain.messages import text
from mscreg.ui.icons import icon
from mscreg.ui.language import current_language


def _event_name(event_type: str, lang: str) -> str:
    from mscreg.domain.event_types import EVENT_TYPES

    known = EVENT_TYPES.get(event_type)
    return known.name(lang) if known is not None else event_type


def authorisations_of(track_view) -> list:
    """The track's actual events that can impose obligations (an authorisation, a renewal, a variation)."""
    if track_view is None:
        return []
    from mscreg.domain.event import actual
    from mscreg.domain.obligation import AUTHORISING

    return [e for e in actual(track_view.events) if e.type in AUTHORISING and e.id is not None]


class ObligationsPanel(QWidget):
    """A heading with "Add obligation…" and a table of the track's obligations, each with its actions;
    hidden on a track that has none and no authorisation to attach one to."""

    new_obligation = Signal(int)  # track id
    edit_obligation = Signal(int)  # obligation id
    obligation_step = Signal(int)  # obligation id
    delete_obligation = Signal(int)  # obligation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: list = []
        self.track_id: int | None = None
        self.heading = QLabel(self)
        self.add_button = QPushButton(icon("event-new"), "", self)
        self.add_button.clicked.connect(self._add)
        self.table = QLabel(self)
        self.table.setWordWrap(True)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.table.setOpenExternalLinks(False)
        self.table.linkActivated.connect(self._link)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setVisible(False)

    def show_obligations(self, views: Sequence, track_view=None) -> None:
        """``views``: services.obligations.ObligationView of one track, with their status as of a day;
        ``track_view``: the track (its authorising events allow adding one)."""
        self.views = list(views)
        self.track_id = track_view.track.id if track_view is not None else None
        can_add = self.track_id is not None and bool(authorisations_of(track_view))
        self.add_button.setVisible(can_add)
        self.setVisible(bool(self.views) or can_add)
        self.retranslate_ui()

    def _add(self) -> None:
        if self.track_id is not None:
            self.new_obligation.emit(self.track_id)

    def _link(self, link: str) -> None:
        """The row actions are links "edit:ID", "step:ID", "delete:ID"."""
        action, _sep, number = link.partition(":")
        signal = {"edit": self.edit_obligation, "step": self.obligation_step,
                  "delete": self.delete_obligation}.get(action)
        if signal is not None and number.isdigit():
            signal.emit(int(number))

    def retranslate_ui(self) -> None:
        from mscreg.services.obligations import due_text

        lang = current_language()
        self.heading.setText("<b>" + html.escape(self.tr("Obligations of the authorisation")) + "</b>")
        self.heading.setAccessibleName(self.tr("Obligations of the authorisation"))
        self.add_button.setText(self.tr("Add obligation…"))
        self.add_button.setAccessibleName(self.tr("Add an obligation of an authorisation of this track"))
        self.table.setAccessibleName(self.tr("Obligations, with their due dates and status"))
        self.table.setVisible(bool(self.views))
        if not self.views:  # one line, beside its button: a track without obligations takes no more room
            self.heading.setText("<b>" + html.escape(self.tr("Obligations of the authorisation")) + "</b> — <i>"
                                 + html.escape(self.tr("none recorded")) + "</i>")
            self.table.setText("")
            return
        head = "".join(f"<th align='left' style='padding-right:10px'>{html.escape(h)}</th>" for h in (
            self.tr("Imposed by"), self.tr("Kind"), self.tr("Obligation"), self.tr("Due"), self.tr("Status"),
            self.tr("Owner"), ""))
        rows = []
        for v in self.views:
            o, st = v.obligation, v.state
            status = text(f"obligation.status.{st.status.value}", lang)
            if st.late:
                status += f" ({text('obligation.late', lang)})"
            status = html.escape(status)
            if st.status.value == "overdue":
                status = f"<b>{status}</b>"
            auth = v.authorisation
            imposed = (f"{_event_name(auth.type, lang)} {auth.date.display() if auth.date else ''}"
                       if auth is not None else "?")
            what = html.escape(v.text(lang))
            for conversion in v.open_at_conversion:
                still = self.tr("Still open at %1 (%2)").replace("%1", _event_name(conversion.type, lang)).replace(
                    "%2", conversion.date.display() if conversion.date else "?")
                what += f"<br><i>{html.escape(still)}</i>"
            actions = "&nbsp;· ".join(f"<a href='{verb}:{o.id}'>{html.escape(label)}</a>" for verb, label in (
                ("edit", self.tr("Edit")), ("step", self.tr("Record step")), ("delete", self.tr("Delete"))))
            cells = (html.escape(imposed), html.escape(text(f"obligation.kind.{o.kind.value}", lang)), what,
                     html.escape(due_text(v, lang)), status, html.escape(o.owner or "—"),
                     f"<span style='white-space:nowrap'>{actions}</span>")
            rows.append("<tr>" + "".join(f"<td style='padding-right:10px' valign='top'>{c}</td>" for c in cells)
                        + "</tr>")
        self.table.setText(f"<table><tr>{head}</tr>{''.join(rows)}</table>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class OpenObligationsList(QWidget):
    """The Deadlines page's list of obligations still open on the day: soonest due first (those with no
    known due date last); activating one opens its product."""

    product_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: list = []
        self.heading = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(7)
        self.tree.setUniformRowHeights(True)
        for column, width in enumerate((170, 90, 160, 60, 170, 360, 120)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        self.retranslate_ui()

    def set_obligations(self, by_track: dict) -> None:
        """``by_track``: the snapshot's obligations (track id → ObligationView list), as of its day."""
        views = [v for found in by_track.values() for v in found if v.state.is_open]
        views.sort(key=lambda v: (v.state.due is None, v.state.due.earliest if v.state.due else None,
                                  v.product.name, v.obligation.id or 0))
        self.views = views
        self.setVisible(bool(views))
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        if not self.views:  # the page is built before the full read: its module imports the database layer
            return
        from mscreg.services.obligations import due_text

        lang = current_language()
        for v in self.views:
            o, st = v.obligation, v.state
            item = QTreeWidgetItem([
                due_text(v, lang) if st.due is not None else text("obligations.due_unknown", lang),
                text(f"obligation.status.{st.status.value}", lang),
                v.product.name_zh if lang.startswith("zh") and v.product.name_zh else v.product.name,
                v.track.jurisdiction, text(f"obligation.kind.{o.kind.value}", lang), v.text(lang), o.owner])
            item.setData(0, Qt.ItemDataRole.UserRole, v.product.id)
            self.tree.addTopLevelItem(item)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        product_id = item.data(0, Qt.ItemDataRole.UserRole)
        if product_id is not None:
            self.product_activated.emit(int(product_id))

    def retranslate_ui(self) -> None:
        self.heading.setText("<b>" + html.escape(self.tr("Open obligations")) + "</b>")
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("Status"), self.tr("Product"), self.tr("Where"),
                                   self.tr("Kind"), self.tr("Obligation"), self.tr("Owner")])
        self.tree.setAccessibleName(self.tr("Obligations still open, soonest due first"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
