"""Create or edit a product: every name it goes by, what it is made of, and why the change is made.

Aliases matter because sources name one product several ways (Amimestrocel = Aimmexitocel = 艾米迈托赛
= 睿铂生), and every search matches any of them; so they are edited one per line, never split on a
comma that a name might contain.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from mscreg.domain.errors import MscregError, invalid
from mscreg.domain.product import DONOR_NAMES, MODALITY_NAMES, TISSUE_NAMES, Product, ProductDraft
from mscreg.services.editing import product_draft
from mscreg.ui.dialogs.base import EditDialog, Problem, problem_from
from mscreg.ui.dialogs.reason_edit import ReasonEdit


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class ProductDialog(EditDialog):
    """``value()`` is a :class:`ProductDraft`; ``reason()`` the text for the audit trail."""

    def __init__(self, parent: QWidget | None, product: Product | None = None, lang: str | None = None) -> None:
        super().__init__(parent, lang)
        self.product = product
        self.name_edit = QLineEdit(self)
        self.name_zh_edit = QLineEdit(self)
        self.inn_edit = QLineEdit(self)
        self.aliases_edit = QPlainTextEdit(self)
        self.company_edit = QLineEdit(self)
        self.company_zh_edit = QLineEdit(self)
        self.company_aliases_edit = QPlainTextEdit(self)
        self.tissue_combo = QComboBox(self)
        self.donor_combo = QComboBox(self)
        self.modality_combo = QComboBox(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_zh_edit = QPlainTextEdit(self)
        self.reason_edit = ReasonEdit(self)
        for edit in (self.aliases_edit, self.company_aliases_edit, self.notes_edit, self.notes_zh_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(56)
        for combo, table in ((self.tissue_combo, TISSUE_NAMES), (self.donor_combo, DONOR_NAMES),
                             (self.modality_combo, MODALITY_NAMES)):
            for code in table:
                combo.addItem("", str(code))

        self._fields: list[QWidget] = [
            self.name_edit, self.name_zh_edit, self.inn_edit, self.aliases_edit, self.company_edit,
            self.company_zh_edit, self.company_aliases_edit, self.tissue_combo, self.donor_combo,
            self.modality_combo, self.notes_edit, self.notes_zh_edit, self.reason_edit]
        self._labels = [QLabel(self) for _ in self._fields]
        form = QFormLayout()
        for label, widget in zip(self._labels, self._fields, strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.retranslate_ui()
        self._fill(product_draft(product) if product else ProductDraft(name=""))
        for edit in (self.name_edit, self.name_zh_edit, self.inn_edit, self.company_edit, self.company_zh_edit,
                     self.reason_edit):
            edit.textChanged.connect(self.revalidate)
        for text in (self.aliases_edit, self.company_aliases_edit, self.notes_edit, self.notes_zh_edit):
            text.textChanged.connect(self.revalidate)
        for combo in (self.tissue_combo, self.donor_combo, self.modality_combo):
            combo.currentIndexChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(560, self.sizeHint().height())

    def _fill(self, d: ProductDraft) -> None:
        self.name_edit.setText(d.name)
        self.name_zh_edit.setText(d.name_zh)
        self.inn_edit.setText(d.inn)
        self.aliases_edit.setPlainText("\n".join(d.aliases))
        self.company_edit.setText(d.company)
        self.company_zh_edit.setText(d.company_zh)
        self.company_aliases_edit.setPlainText("\n".join(d.company_aliases))
        self.tissue_combo.setCurrentIndex(self.tissue_combo.findData(d.source_tissue))
        self.donor_combo.setCurrentIndex(self.donor_combo.findData(d.donor_type))
        self.modality_combo.setCurrentIndex(self.modality_combo.findData(d.modality))
        self.notes_edit.setPlainText(d.notes)
        self.notes_zh_edit.setPlainText(d.notes_zh)

    def value(self) -> ProductDraft:
        return ProductDraft(
            name=self.name_edit.text(), name_zh=self.name_zh_edit.text(), inn=self.inn_edit.text(),
            aliases=_lines(self.aliases_edit), company=self.company_edit.text(),
            company_zh=self.company_zh_edit.text(), company_aliases=_lines(self.company_aliases_edit),
            source_tissue=str(self.tissue_combo.currentData()), donor_type=str(self.donor_combo.currentData()),
            modality=str(self.modality_combo.currentData()), notes=self.notes_edit.toPlainText(),
            notes_zh=self.notes_zh_edit.toPlainText())

    def reason(self) -> str:
        return self.reason_edit.reason()

    def current_problem(self) -> Problem | None:
        try:
            self.value().validated()
            if not self.reason():
                raise invalid("reason", "", "reason.empty")
        except MscregError as exc:
            return problem_from(exc, self.lang)
        return None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit product") if self.product else self.tr("New product"))
        texts = [self.tr("&Name:"), self.tr("Chinese name:"), self.tr("&INN / code:"),
                 self.tr("&Aliases (one per line):"), self.tr("&Company:"), self.tr("Company (Chinese):"),
                 self.tr("Company aliases (one per line):"), self.tr("Source &tissue:"), self.tr("&Donor type:"),
                 self.tr("&Modality:"), self.tr("N&otes:"), self.tr("Notes (Chinese):"),
                 self.tr("&Reason for the change:")]
        names = [self.tr("Name"), self.tr("Chinese name"), self.tr("INN or code"), self.tr("Aliases"),
                 self.tr("Company"), self.tr("Company (Chinese)"), self.tr("Company aliases"),
                 self.tr("Source tissue"), self.tr("Donor type"), self.tr("Modality"), self.tr("Notes"),
                 self.tr("Notes (Chinese)")]
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        for widget, name in zip(self._fields, names, strict=False):
            widget.setAccessibleName(name)
        self.reason_edit.retranslate_ui()
        zh = 1 if self.lang.startswith("zh") else 0
        for combo, table in ((self.tissue_combo, TISSUE_NAMES), (self.donor_combo, DONOR_NAMES),
                             (self.modality_combo, MODALITY_NAMES)):
            for i, pair in enumerate(table.values()):
                combo.setItemText(i, pair[zh])
        self.ok_button().setText(self.tr("Save"))
