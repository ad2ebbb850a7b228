"""Jurisdictions: ISO 3166-1 alpha-2 codes plus EU; their names and regulators are in the text catalogue.

Codes are what the database stores; names are shown at display time in the user's language.  The
list covers every jurisdiction with an MSC authorisation or trial in the reference data plus the
usual regulatory markets; ``ZZ`` (the CLDR code for "unknown region") holds registry entries whose
country the source does not state, so they are kept rather than silently dropped or guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mscreg.domain.errors import invalid
from mscreg.domain.messages import text


@dataclass(frozen=True)
class Jurisdiction:
    code: str

    def name(self, lang: str = "en") -> str:
        return text(f"jurisdiction.{self.code}.name", lang)

    def agency(self, lang: str = "en") -> str:
        return text(f"jurisdiction.{self.code}.agency", lang)


_ALL: tuple[Jurisdiction, ...] = tuple(Jurisdiction(code) for code in (
    "US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR", "CL", "GB", "CH", "AU", "IL", "RS", "TW", "HK", "SG",
    "BR", "AR", "MX", "EG", "TR", "RU", "ZA", "MY", "TH", "VN", "ID", "ZZ"
))

JURISDICTIONS: dict[str, Jurisdiction] = {j.code: j for j in _ALL}


def get_jurisdiction(code: str, *, field: str = "jurisdiction") -> Jurisdiction:
    """The jurisdiction for a code; refuses anything else with the list of valid codes."""
    key = (code or "").strip().upper()
    try:
        return JURISDICTIONS[key]
    except KeyError:
        raise invalid(field, code, "jurisdiction.unknown", valid=", ".join(JURISDICTIONS)) from None
