"""Products: every name a product goes by, and what it is made of.

Sources name the same product differently (Amimestrocel = Aimmexitocel = 艾米迈托赛 = 睿铂生), so a
product keeps all its aliases and every search matches any of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from mscreg.domain.errors import invalid
from mscreg.domain.product_attributes import ATTRIBUTES as ATTRIBUTES
from mscreg.domain.product_attributes import DonorType as DonorType
from mscreg.domain.product_attributes import Modality as Modality
from mscreg.domain.product_attributes import Tissue as Tissue
from mscreg.domain.product_attributes import attribute_name as attribute_name

MAX_NAME = 200
MAX_TEXT = 4000


# Fields that name something (a product, a company, an indication) and are compared with each other
# to find the same thing again: "Ryoncil\u200b" or a fullwidth "Ｒyoncil" must not become a second
# product that looks exactly like Ryoncil, nor fail to find it.
NAME_FIELDS = frozenset({"name", "name_zh", "inn", "aliases", "company", "company_zh", "company_aliases",
                         "indication", "product", "from", "to"})  # from, to: the companies of a holder transfer


def normalise_name(text: str) -> str:
    """``text`` in Unicode NFKC with every format character (category Cf: zero-width space and
    joiners, BOM, soft hyphen, bidirectional marks) removed, and trimmed.

    NFKC folds compatibility forms (fullwidth Latin and digits, ligatures, ideographic space) into
    the characters they stand for; format characters are invisible, so two names differing only in
    them look identical on screen and in print.
    """
    if text.isascii():  # nothing to fold: most names, and the fast path of a large import
        return text.strip()
    # format characters first: one between two characters would keep NFKC from composing them, so
    # removing it afterwards could leave text that is not in NFKC (no NFKC mapping yields one)
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", visible).strip()


def name_key(text: str) -> str:
    """What two names must share to be the same name: normalised, then case-folded."""
    return normalise_name(text).casefold()


def clean_text(field_name: str, value: object, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Trimmed text, refused when required and empty, or when longer than ``limit`` characters.

    SQLite accepts over-length strings that PostgreSQL refuses, so the limit is enforced here, the
    same on both.  A name (``NAME_FIELDS``) is normalised first (:func:`normalise_name`), whichever
    way it comes in: a dialog, the command line or an import.
    """
    # Fast path for the common case (a str that passes), taken 400,000 times by a large import;
    # anything else goes through the full checks below, which also build the refusal.
    if value.__class__ is str:
        text = value.strip()
        if ((text or not required) and len(text) <= limit and (text.isprintable() or not _CONTROL.search(text))
                and (text.isascii() or field_name not in NAME_FIELDS)):
            return text
    text = "" if value is None else str(value).strip()
    if field_name in NAME_FIELDS:
        text = normalise_name(text)
    if required and not text:
        raise invalid(field_name, value, "text.empty")
    if len(text) > limit:
        raise invalid(field_name, text[:40] + "…", "text.too_long", limit=limit, length=len(text))
    if "\x00" in text:
        raise invalid(field_name, text[:40], "text.control")
    bad = _CONTROL.search(text)
    if bad:
        start = max(0, bad.start() - 20)
        shown = _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text[start:start + 40])
        code = ord(bad.group())
        # only a C1 character says something about the file's encoding; a C0 one or DEL is just not text
        raise invalid(field_name, shown, "text.control_char" if 0x80 <= code <= 0x9F else "text.control_char_c0",
                      char=f"U+{code:04X}")
    return text


# Control characters no text field holds: C0 other than tab, line feed and carriage return, DEL, and
# C1 (U+0080 to U+009F), which in practice is UTF-8 or Windows-1252 text decoded as Latin-1 (mojibake)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_enum(enum_cls: type[StrEnum], field_name: str, value: object) -> StrEnum:
    try:
        return enum_cls(str(value).strip())
    except ValueError:
        raise invalid(field_name, value, "choice.unknown", valid=", ".join(e.value for e in enum_cls)) from None


@dataclass(frozen=True)
class Product:
    """A product as the application sees it: a value, never a live database row."""

    id: int | None
    name: str
    name_zh: str = ""
    inn: str = ""
    aliases: tuple[str, ...] = ()
    company: str = ""
    company_zh: str = ""
    company_aliases: tuple[str, ...] = ()
    source_tissue: Tissue = Tissue.NOT_STATED
    donor_type: DonorType = DonorType.NOT_STATED
    modality: Modality = Modality.CELLS
    notes: str = ""
    version: int = 1
    # Added after the first release: the notes in Chinese ("" when not written)
    notes_zh: str = ""

    def all_names(self) -> tuple[str, ...]:
        names = [self.name, self.name_zh, self.inn, *self.aliases]
        return tuple(n for n in names if n)

    def matches(self, needle: str) -> bool:
        """Case-insensitive match of a whole name or alias (used by --product NAME)."""
        n = name_key(needle)
        return any(n == name_key(name) for name in self.all_names())


@dataclass(frozen=True)
class ProductAlias:
    """One other name of a product, as stored (a product holds its aliases as ``Product.aliases``)."""

    product_id: int
    alias: str


@dataclass(frozen=True)
class ProductDraft:
    """What a user or an import proposes; validated into a clean draft by :meth:`validated`."""

    name: str
    name_zh: str = ""
    inn: str = ""
    aliases: tuple[str, ...] = ()
    company: str = ""
    company_zh: str = ""
    company_aliases: tuple[str, ...] = ()
    source_tissue: str = Tissue.NOT_STATED.value
    donor_type: str = DonorType.NOT_STATED.value
    modality: str = Modality.CELLS.value
    notes: str = ""
    notes_zh: str = ""

    def validated(self) -> ProductDraft:
        aliases = tuple(dict.fromkeys(clean_text("aliases", a, required=True, limit=MAX_NAME)
                                      for a in self.aliases))
        return ProductDraft(
            name=clean_text("name", self.name, required=True, limit=MAX_NAME),
            name_zh=clean_text("name_zh", self.name_zh, limit=MAX_NAME),
            inn=clean_text("inn", self.inn, limit=MAX_NAME),
            aliases=aliases,
            company=clean_text("company", self.company, limit=MAX_NAME),
            company_zh=clean_text("company_zh", self.company_zh, limit=MAX_NAME),
            company_aliases=tuple(clean_text("company_aliases", a, required=True, limit=MAX_NAME)
                                  for a in self.company_aliases),
            source_tissue=parse_enum(Tissue, "source_tissue", self.source_tissue).value,
            donor_type=parse_enum(DonorType, "donor_type", self.donor_type).value,
            modality=parse_enum(Modality, "modality", self.modality).value,
            notes=clean_text("notes", self.notes),
            notes_zh=clean_text("notes_zh", self.notes_zh),
        )
