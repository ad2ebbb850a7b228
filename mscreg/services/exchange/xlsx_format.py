"""XLSX: a workbook with a sheet per table (products, tracks, events, obligations, trials), via openpyxl.

Writing uses openpyxl's write-only mode (rows streamed, memory flat for large exports), a bold frozen
header row and fixed column widths; every value is text, dates at their precision ("2024-07") with a
``date_precision`` column, so Excel never turns a month into a day.

Reading does not use openpyxl (its read-only worksheets pad every missing row and column, so a
forged row number or dimension costs hours): :mod:`.xlsx_reading` parses the parts with expat,
sparsely and within Excel's limits, after a first check that the zip does not expand to more than
:data:`MAX_UNPACKED` bytes or at a ratio above :data:`MAX_RATIO` (a "zip bomb" that would exhaust
memory or disk before a single row is read).  At most :data:`~.records.MAX_IMPORT_ROWS` data rows
are read; the sheet holding the next one is refused at that row, without reading further.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from mscreg.services.exchange import xlsx_reading
from mscreg.services.exchange.formula_guard import guard
from mscreg.services.exchange.records import (
    MAX_IMPORT_CHARS,
    MAX_IMPORT_ROWS,
    ImportCancelled,
    Origin,
    ReadResult,
    file_issue,
)
from mscreg.services.exchange.table_layout import (
    AUDIT,
    EVENTS,
    HOLDERS,
    OBLIGATIONS,
    PRODUCTS,
    TRACKS,
    TRIALS,
    VERIFICATIONS,
    Layout,
    add_sheet_row,
    column_letter,
    labels,
    match_header,
    row_values,
)
from mscreg.services.exchange.xlsx_reading import WorkbookRefused, open_workbook

MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200
IMPORT_SHEETS = {"products": PRODUCTS, "tracks": TRACKS, "events": EVENTS, "obligations": OBLIGATIONS,
                 "trials": TRIALS, "holders": HOLDERS, "verifications": VERIFICATIONS}


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
    result = ReadResult(encoding="")
    sheet = [""]  # the sheet being read, to locate a refusal
    try:
        with zipfile.ZipFile(path) as zf:
            book = open_workbook(zf)
            _read_sheets(book, file, result, cancelled, sheet)
    except ImportCancelled:
        raise
    except WorkbookRefused as exc:
        _drop_records(result)
        params = dict(exc.params)
        if exc.code == "import.xlsx_bomb":
            params.update(limit=MAX_UNPACKED, expected=MAX_RATIO)
        result.issues.append(file_issue(file, exc.code, exc.value, sheet=sheet[0], row=exc.row,
                                        field_name=exc.field_name, **params))
    except Exception as exc:  # a damaged zip or part raises many types (BadZipFile, zlib.error, EOFError…)
        detail = str(exc).splitlines()[0] if str(exc) else ""
        result.issues.append(file_issue(file, "import.xlsx_damaged", sheet=sheet[0],
                                        detail=f"{type(exc).__name__}: {detail}"))
    return result


def _read_sheets(book: xlsx_reading.Workbook, file: str, result: ReadResult, cancelled: Callable[[], bool],
                 current: list[str]) -> None:
    names = [s.name for s in book.sheets]
    known = [s for s in book.sheets if s.name.strip().lower() in IMPORT_SHEETS]
    for name in names:
        if name.strip().lower() == AUDIT.name:
            result.issues.append(file_issue(file, "import.audit_file", sheet=name))
        elif name.strip().lower() not in IMPORT_SHEETS:
            result.issues.append(file_issue(file, "import.sheet_unknown", name, sheet=name, field_name="sheet",
                                            valid=", ".join(IMPORT_SHEETS)))
    if not known and not result.issues:
        result.issues.append(file_issue(file, "import.empty"))
    if result.issues:
        return
    seen = text = 0  # data rows and characters of the whole file, against MAX_IMPORT_ROWS and MAX_IMPORT_CHARS
    # products before tracks before events, whatever the order of the tabs
    for sheet in sorted(known, key=lambda s: list(IMPORT_SHEETS).index(s.name.strip().lower())):
        name = current[0] = sheet.name
        layout = IMPORT_SHEETS[name.strip().lower()]
        rows = book.rows(sheet, cancelled)
        it = iter(rows)
        first = next(it, None)
        if first is None:
            continue
        # the header is row 1; a sheet whose first row holding anything is further down has none
        header = first.values(max(c for c, _ in first.cells)) if first.number == 1 and first.cells else []
        mapping, issues = match_header(layout, header, file, name)
        if issues:
            result.issues.extend(issues)
            continue
        cols = labels(mapping)
        width = max(mapping) + 1
        rows.width = width  # cells further right are only checked for text, never kept
        for row in it:
            cells = row.values(width)
            beyond = row.beyond_text(width)
            if not beyond and not any(c is not None and (c.__class__ is not str or c.strip()) for c in cells):
                continue
            seen += 1
            text += sum([len(c) for c in cells if c.__class__ is str])
            # refuse at once: reading on would only spend time and memory on a file already refused
            if seen > MAX_IMPORT_ROWS:
                result.issues.append(file_issue(file, "import.too_many_rows", name, sheet=name, row=row.number,
                                                field_name="sheet", limit=MAX_IMPORT_ROWS))
                _drop_records(result)
                return
            if text > MAX_IMPORT_CHARS:
                result.issues.append(file_issue(file, "import.too_much_text", name, sheet=name, row=row.number,
                                                field_name="sheet", limit=MAX_IMPORT_CHARS))
                _drop_records(result)
                return
            result.rows += 1
            if beyond:
                result.issues.append(file_issue(file, "import.cells_count", beyond, sheet=name, row=row.number,
                                                field_name="row", expected=width))
                continue
            values = row_values(mapping, cells, width, row.number, file, name, result)
            if values is not None:
                add_sheet_row(layout, values, Origin(file, name, row.number, cols), result)


def _drop_records(result: ReadResult) -> None:
    """A file refused whole: the records read so far are neither checked (their issues would bury the
    reason) nor kept in memory."""
    result.products.clear()
    result.tracks.clear()
    result.events.clear()
    result.transfers.clear()
    result.verifications.clear()
    result.obligations.clear()
    result.trials.clear()
