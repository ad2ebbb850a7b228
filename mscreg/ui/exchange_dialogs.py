"""File → Import… and File → Export…: a preview with the validation report, and progress with cancel.

Entry point: ``ImportController(parent, workspace, dialog_service)`` with ``start_import()``,
``start_export()`` and ``start_audit_export()``; the File menu (:mod:`mscreg.ui.exchange_menu`)
connects ``imported`` to the session's re-read.  The file is read and checked in a background task
(a progress dialog shows how far it got and can cancel), then the preview shows what would be
created, changed and left unchanged, or every error in a table the user can sort and copy.  Only
when the user presses Import is the plan written, again in a background task; a cancel before the
commit writes nothing, because the whole file is one transaction.  Nothing here decides anything:
the services check and write, the dialogs show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.messages import user_language
from mscreg.ui.background import BackgroundTask, TaskControl
from mscreg.ui.item_roles import OBJECT_ROLE, SORT_ROLE


class IssueTableModel(QAbstractTableModel):
    """The validation report: one row per problem found (in a cell, a row, a header or the whole file);
    sorted by its own Python ``sort``, as every model here is, not through a proxy model."""

    COLUMNS = ("file", "sheet", "row", "column", "value", "message")

    def __init__(self, lang: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[Any, ...]] = []
        self._issues: list[Any] = []

    def set_issues(self, issues: list[Any]) -> None:
        self.beginResetModel()
        self._issues = list(issues)
        self._rows = [(i.file, i.sheet, i.row or "", i.column, _short(i.value), i.message(self._lang))
                      for i in self._issues]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("IssueTableModel", "File"),
            QCoreApplication.translate("IssueTableModel", "Sheet"),
            QCoreApplication.translate("IssueTableModel", "Row"),
            QCoreApplication.translate("IssueTableModel", "Column"),
            QCoreApplication.translate("IssueTableModel", "Value"),
            QCoreApplication.translate("IssueTableModel", "Problem"),
        )[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row[index.column()])
        if role == SORT_ROLE:
            return _sort_key(row[index.column()])
        if role == OBJECT_ROLE:
            return self._issues[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return row[5]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        pairs = sorted(zip(self._rows, self._issues, strict=True), key=lambda pair: _sort_key(pair[0][column]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [p[0] for p in pairs]
        self._issues = [p[1] for p in pairs]
        self.layoutChanged.emit()

    def as_tsv(self, rows: list[int] | None = None) -> str:
        """Tab-separated text with a header line, ready to paste into a spreadsheet or an e-mail."""
        chosen = range(len(self._rows)) if rows is None else rows
        header = [str(self.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(self.COLUMNS))]
        lines = ["\t".join(header)]
        for r in chosen:
            lines.append("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in self._rows[r]))
        return "\n".join(lines) + "\n"


class ChangeTableModel(QAbstractTableModel):
    """What an import would change in records already held: one row per changed field, with the value
    held and the file's value, so the user sees what Import overwrites before pressing it."""

    COLUMNS = ("file", "row", "record", "field", "old", "new")

    def __init__(self, lang: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[Any, ...]] = []

    def set_changes(self, changes: list[dict[str, Any]]) -> None:
        """``changes`` as :meth:`ImportPlan.changes` gives them."""
        from mscreg.domain.messages import field_name, text

        colon = text("list.colon", self._lang)
        self.beginResetModel()
        self._rows = []
        for c in changes:
            where = f"{c['file']} · {c['sheet']}" if c["sheet"] else c["file"]
            record = f"{text('import.record.' + c['record'], self._lang)}{colon}{self._record_key(c)}"
            for f in c["fields"]:
                self._rows.append((where, c["row"] or "", record, field_name(f["field"], self._lang),
                                   f["old"], f["new"]))
        self.endResetModel()

    def _record_key(self, change: dict[str, Any]) -> str:
        """An event by its type's name in the user's language and its date, not by its type code."""
        key = str(change["key"])
        if change["record"] == "event":
            from mscreg.domain.event_types import EVENT_TYPES

            code, _, date = key.partition(" ")
            if code in EVENT_TYPES:
                return f"{EVENT_TYPES[code].name(self._lang)} {date}".strip()
        return key

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ChangeTableModel", "File"),
            QCoreApplication.translate("ChangeTableModel", "Row"),
            QCoreApplication.translate("ChangeTableModel", "Record"),
            QCoreApplication.translate("ChangeTableModel", "Field"),
            QCoreApplication.translate("ChangeTableModel", "Now"),
            QCoreApplication.translate("ChangeTableModel", "After the import"),
        )[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _short(str(value)).replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 2:
            return str(value)[:3000] or None
        if role == SORT_ROLE:
            return _sort_key(value)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=lambda row: _sort_key(row[column]), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def as_tsv(self, rows: list[int] | None = None) -> str:
        chosen = range(len(self._rows)) if rows is None else rows
        header = [str(self.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(self.COLUMNS))]
        lines = ["\t".join(header)]
        for r in chosen:
            lines.append("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in self._rows[r]))
        return "\n".join(lines) + "\n"


def _sort_key(value: Any) -> tuple[int, Any]:
    """Row numbers in numeric order, before any text (the whole-file problems have no row)."""
    return (0, value) if isinstance(value, int) else (1, str(value))


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


class ImportPreviewDialog(QDialog):
    """What an import would do, or why it is refused.  ``accepted`` means "write it"."""

    def __init__(self, plan: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(900, 480)
        self.plan = plan
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.model: IssueTableModel | ChangeTableModel = IssueTableModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((110, 80, 50, 130, 140)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)
        copy_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy_shortcut.activated.connect(self.copy_selection)
        layout.addWidget(self.buttons)
        self._show(plan, lang)

    def _show(self, plan: Any, lang: str) -> None:
        if plan.issues:
            from mscreg.services.exchange.records import issue_total, not_listed_note

            assert isinstance(self.model, IssueTableModel)
            self.model.set_issues(plan.issues)  # at most the first 100; the note says how many more
            text = self.tr("The file is refused: nothing will be written. Errors found: %n", "",
                           issue_total(plan.issues))
            if all(not i.row for i in plan.issues[:3]) and len(plan.issues) <= 3:
                # A refusal of the whole file (its encoding, its JSON) says what to do at its end, which a
                # table cell cuts off: show it in full.
                text += "\n" + "\n".join(i.message(lang) for i in plan.issues)
            note = not_listed_note(plan.issues, lang)
            self.summary.setText(f"{text}\n{note}" if note else text)
            self.import_button.setEnabled(False)
            return
        self.summary.setText(plan.summary(lang, dry_run=True))
        self.import_button.setEnabled(plan.changes_anything)
        changes = plan.changes()
        if not changes:
            self.table.hide()
            self.copy_button.hide()
            return
        # Records already held that the file changes: each field, what it holds and what it will hold
        # (the command line's --dry-run lists them too); a summary's "2 changed" does not say which.
        self.changes_model = ChangeTableModel(lang, self)
        self.changes_model.set_changes(changes)
        self.model = self.changes_model
        self.table.setModel(self.changes_model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((110, 45, 220, 110, 190, 190)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_tsv())

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        QGuiApplication.clipboard().setText(self.model.as_tsv(rows or None))


class ImportController(QObject):
    """File → Import… and File → Export… for one window and one workspace."""

    imported = Signal(object)  # the plan that was written
    exported = Signal(object)  # the export result
    finished = Signal()  # any run ended (written, refused, cancelled or failed)

    FILE_FILTER = "CSV (*.csv);;Excel (*.xlsx);;JSON (*.json)"

    def __init__(self, parent: QWidget | None, workspace: Any, dialog_service: Any, lang: str | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._ws = workspace
        self._dialogs = dialog_service
        self._lang = lang or user_language()
        self._task: BackgroundTask | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.preview: ImportPreviewDialog | None = None
        self._path = ""
        self._then: Callable[[Any], None] = lambda _value: None

    # ----- import --------------------------------------------------------------------------------
    def start_import(self, path: str | None = None) -> None:
        """Ask for a file (unless given), then check it off the UI thread and show the preview."""
        if self.busy:
            return
        path = path or self._dialogs.open_file(
            self._parent, self.tr("Import"), self.tr("Data files (*.csv *.xlsx *.json);;") + self.FILE_FILTER)
        if not path:
            return
        self._path = path
        from mscreg.services.exchange.importing import plan_import

        ws = self._ws
        self._run(lambda progress, cancelled: plan_import(ws, path, progress=progress, cancelled=cancelled),
                  self.tr("Checking %1…").replace("%1", Path(path).name), self._planned)

    def _planned(self, plan: Any) -> None:
        self.preview = ImportPreviewDialog(plan, self._lang, self._parent)
        self.preview.accepted.connect(lambda: self._write(plan))
        self.preview.rejected.connect(self.finished.emit)
        self.preview.open()

    def _write(self, plan: Any) -> None:
        from mscreg.services.exchange.importing import apply

        ws = self._ws

        def write(progress: Callable[[str, int, int], None], cancelled: Callable[[], bool]) -> Any:
            apply(ws, plan, progress=progress, cancelled=cancelled)
            return plan

        self._run(write, self.tr("Importing %1…").replace("%1", plan.file), self._written)

    def _written(self, plan: Any) -> None:
        self._dialogs.information(self._parent, self.tr("Import"), plan.summary(self._lang))
        self.imported.emit(plan)
        self.finished.emit()

    # ----- export --------------------------------------------------------------------------------
    def start_export(self, path: str | None = None) -> None:
        """Ask for a file name; its extension (.csv, .xlsx, .json) chooses the format."""
        self._export(path, audit=False)

    def start_audit_export(self, path: str | None = None) -> None:
        self._export(path, audit=True)

    def start_calendar_export(self, path: str | None = None, *, as_of: dt.date) -> None:
        """Ask for a file name, then write the calendar as of ``as_of`` off the UI thread (it reads and
        replays every track) and say what it holds."""
        if self.busy:
            return
        title = self.tr("Export Calendar")
        path = path or self._dialogs.save_file(self._parent, title, self.tr("Calendar (*.ics)"))
        if not path:
            return
        if Path(path).suffix.lower() != ".ics":
            path += ".ics"
        from mscreg.services.calendar_export import export_ics

        ws, lang = self._ws, self._lang
        self._run(lambda _progress, _cancelled: export_ics(ws, path, as_of, lang),
                  self.tr("Exporting to %1…").replace("%1", Path(path).name),
                  lambda counts: self._calendar_written(path, counts), cancellable=False)

    def _calendar_written(self, path: str, counts: Any) -> None:
        self._dialogs.information(self._parent, self.tr("Export Calendar"), counts.summary(path, self._lang))
        self.finished.emit()

    def _export(self, path: str | None, *, audit: bool) -> None:
        if self.busy:
            return
        title = self.tr("Export audit trail") if audit else self.tr("Export")
        path = path or self._dialogs.save_file(self._parent, title, self.FILE_FILTER)
        if not path:
            return
        fmt = Path(path).suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx", "json"):
            self._dialogs.error(self._parent, title,
                                self.tr("Choose a file name ending in .csv, .xlsx or .json: %1").replace("%1", path))
            return
        from mscreg.services.exchange.exporting import export_database

        ws = self._ws
        self._run(lambda _progress, _cancelled: export_database(ws, fmt, path, audit=audit),
                  self.tr("Exporting to %1…").replace("%1", Path(path).name), self._exported, cancellable=False)

    def _exported(self, result: Any) -> None:
        self._dialogs.information(self._parent, self.tr("Export"), result.summary(self._lang))
        self.exported.emit(result)
        self.finished.emit()

    # ----- the background task and its progress dialog -------------------------------------------------
    @property
    def workspace(self) -> Any:
        """The workspace this controller reads and writes (one controller per opened workspace)."""
        return self._ws

    @property
    def busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """What the progress dialog's Cancel does: the work stops at its next check, writing nothing."""
        if self._task is not None:
            self._task.cancel()

    def wait(self) -> None:
        """Let a running check, import or export finish (before its workspace is closed)."""
        if self._task is not None:
            self._task.wait()

    def _run(self, fn: Callable[..., Any], label: str, on_done: Callable[[Any], None], *,
             cancellable: bool = True) -> None:
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("mscreg"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        self.progress_dialog = dialog

        def work(control: TaskControl) -> Any:
            return fn(lambda phase, done, total: control.report((phase, done, total)), control.cancelled)

        task = BackgroundTask(work, self)
        task.progress.connect(self._progress)
        task.finished_ok.connect(lambda result: self._end(on_done, result))
        task.finished_error.connect(lambda exc: self._end(self._failed, exc))
        self._task = task
        task.start()

    def _progress(self, value: object) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        assert isinstance(value, tuple)  # what work() reports: (phase, done, total)
        phase, done, total = value
        if phase == "write":
            dialog.setLabelText(self.tr("Writing %1 of %n record(s)…", "", total).replace("%1", str(done)))
        elif phase == "check":
            dialog.setLabelText(self.tr("Checking %n row(s)…", "", total))
        dialog.setMaximum(max(total, 1) if phase == "write" else 0)
        dialog.setValue(min(done, total) if phase == "write" else 0)

    def _end(self, then: Callable[[Any], None], value: Any) -> None:
        self._task = None
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        then(value)

    def _failed(self, exc: BaseException) -> None:
        from mscreg.domain.errors import MscregError
        from mscreg.services.exchange.records import ImportCancelled

        if isinstance(exc, ImportCancelled):
            self._dialogs.information(self._parent, self.tr("Import"),
                                      self.tr("Import cancelled; nothing was written."))
        elif isinstance(exc, MscregError):
            self._dialogs.error(self._parent, self.tr("mscreg"), exc.message(self._lang))
        else:
            self._dialogs.error(self._parent, self.tr("mscreg"), self.tr("Unexpected error: %1").replace(
                "%1", f"{type(exc).__name__}: {exc}"))
        self.finished.emit()
