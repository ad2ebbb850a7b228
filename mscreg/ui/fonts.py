"""The bundled CJK font, registered with Qt so Chinese never turns into empty boxes.

Neither every desktop nor a build machine has a Chinese font, and Qt writes a PDF with whatever font
it found: without one, 艾米迈托赛 prints as boxes and nobody notices until the meeting.  mscreg ships a
subset of Noto Sans CJK SC inside the package (OFL, mscreg/resources/fonts) and puts it in every font it
uses for labels, so the screen, the printer and the PDF (which embeds a subset of it) all show the same
glyphs.  Registered from its file (not its bytes): Qt then maps the 5 MB file instead of copying it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from mscreg.resource_paths import resource_path

CJK_FONT_FILE = "NotoSansSC-mscreg.otf"
# The Bold weight of the same family (a smaller subset: GB2312 and what the data uses), so bold
# Chinese prints with real bold outlines instead of Qt smearing the Regular ones.
CJK_BOLD_FONT_FILE = "NotoSansSC-mscreg-Bold.otf"
_family: str | None = None


def register_bundled_fonts() -> str | None:
    """Register the bundled fonts once (needs a QGuiApplication); returns their family name."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", CJK_FONT_FILE)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else ""
        QFontDatabase.addApplicationFont(str(resource_path("fonts", CJK_BOLD_FONT_FILE)))
    return _family or None


def label_font(point_size: float = 9.0, *, bold: bool = False) -> QFont:
    """A font for labels that may hold Chinese: the system's UI family first, the CJK font behind it.

    ``setFamilies`` gives Qt an ordered fallback list, so Latin text keeps the look of the desktop
    and only characters it lacks come from Noto Sans CJK SC.  For PDFs the CJK family goes first
    (``cjk_first``) elsewhere, because a PDF reader must find every glyph inside the file.
    """
    family = register_bundled_fonts()
    font = QFont(QApplication.font()) if QApplication.instance() else QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    if family:
        font.setFamilies([*font.families()[:1], family])
    return font


def print_font(point_size: float = 9.0, *, bold: bool = False) -> QFont:
    """A font for printing and PDF: the bundled family only, so the output is the same on every machine."""
    family = register_bundled_fonts()
    font = QFont(family or "Sans Serif")
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def apply_to_application(app: QApplication) -> None:
    """Give the whole widget tree the CJK fallback (called once at start-up, before widgets exist)."""
    family = register_bundled_fonts()
    if family:
        font = app.font()
        font.setFamilies([*font.families()[:1], family])
        app.setFont(font)
