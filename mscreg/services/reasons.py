"""The reason every change carries into the audit trail: one rule for every service that asks for it."""

from __future__ import annotations

from mscreg.domain.errors import invalid
from mscreg.domain.product import clean_text


def require_reason(reason: str) -> str:
    """The audit trail needs a reason for every change; an empty one is refused before any write.  It
    is text like any other field the trail keeps: control characters are refused (they would travel
    unseen into the audit export and the window's audit page) and its length is bounded."""
    if not (reason or "").strip():
        raise invalid("reason", reason, "reason.empty")
    return clean_text("reason", reason)
