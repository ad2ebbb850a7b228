"""Registry files that are broken, hostile or absurd are refused whole, with the place and the reason,
and never with a traceback."""

from __future__ import annotations

import json

import pytest

from mscreg.services.exchange import trial_files
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.exchange.trial_files import read_trial_file


def study(nct: str = "NCT06431152", **status):
    return {"protocolSection": {
        "identificationModule": {"nctId": nct, "briefTitle": "MSC trial"},
        "statusModule": {"overallStatus": "RECRUITING", **status},
    }}


def refused(data: bytes, name: str = "f.json") -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_trial_file(data, name)
    for lang in ("en", "zh_CN"):
        text = caught.value.message(lang)
        assert name in text and "Traceback" not in text
    return caught.value


def codes(exc: ImportRefused) -> set[str]:
    return {i.problem.code for i in exc.issues}


@pytest.mark.parametrize(("data", "code"), [
    (b"{", "import.json_invalid"),
    (b'{"studies": [', "import.json_invalid"),
    (b"\xff\xfe{}", "import.json_encoding"),
    (b'{"studies": [{"x": NaN}]}', "import.json_invalid"),
    (b'{"studies": [{"x": -Infinity}]}', "import.json_invalid"),
    (b'{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "nctId": "NCT00000002"}}}',
     "import.json_duplicate_key"),
    (b'{"studies": [{"x": 1' + b"0" * 5000 + b"}]}", "import.json_number"),
    (b"[" * 100_000 + b"]" * 100_000, "import.json_too_deep"),
    (b"[1, 2]", "trials.file_shape"),
    (b'{"format": "mscreg-export", "products": []}', "trials.file_shape"),
    (b'{"studies": []}', "trials.no_studies"),
    (b'{"studies": [1, "x", null]}', "trials.study_shape"),
])
def test_broken_json_is_refused_by_what_is_wrong(data, code):
    assert code in codes(refused(data))


@pytest.mark.parametrize(("mutate", "field", "code"), [
    (lambda s: s["protocolSection"]["identificationModule"].pop("nctId"), "registry_id", "trials.field_missing"),
    (lambda s: s["protocolSection"]["identificationModule"].update(nctId=12345678), "registry_id",
     "trials.field_missing"),
    (lambda s: s["protocolSection"]["identificationModule"].update(nctId="NCT1234"), "registry_id",
     "trial.id_format"),
    (lambda s: s["protocolSection"]["identificationModule"].update(nctId="ChiCTR2000012345"), "registry_id",
     "trial.id_format"),
    (lambda s: s["protocolSection"]["identificationModule"].pop("briefTitle"), "title", "text.empty"),
    (lambda s: s["protocolSection"]["identificationModule"].update(briefTitle=["a"]), "title",
     "trials.wrong_text"),
    (lambda s: s["protocolSection"]["identificationModule"].update(briefTitle="x" * 5000), "title",
     "text.too_long"),
    (lambda s: s["protocolSection"]["statusModule"].update(overallStatus="Recruiting"), "status",
     "trials.wrong_choice"),
    (lambda s: s["protocolSection"]["statusModule"].update(startDateStruct="2024-05"), "start_date",
     "trials.wrong_date_struct"),
    (lambda s: s["protocolSection"]["statusModule"].update(startDateStruct={"date": "05/2024"}), "start_date",
     "date.format"),
    (lambda s: s["protocolSection"]["statusModule"].update(startDateStruct={"date": "2024-05", "type": "SOON"}),
     "start_date", "trials.wrong_choice"),
    (lambda s: s["protocolSection"]["statusModule"].update(completionDateStruct={"date": "9999-01"}),
     "completion", "date.year_range"),
    (lambda s: s["protocolSection"]["statusModule"].update(studyFirstSubmitDate=20240501), "first_submitted",
     "trials.wrong_date"),
    (lambda s: s["protocolSection"].update(designModule={"phases": "PHASE1"}), "phases", "trials.wrong_choices"),
    (lambda s: s["protocolSection"].update(designModule={"enrollmentInfo": {"count": -5}}), "enrolment",
     "trials.wrong_count"),
    (lambda s: s["protocolSection"].update(designModule={"enrollmentInfo": {"count": 10**12}}), "enrolment",
     "trials.wrong_count"),
    (lambda s: s["protocolSection"].update(designModule={"enrollmentInfo": {"count": True}}), "enrolment",
     "trials.wrong_count"),
    (lambda s: s["protocolSection"].update(designModule={"enrollmentInfo": {"count": 1.5}}), "enrolment",
     "trials.wrong_count"),
    (lambda s: s["protocolSection"].update(conditionsModule={"conditions": ["x"] * 1000}), "conditions",
     "trial.list_too_long"),
    (lambda s: s["protocolSection"].update(contactsLocationsModule={"locations": {"country": "China"}}),
     "countries", "trials.wrong_list"),
    (lambda s: s["protocolSection"].update(armsInterventionsModule={"interventions": [{"type": "DRUG"}]}),
     "interventions", "trials.wrong_interventions"),
    (lambda s: s.update(hasResults="yes"), "results_posted", "trials.wrong_flag"),
    (lambda s: s["protocolSection"]["identificationModule"].update(briefTitle="a\x00b"), "title", "text.control"),
])
def test_one_bad_field_refuses_the_file_naming_the_study_and_the_field(mutate, field, code):
    good, bad = study("NCT00000001"), study("NCT06431152")
    mutate(bad)
    exc = refused(json.dumps({"studies": [good, bad]}).encode())
    assert [(i.problem.field, i.problem.code) for i in exc.issues] == [(field, code)]
    assert exc.issues[0].sheet.startswith("studies[1]")


def test_the_same_study_twice_is_refused():
    exc = refused(json.dumps({"studies": [study(), study(" nct06431152 ")]}).encode())
    assert codes(exc) == {"trials.duplicate"}


def test_thousands_of_bad_studies_report_a_bounded_list():
    bad = [study(f"NCT{i:07d}") for i in range(5000)]  # 7 digits: every one malformed
    exc = refused(json.dumps({"studies": bad}).encode())
    assert len(exc.issues) == 100 and exc.issues.total == 5000
    assert "not listed" in exc.message("en") or "4900" in exc.message("en")


def test_absurd_sizes_are_refused_before_reading(monkeypatch):
    monkeypatch.setattr(trial_files, "MAX_TRIAL_FILE_BYTES", 1000)
    assert codes(refused(b"{" + b" " * 2000 + b"}")) == {"trials.too_large"}
    monkeypatch.setattr(trial_files, "MAX_TRIAL_FILE_BYTES", 10**9)
    monkeypatch.setattr(trial_files, "MAX_STUDIES", 3)
    assert codes(refused(json.dumps({"studies": [study()] * 4}).encode())) == {"trials.too_many"}
    header = b"NCT Number,Study Title\n"
    assert codes(refused(header + b"NCT00000001,t\n" * 4, "f.csv")) == {"trials.too_many"}


@pytest.mark.parametrize(("data", "code"), [
    (b"a,b\n1,2\n", "trials.layout_unknown"),
    (b"NCT Number,Phases\nNCT00000001,PHASE1\n", "trials.header_missing"),
    (b"NCT Number,Study Title,Study Title\nNCT00000001,a,b\n", "import.header_repeated"),
    (b"NCT Number,Study Title\n", "trials.no_studies"),
    (b"NCT Number,Study Title\nNCT00000001\n", "import.cells_count"),
    (b'NCT Number,Study Title\nNCT00000001,"unterminated\n', "import.csv_malformed"),
    (b"NCT Number,Study Title\n\x00\x01\x02,x\n", "import.binary"),
    (b"NCT Number,Study Title,Phases\nNCT00000001,t,PHASE9\n", "trials.wrong_choices"),
    (b"NCT Number,Study Title,Enrollment\nNCT00000001,t,-3\n", "trials.wrong_count"),
    (b"NCT Number,Study Title,Enrollment\nNCT00000001,t,99999999999\n", "trials.wrong_count"),
    (b"NCT Number,Study Title,Start Date\nNCT00000001,t,May 2024\n", "date.format"),
    (b"NCT Number,Study Title,Study Results\nNCT00000001,t,maybe\n", "trials.wrong_choice"),
    (b"NCT Number,Study Title\n,t\n", "trials.field_missing"),
])
def test_broken_csv_is_refused_by_what_is_wrong(data, code):
    assert code in codes(refused(data, "f.csv"))


def test_a_korean_legacy_file_is_not_read_as_chinese():
    data = "登记号,试验通俗题目\nCTR20230001,뉴로나타\n".encode("cp949", errors="ignore")
    exc = refused(data, "f.csv")
    assert codes(exc) & {"import.encoding_not_chinese", "import.encoding_invalid", "trials.layout_unknown"}
