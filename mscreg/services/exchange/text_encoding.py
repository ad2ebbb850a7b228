"""Which text encoding a CSV file is in, decided from evidence, never guessed.

Excel writes UTF-8 with a BOM ("CSV UTF-8"), and on Chinese Windows plain "CSV" is the ANSI code
page, GBK (936), which GB18030 extends.  Accepted: a UTF-8 or UTF-16 byte-order mark; text that is
valid UTF-8; or text that is valid GB18030 *and* whose non-ASCII characters are all common Chinese
characters or CJK punctuation.  That last test is what keeps a Latin-1 or Shift-JIS file from being
read as nonsense Chinese: such bytes often decode as GB18030, but into rare or mixed-script
characters.  Anything else is refused with the file name and the reason.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Common CJK ideographs, CJK symbols and punctuation, full-width forms, and the general punctuation
# GBK carries (“” ‘’ — …), middle dot, degree, multiplication sign: what Chinese Excel files contain.
_CJK_RANGES = ((0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027), (0x2030, 0x203B),
               (0x00B7, 0x00B7), (0x00B0, 0x00B0), (0x00D7, 0x00D7), (0x2103, 0x2103), (0x2160, 0x216B),
               (0x2460, 0x2473), (0x3400, 0x4DBF))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "UTF-8 (BOM)", "UTF-8", "UTF-16", "GB18030"


class EncodingUnknown(ValueError):
    """The bytes are in no encoding we can name with confidence; ``reason`` says what was seen."""

    def __init__(self, reason: str, offset: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


def _plausible_chinese(text: str) -> bool:
    """Every non-ASCII character is Chinese script, and nearly all are in GB2312 (the 6,763 common
    characters).  Other encodings read as GBK land mostly outside GB2312: Shift-JIS lead bytes
    0x81-0x9F fall in GBK's extension area, and a Latin-1 letter followed by ASCII makes a byte pair
    GB2312 never uses.  A few rare characters (names) are allowed."""
    rare = 0
    wide = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            continue
        wide += 1
        if not any(lo <= cp <= hi for lo, hi in _CJK_RANGES):
            return False
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare <= max(2, wide // 20)


def decode(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`EncodingUnknown`."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (BOM)")
        except UnicodeDecodeError as exc:
            raise EncodingUnknown("UTF-8 BOM but invalid UTF-8", exc.start) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError as exc:
            raise EncodingUnknown("UTF-16 BOM but invalid UTF-16", exc.start) from None
    if b"\x00" in data:
        raise EncodingUnknown("binary data (NUL bytes)", data.index(b"\x00"))
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise EncodingUnknown("neither UTF-8 nor GB18030/GBK", exc.start) from None
    if not _plausible_chinese(text):
        raise EncodingUnknown("not UTF-8; as GB18030 it gives characters no Chinese text contains",
                              utf8_error)
    return Decoded(text, "GB18030")
