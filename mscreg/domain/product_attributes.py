"""The attributes a product is described by (tissue, donor type, modality): their vocabularies and names.

Apart from :mod:`mscreg.domain.product` because the window's filter bar and product list name these values
before the window's first paint, and the product records, their checks and their dataclasses are not
needed for it (about 2.5 ms of imports).
"""

from __future__ import annotations

from enum import StrEnum

from mscreg.domain.messages import text


class Tissue(StrEnum):
    UMBILICAL_CORD = "umbilical_cord"
    UMBILICAL_CORD_BLOOD = "umbilical_cord_blood"
    BONE_MARROW = "bone_marrow"
    ADIPOSE = "adipose"
    PLACENTA = "placenta"
    MENSTRUAL_BLOOD = "menstrual_blood"
    DENTAL_PULP = "dental_pulp"
    NOT_STATED = "not_stated"


class DonorType(StrEnum):
    AUTOLOGOUS = "autologous"
    ALLOGENEIC = "allogeneic"
    NOT_STATED = "not_stated"


class Modality(StrEnum):
    CELLS = "cells"
    EXTRACELLULAR_VESICLES = "extracellular_vesicles"
    GENE_MODIFIED_CELLS = "gene_modified_cells"


# Each stored product attribute: the prefix of its values' catalogue codes ("tissue.bone_marrow") and
# the vocabulary of its values, in the order a list offers them.
ATTRIBUTES: dict[str, tuple[str, type[StrEnum]]] = {
    "source_tissue": ("tissue", Tissue),
    "donor_type": ("donor_type", DonorType),
    "modality": ("modality", Modality),
}


def attribute_name(field: str, value: str, lang: str = "en") -> str:
    """The name of ``value`` of the product attribute ``field`` (``source_tissue``, ``donor_type`` or
    ``modality``) in ``lang``, from the catalogue: the one way a widget, a report or the command line
    names it.  A value outside the vocabulary (an older file, a hand edit) is shown as it is stored."""
    prefix, vocabulary = ATTRIBUTES[field]
    if value not in {m.value for m in vocabulary}:
        return str(value)
    return text(f"{prefix}.{value}", lang)
