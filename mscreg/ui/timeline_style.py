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

from mscreg.domain.clocks import Status
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

# Words of the legend and page furniture, by language (the printed page must read the same from the
# command line, which loads no Qt translator).
_WORDS: dict[str, tuple[str, str]] = {
    SpanStyle.CLINICAL_PENDING: ("Trial application pending", "临床试验申请待审"),
    SpanStyle.CLINICAL: ("Trial authorised", "临床试验已获许可"),
    SpanStyle.HOLD: ("Hold, suspension, CRL", "暂停/完整回复函"),
    SpanStyle.REVIEW: ("Marketing application in review", "上市申请审评中"),
    SpanStyle.CONDITIONAL: ("Conditional approval", "附条件批准"),
    SpanStyle.TIME_LIMITED: ("Time-limited / conversion pending", "限期批准/转正审评中"),
    SpanStyle.FULL: ("Full approval", "正式批准"),
    SpanStyle.TERM_ENDED: ("Term ended, no renewal recorded", "有效期已届满(未记录续期)"),
    SpanStyle.ENDED: ("Ended (withdrawn, refused, expired)", "已终止(撤回、不批准、到期)"),
    MarkerKind.SUBMISSION: ("Submission / acceptance", "提交/受理"),
    MarkerKind.AUTHORISATION: ("Authorisation", "批准/许可"),
    MarkerKind.SETBACK: ("CRL, refusal, hold", "补充资料/不批准/暂停"),
    MarkerKind.END: ("Withdrawal, expiry", "撤回/到期"),
    MarkerKind.MILESTONE: ("Other milestone", "其他节点"),
    "imprecise": ("Bracket, hollow: month or year only", "括号、空心：仅知年月或年份"),
    "deadline": ("Dashed: statutory deadline", "虚线：法定时限"),
    "as_of": ("As-of day", "截至日"),
    "start_unknown": ("Start date not found", "起始日期未查到"),
    "undated": ("Undated:", "无日期："),
    "events": ("{n} events:", "{n} 个事件："),
    "legend": ("Legend", "图例"),
    "page": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "columns": ("columns {first}–{last}", "时间 {first}–{last}"),
    "lanes": ("lanes {first}–{last} of {total}", "第 {first}–{last} 行，共 {total} 行"),
    "generated": ("Generated {utc} UTC ({local} local)", "生成于 {utc} UTC(本地 {local})"),
    "database": ("Database: {name}", "数据库：{name}"),
    "selection": ("Selection: {what}", "范围：{what}"),
    "as_of_stamp": ("As of {date}", "截至 {date}"),
    "provisional": ("China working-day clocks past the published holiday calendar are provisional",
                    "超出已公布节假日安排的中国工作日时限为暂定"),
    Status.OVERDUE: ("overdue", "已逾期"),
    Status.MISSED: ("missed", "已错过"),
    Status.DUE_SOON: ("due soon", "即将到期"),
    Status.UPCOMING: ("upcoming", "未到期"),
    "empty": ("Nothing recorded for this selection.", "所选范围内没有记录。"),
}


def word(key: str, lang: str, **params: object) -> str:
    en, zh = _WORDS[key]
    return (zh if lang.startswith("zh") else en).format(**params)


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
        return cls(base, text, muted, grid, alt, as_of)


def _between(base: QColor, text: QColor, share: float) -> QColor:
    """The opaque colour ``share`` of the way from ``base`` to ``text``."""
    return QColor.fromRgbF(*(b + (t - b) * share for b, t in zip(base.getRgbF()[:3], text.getRgbF()[:3],
                                                                 strict=True)))


class Fonts:
    """Fonts sized in points of the *picture*, whatever device the painter draws on.

    The paint routine works in points (1/72 inch) after scaling the painter by the device's
    dots per point.  A QFont's point size is converted by the device's own DPI as well, so it is
    divided once here; measured with ``QFontMetricsF(font, device)`` the result is again in points.
    """

    def __init__(self, device: QPaintDevice, scale: float = 1.0) -> None:
        self._factor = 72.0 / max(1, device.logicalDpiY()) * scale
        self.device = device

    def make(self, points: float, *, bold: bool = False) -> QFont:
        font = print_font(points * self._factor, bold=bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same widths on every device
        return font


def contrasting_text(fill: QColor) -> QColor:
    """Black or white, whichever reads on ``fill`` (WCAG relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(fill.redF()) + 0.7152 * channel(fill.greenF()) + 0.0722 * channel(fill.blueF())
    return QColor("#000000") if lum > 0.28 else QColor("#FFFFFF")
