"""The audit trail page: every change, filterable as you type, and "Verify chain".

Who, when (local time and UTC), what, old → new, and the reason given.  The rows come from
:func:`mscreg.services.audit_trail.list_audit`, read off the UI thread through the window's session
when the page is shown and again after each change while it is; the filter is a Python pass over
them.  "Verify chain" runs the same check as ``mscreg check`` in the background and shows its verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain import messages
from mscreg.services.audit_trail import AuditEntry, AuditFilter, filter_entries, show_value
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import OBJECT_ROLE
from mscreg.ui.language import QT_TRANSLATE_NOOP, current_language, language_state
from mscreg.ui.product_filters import FittedComboBox
from mscreg.ui.product_names import record_names
from mscreg.ui.theme import urgency_color

if TYPE_CHECKING:
    from mscreg.ui.workspace_session import WorkspaceSession

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    QT_TRANSLATE_NOOP("AuditTableModel", "When (local)"),
    QT_TRANSLATE_NOOP("AuditTableModel", "When (UTC)"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Who"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Action"),
    QT_TRANSLATE_NOOP("AuditTableModel", "What"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Change (old → new)"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Reason"),
)
MAX_CHANGE_TEXT = 300

# Stored field names, shown as the user knows them (values that are codes get their domain names).
FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("AuditTableModel", "name"),
    "name_zh": QT_TRANSLATE_NOOP("AuditTableModel", "Chinese name"),
    "inn": QT_TRANSLATE_NOOP("AuditTableModel", "INN"),
    "aliases": QT_TRANSLATE_NOOP("AuditTableModel", "aliases"),
    "company": QT_TRANSLATE_NOOP("AuditTableModel", "company"),
    "company_zh": QT_TRANSLATE_NOOP("AuditTableModel", "company (Chinese)"),
    "company_aliases": QT_TRANSLATE_NOOP("AuditTableModel", "company aliases"),
    "source_tissue": QT_TRANSLATE_NOOP("AuditTableModel", "tissue"),
    "donor_type": QT_TRANSLATE_NOOP("AuditTableModel", "donor"),
    "modality": QT_TRANSLATE_NOOP("AuditTableModel", "modality"),
    "notes": QT_TRANSLATE_NOOP("AuditTableModel", "notes"),
    "product_id": QT_TRANSLATE_NOOP("AuditTableModel", "product"),
    "jurisdiction": QT_TRANSLATE_NOOP("AuditTableModel", "jurisdiction"),
    "indication": QT_TRANSLATE_NOOP("AuditTableModel", "indication"),
    "pathway": QT_TRANSLATE_NOOP("AuditTableModel", "pathway"),
    "track_id": QT_TRANSLATE_NOOP("AuditTableModel", "track"),
    "type": QT_TRANSLATE_NOOP("AuditTableModel", "event type"),
    "date": QT_TRANSLATE_NOOP("AuditTableModel", "date"),
    "approximate": QT_TRANSLATE_NOOP("AuditTableModel", "approximate"),
    "agency": QT_TRANSLATE_NOOP("AuditTableModel", "agency"),
    "reference": QT_TRANSLATE_NOOP("AuditTableModel", "reference"),
    "source": QT_TRANSLATE_NOOP("AuditTableModel", "source"),
    "confidence": QT_TRANSLATE_NOOP("AuditTableModel", "confidence"),
    "note": QT_TRANSLATE_NOOP("AuditTableModel", "note"),
    "attributes": QT_TRANSLATE_NOOP("AuditTableModel", "attributes"),
    "notes_zh": QT_TRANSLATE_NOOP("AuditTableModel", "notes (Chinese)"),
    "note_zh": QT_TRANSLATE_NOOP("AuditTableModel", "note (Chinese)"),
    "indication_zh": QT_TRANSLATE_NOOP("AuditTableModel", "indication (Chinese)"),
    # obligations and their progress
    "authorisation_event_id": QT_TRANSLATE_NOOP("AuditTableModel", "imposed by event"),
    "kind": QT_TRANSLATE_NOOP("AuditTableModel", "kind"),
    "text_en": QT_TRANSLATE_NOOP("AuditTableModel", "obligation (English)"),
    "text_zh": QT_TRANSLATE_NOOP("AuditTableModel", "obligation (Chinese)"),
    "due_rule": QT_TRANSLATE_NOOP("AuditTableModel", "due"),
    "due_approximate": QT_TRANSLATE_NOOP("AuditTableModel", "due date approximate"),
    "owner": QT_TRANSLATE_NOOP("AuditTableModel", "owner"),
    "obligation_id": QT_TRANSLATE_NOOP("AuditTableModel", "obligation"),
    "new_due_approximate": QT_TRANSLATE_NOOP("AuditTableModel", "new due date approximate"),
    # holder and licensee changes
    "role": QT_TRANSLATE_NOOP("AuditTableModel", "role"),
    "from_party": QT_TRANSLATE_NOOP("AuditTableModel", "from"),
    "to_party": QT_TRANSLATE_NOOP("AuditTableModel", "to"),
    # trial registrations
    "registry": QT_TRANSLATE_NOOP("AuditTableModel", "registry"),
    "registry_id": QT_TRANSLATE_NOOP("AuditTableModel", "identifier"),
    "title": QT_TRANSLATE_NOOP("AuditTableModel", "title"),
    "title_zh": QT_TRANSLATE_NOOP("AuditTableModel", "title (Chinese)"),
    "official_title": QT_TRANSLATE_NOOP("AuditTableModel", "official title"),
    "acronym": QT_TRANSLATE_NOOP("AuditTableModel", "acronym"),
    "phases": QT_TRANSLATE_NOOP("AuditTableModel", "phases"),
    "status": QT_TRANSLATE_NOOP("AuditTableModel", "status"),
    "start_date": QT_TRANSLATE_NOOP("AuditTableModel", "start"),
    "start_date_kind": QT_TRANSLATE_NOOP("AuditTableModel", "start is"),
    "completion": QT_TRANSLATE_NOOP("AuditTableModel", "completion"),
    "completion_kind": QT_TRANSLATE_NOOP("AuditTableModel", "completion is"),
    "first_submitted": QT_TRANSLATE_NOOP("AuditTableModel", "first submitted"),
    "first_submitted_kind": QT_TRANSLATE_NOOP("AuditTableModel", "first submission is"),
    "enrolment": QT_TRANSLATE_NOOP("AuditTableModel", "enrolment"),
    "enrolment_kind": QT_TRANSLATE_NOOP("AuditTableModel", "enrolment is"),
    "lead_sponsor": QT_TRANSLATE_NOOP("AuditTableModel", "sponsor"),
    "organization": QT_TRANSLATE_NOOP("AuditTableModel", "organisation"),
    "countries": QT_TRANSLATE_NOOP("AuditTableModel", "countries"),
    "conditions": QT_TRANSLATE_NOOP("AuditTableModel", "conditions"),
    "interventions": QT_TRANSLATE_NOOP("AuditTableModel", "interventions"),
    "results_posted": QT_TRANSLATE_NOOP("AuditTableModel", "results posted"),
    "sources": QT_TRANSLATE_NOOP("AuditTableModel", "sources"),
}


def field_label(name: str) -> str:
    source = FIELD_LABELS.get(name)
    return QCoreApplication.translate("AuditTableModel", source) if source else name


# Stored codes shown by their words (lupdate reads these literals; field_value translates them).
CODE_WORDS = {
    ("confidence", "high"): QT_TRANSLATE_NOOP("AuditTableModel", "high"),
    ("confidence", "medium"): QT_TRANSLATE_NOOP("AuditTableModel", "medium"),
    ("confidence", "low"): QT_TRANSLATE_NOOP("AuditTableModel", "low"),
    ("pathway", "clinical"): QT_TRANSLATE_NOOP("AuditTableModel", "clinical trials"),
    ("pathway", "marketing"): QT_TRANSLATE_NOOP("AuditTableModel", "marketing"),
    # an obligation's progress (its "type"; no event type has these codes)
    ("type", "submitted"): QT_TRANSLATE_NOOP("AuditTableModel", "submitted by the holder"),
    ("type", "fulfilled"): QT_TRANSLATE_NOOP("AuditTableModel", "fulfilled"),
    ("type", "released"): QT_TRANSLATE_NOOP("AuditTableModel", "released"),
    ("type", "extended"): QT_TRANSLATE_NOOP("AuditTableModel", "due date extended"),
}
# Whether a trial's date or enrolment happened or is planned, for each field that says so.
DATE_KIND_WORDS = {
    "actual": QT_TRANSLATE_NOOP("AuditTableModel", "actual"),
    "estimated": QT_TRANSLATE_NOOP("AuditTableModel", "estimated"),
    "anticipated": QT_TRANSLATE_NOOP("AuditTableModel", "estimated"),
    "not_stated": QT_TRANSLATE_NOOP("AuditTableModel", "not stated"),
}
KIND_FIELDS = frozenset({"start_date_kind", "completion_kind", "first_submitted_kind", "enrolment_kind"})




def field_value(name: str, value) -> str:
    """A stored value as text; codes (tissue, donor, event type, confidence, pathway, jurisdiction) by
    their name in the current language, a product or track by its name rather than its id."""
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.jurisdictions import JURISDICTIONS
    from mscreg.domain.product import ATTRIBUTES, attribute_name

    if name in ATTRIBUTES and isinstance(value, str) and value in {m.value for m in ATTRIBUTES[name][1]}:
        return attribute_name(name, value, current_language())
    if name == "type" and isinstance(value, str) and value in EVENT_TYPES:
        return EVENT_TYPES[value].name(current_language())
    if isinstance(value, str) and (name, value) in CODE_WORDS:
        return QCoreApplication.translate("AuditTableModel", CODE_WORDS[(name, value)])
    if name in KIND_FIELDS and isinstance(value, str) and value in DATE_KIND_WORDS:
        return QCoreApplication.translate("AuditTableModel", DATE_KIND_WORDS[value])
    coded = _catalogue_word(name, value)
    if coded is not None:
        return coded
    if name == "jurisdiction" and isinstance(value, str) and value in JURISDICTIONS:
        return f"{JURISDICTIONS[value].name(current_language())} ({value})"
    if name == "product_id" and (named := record_names.product(value)) is not None:
        return named
    if name == "track_id" and (named := record_names.track(value)) is not None:
        return named
    if isinstance(value, bool):
        return QCoreApplication.translate("AuditTableModel", "yes") if value \
            else QCoreApplication.translate("AuditTableModel", "no")
    return show_value(value)


def _catalogue_word(name: str, value) -> str | None:
    """An obligation's kind, a holder change's role, a trial's registry, status or phases by their names
    in the message catalogue (where the rest of the window names them); None when ``value`` is no such code."""
    lang = current_language()
    if name == "kind" and isinstance(value, str) and f"obligation.kind.{value}" in messages.MESSAGES:
        return messages.text(f"obligation.kind.{value}", lang)
    if name == "role" and value in ("holder", "licensee"):
        return messages.text(f"holder.role.{value}", lang)
    if name == "registry" and isinstance(value, str) and f"registry.{value}" in messages.MESSAGES:
        return messages.text(f"registry.{value}", lang)
    if name == "status" and isinstance(value, str) and f"landscape.status.{value}" in messages.MESSAGES:
        return messages.text(f"landscape.status.{value}", lang)
    if name == "phases" and isinstance(value, list) and value \
            and all(f"landscape.phase.{p}" in messages.MESSAGES for p in value):
        return "/".join(messages.text(f"landscape.phase.{p}", lang) for p in value)
    return None


def subject_text(e: AuditEntry) -> str:
    """What the row is about, with the product named in the interface language where it has that name."""
    lang = current_language()
    text = e.subject(lang)
    c = e.context
    if lang.startswith("zh"):
        if e.entity == "product":
            product = record_names.product_by_id(e.entity_id)
            name_zh = c.get("name_zh") or getattr(product, "name_zh", "")
            return name_zh or text
        if c.get("product_zh") and c.get("product") and text.startswith(c["product"]):
            return c["product_zh"] + text[len(c["product"]):]
    return text


def action_name(action: str) -> str:
    return {
        "create": QCoreApplication.translate("AuditTableModel", "created"),
        "update": QCoreApplication.translate("AuditTableModel", "changed"),
        "delete": QCoreApplication.translate("AuditTableModel", "deleted"),
    }.get(action, action)


def entity_name(entity: str) -> str:
    return {
        "product": QCoreApplication.translate("AuditTableModel", "product"),
        "track": QCoreApplication.translate("AuditTableModel", "track"),
        "event": QCoreApplication.translate("AuditTableModel", "event"),
        "holder_transfer": QCoreApplication.translate("AuditTableModel", "holder transfer"),
        "verification": QCoreApplication.translate("AuditTableModel", "verification"),
        "obligation": QCoreApplication.translate("AuditTableModel", "obligation"),
        "obligation_event": QCoreApplication.translate("AuditTableModel", "obligation progress"),
        "trial": QCoreApplication.translate("AuditTableModel", "trial registration"),
        "database": QCoreApplication.translate("AuditTableModel", "database"),
    }.get(entity, entity)


def change_text(e: AuditEntry, limit: int | None = MAX_CHANGE_TEXT) -> str:
    """ "field: old → new" per changed field (a created record shows its new values only)."""
    parts = []
    lang = current_language()
    colon, semicolon = messages.text("list.colon", lang), messages.text("list.semicolon", lang)
    for ch in e.changes:
        old, new = field_value(ch.field, ch.old), field_value(ch.field, ch.new)
        label = field_label(ch.field)
        if e.action == "create":
            if new:
                parts.append(f"{label}{colon}{new}")
        elif e.action == "delete":
            if old:
                parts.append(f"{label}{colon}{old} → —")
        else:
            parts.append(f"{label}{colon}{old or '—'} → {new or '—'}")
    text = semicolon.join(parts)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


class AuditTableModel(QAbstractTableModel):
    """Audit entries, newest first (fed by ``set_rows``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        language_state().changed.connect(self.refresh_texts)

    def set_rows(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("AuditTableModel", COLUMNS[section])
        return None

    def _text(self, e: AuditEntry, column: int, limit: int | None = MAX_CHANGE_TEXT) -> str:
        if column == 0:
            return e.at_local.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
        if column == 1:
            return e.at_utc.strftime("%Y-%m-%d %H:%M:%S UTC")
        if column == 2:
            return e.actor
        if column == 3:
            return f"{entity_name(e.entity)} {action_name(e.action)}"
        if column == 4:
            return subject_text(e)
        if column == 5:
            return change_text(e, limit)
        return e.reason

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        e = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(e, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(e, index.column(), None)
            return text[:3000] or None
        if role == OBJECT_ROLE:
            return e
        return None

    def refresh_texts(self, *_args) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class AuditView(QWidget):
    """Filters, the list, and the chain check, read through ``session`` (none: shown, never read)."""

    def __init__(self, parent: QWidget | None = None, session: WorkspaceSession | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []
        self._check = None
        self._session = session
        self._stale = True  # the entries shown (none yet) are not those of the open database
        if session is not None:
            session.rereading.connect(self._data_changed)
        self.model = AuditTableModel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.entity = FittedComboBox(self)
        self.action = FittedComboBox(self)
        self.actor = FittedComboBox(self)
        self.use_dates = QCheckBox(self)
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        for w in (self.since, self.until):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.setDate(QDate.currentDate())
            w.setEnabled(False)
        self.verify_button = QPushButton(icon("verify"), "", self)
        self.refresh_button = QPushButton(icon("refresh"), "", self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((160, 170, 90, 130, 360, 420)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.entity)
        filters.addWidget(self.action)
        filters.addWidget(self.actor)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addWidget(self.refresh_button)
        check = QHBoxLayout()
        check.addWidget(self.verify_button)
        check.addWidget(self.result, 1)
        check.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(check)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.entity, self.action, self.actor):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.use_dates.toggled.connect(self.since.setEnabled)
        self.use_dates.toggled.connect(self.until.setEnabled)
        self.use_dates.toggled.connect(self.apply_filter)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.verify_button.clicked.connect(self.verify)
        self.refresh_button.clicked.connect(self.load)
        self.retranslate_ui()

    # ----- reading ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the whole trail again, off the UI thread."""
        ws = self._session.ws if self._session is not None else None
        if self._session is None or ws is None:
            return

        def read():
            from mscreg.services.audit_trail import list_audit

            return list_audit(ws)

        def done(entries) -> None:
            self._stale = False
            self.set_entries(entries)

        self._session.run(read, done, self.tr("Reading the audit trail…"), "reading the audit trail")

    def verify(self) -> None:
        """Check the database and the audit chain as ``mscreg check`` does, off the UI thread."""
        ws = self._session.ws if self._session is not None else None
        if self._session is None or ws is None:
            return
        self.show_checking()

        def check():
            from mscreg.services.audit_trail import verify

            return verify(ws)

        task = self._session.run(check, self.show_check, self.tr("Verifying the audit chain…"),
                                 "verifying the audit chain")
        if task is not None:
            task.finished_error.connect(lambda _e: self.verify_button.setEnabled(True))

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    # ----- data -------------------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self._entries = list(entries)
        actors = sorted({e.actor for e in self._entries})
        keep = self.actor.currentData()
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(self.tr("Anyone"), "")
        for a in actors:
            self.actor.addItem(a, a)
        self.actor.setCurrentIndex(max(0, self.actor.findData(keep)))
        self.actor.blockSignals(False)
        self.actor.updateGeometry()
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            text=self.search.text(),
            entity=str(self.entity.currentData() or ""),
            action=str(self.action.currentData() or ""),
            actor=str(self.actor.currentData() or ""),
            # QDate.toPython() is typed as returning object; it returns a datetime.date
            since=cast(dt.date, self.since.date().toPython()) if self.use_dates.isChecked() else None,
            until=cast(dt.date, self.until.date().toPython()) if self.use_dates.isChecked() else None,
        )

    def apply_filter(self, *_args) -> None:
        shown = filter_entries(self._entries, self.current_filter())
        self.model.set_rows(shown)
        self.count.setText(self.tr("%1 of %n change(s)", "", len(self._entries)).replace("%1", str(len(shown))))

    def show_checking(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Verifying the database and the audit chain…"))

    def show_check(self, report) -> None:
        """Show a :class:`~mscreg.services.integrity.CheckReport` as ``mscreg check`` words it."""
        self._check = report
        self.verify_button.setEnabled(True)
        self._render_check()

    def _render_check(self) -> None:
        if self._check is None:
            self.result.setText("")
            return
        colour = urgency_color("ok" if self._check.ok else "failed", role=self.backgroundRole()).name()
        mark = "✔" if self._check.ok else "✘"
        text = self._check.summary(current_language()).replace("&", "&amp;").replace("<", "&lt;")
        self.result.setText(f"<span style='color:{colour}'><b>{mark}</b> {text.replace(chr(10), '<br>')}</span>")

    # ----- language -----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter changes: name, field, value, reason, user…"))
        self.search.setAccessibleName(self.tr("Filter the audit trail"))
        self._refill(self.entity, [("", self.tr("All records")), ("product", self.tr("Products")),
                                   ("track", self.tr("Tracks")), ("event", self.tr("Events")),
                                   ("holder_transfer", self.tr("Holder transfers")),
                                   ("verification", self.tr("Verifications")),
                                   ("obligation", self.tr("Obligations")),
                                   ("obligation_event", self.tr("Obligation progress")),
                                   ("trial", self.tr("Trial registrations"))])
        self._refill(self.action, [("", self.tr("All changes")), ("create", self.tr("Created")),
                                   ("update", self.tr("Changed")), ("delete", self.tr("Deleted"))])
        if self.actor.count():
            self.actor.setItemText(0, self.tr("Anyone"))
        self.entity.setAccessibleName(self.tr("Kind of record"))
        self.action.setAccessibleName(self.tr("Kind of change"))
        self.actor.setAccessibleName(self.tr("Changed by"))
        self.use_dates.setText(self.tr("Between"))
        self.use_dates.setAccessibleName(self.tr("Only changes between two dates"))
        self.since.setAccessibleName(self.tr("From date"))
        self.until.setAccessibleName(self.tr("To date"))
        self.verify_button.setText(self.tr("Verify chain"))
        self.verify_button.setAccessibleName(self.tr("Verify the database and the audit chain"))
        self.verify_button.setToolTip(self.tr("The same check as “mscreg check”"))
        self.refresh_button.setText(self.tr("Reload"))
        self.refresh_button.setAccessibleName(self.tr("Reload the audit trail"))
        self.table.setAccessibleName(self.tr("Audit trail"))
        self.result.setAccessibleName(self.tr("Result of the chain verification"))
        self._render_check()
        self.apply_filter()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)
        combo.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate_ui()
        super().changeEvent(event)
