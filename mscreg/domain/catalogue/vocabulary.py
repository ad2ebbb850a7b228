"""Names of the regulatory vocabulary: event types, states, jurisdictions and their agencies, clock
rules, product attributes.  Codes are derived from the stored code (``event_type.<code>.name``) so a
vocabulary entry finds its name without a second list."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
}
