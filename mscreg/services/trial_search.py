"""Finding and filtering trial registrations the way the product list finds products: by anything a
user might type (identifier, titles, acronym, sponsor, conditions, interventions, countries), ignoring
case, width, spaces and hyphens, plus filters by registry, status, phase, product and country.

Pure: a list of registrations in, the matching ones out, in the order given.  The command line
(``mscreg trials --registry --status --product``) and the Trials page share it, so both show the same.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from mscreg.domain.product import name_key
from mscreg.domain.trial import OverallStatus, Phase, Registry, TrialRegistration
from mscreg.services.product_search import squash


def trial_texts(t: TrialRegistration) -> tuple[str, ...]:
    return (t.registry_id, t.title, t.title_zh, t.official_title, t.acronym, t.organization, t.lead_sponsor,
            *t.conditions, *t.interventions, *t.countries)


@dataclass(frozen=True)
class TrialFilter:
    text: str = ""
    registries: Collection[Registry] = ()
    statuses: Collection[OverallStatus] = ()
    phases: Collection[Phase] = ()  # a trial matches when it holds any of them
    product_ids: Collection[int] = ()
    countries: Collection[str] = ()  # compared as names are (case and width folded)

    def matches(self, t: TrialRegistration, keys: tuple[str, ...] | None = None) -> bool:
        if self.registries and t.registry not in self.registries:
            return False
        if self.statuses and t.status not in self.statuses:
            return False
        if self.phases and not t.phases & set(self.phases):
            return False
        if self.product_ids and t.product_id not in self.product_ids:
            return False
        if self.countries:
            wanted = {name_key(c) for c in self.countries}
            if not any(name_key(c) in wanted for c in t.countries):
                return False
        words = [squash(w) for w in self.text.split() if squash(w)]
        if words:
            keys = keys if keys is not None else tuple(squash(x) for x in trial_texts(t) if x)
            return all(any(w in k for k in keys) for w in words)
        return True


def filter_trials(trials: Iterable[TrialRegistration], flt: TrialFilter) -> list[TrialRegistration]:
    return [t for t in trials if flt.matches(t)]
