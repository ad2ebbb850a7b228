"""Build mscreg/resources/fonts/NotoSansSC-mscreg-Bold.otf: the Bold weight of Noto Sans CJK SC, cut down.

Why: without a bold face Qt fakes bold Chinese by smearing the Regular outlines, which prints thick and
blurred in PDFs (titles, lane names, state names in bars).  The Bold subset keeps GB2312 (the 6,763
everyday Simplified hanzi), the same Latin, kana, punctuation and symbol ranges as the Regular subset
and every character of the shipped data and translations; a rarer character still prints, in the
Regular face made bold by Qt.  The face is renamed into the Regular subset's family ("Noto Sans CJK
SC", style Bold) so one family name gives both weights.  Source: Noto Sans CJK SC Bold (SIL Open Font
License 1.1; e.g. the "NotoSansHans-Bold.otf" of the @embedpdf/fonts-sc npm package, or Debian's
fonts-noto-cjk-extra).

Run: .venv/bin/python packaging/make_cjk_bold_font.py PATH/TO/NotoSans…Bold.otf  (needs fonttools)
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_cjk_font import _drop_features, project_characters, ranges  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "mscreg" / "resources" / "fonts" / "NotoSansSC-mscreg-Bold.otf"
NAMES = {1: "Noto Sans CJK SC", 2: "Bold", 4: "Noto Sans CJK SC Bold", 6: "NotoSansCJKsc-Bold"}


def gb2312_characters() -> set[int]:
    chars: set[int] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.update(ord(c) for c in bytes([lead, trail]).decode("gb2312"))
    return chars


def main(source: str) -> None:
    font = TTFont(source)
    wanted = gb2312_characters() | ranges() | project_characters()
    cmap = font.getBestCmap()
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    _drop_features(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(cp for cp in wanted if cp in cmap))
    subsetter.subset(font)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (16, 17):
            name.removeNames(nameID=record.nameID)
    for name_id, value in NAMES.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [NAMES[6]]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUT)
    print(f"{OUT.relative_to(ROOT)}: {len(font.getBestCmap())} characters, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*sys.argv[1:])
