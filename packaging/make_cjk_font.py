"""Build mscreg/resources/fonts/NotoSansSC-mscreg.otf: Noto Sans CJK SC cut down to what mscreg users write.

Why a subset: the full Noto Sans CJK collection is ~20 MB per weight; the app must stay small and
the PDF must embed a font that reads on a machine with no Chinese fonts.  The subset keeps every
character of GBK (all 21,886 Simplified and Traditional hanzi in everyday Chinese Windows use, so a
user's own product names print), Japanese kana (state names such as 条件及び期限付承認), Latin with
diacritics, punctuation, CJK symbols and full-width forms, and every character of the shipped data
set and translations.  Source: Debian's fonts-noto-cjk (SIL Open Font License 1.1).

Run: .venv/bin/python packaging/make_cjk_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk
OUT = ROOT / "mscreg" / "resources" / "fonts" / "NotoSansSC-mscreg.otf"
SC_INDEX = 2  # "Noto Sans CJK SC" in the collection


def gbk_characters() -> set[int]:
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.update(ord(c) for c in bytes([lead, trail]).decode("gbk"))
    return chars


def ranges() -> set[int]:
    spans = [
        (0x0020, 0x024F),  # Basic Latin .. Latin Extended-B
        (0x02B0, 0x02FF), (0x0370, 0x03FF),  # modifier letters, Greek (α, β, µ in product names)
        (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF),  # punctuation, super/subscripts, currency
        (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),  # letterlike, arrows, maths
        (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF),  # enclosed, box, shapes
        (0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF),  # CJK symbols, hiragana, katakana
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    return {cp for a, b in spans for cp in range(a, b + 1)}


def project_characters() -> set[int]:
    chars: set[int] = set()
    for pattern in ("mscreg/data/**/*.json", "data/**/*.md", "mscreg/resources/translations/*.ts", "mscreg/**/*.py"):
        for path in ROOT.glob(pattern):
            chars.update(ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F)
    return chars


DROPPED_FEATURES = frozenset({"locl", "liga", "dlig", "clig"})


def _drop_features(font) -> None:
    for table in ("GSUB", "GPOS"):
        if table not in font:
            continue
        features = font[table].table.FeatureList
        if features is None:
            continue
        for record in features.FeatureRecord:
            if record.FeatureTag in DROPPED_FEATURES:
                record.Feature.LookupListIndex = []
                record.Feature.LookupCount = 0


def main(source: str = SOURCE) -> None:
    collection = TTCollection(source)
    font = collection.fonts[SC_INDEX]
    wanted = gbk_characters() | ranges() | project_characters()
    cmap = font.getBestCmap()
    options = subset.Options()
    # Every OpenType feature except those in DROPPED_FEATURES: 'locl' in this face swaps ASCII digits
    # for regional variants that are not in the cmap, and the Latin ligatures make one glyph of "fi";
    # Qt's PDF writer cannot map such glyphs back to text, so pdftotext, search and screen readers
    # lose "2026" and "Certificate".  The SC face's default forms are already the Simplified-Chinese
    # ones, so nothing is lost for Chinese.
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints are small; TrueType-style hinting is absent anyway
    _drop_features(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(cp for cp in wanted if cp in cmap))
    subsetter.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUT)
    print(f"{OUT.relative_to(ROOT)}: {len(font.getBestCmap())} characters, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*sys.argv[1:])
