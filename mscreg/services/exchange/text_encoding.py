"""Which text encoding a CSV file is in, decided from evidence or stated by the user, never guessed.

Excel writes UTF-8 with a BOM ("CSV UTF-8"), and on Chinese Windows plain "CSV" is the ANSI code
page, GBK (936), which GB18030 extends.  Accepted without being told: a UTF-8 or UTF-16 byte-order
mark; text that is valid UTF-8; or bytes whose GB18030 reading is plainly Chinese.  Anything else is
refused, naming what is accepted and how to save the file as UTF-8; ``--encoding NAME`` lets a user
who knows the encoding state it.

Why GB18030 needs evidence: it decodes almost any byte string.  Korean EUC-KR/CP949, Japanese
EUC-JP and Cyrillic or Greek code pages share GB2312's double-byte layout, so their text reads as
real Chinese characters, most of them "common" ones (뉴로나타 becomes 春肺唱鸥, 三生株式会社 becomes
话栏臭及柴家).  What such a reading lacks is the shape of Chinese: Chinese text is made mostly of a
few hundred characters, while another language's bytes land evenly over GB2312's 3,755 level-1
characters.  So the GB18030 reading is accepted only when

* every non-ASCII character is one Chinese text uses (ideographs, CJK and full-width punctuation, the
  symbols GBK carries) and is in GBK (no four-byte GB18030 sequences, no private-use characters);
* the bytes are not also a Korean text (a CP949 reading made only of Hangul is as good as a Chinese
  one, and nothing can choose between them); and
* its distinct ideographs favour Chinese over an even spread by odds of at least 100 to 1, counting
  how many are among the 1,000 commonest (:mod:`.common_hanzi`): each common one counts for Chinese,
  each other one against.  Chinese pages have 80-100 % common characters, other encodings' text
  about 27 %; fewer than four distinct characters are not enough evidence either way, and such a
  short file is refused too (the user can name the encoding).  At 20 to 1, a Japanese company name
  written in both scripts (三生株式会社, 三生株式會社, seven distinct readings in GB18030, five of them
  common) passed as Chinese; 100 to 1 needs a few more common characters than such a name gives.

Escape-based encodings (ISO-2022-JP/-KR/-CN) are refused by their escape codes.  UTF-7 and HZ are
not told apart from plain ASCII: they are written in ASCII, and any ASCII text is valid in them.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from typing import Any

from mscreg.services.exchange.common_hanzi import COMMON_HANZI

_COMMON = frozenset(COMMON_HANZI)
_LEVEL_ONE = 3755  # GB2312 level-1 characters, over which another encoding's bytes spread
# Log-odds of one distinct ideograph for Chinese (where about 85 % of the distinct characters of a
# page are common ones; conservatively 70 %) against an even spread over level 1.  Distinct, not
# counted with repeats: a file repeats its product's cells on every row, which is no new evidence.
_HIT = math.log(0.70 / (len(_COMMON) / _LEVEL_ONE))
_MISS = math.log(0.30 / (1 - len(_COMMON) / _LEVEL_ONE))
_ENOUGH = math.log(100)  # odds of 100 to 1

_IDEOGRAPHS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))
# What else Chinese text holds in GBK: CJK and full-width punctuation, general punctuation (“” ‘’ — …),
# middle dot, degree, ×, ÷, §, №, ℃, Roman and circled numerals, arrows and maths signs, Greek letters
# (TNF-α) and pinyin with tone marks.  Not kana, Hangul, Cyrillic or box drawing.
_CHINESE_SYMBOLS = ((0x3000, 0x303F), (0xFF01, 0xFFE5), (0x2010, 0x2027), (0x2030, 0x203B), (0x00A4, 0x00A4),
                    (0x00A7, 0x00A8), (0x00B0, 0x00B1), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x00F7, 0x00F7),
                    (0x2103, 0x2103), (0x2116, 0x2116), (0x2160, 0x216B), (0x2170, 0x2179), (0x2190, 0x2199),
                    (0x2208, 0x2312), (0x2460, 0x249B), (0x3220, 0x3229), (0x0391, 0x03C9), (0x00E0, 0x00FC),
                    (0x0101, 0x01DC), (0x2605, 0x2606), (0x25A0, 0x25CF))
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "UTF-8 (BOM)", "UTF-8", "UTF-16", "GB18030", or "<name> (stated)"


class EncodingRefused(ValueError):
    """The bytes cannot be read with confidence: a message ``code`` with its value and parameters."""

    def __init__(self, code: str, value: str, params: dict[str, Any] | None = None, *, field: str = "file"):
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value
        self.params = params or {}
        self.field = field


def _in(cp: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in spans)


def _gbk(ch: str) -> bool:
    try:
        return len(ch.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


def _korean(data: bytes) -> bool:
    """The bytes are also a CP949 text made only of Hangul (and CJK punctuation)."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return False
    wide = {ch for ch in set(text) if ord(ch) >= 0x80}  # set() first: one pass in C over a large file
    return bool(wide) and all(0xAC00 <= ord(ch) <= 0xD7A3 or 0x3130 <= ord(ch) <= 0x318F
                              or 0x3000 <= ord(ch) <= 0x303F or 0xFF01 <= ord(ch) <= 0xFFE5 for ch in wide)


def chinese_odds(text: str) -> float:
    """Log-odds that ``text``'s ideographs are Chinese rather than another encoding's bytes read as GB2312."""
    hits = misses = 0
    for ch in set(text):
        if _in(ord(ch), _IDEOGRAPHS):
            if ch in _COMMON:
                hits += 1
            else:
                misses += 1
    return hits * _HIT + misses * _MISS


def _foreign(ch: str) -> bool:
    """A non-ASCII character that Chinese text saved as GBK does not hold."""
    cp = ord(ch)
    return cp >= 0x80 and (not (_in(cp, _IDEOGRAPHS) or _in(cp, _CHINESE_SYMBOLS)) or not _gbk(ch))


def plainly_chinese(data: bytes, text: str) -> bool:
    """``text`` (``data`` read as GB18030) is Chinese beyond reasonable doubt (see the module docstring)."""
    if any(_foreign(ch) for ch in set(text)):
        return False
    return chinese_odds(text) >= _ENOUGH and not _korean(data)


def _first_foreign(text: str) -> int | None:
    """Where the first character is that Chinese text does not hold (None: every one could be Chinese)."""
    places = [text.find(ch) for ch in set(text) if _foreign(ch)]
    return min(places) if places else None


def _sample(text: str, width: int = 40, at: int | None = None) -> str:
    """The cell holding ``text[at]`` (default: the first cell with non-ASCII characters), from its start,
    as the user would see it misread: the cell that shows why the text is not plainly Chinese."""
    found = _NON_ASCII.search(text)
    i = at if at is not None else found.start() if found else 0
    start = max(text.rfind(sep, 0, i) for sep in (",", ";", "\t", "\n")) + 1
    ends = [e for e in (text.find(sep, i) for sep in (",", ";", "\t", "\r", "\n")) if e != -1]
    piece = text[start:min(ends, default=len(text))].strip().strip('"')
    return piece if len(piece) <= width else piece[:width] + "…"


# Text codecs that are not a character set a spreadsheet saves in: they rewrite what the file says
# (backslash escapes applied, domain-name encodings) instead of reading it.
_NOT_A_CHARACTER_SET = frozenset({"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined"})


def check_encoding_name(name: str) -> codecs.CodecInfo:
    """The codec a user named, or a refusal naming it (unknown, or not a text encoding such as base64)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, TypeError, ValueError):
        raise EncodingRefused("import.encoding_name", name, field="encoding") from None
    if info.name.replace("-", "_") in _NOT_A_CHARACTER_SET:
        raise EncodingRefused("import.encoding_name", name, field="encoding")
    try:  # bytes.decode takes text encodings only: base64, rot13 and the like raise LookupError here
        b"x".decode(info.name)
    except LookupError:
        raise EncodingRefused("import.encoding_name", name, field="encoding") from None
    except UnicodeError:  # a text encoding that cannot read one byte alone (UTF-16, UTF-32): still text
        pass
    return info


def _stated(data: bytes, name: str) -> Decoded:
    info = check_encoding_name(name)
    codec = "utf-8-sig" if info.name == "utf-8" else info.name
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingRefused("import.encoding_stated", f"byte {exc.start}", {"expected": name}) from None
    except (UnicodeError, ValueError, TypeError):  # codecs such as idna fail without a position
        raise EncodingRefused("import.encoding_stated", "byte 0", {"expected": name}) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise EncodingRefused("import.binary", f"character {text.index(chr(0))}", {"detail": "NUL"})
    bad = _SURROGATE.search(text)  # utf-7 and the escape codecs can make lone surrogates
    if bad:
        raise EncodingRefused("import.text_surrogate", ascii(text[max(0, bad.start() - 20):bad.start() + 1]))
    return Decoded(text, f"{info.name} (stated)")


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` (as ``encoding`` when the user stated one) or raise :class:`EncodingRefused`."""
    if encoding is not None:
        return _stated(data, encoding)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (BOM)")
        except UnicodeDecodeError as exc:
            raise EncodingRefused("import.encoding_bom", f"byte {exc.start + 3}", {"expected": "UTF-8"}) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingRefused("import.encoding_bom", f"byte {exc.start}", {"expected": "UTF-16"}) from None
        if "\x00" in text:  # UTF-32 starts with the same two bytes; a text file holds no NUL character
            raise EncodingRefused("import.binary", f"character {text.index(chr(0))}", {"detail": "NUL"})
        return Decoded(text, "UTF-16")
    if b"\x00" in data:
        raise EncodingRefused("import.binary", f"byte {data.index(0)}", {"detail": "NUL"})
    # ISO-2022-JP/-KR/-CN write their text as ASCII between escape (ESC) or shift (SO, SI) codes, so it
    # is valid UTF-8 that reads as nonsense; no text cell holds these control characters.
    escape = next((i for i in (data.find(b"\x1b"), data.find(b"\x0e"), data.find(b"\x0f")) if i != -1), -1)
    if escape != -1:
        raise EncodingRefused("import.encoding_escape", f"byte {escape}")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise EncodingRefused("import.encoding_invalid", f"byte {utf8_error}") from None
    if not plainly_chinese(data, text):
        raise EncodingRefused("import.encoding_not_chinese", _sample(text, at=_first_foreign(text)))
    return Decoded(text, "GB18030")
