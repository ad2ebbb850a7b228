"""The shipped data set as a regulatory-affairs reader meets it: written for them, findable by every name
the sources use, and right on the day it is read and on days in the past.

Each track's state is pinned on three days with the source that justifies it.  Rows marked
``UNDATED`` depend on an event whose date no source gives: the tracker counts such an event as known
from the start of the record, so on a day long before it really happened the state shown is the
tracker's, not a sourced fact.  They are pinned so that a change to that rule, or a date found later,
shows up here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from support import ROOT

from mscreg.services.deadlines import deadlines_of
from mscreg.services.product_search import SearchIndex
from mscreg.services.tracker import product_overviews
from mscreg.services.workspace import open_workspace

SEED = ROOT / "mscreg" / "data" / "seed.json"
TODAY = dt.date(2026, 12, 5)
PAST = (dt.date(2015, 1, 1), dt.date(2020, 6, 30))
DAYS = (*PAST, TODAY)
# days pinned for one track only, where a state once went wrong
EXTRA_DAYS = (dt.date(2022, 12, 31), dt.date(2024, 1, 1))

# What a reader must never meet: the research's file names and working vocabulary, design documents,
# issue numbers.  ("design" is matched as a word: "designation" is a regulatory term.)
FORBIDDEN = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"seed", r"\b[\w.\-]+\.(?:txt|md|csv|json)\b", r"pathways", r"\bdesign\b", r"s\.\s*\d+(?:\.\d+)?\s*#",
    r"\bcsv\b", r"\brows? \d+", r"\bissue\s*#?\s*\d+",
))


def _doc() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def _user_visible_texts(doc: dict):
    """(where, text) for every field the application shows or searches (``csv_row`` is bookkeeping)."""
    yield "description", doc["description"]
    for p in doc["products"]:
        for key in ("name", "name_zh", "inn", "company", "company_zh", "notes"):
            yield f"{p['name']}.{key}", p.get(key, "")
        for key in ("aliases", "company_aliases"):
            for alias in p.get(key, ()):
                yield f"{p['name']}.{key}", alias
        for t in p["tracks"]:
            where = f"{p['name']} / {t['jurisdiction']} / {t['pathway']}"
            yield f"{where}.indication", t["indication"]
            for e in t["events"]:
                at = f"{where} / {e['type']} {e['date']}"
                for key in ("agency", "reference", "source", "note"):
                    yield f"{at}.{key}", e.get(key, "")
                for key, value in (e.get("attributes") or {}).items():
                    yield f"{at}.attributes.{key}", value
            for n, o in enumerate(t.get("obligations", ()), 1):
                at = f"{where} / obligation {n}"
                for key in ("text_en", "text_zh", "owner", "source", "due", "due_rule"):
                    yield f"{at}.{key}", o.get(key) or ""
                for step in o.get("events", ()):
                    for key in ("source", "note"):
                        yield f"{at} / {step['type']} {step['date']}.{key}", step.get(key, "")
    for t in doc.get("trials", ()):
        at = f"trial {t['registry_id']}"
        for key in ("registry_id", "title", "title_zh", "official_title", "acronym", "organization",
                    "lead_sponsor"):
            yield f"{at}.{key}", t.get(key) or ""
        for key in ("countries", "conditions", "interventions", "sources"):
            for value in t.get(key) or ():
                yield f"{at}.{key}", value


def test_no_user_visible_field_names_a_file_the_research_or_a_design_document():
    found = [(where, pattern.pattern, text) for where, text in _user_visible_texts(_doc())
             for pattern in FORBIDDEN if pattern.search(text or "")]
    assert found == []


def test_the_scan_reads_the_trial_records():
    """The trials are scanned too: a file name in a trial's source would be found."""
    doc = _doc()
    doc["trials"][0]["sources"].append("seed:001_5f2c36781c274109.txt")
    found = {where for where, text in _user_visible_texts(doc) for p in FORBIDDEN if p.search(text or "")}
    assert found == {f"trial {doc['trials'][0]['registry_id']}.sources"}


def test_the_scan_catches_what_it_is_for():
    """The patterns above do find the texts the previous data set had."""
    bad = ["seed:003_92054d32b4f16358.txt section 2.1", "Seed 003 calls it 'Amimestrocel'",
           "(pathways.md s.4 #9)", "| agency: CSV 'KFDA (now MFDS)'", "see design.md", "pathways.md s.4 #5"]
    for text in bad:
        assert any(p.search(text) for p in FORBIDDEN), text
    for text in ("Orphan designation", "EMEA/H/C/004258", "https://www.yakuji.co.jp/entry126293.html"):
        assert not any(p.search(text) for p in FORBIDDEN), text


# ---- findable by every name the sources use ------------------------------------------------

@pytest.fixture(scope="module")
def shipped(seeded_template):
    with open_workspace(str(seeded_template)) as ws:
        return {day: product_overviews(ws, as_of=day) for day in (*DAYS, *EXTRA_DAYS)}


@pytest.mark.parametrize(("query", "product"), [
    ("艾米邁托賽", "Amimestrocel Injection"),          # traditional script, as written in Hong Kong and Taiwan
    ("艾米邁托賽注射液", "Amimestrocel Injection"),
    ("三生株式會社", "Akuugo"),                        # SanBio as the overview article renders it
    ("美迪波斯特", "Cartistem"),                       # Medipost
    ("安特羅金", "Cupistem"), ("安特罗金", "Cupistem"),  # Anterogen
    ("Anteogen", "Cupistem"),                           # the literature's misspelling
    ("JCR制藥", "Temcell HS Inj."), ("JCR制药", "Temcell HS Inj."),
    ("尼普羅", "Stemirac"), ("尼普罗", "Stemirac"),    # Nipro
    ("武田", "Alofisel"),                              # Takeda
    ("Ryocil", "Ryoncil"),                              # the literature's misspelling
])
def test_every_name_the_sources_use_finds_the_product(shipped, query, product):
    overviews = shipped[TODAY]
    index = SearchIndex.build([ov.product for ov in overviews]).with_pinyin()
    ids = index.matching(query) or set()
    assert sorted(ov.product.name for ov in overviews if ov.product.id in ids) == [product]


# ---- states, pinned with their sources --------------------------------------------------------

GONG_HAN = "Gong & Han 2025, Table 1"
UNDATED = "UNDATED"

# (product, jurisdiction, pathway, indication starts with, day, state, source)
PINS: tuple[tuple[str, str, str, str, dt.date, str, str], ...] = (
    ("Amimestrocel Injection", "CN", "marketing", "steroid", TODAY, "AUTHORISED_CONDITIONAL",
     f"NMPA 2025-01-02 (附条件批准); {GONG_HAN}"),
    ("Amimestrocel Injection", "CN", "marketing", "steroid", PAST[1], "MA_UNDER_REVIEW",
     f"{UNDATED}: acceptance with priority review, date not found"),
    ("Amimestrocel Injection", "CN", "marketing", "steroid", PAST[0], "MA_UNDER_REVIEW",
     f"{UNDATED}: acceptance with priority review, date not found"),
    ("AmCellGene UC-MSC", "CN", "clinical", "six", TODAY, "CT_AUTHORISED", "Gong & Han 2025, author note (默示许可)"),
    ("AmCellGene UC-MSC", "CN", "clinical", "six", PAST[1], "CT_AUTHORISED", f"{UNDATED}: implied permissions"),
    ("AmCellGene UC-MSC", "CN", "clinical", "six", PAST[0], "CT_AUTHORISED", f"{UNDATED}: implied permissions"),
    ("Ryoncil", "US", "clinical", "steroid", TODAY, "CT_AUTHORISED", "Fast Track held before 2019-05 (needs an IND)"),
    ("Ryoncil", "US", "clinical", "steroid", PAST[1], "CT_AUTHORISED", "Fast Track held before 2019-05 (needs an IND)"),
    ("Ryoncil", "US", "clinical", "steroid", PAST[0], "CT_AUTHORISED", f"{UNDATED}: IND inferred from Fast Track"),
    ("Ryoncil", "US", "marketing", "steroid", TODAY, "AUTHORISED_FULL", f"FDA approval 2024-12-18; {GONG_HAN}"),
    ("Ryoncil", "US", "marketing", "steroid", PAST[1], "MA_UNDER_REVIEW", "BLA accepted, priority review, 2020-04"),
    ("Ryoncil", "US", "marketing", "steroid", PAST[0], "PLANNED", "rolling BLA began 2019-05"),
    ("Prochymal", "CA", "marketing", "acute", TODAY, "AUTHORISED_CONDITIONAL",
     "Health Canada NOC/c list: NOC/c 2012-05-17, no 'conditions met' date"),
    ("Prochymal", "CA", "marketing", "acute", PAST[1], "AUTHORISED_CONDITIONAL", "Health Canada NOC/c list"),
    ("Prochymal", "CA", "marketing", "acute", PAST[0], "AUTHORISED_CONDITIONAL", "Health Canada NOC/c list"),
    ("Prochymal", "NZ", "marketing", "acute", TODAY, "TERM_ENDED",
     "NZ Gazette 2014-go3437: renewed two years from 2014-06-14; no later renewal found"),
    ("Prochymal", "NZ", "marketing", "acute", PAST[1], "TERM_ENDED", "NZ Gazette 2014-go3437"),
    ("Prochymal", "NZ", "marketing", "acute", PAST[0], "AUTHORISED_CONDITIONAL",
     "NZ Gazette 2014-go3437: consent valid 2014-06-14 to 2016-06-14"),
    ("Temcell HS Inj.", "JP", "marketing", "acute", TODAY, "AUTHORISED_FULL", f"MHLW approval 2015-09-18; {GONG_HAN}"),
    ("Temcell HS Inj.", "JP", "marketing", "acute", PAST[1], "AUTHORISED_FULL", "MHLW approval 2015-09-18"),
    ("Temcell HS Inj.", "JP", "marketing", "acute", PAST[0], "MA_UNDER_REVIEW", "application filed 2014-09"),
    ("Temcell HS Inj.", "JP", "marketing", "ulcers", TODAY, "MA_WITHDRAWN_BY_APPLICANT",
     "JCR: EB application withdrawn 2019-09-19"),
    ("Temcell HS Inj.", "JP", "marketing", "ulcers", PAST[1], "MA_WITHDRAWN_BY_APPLICANT", "withdrawn 2019-09-19"),
    ("Temcell HS Inj.", "JP", "marketing", "ulcers", PAST[0], "PLANNED", "orphan designation only in 2018-10"),
    ("Stemirac", "JP", "marketing", "neuro", TODAY, "CONVERSION_PENDING",
     "本承認申請 filed 2025-11-14 within the 7-year limit (yakuji, Mix)"),
    ("Stemirac", "JP", "marketing", "neuro", PAST[1], "AUTHORISED_TIME_LIMITED",
     f"conditional and time-limited approval 2018-12-28, 7 years; {GONG_HAN}"),
    ("Stemirac", "JP", "marketing", "neuro", PAST[0], "PLANNED", "filed 2018-06"),
    ("Akuugo", "JP", "marketing", "chronic", TODAY, "AUTHORISED_TIME_LIMITED",
     "SanBio 2024-07-31: 7 years, no shipment until a partial-change approval (MHLW approval not found)"),
    ("Akuugo", "JP", "marketing", "chronic", PAST[1], "PLANNED", "filed about 2022-03"),
    ("Akuugo", "JP", "marketing", "chronic", PAST[0], "PLANNED", "filed about 2022-03"),
    ("Alofisel", "EU", "marketing", "complex", TODAY, "WITHDRAWN", "EMA: withdrawn at the holder's request 2024-12-13"),
    ("Alofisel", "EU", "marketing", "complex", PAST[1], "AUTHORISED_FULL", "EC decision 2018-03-23"),
    ("Alofisel", "EU", "marketing", "complex", PAST[0], "PLANNED", "MAA submitted 2016 (Gong & Han 2025, section 2.1)"),
    # between the end of the first five-year term (2023-03-23) and the withdrawal: renewed, not "term ended"
    ("Alofisel", "EU", "marketing", "complex", EXTRA_DAYS[1], "AUTHORISED_FULL",
     "EMA: still valid when withdrawn 2024-12-13, so renewed (launch and renewal inferred)"),
    # after the three-year sunset date: placed on the market, so not lapsed
    ("Alofisel", "EU", "marketing", "complex", EXTRA_DAYS[0], "AUTHORISED_FULL",
     "EMA: still valid in 2024, so placed on the market within three years (inferred)"),
    ("Alofisel", "US", "clinical", "complex", TODAY, "CT_AUTHORISED", "RMAT 2019 during ADMIRE-CD II (needs an IND)"),
    ("Alofisel", "US", "clinical", "complex", PAST[1], "CT_AUTHORISED", "RMAT 2019 (needs an IND)"),
    ("Alofisel", "US", "clinical", "complex", PAST[0], "CT_AUTHORISED", f"{UNDATED}: IND inferred from RMAT"),
    ("Alofisel", "JP", "marketing", "complex", TODAY, "AUTHORISED_FULL",
     "Takeda 2021-09-27 (marketing reportedly stopped 2026-01: a commercial flag)"),
    ("Alofisel", "JP", "marketing", "complex", PAST[1], "PLANNED", "filed 2021-02"),
    ("Alofisel", "JP", "marketing", "complex", PAST[0], "PLANNED", "filed 2021-02"),
    ("Stempeucel", "EU", "marketing", "Buerger", TODAY, "PLANNED", "EU orphan designation 2015; no application found"),
    ("Stempeucel", "EU", "marketing", "Buerger", PAST[1], "PLANNED", "EU orphan designation 2015"),
    ("Stempeucel", "EU", "marketing", "Buerger", PAST[0], "PLANNED", "EU orphan designation 2015"),
    ("Stempeucel", "IN", "marketing", "critical", TODAY, "AUTHORISED_FULL",
     f"DCGI approval 2020-08 (Cipla); {GONG_HAN}"),
    ("Stempeucel", "IN", "marketing", "critical", PAST[1], "AUTHORISED_CONDITIONAL",
     "DCGI limited approval 2016-05 (Buerger's disease)"),
    ("Stempeucel", "IN", "marketing", "critical", PAST[0], "PLANNED", "limited approval 2016-05"),
    ("Stempeucel", "IN", "marketing", "knee", TODAY, "AUTHORISED_FULL", "DCGI approval announced 2022-09 (StemOne)"),
    ("Stempeucel", "IN", "marketing", "knee", PAST[1], "PLANNED", "approval announced 2022-09"),
    ("Stempeucel", "IN", "marketing", "knee", PAST[0], "PLANNED", "approval announced 2022-09"),
    ("Mesestrocell", "IR", "marketing", "osteo", TODAY, "AUTHORISED_FULL", f"{GONG_HAN} (Iran FDA/2018)"),
    ("Mesestrocell", "IR", "marketing", "osteo", PAST[1], "AUTHORISED_FULL", f"{GONG_HAN} (Iran FDA/2018)"),
    ("Mesestrocell", "IR", "marketing", "osteo", PAST[0], "PLANNED", f"{GONG_HAN} (Iran FDA/2018)"),
    ("Vartocell", "IR", "marketing", "spastic", TODAY, "AUTHORISED_FULL",
     "overview article, product table (2020; low)"),
    ("Vartocell", "IR", "marketing", "spastic", PAST[1], "AUTHORISED_FULL",
     "year precision: 2020 counts from 2020-01-01 (low confidence)"),
    ("Vartocell", "IR", "marketing", "spastic", PAST[0], "PLANNED", "overview article, product table (2020)"),
    ("NeuroNATA-R", "KR", "marketing", "amyo", TODAY, "CONVERSION_PENDING",
     "change application 2025-04-29 (medipana); MFDS decision not found"),
    ("NeuroNATA-R", "KR", "marketing", "amyo", PAST[1], "AUTHORISED_CONDITIONAL", f"MFDS 2014-07-31; {GONG_HAN}"),
    ("NeuroNATA-R", "KR", "marketing", "amyo", PAST[0], "AUTHORISED_CONDITIONAL", "MFDS 2014-07-31"),
    ("NeuroNATA-R", "US", "clinical", "amyo", TODAY, "CT_AUTHORISED", "RMAT requested 2020-09-14 (needs an IND)"),
    ("NeuroNATA-R", "US", "clinical", "amyo", PAST[1], "CT_AUTHORISED", f"{UNDATED}: IND inferred from RMAT request"),
    ("NeuroNATA-R", "US", "clinical", "amyo", PAST[0], "CT_AUTHORISED", f"{UNDATED}: IND inferred from RMAT request"),
    ("Cartistem", "US", "clinical", "knee", TODAY, "CT_AUTHORISED", "US phase 1/2a under IND from about 2011"),
    ("Cartistem", "US", "clinical", "knee", PAST[1], "CT_AUTHORISED", "IND from about 2011"),
    ("Cartistem", "US", "clinical", "knee", PAST[0], "CT_AUTHORISED", "IND from about 2011"),
    ("Cartistem", "KR", "marketing", "knee", TODAY, "AUTHORISED_FULL", f"KFDA 2012-01-19; {GONG_HAN}"),
    ("Cartistem", "KR", "marketing", "knee", PAST[1], "AUTHORISED_FULL", "KFDA 2012-01-19"),
    ("Cartistem", "KR", "marketing", "knee", PAST[0], "AUTHORISED_FULL", "KFDA 2012-01-19"),
    ("Cupistem", "KR", "marketing", "Crohn", TODAY, "AUTHORISED_FULL", f"KFDA 2012-01-19; {GONG_HAN}"),
    ("Cupistem", "KR", "marketing", "Crohn", PAST[1], "AUTHORISED_FULL", "KFDA 2012-01-19"),
    ("Cupistem", "KR", "marketing", "Crohn", PAST[0], "AUTHORISED_FULL", "KFDA 2012-01-19"),
    ("Hearticellgram-AMI", "KR", "marketing", "acute", TODAY, "AUTHORISED_FULL", f"KFDA 2011-07; {GONG_HAN}"),
    ("Hearticellgram-AMI", "KR", "marketing", "acute", PAST[1], "AUTHORISED_FULL", "KFDA 2011-07"),
    ("Hearticellgram-AMI", "KR", "marketing", "acute", PAST[0], "AUTHORISED_FULL", "KFDA 2011-07"),
)


def _states(overviews) -> dict[tuple[str, str, str, str], object]:
    return {(ov.product.name, tv.track.jurisdiction, tv.track.pathway.value, tv.track.indication): tv.status
            for ov in overviews for tv in ov.tracks}


def _find(states, product, jurisdiction, pathway, start):
    hits = [k for k in states if k[:3] == (product, jurisdiction, pathway) and k[3].startswith(start)]
    assert len(hits) == 1, (product, jurisdiction, pathway, start, hits)
    return hits[0]


def test_every_shipped_track_is_pinned_on_every_day(shipped):
    states = _states(shipped[TODAY])
    for day in DAYS:
        pinned = {_find(states, p, j, w, i) for p, j, w, i, d, _, _ in PINS if d == day}
        assert pinned == set(states), day


@pytest.mark.parametrize(("product", "jurisdiction", "pathway", "indication", "day", "state", "source"), PINS,
                         ids=[f"{p[0]}-{p[1]}-{p[3]}-{p[4]}" for p in PINS])
def test_state_on_the_day(shipped, product, jurisdiction, pathway, indication, day, state, source):
    states = _states(shipped[day])
    assert states[_find(states, product, jurisdiction, pathway, indication)].state.value == state, source


def test_flags_the_sources_support(shipped):
    states = _states(shipped[TODAY])
    akuugo = states[_find(states, "Akuugo", "JP", "marketing", "chronic")]
    assert "shipment_restricted" in akuugo.flags  # condition 1 of the 2024 approval; lifting not yet found
    assert "orphan" in states[_find(states, "Ryoncil", "US", "marketing", "steroid")].flags
    assert "fast_track" in states[_find(states, "Ryoncil", "US", "clinical", "steroid")].flags
    assert "orphan" in states[_find(states, "Alofisel", "EU", "marketing", "complex")].flags
    assert "rmat" in states[_find(states, "Alofisel", "US", "clinical", "complex")].flags


# ---- the MSC-exosome entries are trial registrations, not products ---------------------------------

# (registry, id, phases, status, registered, start, completion, enrolment, countries, source)
EXOSOME_TRIALS = (
    ("ctgov", "NCT05060107", "PHASE1", "UNKNOWN", "2021-09-14", "2021-10-05", None, 10, ("Chile",),
     "trials.co and CenterWatch listings; MSC-exosome review 2025"),
    ("ctgov", "NCT06431152", "EARLY_PHASE1", "", None, "2024-06-01", None, 12, ("Chile",),
     "convoke and medpath listings; registration date not found; status 'ongoing' has no registry code"),
    ("ctgov", "NCT06466850", "", "", "2024", None, None, None, (),
     "MSC-exosome review 2025 only; registry record not found"),
    ("ctgov", "NCT06812637", "PHASE1", "COMPLETED", "2025", "2024-04-06", "2024-09-02", 110, (),
     "meddatax listing (dates, 110, completed); registration year from the review; country not stated"),
    ("other", "MR-13-24-017929", "", "", "2023-02-11", None, None, None, ("China",),
     "Wang Y et al. 2025 (medicalresearch.org.cn, not ChiCTR)"),
)


@pytest.fixture(scope="module")
def shipped_trials(seeded_template):
    from mscreg.services.trial_records import list_trials

    with open_workspace(str(seeded_template)) as ws:
        return list_trials(ws)


def test_no_exosome_entry_is_a_product(shipped):
    names = [ov.product.name for ov in shipped[TODAY]]
    assert len(names) == 15
    assert [n for n in names if any(w in n.casefold() for w in ("exosome", "sev", "nct", "mr-"))] == []
    assert {ov.product.modality.value for ov in shipped[TODAY]} == {"cells", "gene_modified_cells"}


@pytest.mark.parametrize("pinned", EXOSOME_TRIALS, ids=[t[1] for t in EXOSOME_TRIALS])
def test_each_exosome_entry_is_a_trial_record(shipped_trials, pinned):
    registry, rid, phases, status, registered, start, completion, enrolment, countries, source = pinned
    by_id = {t.registry_id: t for t in shipped_trials}
    t = by_id[rid]
    assert t.registry.value == registry, source
    assert (t.phase_key, t.status_code) == (phases, status), source
    shown = [d.iso() if d else None for d in (t.first_submitted, t.start_date, t.completion)]
    assert shown == [registered, start, completion], source  # each at its own precision, no day added
    # every date the sources give happened: none is a plan
    assert all(d.kind.value == "actual" for d in (t.first_submitted, t.start_date, t.completion) if d)
    assert (t.enrolment.count if t.enrolment else None) == enrolment, source
    assert t.countries == countries, source
    assert t.title and t.title_zh and t.conditions and t.sources
    assert t.product_id is None and t.track_id is None  # no product in the data set is the one tested


def test_the_data_set_holds_exactly_the_exosome_trials(shipped_trials):
    assert sorted(t.registry_id for t in shipped_trials) == sorted(p[1] for p in EXOSOME_TRIALS)


def test_a_trial_is_found_by_the_name_its_product_entry_had(shipped_trials):
    from mscreg.services.trial_search import TrialFilter, filter_trials

    for query, rid in (("CelliStem OA-sEV", "NCT05060107"), ("ExoOA-1", "NCT05060107"),
                       ("Cellistem sEV-OA", "NCT06431152"), ("EXO-OA01", "NCT06431152"),
                       ("Wharton", "NCT06812637"), ("MR-13-24-017929", "MR-13-24-017929"),
                       ("Francisco Espinoza", "NCT05060107")):
        assert [t.registry_id for t in filter_trials(shipped_trials, TrialFilter(query))] == [rid], query


# ---- a fresh database passes its check, and the start-up bar raises nothing stale -------------

def test_a_fresh_database_passes_the_check(tmp_path):
    db = str(tmp_path / "fresh.sqlite")
    for args in (["init"], ["check"]):
        done = subprocess.run([sys.executable, "-m", "mscreg.cli", "--db", db, "--lang", "en", *args],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_start_up_bar_counts_nothing_older_than_the_reminder_horizon(shipped):
    """The bar counts open clocks that are overdue or fall due within the horizon (14 days by default);
    a term that ended with nothing recorded asks for a review and is not counted (Prochymal NZ)."""
    horizon = 14
    clocks = deadlines_of(shipped[TODAY], TODAY)
    counted = [d for d in clocks if d.clock.status.value in ("upcoming", "due-soon", "overdue") and not d.review
               and (d.clock.status.value == "overdue" or d.clock.due.latest < TODAY
                    or d.clock.days_left(TODAY) <= horizon)]
    stale = [(d.product.name, d.clock.rule.id, d.clock.due.latest.isoformat()) for d in counted
             if d.clock.due.latest < TODAY - dt.timedelta(days=horizon)]
    assert stale == []
    assert any(d.review and d.product.name == "Prochymal" for d in clocks)
