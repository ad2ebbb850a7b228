"""Reading an XLSX workbook sparsely and within Excel's own bounds, with expat instead of openpyxl.

openpyxl's read-only worksheets pad: they produce every row between two row numbers and every
column up to the sheet's declared ``<dimension>``, so a 5 KB file with one row numbered
2,000,000,000, or a ``<dimension ref="A1:XFD1048576"/>``, keeps a CPU busy for hours before the
first value arrives.  Its shared-string table is parsed through descriptor objects at about
100 µs a string (1.5 million strings: 150 s and 340 MB before a single row is read).

So the import reads the parts itself, streaming them through expat in chunks:

* only the cells present in the file are produced; ``<dimension>`` is ignored (it is a hint that
  anyone can write);
* row numbers must lie within 1..1,048,576 and increase, cell references within A..XFD (16,384
  columns) on their own row and increase along it, text within 32,767 characters a cell: Excel's
  limits, which no spreadsheet program exceeds, so a file beyond them is damaged or forged;
* no part may carry a DTD, hence no entity can expand (billion laughs) and nothing external is
  fetched, and no tag may be longer than :data:`MAX_TAG_BYTES` (expat holds a tag whole);
* the memory held is bounded: the shared strings by :data:`MAX_SHARED_STRINGS` and
  :data:`MAX_SHARED_CHARS`, a row in progress by :data:`MAX_ROW_CHARS`, cells right of the
  consumer's ``width`` are reduced to the position of the last one holding text.

Cell values are what openpyxl's reader gives (``data_only=False``): text, ``int``/``float``, ``bool``,
``datetime`` for a number in a date format, ``"=…"`` for a formula, so the rest of the import is
unchanged.  Every refusal is a :class:`WorkbookRefused` with a message code of
:mod:`mscreg.domain.messages`.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from mscreg.services.exchange.records import ImportCancelled

MAX_SHEET_ROWS = 1_048_576  # Excel's rows per sheet
MAX_SHEET_COLUMNS = 16_384  # Excel's columns per sheet (A..XFD)
MAX_CELL_CHARS = 32_767  # Excel's characters per cell
# An import reads at most 150,000 rows (records.MAX_IMPORT_ROWS) of a dozen mostly short cells; these
# bound the memory a forged shared-string table can claim before a row is read (a string costs ~50
# bytes besides its text): 2**20 strings of 32 million characters in all, about 150 MB at worst.
MAX_SHARED_STRINGS = 1_048_576
MAX_SHARED_CHARS = 32 * 1024 * 1024
# A row being read is held whole; the widest sheet (trials) has 29 columns of at most MAX_CELL_CHARS each.
MAX_ROW_CHARS = 32 * MAX_CELL_CHARS
MAX_TAG_BYTES = 1024 * 1024  # the longest tag or comment (real ones are under a few hundred bytes)
CHUNK = 64 * 1024

_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional and strict
_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SEP = "}"
_DIGITS = "0123456789"


def _names(*local: str) -> dict[str, str]:
    return {f"{ns}{_SEP}{name}": name for ns in _MAIN for name in local}


_SHEET_TAGS = _names("row", "c", "v", "f", "is", "t", "rPh")
_STRING_TAGS = _names("si", "t", "rPh")
_WORKBOOK_TAGS = _names("sheet", "workbookPr")
_STYLE_TAGS = _names("numFmt", "cellXfs", "xf")
_RID = {f"{ns}{_SEP}id" for ns in _REL}


class WorkbookRefused(Exception):
    """The workbook cannot be read as it is; ``code`` and ``params`` make the user's message."""

    def __init__(self, code: str, value: object = "", *, field_name: str = "file", row: int = 0,
                 **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.value = "" if value is None else str(value)
        self.field_name = field_name
        self.row = row
        self.params = params


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # the zip member holding the sheet's XML; "" when the workbook names no worksheet part


@dataclass
class Workbook:
    """The parts of one workbook the import needs: sheet names in tab order, shared strings, date styles."""

    zf: zipfile.ZipFile
    sheets: list[SheetPart]
    strings: list[str] = field(default_factory=list)
    date_styles: bytearray = field(default_factory=bytearray)  # per cell style: 0, 1 date, 2 duration
    epoch_1904: bool = False

    def rows(self, sheet: SheetPart, cancelled: Callable[[], bool] = lambda: False) -> SheetRows:
        return SheetRows(self, sheet, cancelled)


def open_workbook(zf: zipfile.ZipFile) -> Workbook:
    """Read the workbook part, its relationships, styles and shared strings (never a worksheet)."""
    members = {i.filename for i in zf.infolist()}
    root_rels = _relationships(zf, "_rels/.rels", "", members)
    book_part = next((t for kind, t in root_rels.values() if kind == "officeDocument"), "xl/workbook.xml")
    if book_part not in members:
        raise WorkbookRefused("import.xlsx_part", book_part)
    base = posixpath.dirname(book_part)
    rels = _relationships(zf, posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels"), base, members)

    sheets: list[tuple[str, str]] = []
    epoch: list[bool] = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _WORKBOOK_TAGS.get(name)
        if tag == "sheet":
            rid = next((v for k, v in attrs.items() if k in _RID), "")
            sheets.append((attrs.get("name", ""), rid))
        elif tag == "workbookPr":
            epoch[0] = attrs.get("date1904", "").lower() in ("1", "true")

    _parse(zf, book_part, start)
    parts = []
    for name, rid in sheets:
        kind, target = rels.get(rid, ("", ""))
        parts.append(SheetPart(name, target if kind == "worksheet" and target in members else ""))
    book = Workbook(zf, parts, epoch_1904=epoch[0])
    for kind, target in rels.values():
        if kind == "styles" and target in members:
            book.date_styles = _date_styles(zf, target)
        elif kind == "sharedStrings" and target in members:
            book.strings = _shared_strings(zf, target)
    return book


def _relationships(zf: zipfile.ZipFile, part: str, base: str, members: set[str]) -> dict[str, tuple[str, str]]:
    """Id → (type's last word, resolved target) of a ``.rels`` part; empty when the part is absent."""
    found: dict[str, tuple[str, str]] = {}
    if part not in members:
        return found
    tag = f"{_PKG_REL}{_SEP}Relationship"

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == tag and attrs.get("TargetMode", "") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], path)

    _parse(zf, part, start)
    return found


def _date_styles(zf: zipfile.ZipFile, part: str) -> bytearray:
    """Which cell styles (``s`` of a cell) show a number as a date (1) or a duration (2), as openpyxl decides."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    custom: dict[str, str] = {}
    xf_ids: list[str] = []
    depth = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _STYLE_TAGS.get(name)
        if tag == "numFmt":
            custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            depth[0] += 1
        elif tag == "xf" and depth[0]:
            xf_ids.append(attrs.get("numFmtId", "0"))

    def end(name: str) -> None:
        if _STYLE_TAGS.get(name) == "cellXfs":
            depth[0] -= 1

    _parse(zf, part, start, end)
    kinds: dict[str, int] = {}
    out = bytearray(len(xf_ids))
    for i, fid in enumerate(xf_ids):
        kind = kinds.get(fid)
        if kind is None:
            code = custom.get(fid)
            if code is None and fid.isdigit():
                code = BUILTIN_FORMATS.get(int(fid))
            kind = kinds[fid] = (2 if is_timedelta_format(code) else 1) if code and is_date_format(code) else 0
        out[i] = kind
    return out


def _shared_strings(zf: zipfile.ZipFile, part: str) -> list[str]:
    """The shared-string table: the text of each ``<si>`` (plain and rich runs, not phonetic guides)."""
    strings: list[str] = []
    text: list[str] = []
    state = {"in_t": False, "rph": 0, "chars": 0, "total": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _STRING_TAGS.get(name)
        if tag == "t" and not state["rph"]:
            state["in_t"] = True
        elif tag == "rPh":
            state["rph"] += 1
        elif tag == "si":
            text.clear()
            state["chars"] = 0
            if len(strings) >= MAX_SHARED_STRINGS:
                raise WorkbookRefused("import.xlsx_shared_strings", part, limit=MAX_SHARED_STRINGS,
                                      length=MAX_SHARED_CHARS)

    def end(name: str) -> None:
        tag = _STRING_TAGS.get(name)
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["rph"] -= 1
        elif tag == "si":
            # openpyxl drops the escape of a literal "_x…_" sequence; kept so both readers agree
            strings.append("".join(text).replace("x005F_", ""))

    def chars(data: str) -> None:
        if state["in_t"]:
            text.append(data)
            state["chars"] += len(data)
            state["total"] += len(data)
            if state["chars"] > MAX_CELL_CHARS:
                raise WorkbookRefused("import.xlsx_shared_long", part, found=len(strings), limit=MAX_CELL_CHARS)
            if state["total"] > MAX_SHARED_CHARS:
                raise WorkbookRefused("import.xlsx_shared_strings", part, limit=MAX_SHARED_STRINGS,
                                      length=MAX_SHARED_CHARS)

    _parse(zf, part, start, end, chars)
    return strings


def _new_parser(part: str) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True

    def refuse_dtd(*_: Any) -> None:
        # A workbook part never needs a DTD; refusing it refuses every entity (and its expansion).
        raise WorkbookRefused("import.xlsx_bomb", part)

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _feed(zf: zipfile.ZipFile, part: str, parser: expat.XMLParserType) -> Iterator[None]:
    """Feed ``part`` to ``parser`` a chunk at a time, yielding after each chunk."""
    fed = 0
    try:
        with zf.open(part) as src:
            while True:
                chunk = src.read(CHUNK)
                parser.Parse(chunk, not chunk)
                fed += len(chunk)
                # expat holds a tag (or comment) whole until its end, reporting nothing meanwhile; text
                # comes out as it is read.  So a position that stops moving is a tag as long as the file.
                if fed - max(parser.CurrentByteIndex, 0) > MAX_TAG_BYTES:
                    raise WorkbookRefused("import.xlsx_tag_long", part, limit=MAX_TAG_BYTES)
                yield
                if not chunk:
                    return
    except expat.ExpatError as exc:
        raise WorkbookRefused("import.xlsx_xml", part, where=exc.lineno) from None


def _parse(zf: zipfile.ZipFile, part: str, start: Callable[[str, dict[str, str]], None],
           end: Callable[[str], None] | None = None, chars: Callable[[str], None] | None = None) -> None:
    parser = _new_parser(part)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if chars is not None:
        parser.CharacterDataHandler = chars
    for _ in _feed(zf, part, parser):
        pass


def column_number(letters: str) -> int:
    """A → 1, XFD → 16,384; 0 for anything that is not 1 to 3 capital letters."""
    if not 0 < len(letters) <= 3:
        return 0
    n = 0
    for ch in letters:
        if not "A" <= ch <= "Z":
            return 0
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(slots=True)
class Row:
    """One row holding at least one value: its number, its cells left of ``width`` (1-based column → value)
    and ``beyond``, the rightmost column past ``width`` holding text (0 when none)."""

    number: int
    cells: list[tuple[int, Any]]
    beyond: int = 0

    def values(self, width: int) -> list[Any]:
        out: list[Any] = [None] * width
        for col, value in self.cells:
            if col <= width:
                out[col - 1] = value
        return out

    def beyond_text(self, width: int) -> int:
        """The rightmost column past ``width`` holding text or a number (0 when none)."""
        last = self.beyond
        for col, value in self.cells:
            if col > width and col > last and (value.__class__ is not str or value.strip()):
                last = col
        return last


class SheetRows:
    """The rows of one sheet holding values, parsed as they are iterated.

    ``width`` (columns kept) may be lowered by the consumer once it has read the header: from the
    next chunk on, cells further right are not kept, only the rightmost one holding text is noted.
    """

    def __init__(self, book: Workbook, sheet: SheetPart, cancelled: Callable[[], bool]) -> None:
        self.book = book
        self.sheet = sheet
        self.cancelled = cancelled
        self.width = MAX_SHEET_COLUMNS

    def __iter__(self) -> Iterator[Row]:
        if not self.sheet.part:
            raise WorkbookRefused("import.xlsx_part", self.sheet.name, field_name="sheet")
        parser = _new_parser(self.sheet.part)
        state = _SheetState(self)
        parser.StartElementHandler = state.start
        parser.EndElementHandler = state.end
        parser.CharacterDataHandler = state.chars
        done = state.done
        for _ in _feed(self.book.zf, self.sheet.part, parser):
            if done:
                yield from done
                done.clear()
            if self.cancelled():
                raise ImportCancelled()


class _SheetState:
    """expat handlers for one worksheet: builds :class:`Row` objects into ``done``."""

    def __init__(self, rows: SheetRows) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        self.rows = rows
        self.strings = rows.book.strings
        self.date_styles = rows.book.date_styles
        self.epoch = _epoch(rows.book.epoch_1904)
        self.from_excel = from_excel
        self.from_iso = from_ISO8601
        self.done: list[Row] = []
        self.row = 0  # number of the row being read (0: none yet)
        self.row_text = ""
        self.columns = {_letters(i): i for i in range(1, 703)}  # A..ZZ: the columns any import uses
        self.in_row = False
        self.col = 0
        self.cells: list[tuple[int, Any]] = []
        self.beyond = 0
        self.row_chars = 0
        self.kind = "n"
        self.style = ""
        self.ref = ""
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] | None = None
        self.text: list[str] | None = None  # collecting character data into this list
        self.text_len = 0
        self.target = ""  # which element's text is being collected: "v", "f" or "t"
        self.rph = 0

    # -- expat handlers ---------------------------------------------------------------------------
    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _SHEET_TAGS.get(name)
        if tag is None:
            return
        if tag == "c":
            self._start_cell(attrs)
        elif tag == "v" or tag == "f":
            self.text, self.text_len, self.target = [], 0, tag
        elif tag == "t":
            if self.inline is not None and not self.rph:
                self.text, self.text_len, self.target = [], 0, "t"
        elif tag == "is":
            self.inline = []
        elif tag == "rPh":
            self.rph += 1
        elif tag == "row":
            self._start_row(attrs.get("r"))

    def chars(self, data: str) -> None:
        text = self.text
        if text is not None:
            text.append(data)
            self.text_len += len(data)
            if self.text_len > MAX_CELL_CHARS:
                raise WorkbookRefused("import.xlsx_cell_long", self.ref or "?", field_name="cell", row=self.row,
                                      limit=MAX_CELL_CHARS)

    def end(self, name: str) -> None:
        tag = _SHEET_TAGS.get(name)
        if tag is None:
            return
        if tag == "c":
            self._end_cell()
        elif tag == "v" or tag == "f" or tag == "t":
            if self.text is not None and self.target == tag:
                joined = "".join(self.text)
                if tag == "v":
                    self.value = joined or None  # an empty <v/> is no value, as in openpyxl
                elif tag == "f":
                    self.formula = joined
                elif self.inline is not None:
                    self.inline.append(joined)
                self.text = None
        elif tag == "rPh":
            self.rph -= 1
        elif tag == "row":
            if self.cells or self.beyond:
                self.done.append(Row(self.row, self.cells, self.beyond))
            self.cells = []
            self.beyond = 0
            self.in_row = False

    # -- rows and cells ---------------------------------------------------------------------------
    def _start_row(self, r: str | None) -> None:
        if r is None:
            number = self.row + 1
        elif r.isdigit() and len(r) <= 7:
            number = int(r)
        else:
            raise WorkbookRefused("import.xlsx_row_number", r[:40], field_name="row", limit=MAX_SHEET_ROWS)
        if not 1 <= number <= MAX_SHEET_ROWS:
            raise WorkbookRefused("import.xlsx_row_number", r, field_name="row", limit=MAX_SHEET_ROWS)
        if number <= self.row:
            raise WorkbookRefused("import.xlsx_row_order", number, field_name="row", other=self.row)
        self.row = number
        self.row_text = str(number)
        self.in_row = True
        self.col = 0
        self.row_chars = 0

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if not self.in_row:  # a cell outside any row
            raise WorkbookRefused("import.xlsx_cell_ref", (ref or "")[:40], field_name="cell", row=self.row,
                                  limit=MAX_SHEET_COLUMNS, where=self.row + 1)
        if ref is None:
            col = self.col + 1
            ref = f"{_letters(col)}{self.row}"
        else:
            letters = ref.rstrip(_DIGITS)
            col = self.columns.get(letters) or column_number(letters)
            if not col or ref[len(letters):] != self.row_text:
                raise WorkbookRefused("import.xlsx_cell_ref", ref[:40], field_name="cell", row=self.row,
                                      limit=MAX_SHEET_COLUMNS, where=self.row)
        if col > MAX_SHEET_COLUMNS:
            raise WorkbookRefused("import.xlsx_cell_ref", ref[:40], field_name="cell", row=self.row,
                                  limit=MAX_SHEET_COLUMNS, where=self.row)
        if col <= self.col:
            raise WorkbookRefused("import.xlsx_cell_order", ref, field_name="cell", row=self.row,
                                  other=_letters(self.col))
        self.col = col
        self.ref = ref
        self.kind = attrs.get("t", "n")
        self.style = attrs.get("s", "")
        self.value = None
        self.formula = None
        self.inline = None
        self.rph = 0

    def _end_cell(self) -> None:
        value = self._cell_value()
        self.inline = None
        if value is None:
            return
        if value.__class__ is str:
            self.row_chars += len(value)
            if self.row_chars > MAX_ROW_CHARS:
                raise WorkbookRefused("import.xlsx_row_long", self.row, field_name="row", row=self.row,
                                      limit=MAX_ROW_CHARS)
        if self.col <= self.rows.width:
            self.cells.append((self.col, value))
        elif value.__class__ is not str or value.strip():
            self.beyond = self.col

    def _cell_value(self) -> Any:
        """The cell as openpyxl's reader would give it (``data_only=False``)."""
        if self.formula is not None:
            return "=" + self.formula
        kind = self.kind
        if kind == "inlineStr":
            return "".join(self.inline) if self.inline is not None else self.value
        raw = self.value
        if raw is None:
            return None
        if kind == "s":
            if not raw.isdigit() or int(raw) >= len(self.strings):
                raise WorkbookRefused("import.xlsx_string_index", self.ref, field_name="cell", row=self.row,
                                      found=raw[:20], limit=len(self.strings))
            return self.strings[int(raw)]
        if kind == "n":
            return self._number(raw)
        if kind == "b":
            return {"1": True, "0": False, "true": True, "false": False}.get(raw.strip().lower(), raw)
        if kind == "d":
            try:
                return self.from_iso(raw)
            except (ValueError, TypeError, OverflowError):
                return raw
        return raw  # "str" (a formula's text), "e" (an error such as #N/A)

    def _number(self, raw: str) -> Any:
        try:
            number: Any = float(raw) if ("." in raw or "e" in raw or "E" in raw) else int(raw)
        except ValueError:  # not a number, or an integer too long for int(): keep the text
            return raw
        style = self.style
        if style and style.isdigit():
            i = int(style)
            kind = self.date_styles[i] if i < len(self.date_styles) else 0
            if kind:
                try:
                    return self.from_excel(number, self.epoch, timedelta=kind == 2)
                except (OverflowError, ValueError, TypeError):
                    return "#VALUE!"  # what openpyxl gives for a serial outside the dates
        return number


def _epoch(is_1904: bool) -> Any:
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

    return MAC_EPOCH if is_1904 else WINDOWS_EPOCH


def _letters(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
