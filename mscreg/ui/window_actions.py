"""The main window's commands: each one action with its icon and shortcut, placed in the menus, the
toolbar and the product list's context menu, with its text in the current language.

Kept apart from the window so the window only composes: it builds its pages and hands this module
the methods the commands call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from mscreg.ui.icons import icon
from mscreg.ui.language import current_language, language_state

if TYPE_CHECKING:
    from mscreg.ui.main_window import MainWindow

PRODUCTS_PAGE, DEADLINES_PAGE, AUDIT_PAGE = range(3)


class WindowActions(QObject):
    """Every command of the window, its menus and its toolbar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = w = window
        K = QKeySequence.StandardKey
        edit = w.edit_record
        self.preferences = self._action("preferences", "preferences", "Ctrl+,", w.edit_preferences)
        self.log_folder = self._action("logFolder", None, None, w.open_log_folder)
        self.quit = self._action("quit", "quit", K.Quit, w.close)
        # Own actions rather than createUndoAction(): Qt's keep the words of the language they were
        # made in, so after switching to Chinese they would still say "Undo".
        stack = w.undo_stack
        self.undo = self._action("undo", "undo", None, stack.undo)
        self.undo.setShortcut(QKeySequence(K.Undo))
        self.redo = self._action("redo", "redo", None, stack.redo)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(lambda _text: self._undo_texts())
        stack.redoTextChanged.connect(lambda _text: self._undo_texts())
        self.redo.setShortcuts([QKeySequence(K.Redo), QKeySequence("Ctrl+Y")])
        self.new_product = self._action("newProduct", "product-new", K.New, lambda: edit("new_product"))
        self.edit_product = self._action("editProduct", "edit", "F2",
                                         lambda: edit("edit_product", w.current_product_id()))
        self.delete_product = self._action("deleteProduct", "delete", "Ctrl+Shift+Del",
                                           lambda: edit("delete_product", w.current_product_id()))
        self.new_track = self._action("newTrack", "track-new", "Ctrl+T",
                                      lambda: edit("new_track", w.current_product_id()))
        self.new_event = self._action("newEvent", "event-new", "Ctrl+E",
                                      lambda: edit("new_event", w.products_page.new_event_track()))
        self.edit_event = self._action("editEvent", "edit", "Ctrl+Shift+E",
                                       lambda: edit("edit_event", w.product_view.selected_event_id()))
        self.delete_event = self._action("deleteEvent", "delete", "Ctrl+Del",
                                         lambda: edit("delete_event", w.product_view.selected_event_id()))
        self.find = self._action("find", "search", K.Find, w.focus_search)
        self.clear_filters = self._action("clearFilters", "filter-clear", "Ctrl+Shift+F",
                                          w.products_page.filters.reset)
        self.refresh = self._action("refresh", "refresh", K.Refresh, w.session.reload)
        self.products = self._action("showProducts", "products", "Ctrl+1",
                                     lambda: w.pages.setCurrentIndex(PRODUCTS_PAGE))
        self.deadlines = self._action("showDeadlines", "deadlines", "Ctrl+2",
                                      lambda: w.pages.setCurrentIndex(DEADLINES_PAGE))
        self.audit = self._action("showAudit", "audit", "Ctrl+3", lambda: w.pages.setCurrentIndex(AUDIT_PAGE))
        self.timelines = self._action("showTimelines", "timeline", "Ctrl+4", w.show_timelines)
        self.changes = self._action("showChanges", "verify", "Ctrl+5", w.show_changes)
        self.landscape = self._action("showLandscape", "landscape", "Ctrl+6", w.show_landscape)
        self.trials = self._action("showTrials", "products", "Ctrl+7", w.show_trials)
        self.verify = self._action("verifyChain", "verify", None, w.verify_chain)
        self.about = self._action("about", "app", None, w.show_about)
        self.language_group = QActionGroup(self)
        self.english = QAction("English", w)
        self.chinese = QAction("简体中文", w)
        for action, code in ((self.english, "en"), (self.chinese, "zh_CN")):
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            action.triggered.connect(lambda _c=False, c=code: w.choose_language(c))
        self._build_menus()
        self._build_toolbar()
        w.products_page.context_actions = (
            [self.new_product], [self.edit_product, self.delete_product, None, self.new_track, self.new_event])
        language_state().changed.connect(self._language_changed)

    def _action(self, name: str, icon_name: str | None, shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self._window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.preferences)
        self.file_menu.addAction(self.log_folder)
        self._file_extension_point = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.file_menu.aboutToShow.connect(self._window.install_extensions)  # Print…, Export… before they are due
        self.edit_menu = bar.addMenu("")
        groups = ((self.undo, self.redo), (self.new_product, self.edit_product, self.delete_product),
                  (self.new_track, self.new_event, self.edit_event, self.delete_event))
        for n, group in enumerate(groups):
            if n:
                self.edit_menu.addSeparator()
            for a in group:
                self.edit_menu.addAction(a)
        self.view_menu = bar.addMenu("")
        groups = ((self.products, self.deadlines, self.audit, self.timelines, self.changes, self.landscape,
                   self.trials),
                  (self.find, self.clear_filters, self.refresh))
        for group in groups:
            for a in group:
                self.view_menu.addAction(a)
            self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addAction(self.english)
        self.language_menu.addAction(self.chinese)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.verify)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about)
        self.help_menu.addAction(self.log_folder)

    def add_file_action(self, action: QAction) -> None:
        """Put ``action`` in the File menu above Quit (printing and export add theirs here)."""
        self.file_menu.insertAction(self._file_extension_point, action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self._window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setIconSize(QSize(22, 22))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.undo, self.redo, None, self.new_product, self.new_event, None, self.refresh, None,
                  self.deadlines, self.audit):
            if a is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(a)
        self._window.addToolBar(self.toolbar)

    def update(self, *, editing: bool, has_product: bool, has_workspace: bool) -> None:
        """Enable what can be done now: editing needs the edit controller and a database, most edits a
        selected product."""
        self.new_product.setEnabled(editing)
        for a in (self.edit_product, self.delete_product, self.new_track, self.new_event, self.edit_event,
                  self.delete_event):
            a.setEnabled(editing and has_product)
        for a in (self.refresh, self.verify):
            a.setEnabled(has_workspace)

    # ----- texts -----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        texts = {
            self.preferences: self.tr("&Preferences…"),
            self.log_folder: self.tr("Show &log folder"),
            self.quit: self.tr("&Quit"),
            self.new_product: self.tr("&New product…"),
            self.edit_product: self.tr("Edit &product…"),
            self.delete_product: self.tr("&Delete product…"),
            self.new_track: self.tr("New &track…"),
            self.new_event: self.tr("New &event…"),
            self.edit_event: self.tr("Ed&it event…"),
            self.delete_event: self.tr("Delete e&vent…"),
            self.find: self.tr("&Find product"),
            self.clear_filters: self.tr("&Clear search and filters"),
            self.refresh: self.tr("&Reload"),
            self.products: self.tr("&Products"),
            self.deadlines: self.tr("&Deadlines"),
            self.audit: self.tr("&Audit trail"),
            self.timelines: self.tr("&Timelines"),
            self.changes: self.tr("What &changed"),
            self.landscape: self.tr("&Landscape"),
            self.trials: self.tr("T&rials"),
            self.verify: self.tr("&Verify audit chain"),
            self.about: self.tr("&About mscreg"),
        }
        for action, text in texts.items():
            action.setText(text)
            action.setIconText(plain_text(text))
            action.setToolTip(plain_text(text) + _shortcut_hint(action))
        self._undo_texts()
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self._language_changed(current_language())

    def _undo_texts(self) -> None:
        """"Undo"/"Redo", followed by what would be undone, in the current language."""
        stack = self._window.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        self.undo.setText(self.tr("&Undo %1").replace("%1", undo) if undo else self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo %1").replace("%1", redo) if redo else self.tr("&Redo"))
        self.undo.setIconText(plain_text(self.tr("&Undo")))
        self.redo.setIconText(plain_text(self.tr("&Redo")))
        self.undo.setToolTip(self.tr("Undo") + _shortcut_hint(self.undo))
        self.redo.setToolTip(self.tr("Redo") + _shortcut_hint(self.redo))

    def _language_changed(self, lang: str) -> None:
        self.english.setChecked(lang == "en")
        self.chinese.setChecked(lang == "zh_CN")


def plain_text(text: str) -> str:
    """A menu text without its accelerator or trailing ellipsis, for toolbar buttons and tooltips: Qt
    drops a bare "&" itself but keeps the Chinese form's "(&N)" as "(N)" ("新建产品(N)")."""
    return re.sub(r"\s*\(&[^)]\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def _shortcut_hint(action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f" ({keys})" if keys else ""
