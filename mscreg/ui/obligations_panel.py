"""The obligations of one track, shown in the product view under the authorisations that imposed them.

Kind, what is required (in the interface language, the other language's text when it has none), the due
date (how it was counted when it follows a rule), the status as of the view's day and the owner; an
obligation still open when the track converted to a full authorisation says so.  The data comes from the
window's snapshot; this widget never reads the database.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from mscreg.domain.messages import text
from mscreg.ui.language import current_language


def _event_name(event_type: str, lang: str) -> str:
    from mscreg.domain.event_types import EVENT_TYPES

    known = EVENT_TYPES.get(event_type)
    return known.name(lang) if known is not None else event_type


class ObligationsPanel(QWidget):
    """A heading and a table of the track's obligations (hidden when it has none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: list = []
        self.heading = QLabel(self)
        self.table = QLabel(self)
        self.table.setWordWrap(True)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.setVisible(False)

    def show_obligations(self, views: Sequence) -> None:
        """``views``: services.obligations.ObligationView of one track, with their status as of a day."""
        self.views = list(views)
        self.setVisible(bool(self.views))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        from mscreg.services.obligations import due_text

        lang = current_language()
        self.heading.setText("<b>" + html.escape(self.tr("Obligations of the authorisation")) + "</b>")
        self.heading.setAccessibleName(self.tr("Obligations of the authorisation"))
        self.table.setAccessibleName(self.tr("Obligations, with their due dates and status"))
        if not self.views:
            self.table.setText("")
            return
        head = "".join(f"<th align='left' style='padding-right:10px'>{html.escape(h)}</th>" for h in (
            self.tr("Imposed by"), self.tr("Kind"), self.tr("Obligation"), self.tr("Due"), self.tr("Status"),
            self.tr("Owner")))
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
            cells = (html.escape(imposed), html.escape(text(f"obligation.kind.{o.kind.value}", lang)), what,
                     html.escape(due_text(v, lang)), status, html.escape(o.owner or "—"))
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
        from mscreg.services.obligations import due_text

        lang = current_language()
        self.tree.clear()
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
