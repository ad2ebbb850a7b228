"""Headings, labels and sentences the command line prints (besides refusals, which are in messages)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
}
