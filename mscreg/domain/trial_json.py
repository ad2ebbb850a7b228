"""A trial registration as JSON: the shape ``mscreg trials --json`` prints, mscreg's own export holds and
the shipped data set's ``trials`` section is written in.

Dates carry their precision and whether they happened ("actual") or are planned ("estimated"), so a
reader never has to guess whether "2026-06" is a fact or a plan.  Codes, not names (registry "ctgov",
status "RECRUITING"): the same in both languages and stable across versions.  The reverse,
:func:`trial_from_json`, reads the same shape back, refusing a bad field by name.
"""

from __future__ import annotations

from typing import Any

from mscreg.domain.errors import invalid
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.trial import (
    PHASE_ORDER,
    REGISTRY_FIELDS,
    DateKind,
    Enrolment,
    EnrolmentKind,
    Registry,
    TrialDate,
    TrialRegistration,
)

_DATES = ("first_submitted", "start_date", "primary_completion", "completion")
_LISTS = ("countries", "conditions", "interventions", "sources")
_TEXTS = ("title", "title_zh", "official_title", "acronym", "organization", "lead_sponsor")


def _date(d: TrialDate | None) -> dict[str, str] | None:
    if d is None:
        return None
    return {"date": d.iso(), "precision": d.date.precision.value, "kind": d.kind.value}


def trial_to_json(t: TrialRegistration, product: str | None = None) -> dict[str, Any]:
    """``product``: the linked product's name, when there is one (ids mean nothing outside a database)."""
    out: dict[str, Any] = {"registry": t.registry.value, "registry_id": t.registry_id}
    for name in _TEXTS:
        out[name] = getattr(t, name)
    out["phases"] = [p.value for p in sorted(t.phases, key=PHASE_ORDER.__getitem__)]
    out["status"] = t.status.value if t.status else None
    for name in _DATES:
        out[name] = _date(getattr(t, name))
    out["enrolment"] = {"count": t.enrolment.count, "kind": t.enrolment.kind.value} if t.enrolment else None
    for name in _LISTS:
        out[name] = list(getattr(t, name))
    out["results_posted"] = t.results_posted
    out["product"] = product
    return out


def _date_in(name: str, value: Any) -> TrialDate | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("date"), str):
        raise invalid(name, value, "trial.not_date")
    try:
        kind = DateKind(value.get("kind", DateKind.NOT_STATED.value))
    except ValueError:
        raise invalid(name, value.get("kind"), "choice.unknown", valid=", ".join(DateKind)) from None
    return TrialDate(PartialDate.parse(value["date"], field=name), kind)


def trial_from_json(obj: Any) -> tuple[TrialRegistration, str | None]:
    """The registration and the name of the product it is linked to (None: not linked)."""
    if not isinstance(obj, dict):
        raise invalid("trial", type(obj).__name__, "trials.wrong_object", found="", name="$", valid="")
    fields: dict[str, Any] = {name: obj[name] for name in _TEXTS if name in obj and obj[name] is not None}
    fields["phases"] = obj.get("phases") or ()
    fields["status"] = obj.get("status")
    for name in _DATES:
        fields[name] = _date_in(name, obj.get(name))
    enrolment = obj.get("enrolment")
    if enrolment is not None:
        if not isinstance(enrolment, dict):
            raise invalid("enrolment", enrolment, "trial.enrolment_range", max=100_000_000)
        try:
            kind = EnrolmentKind(enrolment.get("kind", EnrolmentKind.NOT_STATED.value))
        except ValueError:
            raise invalid("enrolment", enrolment.get("kind"), "choice.unknown",
                          valid=", ".join(EnrolmentKind)) from None
        count: Any = enrolment.get("count")  # Enrolment refuses what is not a whole number
        fields["enrolment"] = Enrolment(count, kind)
    for name in _LISTS:
        fields[name] = obj.get(name) or ()
    fields["results_posted"] = obj.get("results_posted", False)
    product = obj.get("product")
    if product is not None and not isinstance(product, str):
        raise invalid("product", product, "trials.wrong_text", found="", name="product", valid="")
    code = obj.get("registry")
    try:
        registry = Registry(str(code))
    except ValueError:
        raise invalid("registry", code, "choice.unknown", valid=", ".join(Registry)) from None
    fields.setdefault("title", "")
    return TrialRegistration(registry, obj.get("registry_id", ""), **fields), product


assert set(REGISTRY_FIELDS) <= {*_TEXTS, "phases", "status", *_DATES, "enrolment", *_LISTS, "results_posted"}
