"""Texts the services write into reports, checks, exports and the audit trail."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
}
