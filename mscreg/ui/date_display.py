"""Dates as the user chose to read them, never more precise than they are.

"2024-07" stays a month in every style: the long style writes "Jul 2024" / "2024年7月", never a
day.  The style is a preference (ISO or long); the month names come from QLocale so they need no
translation of our own.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject

from mscreg.domain.messages import text
from mscreg.domain.partial_date import PartialDate
from mscreg.ui.date_styles import ISO, LONG, STYLES
from mscreg.ui.language import is_chinese

__all__ = ["ISO", "LONG", "STYLES", "set_date_style"]

_style = ISO


def set_date_style(style: str) -> None:
    global _style
    _style = style if style in STYLES else ISO


def date_style() -> str:
    return _style


def _month(month: int) -> str:
    return QLocale(QLocale.Language.English).monthName(month, QLocale.FormatType.ShortFormat)


def format_partial(date: PartialDate | None, style: str | None = None) -> str:
    """A partial date in ``style`` at its own precision; an unknown date is said to be unknown."""
    if date is None:
        return QCoreApplication.translate("DateDisplay", "date unknown")
    chosen = style or _style
    prefix = "≈" if date.approximate else ""
    if date.quarter is not None:  # "2027-Q2" is no ISO form: read in every style as "2027 Q2"
        return prefix + _quarter(date.year, date.quarter)
    if chosen != LONG:
        return date.display()
    # Chinese writes the month as its number; English as its short name, which QLocale gives.
    lang = "zh_CN" if is_chinese() else "en"
    if date.month is None:
        return prefix + text("date.long.year", lang, year=date.year)
    month = date.month if lang == "zh_CN" else _month(date.month)
    if date.day is None:
        return prefix + text("date.long.month", lang, year=date.year, month=month)
    return prefix + text("date.long.day", lang, year=date.year, month=month, day=date.day)


def _quarter(year: int, quarter: int) -> str:
    forms = (QT_TRANSLATE_NOOP("DateDisplay", "%1 Q1"), QT_TRANSLATE_NOOP("DateDisplay", "%1 Q2"),
             QT_TRANSLATE_NOOP("DateDisplay", "%1 Q3"), QT_TRANSLATE_NOOP("DateDisplay", "%1 Q4"))
    return QCoreApplication.translate("DateDisplay", forms[quarter - 1]).replace("%1", str(year))


def format_day(day: dt.date, style: str | None = None) -> str:
    return format_partial(PartialDate.of_day(day), style)


def format_due(earliest: dt.date, latest: dt.date, style: str | None = None) -> str:
    """A due date, or the range of due dates an imprecise anchor gives ("2025-07-01 – 2025-07-31")."""
    if earliest == latest:
        return format_day(earliest, style)
    return f"{format_day(earliest, style)} – {format_day(latest, style)}"


class DateDisplay(QObject):
    """The countdown texts that have a plural form (``%n``), translated through ``self.tr``.

    ``tr`` is the one call every supported lupdate reads as a plural: PySide6 6.12's lupdate takes
    ``QCoreApplication.translate(context, text, "", n)`` as a plural too, 6.11's as a plain text, so the
    two would disagree about the committed .ts and each would mark these three texts unfinished in the
    other's format.  Through ``tr`` both write the same ``<numerusform>`` entries.  The class name is
    the translation context, the same one the other date texts of this module use.
    """

    def in_days(self, n: int) -> str:
        return self.tr("in %n day(s)", "", n)

    def overdue_days(self, n: int) -> str:
        return self.tr("%n day(s) overdue", "", n)

    def at_the_latest_in_days(self, n: int) -> str:
        return self.tr("at the latest in %n day(s)", "", n)


_plurals: DateDisplay | None = None


def _plural_texts() -> DateDisplay:
    global _plurals
    if _plurals is None:
        _plurals = DateDisplay()
    return _plurals


def countdown(days_left: int) -> str:
    """"in 12 days", "due today", "3 days overdue": how far a due date is from today."""
    if days_left == 0:
        return QCoreApplication.translate("DateDisplay", "due today")
    if days_left > 0:
        return _plural_texts().in_days(days_left)
    return _plural_texts().overdue_days(-days_left)


def due_countdown(earliest: dt.date, latest: dt.date, as_of: dt.date) -> str:
    """Countdown to a due date that may be a range: to its start, then to its end, then overdue."""
    if as_of <= earliest:
        return countdown((earliest - as_of).days)
    if as_of <= latest:
        return _plural_texts().at_the_latest_in_days((latest - as_of).days)
    return countdown((latest - as_of).days)
