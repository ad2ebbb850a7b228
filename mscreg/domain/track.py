"""Tracks: one product in one jurisdiction for one indication on one pathway.

Temcell for aGVHD and Temcell for epidermolysis bullosa in Japan are two tracks; a product's
clinical-trial track and its marketing track in the same country are kept apart, because each has
its own state machine and its own clocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from mscreg.domain.bilingual import localized
from mscreg.domain.errors import invalid
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import text
from mscreg.domain.product import MAX_NAME, Product, clean_text


@dataclass(frozen=True)
class Track:
    id: int | None
    product_id: int | None
    product_name: str
    jurisdiction: str
    indication: str
    pathway: Pathway
    version: int = 1
    # Added after the first release: the indication in Chinese ("" when not written); the English
    # indication stays the track's identity, the Chinese one is shown in the Chinese interface.  It is
    # not normalised as names are: NFKC would turn its Chinese parentheses and colons into ASCII ones.
    indication_zh: str = ""

    def label(self, lang: str = "en") -> str:
        """How a message names the track: "Alofisel / EU / perianal fistulas / marketing"."""
        pathway = text(f"pathway.{self.pathway.value}", lang)
        return f"{self.product_name} / {self.jurisdiction} / {self.indication} / {pathway}"

    def shown_label(self, lang: str = "en") -> str:
        """The label a listing shows a reader: the indication in ``lang`` where the data has it.  Refusals
        keep :meth:`label`, whose English indication is what ``--indication`` matches."""
        pathway = text(f"pathway.{self.pathway.value}", lang)
        shown = localized(self.indication, self.indication_zh, lang)
        return f"{self.product_name} / {self.jurisdiction} / {shown} / {pathway}"


@dataclass(frozen=True)
class TrackDraft:
    jurisdiction: str
    indication: str
    pathway: str
    indication_zh: str = ""

    def validated(self) -> TrackDraft:
        code = get_jurisdiction(self.jurisdiction).code
        try:
            pathway = Pathway(str(self.pathway).strip().lower())
        except ValueError:
            raise invalid("pathway", self.pathway, "choice.unknown", valid="clinical, marketing") from None
        return TrackDraft(code, clean_text("indication", self.indication, required=True, limit=MAX_NAME),
                          pathway.value, clean_text("indication_zh", self.indication_zh, limit=MAX_NAME))


@dataclass(frozen=True)
class TrackLog:
    """A track with its product and its events in replay order: what a timeline draws and what the
    event dialog checks a new event against."""

    product: Product
    track: Track
    events: tuple[RegulatoryEvent, ...]
