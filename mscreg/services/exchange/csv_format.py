"""CSV: the one-file layout (a row per event with its product's columns), UTF-8 with a BOM; the obligations
and the clinical trials, when there are any, each in a file of their own beside it (a row per step, a row
per trial), told apart by their headers.

The BOM is what makes Excel open UTF-8 as UTF-8 (without it, Chinese shows as mojibake on Windows).
Rows end in CRLF, as Excel writes them.  Reading accepts UTF-8 with or without a BOM, UTF-16 with a
BOM, and GB18030/GBK when :mod:`.text_encoding` can show it is Chinese text, or the encoding the user
names; the encoding used is reported with the result.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mscreg.services.exchange.formula_guard import guard
from mscreg.services.exchange.records import ImportCancelled, Origin, ReadResult, file_issue
from mscreg.services.exchange.table_layout import (
    AUDIT,
    EVENTS_FLAT,
    FLAT_PRODUCT_COLUMNS,
    OBLIGATIONS,
    TRIALS,
    FlatRows,
    Layout,
    add_sheet_row,
    labels,
    match_header,
    row_values,
)
from mscreg.services.exchange.text_encoding import EncodingRefused, decode

# Longer than any field can be (the validator refuses over-long text with its column), short enough
# that a file without line breaks cannot make one "cell" of hundreds of megabytes.
FIELD_LIMIT = 16 * 1024 * 1024


def cell_rows(text: str) -> Iterator[list[str]]:
    """The rows of ``text`` exactly as ``csv.reader(…, strict=True)`` gives them (after
    ``csv.field_size_limit(FIELD_LIMIT)``).

    Without a quote character a CSV row is its line split at the commas: that is what the parser
    does then, and splitting is about five times faster (the parser was 0.46 s of a 100,000-event
    import).  It is taken only when the answer is the same: no quote, no NUL (which the parser
    refuses), one kind of line end throughout (CRLF or LF; the parser also ends a row at a lone CR),
    and no line longer than the field limit (which the parser refuses).  A blank line is an empty
    row, and the line end after the last row starts none, as with the parser.  Any other text goes
    through the parser, with its errors.
    """
    if '"' not in text and "\x00" not in text:
        crs = text.count("\r")
        lines = text.split("\r\n" if crs else "\n")
        # with CRs, every one must start a CRLF and every LF end one (the split counted the CRLFs)
        if not crs or crs == len(lines) - 1 == text.count("\n"):
            if lines[-1] == "":
                lines.pop()
            if not lines or max(map(len, lines)) <= FIELD_LIMIT:
                return (line.split(",") if line else [] for line in lines)
    return csv.reader(io.StringIO(text, newline=""), strict=True)


def write_rows(target: Path, layout: Layout, rows: Iterable[list[str]]) -> int:
    """Write a header and ``rows`` (formula-guarded) to ``target``; returns the number of rows."""
    n = 0
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(layout.columns)
        for row in rows:
            w.writerow([guard(c) for c in row])
            n += 1
    return n


def read_csv(data: bytes, file: str, cancelled: Callable[[], bool] = lambda: False,
             encoding: str | None = None) -> ReadResult:
    """The records of a CSV file; ``encoding`` is the one the user stated, if any (see text_encoding)."""
    result = ReadResult()
    try:
        decoded = decode(data, encoding)
    except EncodingRefused as exc:
        result.issues.append(file_issue(file, exc.code, exc.value, field_name=exc.field, **exc.params))
        return result
    result.encoding = decoded.encoding
    csv.field_size_limit(FIELD_LIMIT)
    reader = cell_rows(decoded.text)
    row_no = 1
    try:
        header = next(reader, None)
        if header is None:
            result.issues.append(file_issue(file, "import.empty"))
            return result
        if [h.strip().lower() for h in header] == list(AUDIT.columns):
            result.issues.append(file_issue(file, "import.audit_file"))
            return result
        names = {h.strip().lower() for h in header}
        if {"authorisation", "kind"} <= names:  # an obligations file
            _read_table(OBLIGATIONS, reader, header, file, result, cancelled)
            return result
        if {"registry", "registry_id"} <= names:  # a trials file
            _read_table(TRIALS, reader, header, file, result, cancelled)
            return result
        mapping, issues = match_header(EVENTS_FLAT, header, file, "")
        if issues:
            result.issues.extend(issues)
            return result
        cols = labels(mapping)
        # A guarded cell starts with a quote, so a file without any quote has none to unguard.
        flat = FlatRows(mapping, quoted="'" in decoded.text)
        for column, field_name in FLAT_PRODUCT_COLUMNS.items():
            if column in cols:
                cols[field_name] = cols[column]
        width = len(header)
        add = flat.add
        for cells in reader:
            row_no += 1
            if row_no % 1000 == 0 and cancelled():
                raise ImportCancelled()
            if len(cells) != width:
                if not "".join(cells).strip():  # a blank line (some cell has text iff the joined text has)
                    continue
                result.issues.append(file_issue(file, "import.cells_count", len(cells), row=row_no,
                                                field_name="row", expected=width))
                continue
            if not "".join(cells).strip():
                continue
            add(cells, Origin(file, "", row_no, cols), result)
        result.rows = row_no - 1
    except csv.Error as exc:
        result.issues.append(file_issue(file, "import.csv_malformed", "", row=row_no + 1, field_name="row",
                                        detail=str(exc)))
    return result


def _read_table(layout: Layout, reader: Any, header: list[str], file: str, result: ReadResult,
                cancelled: Callable[[], bool]) -> None:
    """A file a CSV export writes beside the events: the obligations (a row per step of each) or the
    trials (a row per trial)."""
    mapping, issues = match_header(layout, header, file, "")
    if issues:
        result.issues.extend(issues)
        return
    cols = labels(mapping)
    width = len(header)
    row_no = 1
    for cells in reader:
        row_no += 1
        if row_no % 1000 == 0 and cancelled():
            raise ImportCancelled()
        if not "".join(cells).strip():
            continue
        if len(cells) != width:
            result.issues.append(file_issue(file, "import.cells_count", len(cells), row=row_no, field_name="row",
                                            expected=width))
            continue
        values = row_values(mapping, cells, width, row_no, file, "", result)
        if values is not None:
            add_sheet_row(layout, values, Origin(file, "", row_no, cols), result)
    result.rows = row_no - 1

