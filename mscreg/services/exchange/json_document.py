"""JSON: the whole database as one versioned document, nested like the shipped seed file.

``format`` = ``"mscreg-export"``, ``format_version`` = 1 (the layout; raised when a field changes
meaning), ``schema_version`` = the database's Alembic revision.  Products hold their tracks, tracks
their events, in id order, so a document re-imported into an empty database exports identically.
No timestamp is written: the same content gives the same bytes, which keeps exports diffable.
The seed file (``mscreg-seed``) has the same shape and imports the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mscreg.domain.errors import Problem
from mscreg.domain.trial import TrialRegistration
from mscreg.services.exchange.database_content import Content
from mscreg.services.exchange.export_rows import dated
from mscreg.services.exchange.holder_exchange import TRANSFER_FIELDS, TransferIn, transfer_object
from mscreg.services.exchange.records import (
    EventIn,
    ImportCancelled,
    ObligationIn,
    Origin,
    ProductIn,
    ReadResult,
    TrackIn,
    TrialIn,
    TrialTrack,
    file_issue,
)
from mscreg.services.exchange.table_layout import EVENT_FIELDS, OBLIGATION_FIELDS, PRODUCT_FIELDS
from mscreg.services.exchange.trial_files import repeated_keys
from mscreg.services.exchange.trial_json import trial_from_json, trial_to_json
from mscreg.services.exchange.trial_table import track_json
from mscreg.services.exchange.verification_exchange import VERIFICATION_FIELDS, VerificationIn, verification_object

FORMAT = "mscreg-export"
AUDIT_FORMAT = "mscreg-audit"
FORMAT_VERSION = 1
ACCEPTED = {FORMAT: FORMAT_VERSION, "mscreg-seed": 1}


def document(content: Content, schema_version: str, app_version: str) -> dict[str, Any]:
    products = []
    for p in content.products:
        tracks = []
        for t in content.tracks.get(p.id or 0, []):
            events = []
            for e in content.events.get(t.id or 0, []):
                d = e.date
                events.append({
                    "type": e.type, "date": d.iso() if d else None, "date_precision": d.precision.value if d else None,
                    "approximate": bool(d and d.approximate), "agency": e.agency, "reference": e.reference,
                    "source": e.source, "confidence": e.confidence.value, "note": e.note, "note_zh": e.note_zh,
                    "attributes": dict(sorted(e.attributes.items())), "planned": e.planned,
                })
            track = {"jurisdiction": t.jurisdiction, "indication": t.indication,
                     "indication_zh": t.indication_zh, "pathway": t.pathway.value, "events": events}
            owed = _obligations(content, t.id or 0)
            if owed:  # a track with none has no key, so a file made before obligations reads the same
                track["obligations"] = owed
            checked = content.verifications.get(t.id or 0)
            if checked:  # likewise: a track never verified has no key
                track["verifications"] = [verification_object(v) for v in checked]
            tracks.append(track)
        products.append({
            "name": p.name, "name_zh": p.name_zh, "inn": p.inn, "aliases": list(p.aliases), "company": p.company,
            "company_zh": p.company_zh, "company_aliases": list(p.company_aliases),
            "source_tissue": p.source_tissue.value, "donor_type": p.donor_type.value, "modality": p.modality.value,
            "notes": p.notes, "notes_zh": p.notes_zh, "tracks": tracks,
            **({"holders": [transfer_object(h) for h in content.transfers[p.id or 0]]}
               if content.transfers.get(p.id or 0) else {}),
        })
    counts = {"products": len(content.products), "tracks": content.track_count(), "events": content.event_count()}
    out: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": schema_version,
                           "app_version": app_version, "counts": counts, "products": products}
    if content.trials:  # written only when there are some, so a database without trials exports as before
        names = {p.id: p.name for p in content.products}
        counts["trials"] = len(content.trials)
        out["trials"] = [_trial(t, names.get(t.product_id) if t.product_id else None, content)
                         for t in content.trials]
    return out


def _trial(t: TrialRegistration, product: str | None, content: Content) -> dict[str, Any]:
    """A trial as :func:`trial_to_json` writes it, and the track it is linked to (by its key within the
    product) when it is linked to one; left out otherwise, so documents of unlinked trials read as before."""
    out = trial_to_json(t, product)
    track = track_json(t, content)
    if track is not None:
        out["track"] = track
    return out


def _obligations(content: Content, track_id: int) -> list[dict[str, Any]]:
    by_id = {e.id: e for e in content.events.get(track_id, [])}
    out = []
    for o in content.obligations.get(track_id, []):
        auth = by_id.get(o.authorisation_event_id)
        out.append({
            "authorisation": auth.type if auth else None,
            "authorisation_date": auth.date.iso() if auth and auth.date else None,
            "kind": o.kind.value, "text_en": o.text_en, "text_zh": o.text_zh, "due": dated(o.due) or None,
            "due_rule": o.due_rule.text() if o.due_rule else None, "owner": o.owner, "source": o.source,
            "events": [{"type": e.type.value, "date": dated(e.date), "new_due": dated(e.new_due) or None,
                        "source": e.source, "note": e.note}
                       for e in content.obligation_events.get(o.id or 0, [])],
        })
    return out


class _TooLong(ValueError):
    """A number with more digits than any field holds (Python refuses over 4,300 with a ValueError)."""

    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


class _Duplicated(dict[str, Any]):
    """An object in which a key appeared twice (``json`` would silently keep the last value)."""

    repeated: list[str]


_MAX_DIGITS = 20  # the longest number mscreg writes is an id or a count


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _TooLong(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > 64:  # 1e-999999 and friends: never a value of ours, and slow to convert
        raise _TooLong(text)
    return float(text)


class _NotJson(ValueError):
    """NaN, Infinity and -Infinity: Python's json reads them, but they are not JSON (RFC 8259)."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


def _pairs_hook(repeated: list[bool]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """Objects as dicts; one with a repeated key is marked (and ``repeated`` set) to be reported."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        dup = _Duplicated(obj)
        dup.repeated = list(dict.fromkeys(repeated_keys(pairs)))
        repeated.append(True)
        return dup

    return hook


# A lone surrogate can only come from a \uD800-\uDFFF escape: raw surrogate bytes are not UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _hazards(doc: Any, file: str, result: ReadResult, *, surrogates: bool) -> None:
    """Report repeated keys and texts with lone surrogates, each with its place in the document.

    Walked with a stack, not recursion: the document may nest as deeply as the parser allowed."""
    stack: list[tuple[Any, str]] = [(doc, "$")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            for k in getattr(value, "repeated", ()):
                result.issues.append(file_issue(file, "import.json_duplicate_key", k, sheet=where, column=k,
                                                field_name="key"))
            for k, v in value.items():
                if surrogates and _SURROGATE.search(k):
                    result.issues.append(file_issue(file, "import.text_surrogate", ascii(k)[1:-1][:60],
                                                    sheet=where, column="key", field_name="key"))
                stack.append((v, f"{where}.{k}" if where != "$" else k))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
        elif surrogates and isinstance(value, str) and _SURROGATE.search(value):
            name = where.rsplit(".", 1)[-1].split("[", 1)[0]
            result.issues.append(file_issue(file, "import.text_surrogate", ascii(value)[1:-1][:60],
                                            sheet=where.rsplit(".", 1)[0], column=name, field_name=name))


def read_document(data: bytes, file: str, cancelled: Callable[[], bool] = lambda: False) -> ReadResult:
    result = ReadResult(encoding="UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.issues.append(file_issue(file, "import.json_encoding", f"byte {exc.start}"))
        return result
    try:
        repeated: list[bool] = []
        doc = json.loads(text, object_pairs_hook=_pairs_hook(repeated), parse_int=_int, parse_float=_float,
                         parse_constant=_constant)
    except json.JSONDecodeError as exc:
        result.issues.append(file_issue(file, "import.json_invalid", f"line {exc.lineno}, column {exc.colno}",
                                        detail=exc.msg))
        return result
    except _NotJson as exc:
        result.issues.append(file_issue(file, "import.json_invalid", str(exc), detail="not a JSON value"))
        return result
    except _TooLong as exc:
        result.issues.append(file_issue(file, "import.json_number", exc.digits[:24] + "…", length=len(exc.digits)))
        return result
    except RecursionError:
        result.issues.append(file_issue(file, "import.json_too_deep"))
        return result
    surrogates = bool(_SURROGATE_ESCAPE.search(text))
    del text
    if surrogates or repeated:
        _hazards(doc, file, result, surrogates=surrogates)
        if result.issues:
            return result
    if not isinstance(doc, dict):
        result.issues.append(file_issue(file, "import.json_shape", type(doc).__name__, column="$",
                                        expected="an object"))
        return result
    if doc.get("format") == AUDIT_FORMAT:
        result.issues.append(file_issue(file, "import.audit_file"))
        return result
    fmt, version = doc.get("format"), doc.get("format_version")
    # ``type(...) is int``: true and false are ints to Python, but no version of the format.
    if fmt not in ACCEPTED or type(version) is not int or not 1 <= version <= ACCEPTED[fmt]:
        result.issues.append(file_issue(file, "import.json_format", f"{fmt} {version}", column="format",
                                        expected=f"{FORMAT} {FORMAT_VERSION}"))
        return result
    products = doc.get("products")
    if not isinstance(products, list):
        result.issues.append(file_issue(file, "import.json_shape", type(products).__name__, column="products",
                                        expected="a list"))
        return result
    n = 0
    for i, p in enumerate(products):
        where = f"products[{i}]"
        if not _is_obj(p, where, file, result, _PRODUCT_KINDS):
            continue
        name = str(p.get("name") or "").strip()
        result.products.append(ProductIn(name, {k: p[k] for k in PRODUCT_FIELDS if k in p and k != "name"},
                                         Origin(file, where, 0)))
        _holders(p, where, name, file, result)
        tracks = p.get("tracks", [])
        if not isinstance(tracks, list):
            result.issues.append(file_issue(file, "import.json_shape", type(tracks).__name__, sheet=where,
                                            column="tracks", expected="a list"))
            continue
        for j, t in enumerate(tracks):
            twhere = f"{where}.tracks[{j}]"
            if not _is_obj(t, twhere, file, result, _TRACK_KINDS):
                continue
            jurisdiction, indication, pathway = (str(t.get(k) or "").strip()
                                                 for k in ("jurisdiction", "indication", "pathway"))
            key = (jurisdiction, indication, pathway)
            zh = t.get("indication_zh")
            result.tracks.append(TrackIn(name, *key, Origin(file, twhere, 0),
                                         None if "indication_zh" not in t else str(zh or "")))
            _read_obligations(t.get("obligations", []), name, key, twhere, file, result)
            _verifications(t.get("verifications", []), name, key, twhere, file, result)
            events = t.get("events", [])
            if not isinstance(events, list):
                result.issues.append(file_issue(file, "import.json_shape", type(events).__name__, sheet=twhere,
                                                column="events", expected="a list"))
                continue
            for k, e in enumerate(events):
                ewhere = f"{twhere}.events[{k}]"
                if not _is_obj(e, ewhere, file, result, _SEED_EVENT_KINDS if fmt == "mscreg-seed" else _EVENT_KINDS):
                    continue
                fields = {f: ("" if e[f] is None else e[f]) for f in EVENT_FIELDS if f in e}
                result.events.append(EventIn(name, *key, fields, Origin(file, ewhere, 0)))
                n += 1
                if n % 2000 == 0 and cancelled():
                    raise ImportCancelled()
    result.rows = n
    _read_trials(doc.get("trials"), file, result)
    return result


def _read_trials(trials: Any, file: str, result: ReadResult) -> None:
    """The document's ``trials`` array (absent: none), each read by :func:`trial_from_json`; a bad one is
    an issue naming its place and field."""
    from mscreg.domain.errors import InvalidInput
    from mscreg.domain.trial import REGISTRY_FIELDS
    from mscreg.services.exchange.records import Issue
    from mscreg.services.exchange.trial_files import ParsedTrial

    if trials is None:
        return
    if not isinstance(trials, list):
        result.issues.append(file_issue(file, "import.json_shape", type(trials).__name__, column="trials",
                                        expected="a list"))
        return
    given = frozenset(REGISTRY_FIELDS)
    seen: set[tuple[str, str]] = set()
    for i, obj in enumerate(trials):
        where = f"trials[{i}]"
        try:
            trial, product = trial_from_json(obj)
        except InvalidInput as exc:
            p = exc.problems[0]
            result.issues.append(Issue(file, where, 0, p.field, p))
            continue
        if (trial.registry.value, trial.registry_id) in seen:
            result.issues.append(file_issue(file, "trials.duplicate", trial.registry_id, sheet=where,
                                            field_name="registry_id", found=trial.registry_id))
            continue
        seen.add((trial.registry.value, trial.registry_id))
        track = obj.get("track") if isinstance(obj, dict) else None
        link: TrialTrack | None = None
        if track is not None:
            parts = [track.get(k) if isinstance(track, dict) else None for k in ("jurisdiction", "indication",
                                                                                  "pathway")]
            if product is None or not all(isinstance(v, str) and v.strip() for v in parts):
                code = "trials.track_needs_product" if product is None else "trials.track_incomplete"
                result.issues.append(Issue(file, where, 0, "track", Problem("track", str(track), code)))
                continue
            link = (str(parts[0]).strip(), str(parts[1]).strip(), str(parts[2]).strip())
        result.trials.append(TrialIn(ParsedTrial(trial, given, where), product, link))


# What each key may hold: "text" a string or null, "list" a list of strings (or one string, an item
# per line), "flag" true/false (or its text), "map" an object of strings (or KEY=VALUE lines); "any" is
# read elsewhere.  Required keys are the natural key: without them a record cannot be matched, while
# any other key may be left out and then keeps the recorded value.
_TEXT, _LIST, _FLAG, _MAP, _ANY = "text", "list", "flag", "map", "any"
_PRODUCT_KINDS = {"name": _TEXT, "name_zh": _TEXT, "inn": _TEXT, "aliases": _LIST, "company": _TEXT,
                  "company_zh": _TEXT, "company_aliases": _LIST, "source_tissue": _TEXT, "donor_type": _TEXT,
                  "modality": _TEXT, "notes": _TEXT, "notes_zh": _TEXT, "tracks": _ANY, "holders": _ANY}
_TRACK_KINDS = {"jurisdiction": _TEXT, "indication": _TEXT, "indication_zh": _TEXT, "pathway": _TEXT,
                "events": _ANY, "obligations": _ANY, "verifications": _ANY}
_OBLIGATION_KINDS = {**{f: _TEXT for f in OBLIGATION_FIELDS}, "events": _ANY}
_STEP_KINDS = {"type": _TEXT, "date": _TEXT, "new_due": _TEXT, "source": _TEXT, "note": _TEXT}
_EVENT_KINDS = {"type": _TEXT, "date": _TEXT, "date_precision": _TEXT, "approximate": _FLAG, "agency": _TEXT,
                "reference": _TEXT, "source": _TEXT, "confidence": _TEXT, "note": _TEXT, "attributes": _MAP,
                "planned": _FLAG, "note_zh": _TEXT}
_SEED_EVENT_KINDS = {**_EVENT_KINDS, "csv_row": _ANY}
_HOLDER_KINDS = {"jurisdiction": _TEXT, "role": _TEXT, "date": _TEXT, "date_precision": _TEXT, "approximate": _FLAG,
                 "from": _TEXT, "to": _TEXT, "source": _TEXT, "note": _TEXT}
_VERIFICATION_KINDS = {"date": _TEXT, "source": _TEXT, "note": _TEXT}
_REQUIRED = {id(_PRODUCT_KINDS): ("name",), id(_TRACK_KINDS): ("jurisdiction", "indication", "pathway"),
             id(_EVENT_KINDS): ("type", "date"), id(_SEED_EVENT_KINDS): ("type", "date"),
             id(_OBLIGATION_KINDS): ("authorisation", "authorisation_date", "kind"), id(_STEP_KINDS): ("type", "date"),
             id(_HOLDER_KINDS): ("jurisdiction", "role"), id(_VERIFICATION_KINDS): ("date", "source")}
_WRONG = {_TEXT: "import.json_not_text", _LIST: "import.json_not_list", _FLAG: "import.json_not_flag",
          _MAP: "import.json_not_map"}
assert set(_PRODUCT_KINDS) == {*PRODUCT_FIELDS, "tracks", "holders"} and set(_EVENT_KINDS) == set(EVENT_FIELDS)
assert set(_HOLDER_KINDS) == set(TRANSFER_FIELDS) and set(_VERIFICATION_KINDS) == set(VERIFICATION_FIELDS)


def _objects(value: Any, column: str, where: str, file: str, result: ReadResult,
             kinds: dict[str, str]) -> Iterator[tuple[dict[str, Any], str]]:
    """The objects of the list under ``column`` at ``where``, each with its place in the document.  A value
    that is not a list, or an item that is not an object of ``kinds``, is an issue of its own."""
    if not isinstance(value, list):
        result.issues.append(file_issue(file, "import.json_shape", type(value).__name__, sheet=where,
                                        column=column, expected="a list"))
        return
    for i, item in enumerate(value):
        place = f"{where}.{column}[{i}]"
        if _is_obj(item, place, file, result, kinds):
            yield item, place


def _given(obj: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The ``fields`` an object has, ``null`` read as an empty cell (which clears the field)."""
    return {f: ("" if obj[f] is None else obj[f]) for f in fields if f in obj}


def _verifications(checked: Any, product: str, key: tuple[str, str, str], where: str, file: str,
                   result: ReadResult) -> None:
    """A track's ``verifications`` (absent: none in the file)."""
    for v, place in _objects(checked, "verifications", where, file, result, _VERIFICATION_KINDS):
        result.verifications.append(VerificationIn(product, *key, _given(v, VERIFICATION_FIELDS),
                                                   Origin(file, place, 0)))


def _holders(p: dict[str, Any], where: str, name: str, file: str, result: ReadResult) -> None:
    """A product's ``holders``: its transfers of holder and licensee (absent: none in the file)."""
    for h, place in _objects(p.get("holders", []), "holders", where, file, result, _HOLDER_KINDS):
        result.transfers.append(TransferIn(name, _given(h, TRANSFER_FIELDS), Origin(file, place, 0)))


def _read_obligations(owed: Any, product: str, key: tuple[str, str, str], where: str, file: str,
                      result: ReadResult) -> None:
    for o, place in _objects(owed, "obligations", where, file, result, _OBLIGATION_KINDS):
        events = o.get("events", [])
        steps = [(_given(e, _STEP_KINDS), Origin(file, step_place, 0))
                 for e, step_place in _objects(events, "events", place, file, result, _STEP_KINDS)]
        if not isinstance(events, list):
            continue  # an issue already: the obligation is not read without its steps
        result.obligations.append(ObligationIn(product, *key, _given(o, OBLIGATION_FIELDS), steps,
                                               Origin(file, place, 0)))


def _fits(kind: str, value: Any) -> bool:
    if kind == _ANY or value is None or value.__class__ is str:
        return True
    if kind == _LIST:
        return isinstance(value, list) and all(v.__class__ is str for v in value)
    if kind == _FLAG:
        return isinstance(value, bool)
    if kind == _MAP:
        return isinstance(value, dict) and all(v.__class__ is str for v in value.values())
    return False


def _is_obj(value: Any, where: str, file: str, result: ReadResult, kinds: dict[str, str]) -> bool:
    """An object with only known keys, each holding what it may, and every required key."""
    if not isinstance(value, dict):
        result.issues.append(file_issue(file, "import.json_shape", type(value).__name__, sheet=where, column="$",
                                        expected="an object"))
        return False
    ok = True
    for k, v in value.items():
        kind = kinds.get(k)
        if kind is None:
            result.issues.append(file_issue(file, "import.header_unknown", k, sheet=where, column=k,
                                            field_name="field", valid=", ".join(kinds)))
            ok = False
        elif v.__class__ is not str and v is not None and not _fits(kind, v):  # most values are text
            result.issues.append(file_issue(file, _WRONG[kind], json.dumps(v, ensure_ascii=False)[:60], sheet=where,
                                            column=k, field_name=k))
            ok = False
    required = _REQUIRED[id(kinds)]
    for k in required:
        if k not in value:
            result.issues.append(file_issue(file, "import.json_key_missing", k, sheet=where, column=k,
                                            field_name="key", valid=", ".join(required)))
            ok = False
    return ok
