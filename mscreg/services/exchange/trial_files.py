"""Reading registries' downloads into trial registrations: ClinicalTrials.gov's API v2 JSON (one study or
``{"studies": [...]}``) and CSV download, and the China platform's exported list.

The whole file is checked before anything is handed on, and one bad study refuses the file, every
problem listed with its study and field: an import that took 9 studies of 10 would leave the user to
find the missing one.  What each layout holds, and where, is :mod:`.trial_layouts`; this module only
walks files and reports.

Pure: bytes in, values out.  Storing, planning and auditing are the caller's.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from mscreg.domain.errors import InvalidInput, Problem
from mscreg.domain.trial import TrialRegistration
from mscreg.services.exchange.records import MAX_IMPORT_ROWS, ImportRefused, Issue, IssueList, file_issue
from mscreg.services.exchange.text_encoding import EncodingRefused, decode
from mscreg.services.exchange.trial_layouts import LAYOUTS, REQUIRED_COLUMNS, Layout, Rule, Wrong

# A full ClinicalTrials.gov record with results runs to ~100 KB; 10,000 of them fit.  Beyond this the
# parsed document alone would take gigabytes.
MAX_TRIAL_FILE_BYTES = 1024 * 1024 * 1024
MAX_STUDIES = MAX_IMPORT_ROWS
_MAX_DIGITS = 20


@dataclass(frozen=True)
class ParsedTrial:
    """A registration read from a file, with the fields the file gives (absent ones keep what is held)
    and where in the file it was (``studies[3]`` or ``row 4``)."""

    trial: TrialRegistration
    given: frozenset[str]
    where: str


@dataclass(frozen=True)
class TrialFile:
    layout: str
    trials: tuple[ParsedTrial, ...]
    encoding: str


class _TooLong(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _TooLong(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > 64:
        raise _TooLong(text)
    return float(text)


class _NotJson(ValueError):
    """NaN and Infinity: Python reads them, JSON (RFC 8259) has no such values."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


class _Repeated(ValueError):
    """A key twice in one object: ``json`` would keep the last value silently (a second ``nctId`` or
    ``overallStatus`` would change which trial or which status is recorded)."""


def repeated_keys(pairs: list[tuple[str, Any]]) -> list[str]:
    """The keys of a JSON object that appear again after their first time, in the order they do."""
    seen: set[str] = set()
    again: list[str] = []
    for k, _ in pairs:
        if k in seen:
            again.append(k)
        else:
            seen.add(k)
    return again


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Repeated(repeated_keys(pairs)[0])
    return obj


def looks_like_trial_file(head: bytes) -> bool:
    """Whether the first bytes of a file (4 KB is plenty) are a registry's download rather than an mscreg
    export: how ``mscreg import`` can route a file without asking.  A guess to route by, never a check:
    :func:`read_trial_file` checks everything."""
    text = head[:4096].decode("utf-8", errors="ignore")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] == "{":
        return '"protocolSection"' in text or ('"studies"' in text and '"format"' not in text)
    first_line = stripped.split("\n", 1)[0]
    return any(lay.container == "csv" and lay.id_source[0] in first_line for lay in LAYOUTS.values())


def read_trial_file(data: bytes, file: str, *, encoding: str | None = None) -> TrialFile:
    """Every registration in ``data``, or :class:`ImportRefused` listing every problem found."""
    if len(data) > MAX_TRIAL_FILE_BYTES:
        raise ImportRefused([file_issue(file, "trials.too_large", len(data), limit=MAX_TRIAL_FILE_BYTES)])
    suffix = file.rsplit(".", 1)[-1].lower() if "." in file else ""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == "json" or (suffix != "csv" and head[:1] in (b"{", b"[")):
        return _read_json(data, file)
    return _read_csv(data, file, encoding)


# ----- JSON ------------------------------------------------------------------------------------------
def _read_json(data: bytes, file: str) -> TrialFile:
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_int=_int, parse_float=_float, parse_constant=_constant,
                         object_pairs_hook=_pairs)
    except UnicodeDecodeError as exc:
        raise ImportRefused([file_issue(file, "import.json_encoding", f"byte {exc.start}")]) from None
    except json.JSONDecodeError as exc:
        raise ImportRefused([file_issue(file, "import.json_invalid", f"line {exc.lineno}, column {exc.colno}",
                                        detail=exc.msg)]) from None
    except _TooLong as exc:
        raise ImportRefused([file_issue(file, "import.json_number", str(exc)[:24] + "…",
                                        length=len(str(exc)))]) from None
    except _NotJson as exc:
        raise ImportRefused([file_issue(file, "import.json_invalid", str(exc), detail="not a JSON value")]) from None
    except _Repeated as exc:
        raise ImportRefused([file_issue(file, "import.json_duplicate_key", str(exc)[:60], field_name="key")]) from None
    except RecursionError:
        raise ImportRefused([file_issue(file, "import.json_too_deep")]) from None
    if isinstance(doc, dict) and isinstance(doc.get("studies"), list):
        studies: list[Any] = doc["studies"]
        places = [f"studies[{i}]" for i in range(len(studies))]
    elif isinstance(doc, dict) and "protocolSection" in doc:
        studies, places = [doc], ["study"]
    else:
        raise ImportRefused([file_issue(file, "trials.file_shape", type(doc).__name__, column="$")])
    if not studies:
        raise ImportRefused([file_issue(file, "trials.no_studies")])
    if len(studies) > MAX_STUDIES:
        raise ImportRefused([file_issue(file, "trials.too_many", len(studies), limit=MAX_STUDIES)])
    layout = LAYOUTS["ctgov_json"]
    issues = IssueList()
    out = []
    for study, where in zip(studies, places, strict=True):
        if not isinstance(study, dict):
            issues.append(file_issue(file, "trials.study_shape", type(study).__name__, sheet=where, column="$",
                                     field_name="study"))
            continue
        parsed = _study(layout, study, where, file, issues)
        if parsed is not None:
            out.append(parsed)
    return _finish(layout, out, issues, file, "UTF-8")


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    cur = obj
    for i, step in enumerate(path):
        if cur is None:
            return None
        if step == "[]":
            if cur.__class__ is not list:
                raise Wrong("list")
            rest = path[i + 1:]
            return [_get(item, rest) for item in cur]
        if cur.__class__ is not dict:
            raise Wrong("object")
        cur = cur.get(step)
    return cur


def _present(obj: Any, path: tuple[str, ...]) -> bool:
    cur = obj
    for step in path:
        if cur.__class__ is not dict or step not in cur:
            return False
        cur = cur[step]
    return True


def _shown(raw: Any) -> str:
    try:
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(raw)
    return text if len(text) <= 60 else text[:60] + "…"


def _study(layout: Layout, study: dict[str, Any], where: str, file: str, issues: IssueList) -> ParsedTrial | None:
    id_path = ".".join(layout.id_source)
    try:
        raw_id = _get(study, layout.id_source)
    except Wrong:
        raw_id = None
    if raw_id.__class__ is not str or not raw_id.strip():
        issues.append(file_issue(file, "trials.field_missing", where, sheet=where, column=id_path,
                                 field_name="registry_id", name=id_path))
        return None
    label = f"{where} ({raw_id.strip()[:40]})"
    fields: dict[str, Any] = {}
    given = []
    ok = True
    for rule in layout.rules:
        if not _present(study, rule.source[:rule.scope]):
            continue
        given.append(rule.field)
        ok &= _convert(rule, lambda r=rule: _get(study, r.source), fields, raw_id, label, 0, file, issues)
    if not ok:
        return None
    return _build(layout, raw_id, fields, given, label, 0, file, issues, id_path)


def _convert(rule: Rule, fetch: Any, fields: dict[str, Any], raw_id: str, where: str, row: int, file: str,
             issues: IssueList) -> bool:
    path = rule.label
    raw: Any = None
    try:
        raw = fetch()
        fields[rule.field] = rule.read(raw)
        return True
    except Wrong as exc:
        issues.append(Issue(file, where, row, path, Problem(rule.field, _shown(raw), f"trials.wrong_{exc.kind}",
                                                          {"found": raw_id, "name": path, "valid": exc.valid})))
    except InvalidInput as exc:
        p = exc.problems[0]
        issues.append(Issue(file, where, row, path, Problem(rule.field, p.value, p.code, p.params)))
    return False


def _build(layout: Layout, raw_id: str, fields: dict[str, Any], given: list[str], where: str, row: int,
           file: str, issues: IssueList, id_path: str) -> ParsedTrial | None:
    fields.setdefault("title", "")
    try:
        trial = TrialRegistration(layout.registry, raw_id, **fields)
    except InvalidInput as exc:
        p = exc.problems[0]
        rule = next((r for r in layout.rules if r.field == p.field), None)
        column = id_path if p.field == "registry_id" else ".".join(rule.source) if rule else p.field
        issues.append(Issue(file, "" if row else where, row, column, p))
        return None
    return ParsedTrial(trial, frozenset(given), where)


def _finish(layout: Layout, out: list[ParsedTrial], issues: IssueList, file: str, encoding: str) -> TrialFile:
    seen: dict[tuple[str, str], str] = {}
    for p in out:
        key = (p.trial.registry.value, p.trial.registry_id)
        if key in seen:
            issues.append(file_issue(file, "trials.duplicate", p.trial.registry_id, sheet=p.where,
                                     field_name="registry_id", found=seen[key]))
        else:
            seen[key] = p.where
    if issues:
        raise ImportRefused(issues.ordered())
    return TrialFile(layout.name, tuple(out), encoding)


# ----- CSV -------------------------------------------------------------------------------------------
def _read_csv(data: bytes, file: str, encoding: str | None) -> TrialFile:
    try:
        decoded = decode(data, encoding)
    except EncodingRefused as exc:
        raise ImportRefused([file_issue(file, exc.code, exc.value, field_name=exc.field, **exc.params)]) from None
    reader = csv.reader(io.StringIO(decoded.text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_STUDIES:
                raise ImportRefused([file_issue(file, "trials.too_many", f"> {MAX_STUDIES}", limit=MAX_STUDIES)])
    except csv.Error as exc:
        raise ImportRefused([file_issue(file, "import.csv_malformed", detail=str(exc))]) from None
    layout = next((lay for lay in LAYOUTS.values() if lay.container == "csv" and lay.id_source[0] in header), None)
    if layout is None:
        csv_layouts = [lay for lay in LAYOUTS.values() if lay.container == "csv"]
        raise ImportRefused([file_issue(file, "trials.layout_unknown", ", ".join(header[:6])[:80],
                                        field_name="header",
                                        valid="; ".join(f"{lay.name} ({lay.id_source[0]})" for lay in csv_layouts))])
    issues = IssueList()
    for name in REQUIRED_COLUMNS[layout.name]:
        if name not in header:
            issues.append(file_issue(file, "trials.header_missing", name, field_name="header", name=layout.name,
                                     found=", ".join(header)[:200]))
    repeated = sorted({h for h in header if header.count(h) > 1 and h})
    for name in repeated:
        issues.append(file_issue(file, "import.header_repeated", name, field_name="header"))
    if issues:
        raise ImportRefused(issues)
    if not [r for r in rows if any(c.strip() for c in r)]:
        raise ImportRefused([file_issue(file, "trials.no_studies")])
    index = {h: i for i, h in enumerate(header)}
    id_col = index[layout.id_source[0]]
    out = []
    for n, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        where = f"row {n}"
        if len(row) != len(header):
            issues.append(Issue(file, "", n, "", Problem(where, str(len(row)), "import.cells_count",
                                                         {"expected": len(header)})))
            continue
        raw_id = row[id_col].strip()
        if not raw_id:
            issues.append(Issue(file, "", n, layout.id_source[0], Problem("registry_id", where,
                                                                          "trials.field_missing",
                                                                          {"name": layout.id_source[0]})))
            continue
        fields: dict[str, Any] = {}
        given = []
        ok = True
        label = f"{where} ({raw_id[:40]})"
        for rule in layout.rules:
            col = index.get(rule.source[0])
            if col is None:
                continue
            given.append(rule.field)
            ok &= _convert(rule, lambda c=col, r=row: r[c], fields, raw_id, "", n, file, issues)
        if ok:
            parsed = _build(layout, raw_id, fields, given, label, n, file, issues, layout.id_source[0])
            if parsed is not None:
                out.append(parsed)
    return _finish(layout, out, issues, file, decoded.encoding)
