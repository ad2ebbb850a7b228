"""Colours that follow the palette: state colours readable on light and dark desktops alike.

A colour picked for a white background (dark green text) disappears on a dark one, and the
reverse.  So every colour here is a *hue* that is pushed lighter or darker until it reaches the
WCAG contrast ratio of 4.5:1 against the palette's base colour in use right now; views ask for it at
paint time, so a palette change (system dark mode) needs only a repaint.
"""

from __future__ import annotations

from enum import StrEnum
from typing import cast

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from mscreg.domain.states import AUTHORISED, ENDED, MA_OPEN, State

MIN_CONTRAST = 4.5


class StateCategory(StrEnum):
    """What a user reads at a glance from a state: colour and icon, never the only cue (the name is shown)."""

    PLANNED = "planned"
    CLINICAL = "clinical"
    HOLD = "hold"
    REVIEW = "review"
    CONDITIONAL = "conditional"
    APPROVED = "approved"
    SETBACK = "setback"
    TERM_ENDED = "term-ended"  # an authorisation whose statutory term ran out with nothing recorded
    ENDED = "ended"


_HUES: dict[StateCategory, str] = {
    StateCategory.PLANNED: "#808080",
    StateCategory.CLINICAL: "#2f6fd0",
    StateCategory.HOLD: "#c77800",
    StateCategory.REVIEW: "#b8860b",
    StateCategory.CONDITIONAL: "#00897b",
    StateCategory.APPROVED: "#2e8b3a",
    StateCategory.SETBACK: "#d2461e",
    StateCategory.TERM_ENDED: "#8d5a3b",
    StateCategory.ENDED: "#c62828",
}

# Deadline urgency uses the same mechanism.
URGENCY_HUES: dict[str, str] = {
    "overdue": "#c62828",
    "due-soon": "#c77800",
    "upcoming": "#2f6fd0",
    "provisional": "#808080",
    "met": "#2e8b3a",
    "missed": "#c62828",
    "stopped": "#808080",
    "ok": "#2e8b3a",
    "failed": "#c62828",
}


def state_category(state: State | str) -> StateCategory:
    s = State(state)
    if s is State.PLANNED:
        return StateCategory.PLANNED
    if s is State.CT_ON_HOLD:
        return StateCategory.HOLD
    if s in (State.MA_CRL, State.SUSPENDED):
        return StateCategory.SETBACK
    if s is State.TERM_ENDED:
        return StateCategory.TERM_ENDED
    if s in ENDED:
        return StateCategory.ENDED
    if s is State.AUTHORISED_FULL:
        return StateCategory.APPROVED
    if s in AUTHORISED:
        return StateCategory.CONDITIONAL
    if s in MA_OPEN:
        return StateCategory.REVIEW
    return StateCategory.CLINICAL


def _channel(c: float) -> float:
    c = c / 255.0
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return 0.2126 * _channel(color.red()) + 0.7152 * _channel(color.green()) + 0.0722 * _channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or current_palette()
    return luminance(pal.color(QPalette.ColorRole.Base)) < 0.25


def readable(hue: QColor | str, background: QColor, min_ratio: float = MIN_CONTRAST) -> QColor:
    """``hue`` made lighter (on dark) or darker (on light) until it reaches ``min_ratio`` on ``background``."""
    color = QColor(hue)
    dark_bg = luminance(background) < 0.25
    for _ in range(40):
        if contrast(color, background) >= min_ratio:
            return color
        h, s, lightness, a = cast("tuple[float, float, float, float]", color.getHslF())  # typed as object
        lightness = min(1.0, lightness + 0.04) if dark_bg else max(0.0, lightness - 0.04)
        color = QColor.fromHslF(max(h, 0.0), s, lightness, a)
    # Only reached for a background of middling grey: fall back to the palette's own text colour.
    return QColor("#ffffff") if dark_bg else QColor("#000000")


def current_palette() -> QPalette:
    app = QGuiApplication.instance()
    return QGuiApplication.palette() if app is not None else QPalette()


def state_color(state: State | str, palette: QPalette | None = None) -> QColor:
    pal = palette or current_palette()
    return readable(_HUES[state_category(state)], pal.color(QPalette.ColorRole.Base))


def category_color(category: StateCategory, palette: QPalette | None = None) -> QColor:
    pal = palette or current_palette()
    return readable(_HUES[category], pal.color(QPalette.ColorRole.Base))


def urgency_color(kind: str, palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Base
                  ) -> QColor:
    """Colour for a deadline status or a check result, readable on the palette's ``role`` colour."""
    pal = palette or current_palette()
    return readable(URGENCY_HUES.get(kind, "#808080"), pal.color(role))


def dark_palette() -> QPalette:
    """A plain dark palette (tests and users whose desktop reports none use it)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2b2b", roles.WindowText: "#e6e6e6", roles.Base: "#1e1e1e",
        roles.AlternateBase: "#262626", roles.ToolTipBase: "#3a3a3a", roles.ToolTipText: "#f0f0f0",
        roles.Text: "#e6e6e6", roles.Button: "#353535", roles.ButtonText: "#e6e6e6",
        roles.BrightText: "#ff5555", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
        roles.Highlight: "#3d6fb4", roles.HighlightedText: "#ffffff", roles.PlaceholderText: "#9a9a9a",
        roles.Light: "#505050", roles.Midlight: "#404040", roles.Mid: "#303030", roles.Dark: "#1a1a1a",
        roles.Shadow: "#000000",
    }
    for role, value in colours.items():
        pal.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, QColor("#7f7f7f"))
    return pal
