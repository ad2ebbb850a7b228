"""The "What changed" page: what happened between two days, grouped by country, ready to print.

The page a regulatory-affairs lead prepares by hand before every portfolio meeting: approvals,
setbacks, authorisations that ended, trials permitted, deadlines that fell due and the edits made to
the data.  The period starts by default on the day this report was last printed or exported (kept in
the user's settings), so "since our last meeting" is one click; it ends today.  The report is read off
the UI thread through the window's session, and written to PDF or XLSX the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSettings, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.ui.language import current_language
from mscreg.ui.product_names import track_indication

if TYPE_CHECKING:
    from mscreg.services.changes_between import ChangesReport
    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.workspace_session import WorkspaceSession

LAST_PRINTED_KEY = "changes/last_printed"
DEFAULT_DAYS = 90
_KIND_COLOURS = {"approval": "#1b7f3b", "conversion": "#1b7f3b", "setback": "#b3261e", "ended": "#8d6e63",
                 "term_ended": "#b3261e", "trial_permitted": "#1565c0", "deadline": "#a15c00"}


def default_since(settings: QSettings, today: dt.date) -> dt.date:
    """The day the report was last printed or exported, else 90 days before ``today``."""
    stored = settings.value(LAST_PRINTED_KEY, "")
    try:
        day = dt.date.fromisoformat(str(stored)) if stored else None
    except ValueError:
        day = None
    if day is None or day >= today:
        return today - dt.timedelta(days=DEFAULT_DAYS)
    return day


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ChangesPage(QWidget):
    """Two dates, the changes between them by country, and Print to PDF / Export to XLSX."""

    def __init__(self, session: WorkspaceSession, dialogs: DialogService, settings: QSettings | None = None,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.settings = settings or QSettings()
        self.today = today or dt.date.today()
        self.report: ChangesReport | None = None
        self._stale = True
        self._reading = False

        self.since_label, self.until_label = QLabel(self), QLabel(self)
        self.since_edit, self.until_edit = QDateEdit(self), QDateEdit(self)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setDate(_qdate(default_since(self.settings, self.today)))
        self.until_edit.setDate(_qdate(self.today))
        self.since_label.setBuddy(self.since_edit)
        self.until_label.setBuddy(self.until_edit)
        self.print_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("changes")
        self.tree.setColumnCount(6)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)

        bar = QHBoxLayout()
        for w in (self.since_label, self.since_edit, self.until_label, self.until_edit):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

        self.since_edit.dateChanged.connect(self._period_changed)
        self.until_edit.dateChanged.connect(self._period_changed)
        self.print_button.clicked.connect(lambda: self._write("pdf"))
        self.export_button.clicked.connect(lambda: self._write("xlsx"))
        self.session.snapshot_changed.connect(lambda _s: self._mark_stale())
        self.retranslate_ui()

    # ----- language ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.since_label.setText(self.tr("&After"))
        self.until_label.setText(self.tr("&Up to"))
        self.print_button.setText(self.tr("Print to PDF…"))
        self.export_button.setText(self.tr("Export to XLSX…"))
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("Change"), self.tr("Product"), self.tr("Indication"),
                                   self.tr("What"), self.tr("Source")])
        if self.report is not None:
            self._show(self.report)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ----- reading -------------------------------------------------------------------------------------
    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return _day(self.since_edit.date()), _day(self.until_edit.date())

    def _period_changed(self) -> None:
        self._mark_stale()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the report for the chosen period off the UI thread (a newer request replaces an older)."""
        since, until = self.period
        if until < since:
            self.summary.setText(self.tr("The end of the period is before its start."))
            self.tree.clear()
            return
        if self.session.ws is None or self._reading:
            return
        self._stale = False
        self._reading = True
        ws = self.session.ws

        def work() -> ChangesReport:
            from mscreg.services.changes_between import changes_between

            return changes_between(ws, since, until)

        def done(report: ChangesReport) -> None:
            self._reading = False
            if self.period != (since, until):  # the dates moved while it was read: read again
                self.refresh()
                return
            self.report = report
            self._show(report)

        task = self.session.run(work, done, self.tr("Reading what changed…"), self.tr("What changed"))
        if task is None:
            self._reading = False
        else:
            task.finished_error.connect(self._read_failed)

    def _read_failed(self, _exc: object) -> None:
        self._reading = False  # the session reports the failure itself

    def _show(self, report: ChangesReport) -> None:
        lang = current_language()
        self.tree.clear()
        groups = report.by_jurisdiction()
        self.summary.setText(self.tr("%n change(s) in %1 countries or regions; %2 data edit(s).", "",
                                     len(report.changes)).replace("%1", str(len(groups)))
                             .replace("%2", str(len(report.edits))))
        for code, changes in groups.items():
            j = JURISDICTIONS.get(code)
            top = QTreeWidgetItem(self.tree, [f"{j.name(lang)} ({code})" if j else code])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for c in changes:
                item = QTreeWidgetItem(top, [c.date_text(lang), text(f"changes.kind.{c.kind.value}", lang),
                                             c.product_name(lang), track_indication(c.track, lang), c.what(lang),
                                             c.source])
                colour = _KIND_COLOURS.get(c.kind.value)
                if colour:
                    item.setForeground(1, QBrush(QColor(colour)))
                item.setToolTip(0, item.text(0))  # a range "possibly in the period" may be cut short
                item.setToolTip(4, c.what(lang))
                item.setToolTip(5, c.source)
        if report.edits:
            top = QTreeWidgetItem(self.tree, [text("changes.edits", lang, count=len(report.edits))])
            top.setFirstColumnSpanned(True)
            # The edits are not changes of a product's state: under the page's headings "Indication"
            # and "What" their user and reason read as an indication and a change, so the group
            # names its own columns first.
            heading = QTreeWidgetItem(top, [text(f"changes.edit_column.{c}", lang)
                                            for c in ("at", "action", "subject", "actor", "reason")])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for column in range(5):
                font = heading.font(column)
                font.setBold(True)
                heading.setFont(column, font)
            for e in report.edits:
                item = QTreeWidgetItem(top, [e.at_local.strftime("%Y-%m-%d %H:%M"),
                                             text(f"changes.action.{e.action}", lang), e.subject(lang), e.actor,
                                             e.reason, ""])
                item.setToolTip(2, e.subject(lang))
                item.setToolTip(4, e.reason)
        self.tree.expandAll()
        for column, width in enumerate((150, 140, 180, 240, 320)):
            self.tree.setColumnWidth(column, width)
        # the date column as wide as its longest date (a deadline's range), within a third of the page
        dates = [c.date_text(lang) for c in report.changes]
        if dates:
            needed = max(self.tree.fontMetrics().horizontalAdvance(d) for d in dates) + 2 * self.tree.indentation()
            self.tree.setColumnWidth(0, max(150, min(needed + 12, self.width() // 3)))

    # ----- printing ------------------------------------------------------------------------------------
    def _write(self, kind: str) -> None:
        report, ws = self.report, self.session.ws
        if report is None or ws is None:
            return
        name_filter = self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("Excel workbook (*.xlsx)")
        path = self.dialogs.save_file(self, self.tr("Save what changed"), name_filter,
                                      f"changes-{report.since.isoformat()}-{report.until.isoformat()}.{kind}")
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        lang = current_language()

        def work() -> str:
            from mscreg.services import output_files

            database = output_files.database_of(ws)
            if kind == "pdf":
                from mscreg.ui.changes_print import write_changes_pdf

                return str(write_changes_pdf(report, path, lang, database_name=ws.name, database=database))
            from mscreg.services.changes_between import write_table

            return str(write_table(report, path, lang, database))

        def done(written: object) -> None:
            self.settings.setValue(LAST_PRINTED_KEY, report.until.isoformat())
            self.dialogs.information(self, self.tr("What changed"), self.tr("Saved %1.").replace("%1", str(written)))

        self.session.run(work, done, self.tr("Writing what changed…"), self.tr("What changed"))
