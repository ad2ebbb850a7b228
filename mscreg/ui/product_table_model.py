"""The product list as a Qt table model, fed with rows by ``set_rows`` (it never opens a session)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mscreg.domain.states import state_name

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class ProductTableModel(QAbstractTableModel):
    """One row per product: names, company, and the marketing state in each jurisdiction it has."""

    def __init__(self, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._lang = lang
        self._jurisdictions: list[str] = []

    def set_rows(self, overviews: list) -> None:
        self.beginResetModel()
        self._rows = list(overviews)
        codes = {tv.track.jurisdiction for ov in self._rows for tv in ov.tracks}
        order = ["US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR"]
        self._jurisdictions = [c for c in order if c in codes] + sorted(codes - set(order))
        self.endResetModel()

    def _headers(self) -> list[str]:
        return [self.tr("Product"), self.tr("Chinese name"), self.tr("Company"), *self._jurisdictions]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(self._jurisdictions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self._headers()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def _cell(self, ov, column: int) -> str:
        p = ov.product
        if column == 0:
            return p.name
        if column == 1:
            return p.name_zh
        if column == 2:
            return p.company
        code = self._jurisdictions[column - 3]
        states = [state_name(tv.status.state, code, self._lang) for tv in ov.tracks
                  if tv.track.jurisdiction == code]
        return "; ".join(dict.fromkeys(states))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ov = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(ov, index.column())
        if role == SORT_ROLE:
            return self._cell(ov, index.column()).casefold()
        if role == OBJECT_ROLE:
            return ov
        return None
