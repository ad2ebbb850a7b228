"""The Timeline tab: choose a country, a product or the world's approvals, an as-of day, then look,
zoom, print or export.  Layouts are computed off the UI thread (a whole-database read).

``TimelinePanel(fixed_product=True)`` is the product view's tab (it follows the selected product);
the default panel offers the per-country and approvals views with a jurisdiction list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.errors import MscregError
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.timeline_layout import TimelineLayout
from mscreg.ui.background import BackgroundTask, TaskControl
from mscreg.ui.dialog_service import DialogService
from mscreg.ui.language import current_language, language_state
from mscreg.ui.timeline_printing import TimelinePrinter
from mscreg.ui.timeline_view import TimelineView

COUNTRY, APPROVALS = 0, 1


class TimelinePanel(QWidget):
    """A timeline with its controls.  ``set_workspace`` first; ``layout_ready`` fires after each load."""

    layout_ready = Signal(object)
    event_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, fixed_product: bool = False, dialogs=None) -> None:
        super().__init__(parent)
        self._ws = None
        self._fixed_product = fixed_product
        self._product: str | None = None
        self._tasks: set[BackgroundTask] = set()
        self._generation = 0  # only the newest request's layout is shown
        self._pending = False
        self.dialogs = dialogs or DialogService()
        self.view = TimelineView(self)
        self.view.event_activated.connect(self.event_activated)
        self.printer = TimelinePrinter(self, self.view.layout_shown, self.dialogs, self._database_name,
                                       self._database_file)

        self.mode = QComboBox(self)
        self.jurisdiction = QComboBox(self)
        self.today = QCheckBox(self)
        self.today.setChecked(True)
        self.as_of = QDateEdit(self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")  # ISO: never an ambiguous day/month order
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setEnabled(False)
        self.as_of_label = QLabel(self)
        self.status = QLabel(self)
        self.buttons: dict[str, QToolButton] = {}
        for name, slot in (("zoom_in", lambda: self.view.zoom(1.5)), ("zoom_out", lambda: self.view.zoom(1 / 1.5)),
                           ("reset", self.view.reset_zoom), ("setup", self.printer.page_setup),
                           ("preview", self.printer.preview), ("print", self.printer.print_),
                           ("pdf", lambda: self.printer.export("pdf")), ("png", lambda: self.printer.export("png"))):
            button = QToolButton(self)
            button.clicked.connect(slot)
            self.buttons[name] = button

        # a tool bar, not a row layout: on a narrow window it folds its overflow into a "»" menu
        # instead of forcing the whole main window to stay wide
        bar = QToolBar(self)
        bar.setObjectName("timelineBar")
        if fixed_product:  # the product tab follows the selected product: no view or country choice
            self.mode.hide()
            self.jurisdiction.hide()
        else:
            bar.addWidget(self.mode)
            bar.addWidget(self.jurisdiction)
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.today)
        bar.addWidget(self.as_of)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        for button in self.buttons.values():
            bar.addWidget(button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(bar)
        box.addWidget(self.view, 1)
        box.addWidget(self.status)

        self.retranslate_ui()
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.jurisdiction.currentIndexChanged.connect(lambda _i: self.reload())
        self.today.toggled.connect(self._today_toggled)
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        language_state().changed.connect(self._language_changed)  # a bound slot: dropped with the panel
        self._mode_changed()

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        lang = current_language()
        mode = max(0, self.mode.currentIndex())
        self.mode.blockSignals(True)
        self.mode.clear()
        self.mode.addItems([self.tr("By country"), self.tr("World approvals")])
        self.mode.setCurrentIndex(mode)
        self.mode.blockSignals(False)
        self.mode.setAccessibleName(self.tr("Timeline view"))
        code = self.jurisdiction.currentData() or "CN"
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.clear()
        for j in JURISDICTIONS.values():
            if j.code != "ZZ":
                self.jurisdiction.addItem(f"{j.code} · {j.name(lang)}", j.code)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(code)))
        self.jurisdiction.blockSignals(False)
        self.jurisdiction.setAccessibleName(self.tr("Country"))
        self.as_of_label.setText(self.tr("As of:"))
        self.today.setText(self.tr("Today"))
        self.today.setAccessibleName(self.tr("As of today"))
        self.as_of.setAccessibleName(self.tr("As-of date"))
        texts = {
            "zoom_in": (self.tr("Zoom in"), "+"), "zoom_out": (self.tr("Zoom out"), "−"),
            "reset": (self.tr("Whole timeline"), "⤢"), "setup": (self.tr("Page setup…"), None),
            "preview": (self.tr("Print preview…"), None), "print": (self.tr("Print…"), None),
            "pdf": (self.tr("Export PDF…"), None), "png": (self.tr("Export PNG…"), None),
        }
        for name, (text, short) in texts.items():
            button = self.buttons[name]
            button.setText(short or text)
            button.setToolTip(text)
            button.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _language_changed(self, _lang: str = "") -> None:
        self.retranslate_ui()
        # state and event names come from the domain's tables, in the new language: draw again, but
        # only when seen (a hidden or closing panel must not start a read behind the user's back)
        if self.isVisible():
            self.reload()
        else:
            self._pending = True

    # ------------------------------------------------------------------ what to show
    def set_workspace(self, ws) -> None:
        """Read when shown: a hidden panel reading a whole portfolio at start-up competed with the
        product list for the interpreter (a 10,000-product list took seconds longer)."""
        self._ws = ws
        if self.isVisible():
            self.reload()
        else:
            self._pending = True

    def show_product(self, name: str | None) -> None:
        self._product = name
        if self.isVisible() or self.view.layout_shown() is not None:
            self.reload()
        else:
            self._pending = True

    def show_country(self, code: str) -> None:
        self.mode.setCurrentIndex(COUNTRY)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(code)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            self._pending = False
            self.reload()

    def _mode_changed(self) -> None:
        self.jurisdiction.setEnabled(self.mode.currentIndex() == COUNTRY)
        self.reload()

    def _today_toggled(self, checked: bool) -> None:
        self.as_of.setEnabled(not checked)
        self.reload()

    def follow_day(self, day: dt.date | None) -> None:
        """The window's as-of day (None: today) becomes this panel's; the panel's own control can still
        choose another day after."""
        if day is None:
            self.today.setChecked(True)  # redraws if it was unchecked
            return
        blocked = self.as_of.blockSignals(True)
        self.as_of.setDate(QDate(day.year, day.month, day.day))
        self.as_of.blockSignals(blocked)
        if self.today.isChecked():
            self.today.setChecked(False)  # redraws as of the day
        else:
            self.reload()

    def as_of_day(self) -> dt.date:
        if self.today.isChecked():
            return dt.date.today()
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())

    def _database_name(self) -> str:
        return getattr(self._ws, "name", "") if self._ws is not None else ""

    def _database_file(self) -> Path | None:
        from mscreg.services.output_files import database_of

        return database_of(self._ws) if self._ws is not None else None

    def reload(self) -> None:
        """Compute the layout in a worker thread; a newer request replaces the one still running."""
        if self._ws is None or (self._fixed_product and not self._product):
            self.view.set_layout(None)
            return
        ws, lang, day = self._ws, current_language(), self.as_of_day()
        product, mode, code = self._product, self.mode.currentIndex(), self.jurisdiction.currentData() or "CN"
        fixed = self._fixed_product

        def build(_control: TaskControl) -> TimelineLayout:
            from mscreg.services import timeline_data

            if fixed:
                return timeline_data.product_timeline(ws, product or "", day, lang)
            if mode == APPROVALS:
                return timeline_data.approvals_timeline(ws, day, lang)
            return timeline_data.country_timeline(ws, code, day, lang)

        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Drawing the timeline…"))
        task = BackgroundTask(build, self)
        self._tasks.add(task)

        def ok(layout: TimelineLayout) -> None:
            self._tasks.discard(task)
            if generation == self._generation:  # an older request finishing late is dropped
                self._loaded(layout)

        def failed(exc: BaseException) -> None:
            self._tasks.discard(task)
            if generation == self._generation:
                self._failed(exc)

        task.finished_ok.connect(ok)
        task.finished_error.connect(failed)
        task.start()

    def _loaded(self, layout: TimelineLayout) -> None:
        self.view.set_layout(layout)
        count = len(layout.lanes)
        self.status.setText(self.tr("%n lane(s)", "", count) + " — " + layout.title)
        self.layout_ready.emit(layout)

    def _failed(self, exc: BaseException) -> None:
        self.view.set_layout(None)
        if isinstance(exc, MscregError):
            self.status.setText(exc.message(current_language()))
        else:
            self.status.setText(repr(exc))
            raise exc

    def wait(self) -> None:
        """Let running reads finish (before the workspace is closed or the panel destroyed)."""
        for task in list(self._tasks):
            task.wait()
