"""Colours, fonts and legend words of the timeline picture, for paper and for the screen.

Span colours come from the Okabe–Ito palette, distinguishable with the common colour-vision
deficiencies and in greyscale print (each family also differs in lightness); imprecise dates are
additionally drawn hatched, so nothing depends on colour alone.  On screen the background, text and
grid come from the widget's QPalette, so a dark desktop gets a dark timeline; on paper they are
black on white whatever the desktop uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPaintDevice, QPalette

from mscreg.domain import messages
from mscreg.domain.clocks import Status
from mscreg.domain.obligation import ObligationStatus
from mscreg.domain.timeline_layout import MarkerKind, SpanStyle
from mscreg.ui.fonts import print_font

SPAN_COLOURS: dict[SpanStyle, str] = {
    SpanStyle.CLINICAL_PENDING: "#56B4E9",
    SpanStyle.CLINICAL: "#0072B2",
    SpanStyle.HOLD: "#D55E00",
    SpanStyle.REVIEW: "#CC79A7",
    SpanStyle.CONDITIONAL: "#E69F00",
    SpanStyle.TIME_LIMITED: "#F0E442",
    SpanStyle.FULL: "#009E73",
    SpanStyle.TERM_ENDED: "#A0522D",
    SpanStyle.ENDED: "#9A9A9A",
}

STATUS_COLOURS: dict[Status, str] = {
    Status.OVERDUE: "#C0392B",
    Status.MISSED: "#7B241C",
    Status.DUE_SOON: "#D55E00",
    Status.UPCOMING: "#0072B2",
    Status.MET: "#009E73",
    Status.STOPPED: "#777777",
}

MARKER_COLOURS: dict[MarkerKind, str] = {
    MarkerKind.SUBMISSION: "#0072B2",
    MarkerKind.AUTHORISATION: "#007A5A",
    MarkerKind.SETBACK: "#C0392B",
    MarkerKind.END: "#444444",
    MarkerKind.MILESTONE: "#6A6A6A",
}

# Obligations: a purple of their own while open or with the agency, the warning colour once overdue
# (the deadlines' "overdue"), the deadlines' "due soon" orange, and the calm colours once closed.
OBLIGATION_COLOURS: dict[ObligationStatus, str] = {
    ObligationStatus.OPEN: "#6A3D9A",
    ObligationStatus.SUBMITTED: "#6A3D9A",
    ObligationStatus.DUE_SOON: "#D55E00",
    ObligationStatus.OVERDUE: "#C0392B",
    ObligationStatus.FULFILLED: "#007A5A",
    ObligationStatus.RELEASED: "#777777",
}

TRIAL_COLOUR = "#4A6378"  # a slate blue-grey: apart from the clinical spans' blues and every state colour


def word(key: str | SpanStyle | MarkerKind | Status, lang: str, **params: object) -> str:
    """Words of the legend and page furniture from the message catalogue (the printed page must read
    the same from the command line, which loads no Qt translator)."""
    if isinstance(key, SpanStyle):
        code = f"timeline.span.{key.value}"
    elif isinstance(key, MarkerKind):
        code = f"timeline.marker.{key.value}"
    elif isinstance(key, Status):
        code = f"timeline.status.{key.value}"
    else:
        code = f"timeline.page.{key}"
    return messages.text(code, lang, **params)


@dataclass(frozen=True)
class Theme:
    """The colours the picture is drawn with outside the span families."""

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    lane_alt: QColor
    as_of: QColor

    @classmethod
    def paper(cls) -> Theme:
        return cls(QColor("#FFFFFF"), QColor("#000000"), QColor("#555555"), QColor("#D0D0D0"),
                   QColor("#F4F4F4"), QColor("#C0392B"))

    @classmethod
    def from_palette(cls, palette: QPalette) -> Theme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        # secondary text: 68 % of the way from the base to the text colour (readable in light and dark)
        muted = _between(base, text, 0.68)
        # grid lines 18 % of the way, opaque: Qt's raster engine draws an antialiased line with a
        # translucent pen some 50 times slower, and the grid crosses every lane in view
        grid = _between(base, text, 0.18)
        alt = palette.color(QPalette.ColorRole.AlternateBase)
        as_of = QColor("#FF6B5B") if base.lightnessF() < 0.5 else QColor("#C0392B")
        theme = cls(base, text, muted, grid, alt, as_of)
        return cls(base, text, theme.readable(muted), grid, alt, as_of)

    def readable(self, colour: QColor, ratio: float = 4.5) -> QColor:
        """``colour`` for text: moved towards the theme's text colour until it has ``ratio`` (WCAG AA)
        contrast with the background and with the alternate lane band (dark desktops turn the
        Okabe–Ito blues and greens light instead of leaving them at 2:1)."""
        key = (colour.rgba(), self.background.rgba(), self.lane_alt.rgba(), self.text.rgba(), ratio)
        found = _READABLE.get(key)
        if found is None:
            c = QColor(colour)
            for _ in range(24):
                if min(contrast_ratio(c, self.background), contrast_ratio(c, self.lane_alt)) >= ratio:
                    break
                c = _between(c, self.text, 0.15)
            else:
                c = QColor(self.text)
            found = _READABLE[key] = c
        return QColor(found)


_READABLE: dict[tuple, QColor] = {}


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _between(base: QColor, text: QColor, share: float) -> QColor:
    """The opaque colour ``share`` of the way from ``base`` to ``text``."""
    # getRgbF() returns a tuple of floats; the stub says object
    return QColor.fromRgbF(*(b + (t - b) * share for b, t in zip(base.getRgbF()[:3], text.getRgbF()[:3],  # type: ignore[index]
                                                                 strict=True)))


class Fonts:
    """Fonts sized in points of the *picture*, whatever device the painter draws on.

    The paint routine works in points (1/72 inch) after scaling the painter by the device's
    dots per point.  A QFont's point size is converted by the device's own DPI as well, so it is
    divided once here; measured with ``QFontMetricsF(font, device)`` the result is again in points.
    """

    def __init__(self, device: QPaintDevice, scale: float = 1.0, *, kerning: bool = True) -> None:
        """``kerning=False``: Latin text is set from the font's plain advances, without the shaping
        pass (kerning) that costs about a third of drawing and measuring a short label; printed pages
        use it, as a tiled export draws and measures hundreds of thousands of labels."""
        self._factor = 72.0 / max(1, device.logicalDpiY()) * scale
        self.device = device
        self.kerning = kerning

    def make(self, points: float, *, bold: bool = False) -> QFont:
        font = print_font(points * self._factor, bold=bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same widths on every device
        if not self.kerning:
            font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font


def contrasting_text(fill: QColor) -> QColor:
    """Black or white, whichever reads on ``fill`` (WCAG relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(fill.redF()) + 0.7152 * channel(fill.greenF()) + 0.0722 * channel(fill.blueF())
    return QColor("#000000") if lum > 0.28 else QColor("#FFFFFF")
