"""The main window: it builds the pages, the commands and the status bar, and connects them to the
session that owns the open database.

:class:`~mscreg.ui.workspace_session.WorkspaceSession` opens the database after the first paint and
does every read off the UI thread; the window shows what it reports.  What the first paint does not
need is built after it: the product view, the Deadlines and Audit trail pages, and the timelines and
Import/Export, which plug themselves in through the :class:`~mscreg.ui.window_host.WindowHost`
interface.  Requests to add, edit or delete a record go to :class:`~mscreg.ui.edit_requests.EditRequests`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from mscreg.ui.dialog_service import DialogService
from mscreg.ui.edit_requests import EditRequests
from mscreg.ui.error_reporting import ErrorReporter, show_log_folder
from mscreg.ui.icons import icon
from mscreg.ui.language import set_language
from mscreg.ui.preferences import Preferences, Settings
from mscreg.ui.products_page import ProductsPage
from mscreg.ui.status_line import StatusLine
from mscreg.ui.window_actions import AUDIT_PAGE, DEADLINES_PAGE, PRODUCTS_PAGE, WindowActions
from mscreg.ui.window_host import EditAction
from mscreg.ui.workspace_session import WorkspaceSession

if TYPE_CHECKING:
    from mscreg.ui.exchange_menu import ExchangeMenu
    from mscreg.ui.report_pages import ReportPages
    from mscreg.ui.timeline_integration import TimelineIntegration
    from mscreg.ui.workspace_loader import Snapshot


class MainWindow(QMainWindow):
    """The application window.  ``products_shown`` fires each time the product list has been filled."""

    products_shown = Signal()
    snapshot_completed = Signal()  # the clocks and search keys of the shown products are in
    first_painted = Signal()
    product_selected = Signal(object)  # ProductOverview or None (for the timeline tab, printing)
    open_failed = Signal(str)  # why the database could not be opened

    def __init__(self, settings: Settings | None = None, dialogs=None, lang: str | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.dialogs = dialogs or DialogService()
        self.reporter = ErrorReporter(self.dialogs, lambda: self)
        self.prefs = self.settings.preferences()
        self._date_style_applied = False  # the date formatting module is imported after the first paint
        if lang is not None:
            set_language(lang)
        self.undo_stack = QUndoStack(self)
        self.session = WorkspaceSession(self)
        self.edits = EditRequests(self, self.dialogs, self.undo_stack, self.reporter)
        self.db_explicit = False  # --db given: the database preference does not apply
        self._painted = False
        self._timelines: TimelineIntegration | None = None
        self._exchange: ExchangeMenu | None = None
        self._reports: ReportPages | None = None
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.resize(1280, 820)
        self._build_pages()
        self.commands = WindowActions(self)
        self.status_line = StatusLine(self, self.session, self.products_page, self.dialogs, self.reporter)
        self.status, self.progress = self.status_line.text, self.status_line.progress
        self._connect()
        self._restore_state()
        self.retranslate_ui()
        self._update_actions()
        # Built once the database is open and its products are shown (or it failed): before that, their
        # imports would compete with the worker reading the products.  The 2 s timer covers a window
        # whose database is never opened.
        self.first_painted.connect(lambda: QTimer.singleShot(2000, self.install_extensions))
        # The other pages likewise after the list is on screen; without a list, after 1.5 s.
        self.products_shown.connect(lambda: QTimer.singleShot(0, self._build_pages_after_paint))
        self.first_painted.connect(lambda: QTimer.singleShot(1500, self._build_pages_after_paint))

    # ----- building ------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        page = self.products_page = ProductsPage(self.settings, self.pages)
        self.model, self.table, self.filters, self.splitter = page.model, page.table, page.filters, page.splitter
        # The deadlines and audit pages are built after the first paint (placeholders until then)
        self._dashboard = self._audit_view = None
        for widget, name in ((page, "products"), (QWidget(self.pages), "deadlines"), (QWidget(self.pages), "audit")):
            self.pages.addTab(widget, icon(name), "")
        self.setCentralWidget(self.pages)

    def _connect(self) -> None:
        page, s = self.products_page, self.session
        page.product_selected.connect(self.product_selected)
        page.selection_changed.connect(self._update_actions)
        page.edit_requested.connect(self.edit_record)
        page.deadlines_requested.connect(lambda: self.pages.setCurrentIndex(DEADLINES_PAGE))
        self.pages.currentChanged.connect(self._page_changed)
        s.opened.connect(self.edits.follow)
        s.closing.connect(self.undo_stack.clear)
        s.closing.connect(self.edits.end_tasks)
        s.snapshot_changed.connect(self._show_snapshot)
        s.search_ready.connect(page.set_search)
        s.prepared.connect(self._start_editing)
        self.status_line.open_failed.connect(self.open_failed)
        s.open_failed.connect(self._update_actions)  # the database shown before is closed: no more edits
        s.task_failed.connect(self.reporter.report)
        s.load_finished.connect(lambda: QTimer.singleShot(0, self.install_extensions))
        self.edits.changed.connect(s.refresh_changed)
        page.as_of.day_chosen.connect(s.set_as_of)
        s.as_of_changed.connect(page.as_of.set_day)

    def _apply_date_style(self) -> None:
        """The date style of the preferences, set before any date is shown."""
        from mscreg.ui.date_display import set_date_style

        set_date_style(self.prefs.date_style)
        self._date_style_applied = True

    def _build_pages_after_paint(self) -> None:
        """The product view, the deadlines and the audit pages: not needed for the first paint (~15 ms)."""
        if not self._date_style_applied:
            self._apply_date_style()
        self.product_view, self.dashboard, self.audit_view  # noqa: B018 - each is built on first use

    def install_extensions(self) -> None:
        """The timelines (Timeline tab, Timelines page, print/export in File) and Import…/Export….

        Built right after the first paint, not before it: their modules and widgets cost ~100 ms, half
        the time a bare window takes to appear.  Anything that needs them earlier (a test, a database
        opened before the paint) calls this first.
        """
        self._build_pages_after_paint()
        if self._timelines is None:
            from mscreg.ui.timeline_integration import install_timelines

            self._timelines = install_timelines(self)
        if self._exchange is None:
            from mscreg.ui.exchange_menu import install_exchange_menu

            self._exchange = install_exchange_menu(self)
        if self._reports is None:
            from mscreg.ui.report_pages import install_report_pages

            self._reports = install_report_pages(self, self.settings.qsettings)

    def _replace_tab(self, index: int, widget: QWidget, icon_name: str, title: str) -> None:
        """Put a page built after the first paint in place of its placeholder, keeping the current tab."""
        current = self.pages.currentIndex()
        blocked = self.pages.blockSignals(True)
        placeholder = self.pages.widget(index)
        self.pages.removeTab(index)
        self.pages.insertTab(index, widget, icon(icon_name), title)
        self.pages.setCurrentIndex(current)
        self.pages.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()

    @property
    def product_view(self):
        return self.products_page.product_view

    notice = property(lambda self: self.products_page.notice)  # built on first use

    @property
    def dashboard(self):
        """The deadlines page, built on first use (after the first paint)."""
        if self._dashboard is None:
            from mscreg.ui.deadlines_dashboard import DeadlinesDashboard

            self._dashboard = DeadlinesDashboard(self.pages)
            self._dashboard.review_months = self.prefs.review_months
            self._replace_tab(DEADLINES_PAGE, self._dashboard, "deadlines", self.tr("Deadlines"))
            self._dashboard.product_activated.connect(self.show_product)
        return self._dashboard

    @property
    def audit_view(self):
        """The audit trail page, built on first use (its module and the services it reads cost ~20 ms)."""
        if self._audit_view is None:
            from mscreg.ui.audit_view import AuditView

            self._audit_view = AuditView(self.pages, self.session)
            self._replace_tab(AUDIT_PAGE, self._audit_view, "audit", self.tr("Audit trail"))
        return self._audit_view

    # ----- what pages and menus may use (WindowHost) ---------------------------------------------------
    @property
    def product_tabs(self) -> QTabWidget:
        return self.product_view.tabs

    def dialog_parent(self) -> QWidget:
        return self

    def edit_record(self, action: EditAction, record_id: int | None = None) -> None:
        self.edits.request(action, record_id)

    def add_file_action(self, action: QAction) -> None:
        self.commands.add_file_action(action)

    # ----- the session's news ------------------------------------------------------------------------
    def open_database(self, db: str | None) -> None:
        """Open ``db`` (None: --db / MSCREG_DB / preference / default) off the UI thread."""
        self.session.open(db)

    def close_database(self) -> None:
        self.session.close()

    @property
    def ws(self):
        return self.session.ws

    @property
    def snapshot(self) -> Snapshot | None:
        return self.session.snapshot

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        if not self._date_style_applied:
            self._apply_date_style()
        rows_changed = self.products_page.show_snapshot(snapshot)
        if rows_changed:  # the title names the database (a whole retranslation here laid the page out again)
            self.setWindowTitle(f"mscreg — {snapshot.name}" if snapshot.name else "mscreg")
        if snapshot.complete:
            self.dashboard.show_snapshot(snapshot)
            self.products_page.announce_deadlines(self.prefs.reminder_days)
        elif snapshot.deadlines is None and self._dashboard is not None:
            self._dashboard.show_snapshot(snapshot)  # no clocks (yet): none of another database's shown
        self.status_line.show_counts()
        self._update_actions()
        if rows_changed:
            self.products_shown.emit()
        if snapshot.complete:
            self.snapshot_completed.emit()

    # ----- the audit trail ---------------------------------------------------------------------------
    def verify_chain(self) -> None:
        if self.session.ws is not None:
            self.pages.setCurrentIndex(AUDIT_PAGE)
            self.audit_view.verify()

    def _page_changed(self, index: int) -> None:
        if index == DEADLINES_PAGE:
            self.dashboard  # noqa: B018 - built if the user got here before it was
        elif index == AUDIT_PAGE:
            self.audit_view  # noqa: B018 - likewise; it reads the trail when shown

    # ----- products and editing ------------------------------------------------------------------------
    def current_overview(self):
        return self.products_page.current_overview()

    def current_product_id(self) -> int | None:
        return self.products_page.current_product_id()

    def show_product(self, product_id: int) -> None:
        """Bring ``product_id`` into view (clearing filters that hide it) and select it."""
        self.pages.setCurrentIndex(PRODUCTS_PAGE)
        self.products_page.show_product(product_id)

    def show_timelines(self) -> None:
        """View ▸ Timelines: the page the timelines install (built now if the user is quicker)."""
        self.install_extensions()
        assert self._timelines is not None  # built by install_extensions
        self.pages.setCurrentWidget(self._timelines.page)

    def _report_pages(self) -> ReportPages:
        self.install_extensions()
        assert self._reports is not None  # built by install_extensions
        return self._reports

    def show_changes(self) -> None:
        """View ▸ What changed: the report page (built now if the user is quicker than the first paint)."""
        self._report_pages().show_changes()

    def show_trials(self) -> None:
        """View ▸ Trials: the trial registrations held."""
        self._report_pages().show_trials()

    def show_landscape(self) -> None:
        """View ▸ Landscape: published figures beside the counts from this database."""
        self._report_pages().show_landscape()

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(PRODUCTS_PAGE)
        self.products_page.focus_search()

    def _start_editing(self) -> None:
        self.edits.start(self.session.ws)
        self._update_actions()

    def _update_actions(self) -> None:
        has_workspace = self.session.ws is not None
        self.commands.update(editing=self.edits.controller is not None and has_workspace,
                             has_product=self.current_product_id() is not None, has_workspace=has_workspace)

    # ----- preferences, language, help ---------------------------------------------------------------
    def edit_preferences(self) -> None:
        from mscreg.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.value()))
        dialog.open()
        self._preferences_dialog = dialog

    def apply_preferences(self, prefs: Preferences) -> None:
        before = self.prefs
        self.prefs = prefs
        self.settings.save_preferences(prefs)
        self._apply_date_style()
        if prefs.language != before.language:
            from mscreg.domain.messages import user_language

            set_language(prefs.language or user_language())
        else:
            self.model.refresh_texts()
            self.dashboard.model.refresh_texts()
            self.products_page.refresh_product()
        snap = self.session.snapshot
        if prefs.reminder_days != before.reminder_days and snap is not None:
            self.products_page.count_deadlines(prefs.reminder_days)
        if prefs.review_months != before.review_months and snap is not None and snap.complete:
            self.dashboard.review_months = prefs.review_months
            self.dashboard.show_snapshot(snap)
        if prefs.database != before.database and self._db_argument_is_preference():
            self.open_database(prefs.database or None)

    def _db_argument_is_preference(self) -> bool:
        """A --db or MSCREG_DB given at start-up wins over the preference (so do not reopen)."""
        import os

        return not self.db_explicit and not os.environ.get("MSCREG_DB")

    def choose_language(self, lang: str) -> None:
        self.prefs = Preferences(lang, self.prefs.database, self.prefs.reminder_days, self.prefs.date_style,
                                 self.prefs.review_months)
        self.settings.save_preferences(self.prefs)
        set_language(lang)

    def open_log_folder(self) -> None:
        show_log_folder()

    def show_about(self) -> None:
        from mscreg import __version__

        self.dialogs.information(self, self.tr("About mscreg"),
                                 self.tr("mscreg %1: a tracker of MSC products through regulatory pathways, "
                                         "country by country.").replace("%1", __version__))

    def retranslate_ui(self) -> None:
        snap = self.session.snapshot
        self.setWindowTitle("mscreg" + (f" — {snap.name}" if snap is not None and snap.name else ""))
        self.commands.retranslate_ui()
        self.pages.setTabText(PRODUCTS_PAGE, self.tr("Products"))
        self.pages.setTabText(DEADLINES_PAGE, self.tr("Deadlines"))
        self.pages.setTabText(AUDIT_PAGE, self.tr("Audit trail"))
        self.pages.setAccessibleName(self.tr("Pages"))
        self.status_line.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.products_page.refresh_texts()
            if self._dashboard is not None:
                self._dashboard.model.refresh_texts()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # ----- window state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState)):
            saved = self.settings.state(key)
            if saved is not None:
                restore(saved)
        self.products_page.restore_state()

    def save_state(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("state", self.saveState())
        self.products_page.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.close_database()
        super().closeEvent(event)
