"""The reason every change carries into the audit trail: one rule for every service that asks for it."""

from __future__ import annotations

import re

from mscreg.domain.errors import invalid
from mscreg.domain.product import clean_text


def require_reason(reason: str) -> str:
    """The audit trail needs a reason for every change; an empty one is refused before any write.  It
    is text like any other field the trail keeps: control characters are refused (they would travel
    unseen into the audit export and the window's audit page) and its length is bounded."""
    if not (reason or "").strip():
        raise invalid("reason", reason, "reason.empty")
    return clean_text("reason", reason)


# C0 (line breaks and tabs too: a file name is one line), DEL and C1
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def import_reason(file_name: str, sha256: str) -> str:
    """The reason an import writes into the trail: the file's name and its digest.  The name comes from
    whoever sent the file; a control character in it (a terminal escape, a line break) is written as
    ``<U+001B>``, as a refusal shows it, so the trail never carries one."""
    name = _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", file_name)
    return f"import {name} (sha256 {sha256})"
