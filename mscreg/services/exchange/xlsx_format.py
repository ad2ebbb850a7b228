"""XLSX: a workbook with a sheet per table (products, tracks, events), via openpyxl.

Writing uses openpyxl's write-only mode (rows streamed, memory flat for large exports), a bold frozen
header row and fixed column widths; every value is text, dates at their precision ("2024-07") with a
``date_precision`` column, so Excel never turns a month into a day.

Reading uses read-only mode, after two checks openpyxl does not make: defusedxml must be active
(openpyxl only refuses XML entity bombs when it is installed), and the zip must not expand to more
than :data:`MAX_UNPACKED` bytes or at a ratio above :data:`MAX_RATIO` (a "zip bomb" that would
exhaust memory or disk before a single row is read).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mscreg.services.exchange.formula_guard import guard
from mscreg.services.exchange.records import ImportCancelled, Origin, ReadResult, file_issue
from mscreg.services.exchange.table_layout import (
    AUDIT,
    EVENTS,
    PRODUCTS,
    TRACKS,
    Layout,
    add_sheet_row,
    column_letter,
    labels,
    match_header,
    row_values,
)

MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200
IMPORT_SHEETS = {"products": PRODUCTS, "tracks": TRACKS, "events": EVENTS}


def write_workbook(target: Path, sheets: Iterable[tuple[Layout, Iterable[list[str]]]]) -> dict[str, int]:
    """Write one sheet per (layout, rows); returns the number of rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    counts: dict[str, int] = {}
    bold = Font(bold=True)
    for layout, rows in sheets:
        ws = wb.create_sheet(layout.name)
        ws.freeze_panes = "A2"
        for i, width in enumerate(layout.widths):
            ws.column_dimensions[column_letter(i)].width = width
        header = []
        for name in layout.columns:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            cell.alignment = Alignment(vertical="top")
            header.append(cell)
        ws.append(header)
        n = 0
        for row in rows:
            ws.append([guard(c) if c else None for c in row])
            n += 1
        counts[layout.name] = n
    wb.save(target)
    return counts


def _zip_refusal(path: Path, file: str) -> ReadResult | None:
    result = ReadResult()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        result.issues.append(file_issue(file, "import.xlsx_damaged", detail=str(exc)))
        return result
    unpacked = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > 1 << 20), default=0.0)
    if unpacked > MAX_UNPACKED or worst > MAX_RATIO:
        result.issues.append(file_issue(file, "import.xlsx_bomb", f"{unpacked} bytes, ratio {round(worst)}",
                                        limit=MAX_UNPACKED, expected=MAX_RATIO))
        return result
    return None


def read_workbook(path: Path, file: str, cancelled: Callable[[], bool] = lambda: False) -> ReadResult:
    refused = _zip_refusal(path, file)
    if refused is not None:
        return refused
    import openpyxl

    result = ReadResult(encoding="")
    if not openpyxl.DEFUSEDXML:  # a dependency; refusing is safer than parsing untrusted XML unguarded
        result.issues.append(file_issue(file, "import.xlsx_unsafe"))
        return result
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml < 0.7
        from defusedxml.common import DefusedXmlException
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            _read_sheets(wb, file, result, cancelled)
        finally:
            wb.close()
    except ImportCancelled:
        raise
    except DefusedXmlException as exc:
        result.issues.append(file_issue(file, "import.xlsx_bomb", type(exc).__name__, limit=MAX_UNPACKED,
                                        expected=MAX_RATIO))
    except Exception as exc:  # openpyxl raises many types for a damaged part; each is the file's fault
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps it in "Unable to read workbook"
            result.issues.append(file_issue(file, "import.xlsx_bomb", "XML entities", limit=MAX_UNPACKED,
                                            expected=MAX_RATIO))
        else:
            detail = str(exc).splitlines()[0] if str(exc) else ""
            result.issues.append(file_issue(file, "import.xlsx_damaged", detail=f"{type(exc).__name__}: {detail}"))
    return result


def _caused_by(exc: BaseException | None, kind: type[BaseException]) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, kind):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _read_sheets(wb: Any, file: str, result: ReadResult, cancelled: Callable[[], bool]) -> None:
    known = [n for n in wb.sheetnames if n.strip().lower() in IMPORT_SHEETS]
    for name in wb.sheetnames:
        if name.strip().lower() == AUDIT.name:
            result.issues.append(file_issue(file, "import.audit_file", sheet=name))
        elif name.strip().lower() not in IMPORT_SHEETS:
            result.issues.append(file_issue(file, "import.sheet_unknown", name, sheet=name, field_name="sheet",
                                            valid=", ".join(IMPORT_SHEETS)))
    if not known and not result.issues:
        result.issues.append(file_issue(file, "import.empty"))
    if result.issues:
        return
    # products before tracks before events, whatever the order of the tabs
    for name in sorted(known, key=lambda n: list(IMPORT_SHEETS).index(n.strip().lower())):
        layout = IMPORT_SHEETS[name.strip().lower()]
        rows = wb[name].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            continue
        mapping, issues = match_header(layout, list(header), file, name)
        if issues:
            result.issues.extend(issues)
            continue
        cols = labels(mapping)
        width = max(mapping) + 1
        for row_no, cells in enumerate(rows, start=2):
            if row_no % 1000 == 0 and cancelled():
                raise ImportCancelled()
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            values = row_values(mapping, list(cells), width, row_no, file, name, result)
            if values is not None:
                add_sheet_row(layout, values, Origin(file, name, row_no, cols), result)
            result.rows += 1
