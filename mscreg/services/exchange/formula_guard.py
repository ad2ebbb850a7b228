"""Spreadsheet formula injection: text that Excel or LibreOffice would run as a formula.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
(OWASP "CSV injection"), so exported text that begins with one gets a ``'`` in front, which
spreadsheets show as text.  To make the round trip lossless, text that already begins with ``'``
followed by something guarded is quoted once more, and an import removes exactly one quote from any
cell that :func:`needs_guard` says was guarded.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def needs_guard(text: str) -> bool:
    """True for text a spreadsheet would treat as a formula, or text whose quote an import would remove."""
    if text[:1] in TRIGGERS and text:
        return True
    return text[:1] == QUOTE and needs_guard(text[1:])


def guard(text: str) -> str:
    """The cell text to export."""
    return QUOTE + text if text and needs_guard(text) else text


def unguard(text: str) -> str:
    """The value an imported cell stands for (the inverse of :func:`guard`)."""
    if text[:1] == QUOTE and needs_guard(text[1:]):
        return text[1:]
    return text
