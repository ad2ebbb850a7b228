"""What the landscape counts are computed from: the products with their track logs and the trial
registrations, as known on a day, narrowed by the same kind of filters as the product list.

Read once (:func:`read_landscape`), then narrowed in memory (:meth:`LandscapeInputs.filtered`): the
landscape page re-filters on every keystroke and must redraw in well under 200 ms for 10,000 trials,
which a database read per filter change could not do.  The counts themselves are the pure functions of
:mod:`mscreg.domain.landscape`, so the page, the command line and the printed report show the same
numbers for the same filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.landscape import (
    CountTable,
    FigureComparison,
    approvals_by_year_country,
    cn_cta_accepted_by_year_tissue,
    cn_implied_permissions_by_year_tissue,
    compare_all,
    trials_by_condition,
    trials_by_country,
    trials_by_phase_status,
    trials_by_registration_year,
    trials_by_tissue,
)
from mscreg.domain.product import Tissue, name_key
from mscreg.domain.published_figure import PublishedFigure, shipped_figures
from mscreg.domain.state_as_of import known_events
from mscreg.domain.track import TrackLog
from mscreg.domain.trial import Registry, TrialRegistration
from mscreg.services.product_search import product_texts, squash
from mscreg.services.trial_search import trial_texts
from mscreg.services.workspace import Workspace

# Country names registries write that differ from the jurisdiction's own English name.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "KR": ("Korea, Republic of", "Republic of Korea", "Korea"),
    "IR": ("Iran, Islamic Republic of", "Iran"),
    "US": ("United States of America", "USA"),
    "GB": ("United Kingdom", "UK"),
    "TW": ("Taiwan", "Taiwan, Province of China"),
}


@dataclass(frozen=True)
class LandscapeFilter:
    """Narrows the landscape like the product list narrows products.

    ``text`` matches products by any name, alias, INN or company, and trials by identifier, title,
    sponsor, condition, intervention or country (or by the product they are linked to);
    ``jurisdiction`` keeps that country's tracks and the trials with a site there; ``tissue`` and
    ``donor_type`` keep products of that source and the trials linked to them; ``registry`` keeps
    trials of one registry (tracks are not touched by it)."""

    text: str = ""
    jurisdiction: str = ""
    tissue: str = ""
    donor_type: str = ""
    registry: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.jurisdiction or self.tissue or self.donor_type or self.registry)


@dataclass(frozen=True)
class LandscapeCounts:
    """Every computed table and every published figure beside its computed twin."""

    trials_by_phase_status: CountTable
    trials_by_year: CountTable
    trials_by_country: CountTable
    trials_by_condition: CountTable
    trials_by_tissue: CountTable
    cn_accepted: CountTable
    cn_permitted: CountTable
    approvals: CountTable
    comparisons: tuple[FigureComparison, ...]
    trials: int  # how many trials and tracks were counted (after the filter)
    tracks: int


@dataclass(frozen=True)
class LandscapeInputs:
    """Products' track logs and trial registrations as known on ``as_of``.

    ``trials`` come from the trial records (ClinicalTrials.gov, the China platform and other
    registries' entries held in the database); :func:`read_landscape` fills them through
    :func:`read_trials`."""

    as_of: dt.date
    logs: tuple[TrackLog, ...]
    trials: Sequence[TrialRegistration] = ()
    figures: tuple[PublishedFigure, ...] = field(default_factory=shipped_figures)
    database_name: str = ""
    filter: LandscapeFilter = LandscapeFilter()
    # search keys per trial and per product, squashed once: the text filter runs on every keystroke
    _trial_keys: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    _product_keys: dict[int, str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self._trial_keys is None:
            object.__setattr__(self, "_trial_keys", tuple(
                "\x00".join(squash(x) for x in trial_texts(t) if x) for t in self.trials))
        if self._product_keys is None:
            keys: dict[int, str] = {}
            for log in self.logs:
                p = log.product
                if p.id is not None and p.id not in keys:
                    keys[p.id] = "\x00".join(squash(x) for x in product_texts(p))
            object.__setattr__(self, "_product_keys", keys)

    @property
    def tissue_of(self) -> dict[int, Tissue]:
        return {log.product.id: log.product.source_tissue for log in self.logs if log.product.id is not None}

    def filtered(self, flt: LandscapeFilter) -> LandscapeInputs:
        """These inputs narrowed by ``flt``.  Narrow the inputs as read each time (as the page does): a result
        narrowed again keeps only what both filters let through."""
        words = [w for w in (squash(x) for x in flt.text.split()) if w]
        products = {log.product.id: log.product for log in self.logs if log.product.id is not None}
        keys = self._product_keys or {}
        wanted_products = {
            pid for pid, p in products.items()
            if (not flt.tissue or p.source_tissue.value == flt.tissue)
            and (not flt.donor_type or p.donor_type.value == flt.donor_type)
            and all(w in keys.get(pid, "") for w in words)}
        logs = tuple(log for log in self.logs if log.product.id in wanted_products
                     and (not flt.jurisdiction or log.track.jurisdiction == flt.jurisdiction))
        countries = _country_keys(flt.jurisdiction) if flt.jurisdiction else None
        track_ids = {log.track.id for log in self.logs if log.track.jurisdiction == flt.jurisdiction} \
            if flt.jurisdiction else set()
        by_product = bool(flt.tissue or flt.donor_type)
        text_products = {pid for pid in products if words and all(w in keys.get(pid, "") for w in words)}
        trials, trial_keys = [], []
        for t, key in zip(self.trials, self._trial_keys or (), strict=True):
            if flt.registry and t.registry.value != flt.registry:
                continue
            if by_product and t.product_id not in wanted_products:
                continue
            if countries is not None and t.track_id not in track_ids and not any(
                    name_key(c) in countries for c in t.countries):
                continue
            if words and t.product_id not in text_products and not all(w in key for w in words):
                continue
            trials.append(t)
            trial_keys.append(key)
        return replace(self, logs=logs, trials=tuple(trials), filter=flt, _trial_keys=tuple(trial_keys),
                       _product_keys=keys)

    def counts(self) -> LandscapeCounts:
        logs, trials = list(self.logs), list(self.trials)
        return LandscapeCounts(
            trials_by_phase_status=trials_by_phase_status(trials),
            trials_by_year=trials_by_registration_year(trials),
            trials_by_country=trials_by_country(trials),
            trials_by_condition=trials_by_condition(trials),
            trials_by_tissue=trials_by_tissue(trials, self.tissue_of),
            cn_accepted=cn_cta_accepted_by_year_tissue(logs),
            cn_permitted=cn_implied_permissions_by_year_tissue(logs),
            approvals=approvals_by_year_country(logs),
            comparisons=compare_all(self.figures, trials, logs),
            trials=len(trials), tracks=len(logs))


def jurisdiction_of_country(name: str) -> str | None:
    """The jurisdiction a registry's country stands for ("Chile", "中国", "Korea, Republic of", "US"), or
    None for a country the jurisdiction list does not hold."""
    if not _COUNTRY_CODES:
        _COUNTRY_CODES.update({key: code for code in JURISDICTIONS for key in _country_keys(code)})
    return _COUNTRY_CODES.get(name_key(name))


_COUNTRY_CODES: dict[str, str] = {}


def _country_keys(code: str) -> set[str]:
    j = JURISDICTIONS.get(code)
    names = [code, *(_COUNTRY_ALIASES.get(code, ()))]
    if j is not None:
        names += [j.name("en"), j.name("zh_CN")]
    return {name_key(n) for n in names}


def read_trials(ws: Workspace) -> tuple[TrialRegistration, ...]:
    """The trial registrations held in the database, for the landscape counts: the one place the
    landscape takes its trials from."""
    from mscreg.services.trial_records import list_trials

    return tuple(list_trials(ws))


def read_landscape(ws: Workspace, as_of: dt.date | None = None,
                   filters: LandscapeFilter | None = None) -> LandscapeInputs:
    """Products' track logs and the trial registrations as known on ``as_of`` (today): events dated
    later and planned events are not counted, nor trials first submitted later."""
    from mscreg.services.tracker import product_overviews

    day = as_of or dt.date.today()
    logs = []
    for ov in product_overviews(ws, as_of=day):
        for tv in ov.tracks:
            logs.append(TrackLog(ov.product, tv.track, tuple(known_events(tv.events, day))))
    trials = tuple(t for t in read_trials(ws)
                   if t.first_submitted is None or t.first_submitted.date.earliest <= day)
    inputs = LandscapeInputs(day, tuple(logs), trials, database_name=ws.name)
    return inputs.filtered(filters) if filters is not None and not filters.is_empty else inputs


REGISTRIES = tuple(r.value for r in Registry)
