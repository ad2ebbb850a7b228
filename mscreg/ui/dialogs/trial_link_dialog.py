"""Pick a stored trial registration to link to a product, with a search, and say why.

The trials come from the caller (``set_trials``), read off the UI thread with each one's search keys
already folded (:func:`search_keys`): reading 10,000 registrations and folding their texts took about a
second each, and a search typed here ran over every text again at each keystroke.  The search is
:mod:`mscreg.services.trial_search`, the same as the Trials page and ``mscreg trials``, run a moment after
the typing stops.  Trials already linked to this product are left out; one linked to another product is
offered, and the dialog says that linking it here moves it (a trial belongs to one product).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from mscreg.domain.errors import invalid
from mscreg.domain.trial import TrialRegistration
from mscreg.services.product_search import squash
from mscreg.services.trial_search import TrialFilter, trial_texts
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.reason_edit import ReasonEdit
from mscreg.ui.trials_page import COLUMNS, TrialsTableModel

SHOWN_COLUMNS = ("Registry", "Identifier", "Title", "Phases", "Status", "Start", "Product")
SEARCH_DELAY_MS = 200


def search_keys(trials: Sequence[TrialRegistration]) -> list[tuple[str, ...]]:
    """Each trial's texts folded as the search compares them (worth doing once, off the UI thread)."""
    return [tuple(squash(x) for x in trial_texts(t) if x) for t in trials]


class TrialLinkDialog(EditDialog):
    """``value()``: the chosen trial (None until one is chosen); ``reason()``: for the audit trail."""

    def __init__(self, parent: QWidget | None, product_name: str, product_id: int, lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.product_name = product_name
        self.product_id = product_id
        self.loaded = False
        self._all: list[tuple[TrialRegistration, tuple[str, ...]]] = []
        self._products: dict[int, str] = {}
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refilter)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.model = TrialsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, spec in enumerate(COLUMNS):
            self.table.setColumnHidden(column, spec.title not in SHOWN_COLUMNS)
        for title, width in (("Registry", 110), ("Identifier", 140), ("Title", 300), ("Phases", 100),
                             ("Status", 130), ("Start", 110)):
            self.table.setColumnWidth([c.title for c in COLUMNS].index(title), width)
        self.moves = QLabel(self)
        self.moves.setWordWrap(True)
        self.reason_edit = ReasonEdit(self)
        self._reason_label = QLabel(self)
        self._reason_label.setBuddy(self.reason_edit)
        self._search_label = QLabel(self)
        self._search_label.setBuddy(self.search)
        form = QFormLayout()
        form.addRow(self._search_label, self.search)
        reason_form = QFormLayout()
        reason_form.addRow(self._reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.moves)
        layout.addLayout(reason_form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.revalidate())
        self.table.doubleClicked.connect(lambda _i: self.reason_edit.setFocus())
        self.reason_edit.textChanged.connect(self.revalidate)
        self.search.setEnabled(False)
        self.count.setText(self.tr("Reading the stored trials…"))
        self.revalidate()
        self.resize(860, 520)

    def set_trials(self, trials: Sequence[TrialRegistration], products: dict[int, str],
                   keys: Sequence[tuple[str, ...]] | None = None) -> None:
        """The stored trials, ``{product id: name}`` and each trial's :func:`search_keys` (made here when
        not given)."""
        folded = list(keys) if keys is not None else search_keys(trials)
        self._all = [(t, k) for t, k in zip(trials, folded, strict=True) if t.product_id != self.product_id]
        self._products = dict(products)
        self.loaded = True
        self.search.setEnabled(True)
        self.refilter()

    def show_failure(self, message: str) -> None:
        """The trials could not be read: said on the problem line; nothing can be chosen."""
        self.count.setText("")
        self._show(Problem(message))

    def refilter(self) -> None:
        self._search_timer.stop()
        if not self.loaded:
            return
        chosen = self.value()
        flt = TrialFilter(text=self.search.text())
        shown = [t for t, k in self._all if flt.matches(t, k)]
        self.model.set_trials(shown, self._products)
        self.count.setText(self.tr("%n trial(s)", "", len(shown)))
        if chosen is not None and chosen in shown:
            self.table.selectRow(shown.index(chosen))
        self.revalidate()

    def value(self) -> TrialRegistration | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.trial(rows[0].row()) if rows else None

    def reason(self) -> str:
        return self.reason_edit.reason()

    def current_problem(self) -> Problem | None:
        chosen = self.value()
        owner = self._products.get(chosen.product_id or 0) if chosen is not None and chosen.product_id else None
        self.moves.setVisible(owner is not None)
        if owner is not None:
            self.moves.setText(self.tr("This trial is linked to “%1” now; linking it here moves it.")
                               .replace("%1", owner))
        if chosen is None:
            return Problem(self.tr("Choose the trial to link."), hint=True)
        if not self.reason():
            return problem_from(invalid("reason", "", "reason.empty"), self.lang)
        return None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Link a trial"))
        self.intro.setText(self.tr("Choose a stored trial registration to link to “%1”. Registrations are added "
                                   "by importing a registry’s download.").replace("%1", self.product_name))
        self._search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Identifier, title, sponsor, condition, country…"))
        self._reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.retranslate_ui()
        self.ok_button().setText(self.tr("Link"))
        self.table.setAccessibleName(self.tr("Stored trial registrations"))
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
