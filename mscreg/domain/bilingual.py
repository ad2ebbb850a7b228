"""Texts the data holds in English and in Chinese (indications, notes): which one a reader sees."""

from __future__ import annotations


def localized(en: str, zh: str, lang: str) -> str:
    """The text in the interface language ``lang`` ("zh_CN", "zh", "en"…) where the data has it, else
    the other language's, else "": a record written in one language only is still shown."""
    if lang.lower().startswith("zh"):
        return zh or en or ""
    return en or zh or ""
