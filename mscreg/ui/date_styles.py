"""The names of the two date styles a user can choose (Preferences), apart from the formatting code.

Preferences are read before the first paint; :mod:`mscreg.ui.date_display`, which formats dates and
brings the partial-date and calendar modules with it, is needed only once data is shown.
"""

from __future__ import annotations

ISO = "iso"
LONG = "long"
STYLES: tuple[str, ...] = (ISO, LONG)
