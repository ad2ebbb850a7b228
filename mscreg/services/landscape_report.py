"""The landscape as rows of text: each published figure beside the count from the records, ready for a
CSV or XLSX writer, a table on screen or a printed page.

Kept apart from the counts (:mod:`mscreg.domain.landscape`) because this is where the user's language
comes in: headings and labels are catalogue texts, numbers stay numbers.  A cell the records cannot
answer reads "not computed from the records", never 0.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mscreg.domain.errors import invalid
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.landscape import COUNT, NOT_STATED, CountTable, FigureComparison
from mscreg.domain.messages import MESSAGES, text
from mscreg.domain.product import Tissue, attribute_name
from mscreg.domain.published_figure import Number, PublishedFigure
from mscreg.domain.trial import OverallStatus

if TYPE_CHECKING:
    from mscreg.services.landscape_inputs import LandscapeCounts


def _number(value: Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def column_label(figure: PublishedFigure, key: str, lang: str) -> str:
    zh = lang.startswith("zh")
    for c in figure.columns:
        if c.key == key:
            return c.label_zh if zh else c.label
    return text({COUNT: "landscape.count", "held": "landscape.held"}.get(key, "landscape.count"), lang)


def comparison_rows(comparison: FigureComparison, lang: str = "en") -> list[list[str]]:
    """One block: a heading line (title, citation, as-of date, query), a header, then one line per row
    with the published numbers and, beside them, the computed ones."""
    f = comparison.figure
    zh = lang.startswith("zh")
    heading = text("landscape.figure_heading", lang, name=f.title_in(lang), found=f.source.citation(),
                   date=f.as_of.iso(), detail=f.query)
    header = [text("landscape.row", lang)]
    header += [text("landscape.column_published", lang, name=(c.label_zh if zh else c.label)) for c in f.columns]
    header += [text("landscape.column_computed", lang, name=column_label(f, key, lang))
               for key in comparison.computed_columns]
    out = [[heading], header]
    not_computed = text("landscape.not_computed", lang)
    for figure_row, compared in zip(f.rows, comparison.rows, strict=True):
        label = figure_row.label_zh if zh else figure_row.label
        cells = [label, *(_number(v) for v in compared.published)]
        cells += [not_computed if v is None else str(v) for v in compared.computed]
        if not comparison.answerable:
            cells.append(not_computed)
        out.append(cells)
    return out


def landscape_rows(comparisons: Iterable[FigureComparison], lang: str = "en") -> list[list[str]]:
    """Every figure's block, separated by an empty line."""
    out: list[list[str]] = []
    for c in comparisons:
        if out:
            out.append([])
        out.extend(comparison_rows(c, lang))
    return out


# ----- the computed tables, labelled ------------------------------------------------------------------
@dataclass(frozen=True)
class LabelledTable:
    """One computed count as a reader sees it: a title, a header and rows of labels and numbers.

    ``chart`` is what a bar chart of it draws: each row's label with its total (rows that are not
    stated are left out of the chart, never out of the table)."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    chart: tuple[tuple[str, int], ...]


def phase_label(key: str, lang: str) -> str:
    if not key:
        return text("landscape.no_phase", lang)
    code = f"landscape.phase.{key}"
    if code in MESSAGES:
        return text(code, lang)
    return "/".join(text(f"landscape.phase.{p}", lang) for p in key.split("+"))


def status_label(key: str, lang: str) -> str:
    return text(f"landscape.status.{key}", lang) if key else text("landscape.not_stated", lang)


def tissue_label(key: str, lang: str) -> str:
    if key not in {t.value for t in Tissue}:
        return text("landscape.not_stated", lang)
    return attribute_name("source_tissue", key, lang)


def _column_name(key: str, lang: str) -> str:
    if key in ("accepted", "permitted"):
        return text(f"landscape.{key}", lang)
    if key == COUNT:
        return text("landscape.count", lang)
    if key in JURISDICTIONS:
        return JURISDICTIONS[key].name(lang)
    if key in {s.value for s in OverallStatus}:
        return status_label(key, lang)
    return tissue_label(key, lang)


def _labelled(key: str, table: CountTable, lang: str, row_head: str, row_label: Callable[[str], str], *,
              limit: int | None = None, drop_empty_rows: bool = True) -> LabelledTable:
    columns = [c for c in table.columns if table.column_total(c)] or list(table.columns[:1])
    # China's applications: the first column counts every application, the tissue columns split it, so
    # a row's total is that column, never the sum of all of them
    whole = table.columns[0] if table.columns and table.columns[0] in ("accepted", "permitted") else None
    if whole is not None and whole not in columns:
        columns.insert(0, whole)
    header = (row_head, *(_column_name(c, lang) for c in columns))
    add_total = len(columns) > 1 and whole is None
    if add_total:
        header += (text("landscape.total", lang),)
    rows, chart = [], []
    for r in table.rows:
        total = table.get(r, whole) if whole is not None else table.row_total(r)
        if drop_empty_rows and not total:
            continue
        label = row_label(r) if r else text("landscape.not_stated", lang)
        cells = [label, *(str(table.get(r, c)) for c in columns)]
        if add_total:
            cells.append(str(total))
        rows.append(tuple(cells))
        if r:
            chart.append((label, total))
    if limit is not None:
        chart = sorted(chart, key=lambda x: -x[1])[:limit]
    return LabelledTable(key, text(f"landscape.table.{key}", lang), header, tuple(rows), tuple(chart))


def _by_jurisdiction(table: CountTable) -> CountTable:
    """A count by registry country with each country the jurisdiction list holds under its code, so it is
    named in the reader's language, and one row however the registries write it (ClinicalTrials.gov's
    "China" and the China platform's "中国"); most first, "not stated" last, as before."""
    from mscreg.services.landscape_inputs import jurisdiction_of_country

    counts: dict[tuple[str, str], int] = {}
    for r in table.rows:
        key = (jurisdiction_of_country(r) or r) if r else r
        for c in table.columns:
            counts[(key, c)] = counts.get((key, c), 0) + table.get(r, c)
    rows = list(dict.fromkeys(k for k, _c in counts))
    rows.sort(key=lambda r: (r == NOT_STATED, -sum(counts.get((r, c), 0) for c in table.columns)))
    return CountTable(tuple(rows), table.columns, counts)


def count_tables(counts: LandscapeCounts, lang: str = "en") -> tuple[LabelledTable, ...]:
    """Every computed table of the landscape, labelled in ``lang``, in the order a report shows them."""
    def same(r: str) -> str:  # a year or a condition reads as itself
        return r

    def country(r: str) -> str:
        return JURISDICTIONS[r].name(lang) if r in JURISDICTIONS else r

    def year_rows(t: CountTable) -> CountTable:  # years in order, "no year" last
        return CountTable(tuple(sorted(t.rows, key=lambda r: (r == "", r))), t.columns, t.counts)

    return (
        _labelled("phase_status", counts.trials_by_phase_status, lang, text("landscape.phase", lang),
                  lambda r: phase_label(r, lang)),
        _labelled("year", year_rows(counts.trials_by_year), lang, text("landscape.year", lang), same),
        _labelled("country", _by_jurisdiction(counts.trials_by_country), lang, text("landscape.country", lang),
                  country, limit=12),
        _labelled("condition", counts.trials_by_condition, lang, text("landscape.condition", lang), same, limit=12),
        _labelled("tissue", counts.trials_by_tissue, lang, text("landscape.tissue", lang),
                  lambda r: tissue_label(r, lang)),
        _labelled("cn_accepted", year_rows(counts.cn_accepted), lang, text("landscape.year", lang), same),
        _labelled("cn_permitted", year_rows(counts.cn_permitted), lang, text("landscape.year", lang), same),
        _labelled("approvals", year_rows(counts.approvals), lang, text("landscape.year", lang), country),
    )


def figure_chart(comparison: FigureComparison, lang: str) -> tuple[str, tuple[tuple[str, float, int | None], ...]]:
    """What a chart of a published figure beside the database draws: which column it shows (empty when
    it shows each row's sum over the figure's own columns) and, for each row but the total row, (label,
    published number, computed number).  A figure split by columns the records count too (years by
    tissue, phases by status) is drawn by its total column or each row's sum; one split by search term
    (the records have one count) by its first column."""
    f = comparison.figure
    zh = lang.startswith("zh")
    shared = [k for k in comparison.computed_columns if k in {c.key for c in f.columns}]
    column = f.total_column if f.total_column in shared else None
    out = []
    for figure_row, compared in zip(f.rows, comparison.rows, strict=True):
        if figure_row.key == f.total_row:
            continue
        computed: int | None
        if shared and column is None:  # each row's sum over the figure's own columns
            published = float(sum(v or 0 for v in compared.published))
            computed = None if any(v is None for v in compared.computed) else sum(v or 0 for v in compared.computed)
        else:
            i = f.column_index(column) if column else 0
            j = comparison.computed_columns.index(column) if column else 0
            value = compared.published[i]
            if value is None:
                continue
            published = float(value)
            computed = compared.computed[j] if compared.computed else None
        out.append((figure_row.label_zh if zh else figure_row.label, published, computed))
    shown = "" if shared and column is None else column_label(f, column or f.columns[0].key, lang)
    return shown, tuple(out)


def write_landscape_table(counts: LandscapeCounts, out: str | Path, lang: str, database: Path | None) -> Path:
    """Write the published figures beside the database's counts, then every computed table, as CSV (one
    block after another, separated by an empty line) or XLSX (a sheet for each), through the checked
    atomic output; cells a spreadsheet would run as a formula are neutralised as in every export."""
    import csv

    from mscreg.services import output_files
    from mscreg.services.exchange.formula_guard import guard

    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise invalid("out", str(out), "landscape.out_format")
    target = output_files.check_output(out, database)
    figures = landscape_rows(counts.comparisons, lang)
    tables = count_tables(counts, lang)
    computed: list[list[str]] = []
    for t in tables:
        if computed:
            computed.append([])
        computed.append([t.title])
        computed.append(list(t.header))
        computed.extend(list(r) for r in t.rows)
        if not t.rows:
            computed.append([text("landscape.none_held", lang)])
    with output_files.written(target, database) as tmp:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                for row in [*figures, [], *computed]:
                    w.writerow([guard(c) for c in row])
        else:
            _write_xlsx(tmp, [(text("landscape.sheet.figures", lang), figures),
                              (text("landscape.sheet.counts", lang), computed)])
    return target


def _write_xlsx(target: Path, sheets: list[tuple[str, list[list[str]]]]) -> None:
    """One sheet per block list; counts are written as numbers (a spreadsheet sums and charts them),
    every other cell as guarded text, headings in bold."""
    import re

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from mscreg.services.exchange.formula_guard import guard

    number = re.compile(r"\d{1,12}(?:\.\d+)?")
    bold = Font(bold=True)
    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name[:31])
        ws.column_dimensions["A"].width = 40
        heading_next = True  # the first line of a block is its title, the next its header
        header_next = False
        for row in rows:
            if not row:
                ws.append([])
                heading_next = True
                continue
            cells = []
            for i, value in enumerate(row):  # the first column names the row (a year stays a label)
                cell = WriteOnlyCell(ws, value=(float(value) if "." in value else int(value))
                                     if i and number.fullmatch(value) else (guard(value) or None))
                if heading_next or header_next:
                    cell.font = bold
                cells.append(cell)
            ws.append(cells)
            heading_next, header_next = False, heading_next
    wb.save(target)


# ----- the shipped figures, listed -------------------------------------------------------------------
def figure_json(f: PublishedFigure) -> dict[str, Any]:
    return {
        "key": f.key, "title": f.title, "title_zh": f.title_zh,
        "source": {"key": f.source.key, "reference": f.source.reference, "locator": f.source.locator,
                   "citation": f.source.citation()},
        "query": f.query, "as_of": f.as_of.iso(), "question": f.question,
        "columns": [{"key": c.key, "label": c.label, "label_zh": c.label_zh} for c in f.columns],
        "rows": [{"key": r.key, "label": r.label, "label_zh": r.label_zh, "values": list(r.values),
                  "note": r.note, "note_zh": r.note_zh} for r in f.rows],
        "total_row": f.total_row, "stated_total": f.stated_total, "notes": list(f.notes),
    }


def figure_text(f: PublishedFigure, lang: str = "en") -> str:
    """A figure as plain text: title, source, query, as-of date, then its table in aligned columns."""
    zh = lang.startswith("zh")
    lines = [f.title_in(lang), "  " + text("landscape.figure_source", lang, detail=f"{f.source.citation()} — "
                                            f"{f.source.reference}"),
             "  " + text("landscape.figure_query", lang, detail=f.query),
             "  " + text("landscape.figure_as_of", lang, date=f.as_of.iso())]
    header = ["", *(c.label_zh if zh else c.label for c in f.columns)]
    rows = [[r.label_zh if zh else r.label, *(_number(v) for v in r.values)] for r in f.rows]
    notes = [(r.note_zh if zh and r.note_zh else r.note) for r in f.rows]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row, note in zip([header, *rows], ["", *notes], strict=True):
        cells = [_pad(row[0], widths[0])] + [_pad(c, w, right=True) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append(("  " + "  ".join(cells) + (f"  {note}" if note else "")).rstrip())
    return "\n".join(lines)


def _width(s: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int, *, right: bool = False) -> str:
    room = " " * max(0, width - _width(s))
    return room + s if right else s + room
