"""The landscape as rows of text: each published figure beside the count from the records, ready for a
CSV or XLSX writer, a table on screen or a printed page.

Kept apart from the counts (:mod:`mscreg.domain.landscape`) because this is where the user's language
comes in: headings and labels are catalogue texts, numbers stay numbers.  A cell the records cannot
answer reads "not computed from the records", never 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from mscreg.domain.landscape import COUNT, FigureComparison
from mscreg.domain.messages import text
from mscreg.domain.published_figure import Number, PublishedFigure


def _number(value: Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_label(figure: PublishedFigure, key: str, lang: str) -> str:
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
    header += [text("landscape.column_computed", lang, name=_column_label(f, key, lang))
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
