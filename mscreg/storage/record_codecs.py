"""One codec per stored record: the single place that says how a record's fields are stored and audited.

A :class:`RecordCodec` lists every attribute of a domain dataclass once, as a :class:`Field`: the
table columns it is written to and read back from, how a column value becomes the domain value and
back (enums, JSON lists, a partial date with its derived days), and the key(s) it has in the record's
audit snapshot, the ``{field: value}`` dict whose ``[old, new]`` pairs the audit rows hold.
Everything else is derived from that list:

* the repositories' ORM paths (:meth:`RecordCodec.load_orm`, :meth:`RecordCodec.fill`);
* the fast reads of many records from Core rows (:meth:`RecordCodec.select` with
  :meth:`RecordCodec.decoder`, compiled once per read, no per-row ORM);
* the bulk writer's ``executemany`` tuples (:meth:`RecordCodec.row_tuple`) and its audit text for a
  created record (:meth:`RecordCodec.created_text`, byte for byte ``audit.canonical`` of the diff);
* the audit snapshot (:meth:`RecordCodec.snapshot`) and the snapshot of a stored row that the
  verifier compares with the replayed trail (:meth:`RecordCodec.stored_snapshot`).

A codec refuses to be built unless it names every attribute of its dataclass, and every field
either has audit keys or says why it has none (``unaudited=``): adding an attribute to a record
without saying how it is stored and audited fails at import.  Adding a field is one entry here plus
an Alembic migration for its column.

The snapshot keys and value forms of the existing records must never change: the audit trail of
every existing database holds them, hashed, and ``verify_records`` compares them with the tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

from mscreg.domain.errors import MscregError
from mscreg.domain.event import Confidence, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.holder import HolderRole, HolderTransfer
from mscreg.domain.obligation import DueRule, Obligation, ObligationEvent, ObligationEventType, ObligationKind
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import DonorType, Modality, Product, ProductAlias, Tissue
from mscreg.domain.track import Track
from mscreg.domain.trial import (
    PHASE_ORDER,
    DateKind,
    Enrolment,
    EnrolmentKind,
    OverallStatus,
    Phase,
    Registry,
    TrialDate,
    TrialRegistration,
    phase_key,
)
from mscreg.domain.verification import Verification
from mscreg.storage.tables import (
    EventRow,
    HolderTransferRow,
    ObligationEventRow,
    ObligationRow,
    ProductAliasRow,
    ProductRow,
    TrackRow,
    TrialRow,
    VerificationRow,
)

T = TypeVar("T")
Loader = Callable[..., Any]

# audit.canonical's exact settings, as one reusable encoder (json.dumps builds one per call)
canonical_json: Callable[[Any], str] = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode
# The string encoder json.dumps uses with ensure_ascii=False (quotes and escapes one str, in C).
json_str: Callable[[str], str] = json.encoder.encode_basestring
# JSON text of the snapshot values whose type is exactly one of these; any other goes through canonical_json
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    str: json_str, int: int.__repr__, bool: lambda b: "true" if b else "false",
}


@dataclass(frozen=True)
class Field:
    """One attribute of a record.

    ``read``: the columns its value is built from (in order, the arguments of ``load``); ``write``:
    the columns written from it (in order, the items ``dump`` returns).  Neither: the value is not
    in the record's table, and the caller supplies it (a product's aliases, a track's product name).
    ``audit``: its keys in the audit snapshot (the items ``snap`` returns when more than one);
    a field with none must say why in ``unaudited``.
    ``cached``: a factory for a loader with a cache, made once per read of many rows (a date parsed
    once per distinct text).
    """

    attr: str
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    load: Loader | None = None  # None: the single read column as it is
    dump: Callable[[Any], tuple[Any, ...]] | None = None  # None: (value,)
    audit: tuple[str, ...] = ()
    snap: Callable[[Any], Any] | None = None  # None: the value as it is
    unaudited: str = ""
    cached: Callable[[], Loader] | None = None
    intern: bool = False  # read: one string object per distinct text (a portfolio repeats them)
    # per audit key, the type its snapshot value normally has ("str", "int", "bool", "dict"; "" any):
    # lets :meth:`RecordCodec.created_text` encode it directly (a value of another type still takes
    # the general encoder, so the text is right whatever the type)
    json: tuple[str, ...] = ()
    # an immutable value that many records share (a file's dates, an enum's members): a bulk write
    # dumps and snapshots each distinct object once (see RecordCodec.created_rows)
    shared: bool = False

    def column_values(self, value: Any) -> tuple[Any, ...]:
        return (value,) if self.dump is None else self.dump(value)

    def snapshot_values(self, value: Any) -> tuple[Any, ...]:
        if self.snap is None:
            return (value,)
        out = self.snap(value)
        return tuple(out) if len(self.audit) > 1 else (out,)


# ----- the kinds of field the records use -----------------------------------------------------------


def key() -> Field:
    return Field("id", read=("id",), unaudited="the audit row names the record by it (entity_id)")


def version() -> Field:
    return Field("version", read=("version_id",),
                 unaudited="the optimistic-lock counter, kept by the ORM; not a fact about the record")


def text(attr: str, column: str | None = None, *, intern: bool = False) -> Field:
    """A string stored as it is; ``intern``: one string object per distinct text read (the driver makes
    a new one per row: 50 MB for 100,000 events)."""
    col = column or attr
    return Field(attr, read=(col,), write=(col,), audit=(attr,), intern=intern, json=("str",))


def integer(attr: str, column: str | None = None) -> Field:
    """An integer (a reference to another record) stored as it is."""
    col = column or attr
    return Field(attr, read=(col,), write=(col,), audit=(attr,), json=("int",))


def enum(attr: str, kind: type[Enum], column: str | None = None) -> Field:
    """A StrEnum stored and audited as its value (``str``); a draft's plain string is accepted too."""
    col = column or attr
    members = {m.value: m for m in kind}

    def load(value: Any) -> Any:  # a dict lookup (~50 ns) instead of the enum call's own (~1 µs)
        member = members.get(value)
        return member if member is not None else kind(value)

    return Field(attr, read=(col,), write=(col,), load=load, dump=lambda v: (str(v),), audit=(attr,), snap=str,
                 json=("str",), shared=True)


def json_list(attr: str, column: str | None = None) -> Field:
    """A tuple of strings stored as a JSON list, audited as a list."""
    col = column or attr

    def load(text: str | None) -> tuple[Any, ...]:
        return tuple(json.loads(text)) if text not in ("[]", "", None) else ()

    def dump(v: Any) -> tuple[str]:
        return (json.dumps(list(v), ensure_ascii=False) if v else "[]",)

    return Field(attr, read=(col,), write=(col,), load=load, dump=dump, audit=(attr,), snap=list)


def json_object(attr: str, column: str | None = None) -> Field:
    """A mapping of strings stored as a JSON object (keys sorted), audited as a dict."""
    col = column or attr

    def load(text: str | None) -> dict[str, Any]:
        return json.loads(text) if text and text != "{}" else {}

    def dump(v: Any) -> tuple[str]:  # most events have no attributes: "{}" without the encoder
        return (json.dumps(dict(v), ensure_ascii=False, sort_keys=True) if v else "{}",)

    return Field(attr, read=(col,), write=(col,), load=load, dump=dump, audit=(attr,), snap=dict, json=("dict",))


def supplied(attr: str, *, audit_key: str | None = None, snap: Callable[[Any], Any] | None = None,
             unaudited: str = "") -> Field:
    """A value the record's table does not hold: the caller supplies it when reading and writing."""
    return Field(attr, audit=() if unaudited else (audit_key or attr,), snap=snap, unaudited=unaudited)


def partial_date(attr: str, prefix: str | None = None) -> Field:
    """A :class:`PartialDate` or None, stored as its ISO text, precision, first and last possible day and
    the approximate flag (the days are derived: written, never read back, checked by
    :mod:`mscreg.storage.derived_columns`), audited as ``date`` (ISO text) and ``approximate``.

    ``prefix``: a second date of a record (an obligation's due date) in its own columns
    ``{prefix}_text``, ``{prefix}_precision``, … ``{prefix}_approximate``, audited as ``{prefix}`` and
    ``{prefix}_approximate``; without it, the event's column and key names, which never change."""

    def load(text: str | None, approximate: Any) -> PartialDate | None:
        return PartialDate.parse(text, approximate=bool(approximate)) if text else None

    def dump(d: PartialDate | None) -> tuple[Any, ...]:
        if d is None:
            return (None, None, None, None, False)
        return (d.iso(), d.precision.value, d.earliest, d.latest, bool(d.approximate))

    def snap(d: PartialDate | None) -> tuple[Any, ...]:
        return (d.iso() if d else None, bool(d and d.approximate))

    def cached() -> Loader:
        dates: dict[tuple[str, bool], PartialDate] = {}

        def load_cached(text: str | None, approximate: Any) -> PartialDate | None:
            if not text:
                return None
            k = (text, bool(approximate))
            found = dates.get(k)
            if found is None:
                found = dates[k] = PartialDate.parse(text, approximate=k[1])
            return found

        return load_cached

    if prefix is None:
        read: tuple[str, ...] = ("date_text", "approximate")
        write: tuple[str, ...] = ("date_text", "date_precision", "date_earliest", "date_latest", "approximate")
        audit: tuple[str, ...] = ("date", "approximate")
    else:
        read = (f"{prefix}_text", f"{prefix}_approximate")
        write = tuple(f"{prefix}_{c}" for c in ("text", "precision", "earliest", "latest", "approximate"))
        audit = (prefix, f"{prefix}_approximate")
    return Field(attr, read=read, write=write, load=load, dump=dump, audit=audit, snap=snap, cached=cached,
                 json=("str", "bool"), shared=True)


def due_rule(attr: str) -> Field:
    """A :class:`DueRule` or None, stored and audited as its text ("5 years")."""

    def load(text: str | None) -> DueRule | None:
        return DueRule.parse(text) if text else None

    def show(rule: DueRule | None) -> str | None:
        return rule.text() if rule is not None else None

    return Field(attr, read=(attr,), write=(attr,), load=load, dump=lambda r: (show(r),), audit=(attr,), snap=show,
                 json=("str",))


def day(attr: str, column: str | None = None) -> Field:
    """A ``datetime.date`` in a DATE column, audited as its ISO text.  Read through SQLAlchemy (a
    date object) or a driver cursor (ISO text on SQLite): both load."""
    col = column or attr

    def load(value: Any) -> dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

    def snap(value: dt.date) -> str:
        return value.isoformat()

    return Field(attr, read=(col,), write=(col,), load=load, audit=(attr,), snap=snap, json=("str",))


def _true_or_none(flag: bool) -> bool | None:
    """A flag added to a record after its first release, in the audit snapshot: only ``True`` is
    written, so the records made before it (all False) keep the snapshots their trail holds."""
    return True if flag else None


def _text_or_none(value: str) -> str | None:
    """A text added to a record after its first release, in the audit snapshot: an empty one is left
    out, so the records made before it (all empty) keep the snapshots their trail holds."""
    return value or None


def added_text(attr: str) -> Field:
    """A text field added after release (see :func:`_text_or_none`)."""
    return Field(attr, read=(attr,), write=(attr,), audit=(attr,), snap=_text_or_none, json=("str",))


def _stored_date_snapshot(text: str | None, approximate: Any) -> tuple[Any, ...]:
    """A stored date in the snapshot's form; one that no longer parses is compared as it is stored,
    so the difference shows instead of stopping the comparison."""
    try:
        date = PartialDate.parse(text, approximate=bool(approximate)).iso() if text else None
    except MscregError:
        date = text
    return (date, bool(text and approximate))


# ----- the codec ------------------------------------------------------------------------------------


class RecordCodec(Generic[T]):
    """How one record (a frozen dataclass ``kind``) is stored in ``table`` and audited as ``entity``.

    The functions used per row on the fast paths (:meth:`decoder`, :meth:`row_tuple`,
    :meth:`created_text`, :meth:`stored_snapshot`) are generated from the fields when the codec is
    built, as :mod:`dataclasses` generates ``__init__``: one plain statement per field, no loop over
    the fields per row, which keeps a 100,000-event read or import as fast as hand-written code.
    """

    def __init__(self, entity: str, kind: type[T], table: Any, fields: Sequence[Field], *, owner: str | None = None,
                 stored_snapshot: Mapping[str, Callable[..., tuple[Any, ...]]] | None = None) -> None:
        """``owner``: the attribute holding the id of the record this one belongs to (an event's
        track); writes take it as a keyword (``row_tuple(event, track_id=7)``), since a new record's
        value does not carry it yet.  ``stored_snapshot``: for a field whose stored columns need
        their own reading when compared with the audit trail, that reading."""
        self.entity = entity
        self.owner = owner
        self.kind = kind
        self.table: sa.Table = table.__table__ if hasattr(table, "__table__") else table
        self.row_class = table
        self.fields = tuple(fields)
        problems = codec_problems(kind, self.fields)
        if problems:
            raise TypeError(f"codec for {kind.__name__}: " + "; ".join(problems))
        self.supplied = tuple(f.attr for f in self.fields if not f.read)
        self.read_columns = tuple(c for f in self.fields for c in f.read)
        self.write_columns = tuple(c for f in self.fields for c in f.write)
        self.audit_keys = tuple(k for f in self.fields for k in f.audit)
        self._custom_stored = dict(stored_snapshot or {})
        self._plain_decode: Callable[..., T] | None = None
        self.row_tuple: Callable[..., tuple[Any, ...]] = self._compile_row_tuple(iso_days=False)
        # the same with DATE columns as ISO text, as sa.Date stores them on SQLite (the bulk writer
        # hands rows to the driver itself, whose own date adapter is deprecated)
        self.row_tuple_iso_days: Callable[..., tuple[Any, ...]] = self._compile_row_tuple(iso_days=True)
        self.created_text: Callable[..., str] = self._compile_created_text()
        self._created_rows: dict[bool, Callable[..., Any]] = {}
        self.stored_snapshot: Callable[..., dict[str, Any]] = self._compile_stored_snapshot()

    # ----- reading -----
    def select(self, *extra: Any) -> sa.Select[Any]:
        """``SELECT`` of the columns a value is read from (in :attr:`read_columns` order), then ``extra``."""
        c = self.table.c
        return sa.select(*(c[name] for name in self.read_columns), *extra)

    def _read_args(self) -> list[str]:
        """For each field, its read columns as ``row[i], …`` in :meth:`select` order ("" when supplied)."""
        out, column = [], 0
        for f in self.fields:
            out.append(", ".join(f"row[{column + i}]" for i in range(len(f.read))))
            column += len(f.read)
        return out

    def decoder(self, *, cached: bool = True) -> Callable[..., T]:
        """A function ``(row, *supplied) -> value`` for rows of :meth:`select` (then the values of the
        supplied fields, in order), with its own caches: make one per read (``cached=False``: none, for
        reading one record at a time).

        The value is built without the dataclass ``__init__``: every stored record was validated
        when it was written, and reading 100,000 events spent a tenth of a second in a frozen
        ``__init__`` alone.  The result equals what ``kind(...)`` would give.
        """
        env: dict[str, Any] = {"new": object.__new__, "kind": self.kind, "set_": object.__setattr__}
        lines = ["def decode(row, " + "".join(f"{a}, " for a in self.supplied) + "):", "    obj = new(kind)"]
        for n, (f, args) in enumerate(zip(self.fields, self._read_args(), strict=True)):
            loader = f.cached() if cached and f.cached is not None else f.load
            if not f.read:
                value = f.attr
            elif loader is not None:
                env[f"load{n}"] = loader
                value = f"load{n}({args})"
            elif f.intern and cached:
                env[f"keep{n}"] = {}.setdefault
                value = f"keep{n}({args}, {args})"
            else:
                value = args
            lines.append(f"    set_(obj, {f.attr!r}, {value})")
        lines.append("    return obj")
        # the compiled function is built from text, so mypy sees Any
        return _compiled("decode", lines, env)  # type: ignore[no-any-return]

    def load_orm(self, row: Any, **supplied_values: Any) -> T:
        """The value of one ORM row (the columns :meth:`select` reads, taken from the row's attributes)."""
        if self._plain_decode is None:
            self._plain_decode = self.decoder(cached=False)
        return self._plain_decode(tuple(getattr(row, c) for c in self.read_columns),
                                  *(supplied_values[a] for a in self.supplied))

    # ----- writing -----
    def _value(self, f: Field) -> str:
        """Source of an attribute's value: ``value``'s, the owner's id from ``given`` when passed."""
        if f.attr == self.owner:
            return f"(given[{f.attr!r}] if given else value.{f.attr})"
        return f"value.{f.attr}"

    def _compile_row_tuple(self, *, iso_days: bool) -> Callable[..., tuple[Any, ...]]:
        """``row_tuple(value, /, **owner)``: the column values written for ``value`` (a record or its
        draft) in :attr:`write_columns` order; ``iso_days``: DATE columns as ISO text."""
        env: dict[str, Any] = {}
        lines = ["def row_tuple(value, /, **given):"]
        items = self._row_items(env, lines, iso_days=iso_days)
        lines.append(f"    return ({', '.join(items)},)")
        # the compiled function is built from text, so mypy sees Any
        return _compiled("row_tuple", lines, env)  # type: ignore[no-any-return]

    def _row_items(self, env: dict[str, Any], lines: list[str], *, iso_days: bool,
                   dumped: Mapping[int, str] | None = None) -> list[str]:
        """Adds to ``lines`` the statements dumping ``value``'s fields; returns each written column's
        expression.  ``dumped``: fields (by number) whose dump is already the tuple named there."""
        items = []
        for n, f in enumerate(self.fields):
            if not f.write:
                continue
            if f.dump is None:
                items.append(self._value(f))
                continue
            if dumped is not None and n in dumped:  # already in column form
                items.extend(f"{dumped[n]}[{i}]" for i in range(len(f.write)))
                continue
            env[f"dump{n}"] = f.dump
            lines.append(f"    d{n} = dump{n}({self._value(f)})")
            items.extend(self._column_forms(f, f"d{n}", iso_days=iso_days))
        return items

    def _column_forms(self, f: Field, dumped: str, *, iso_days: bool) -> list[str]:
        """The written columns of ``f`` from its dump (the tuple named ``dumped``), as the driver gets them."""
        return [f"(None if {dumped}[{i}] is None else {dumped}[{i}].isoformat())"
                if iso_days and isinstance(self.table.c[column].type, sa.Date) else f"{dumped}[{i}]"
                for i, column in enumerate(f.write)]

    def column_values(self, value: Any, **owner: Any) -> dict[str, Any]:
        """``{column: value}`` written for ``value`` (a record or its draft; ``owner``: see the class)."""
        return dict(zip(self.write_columns, self.row_tuple(value, **owner), strict=True))

    def fill(self, row: Any, value: Any, **owner: Any) -> None:
        """Set an ORM row's columns from ``value`` (a record or its draft)."""
        for name, v in self.column_values(value, **owner).items():
            setattr(row, name, v)

    def new_row(self, value: Any, **owner: Any) -> Any:
        """A new ORM row holding ``value``."""
        return self.row_class(**self.column_values(value, **owner))

    # ----- auditing -----
    def snapshot(self, value: Any, **given: Any) -> dict[str, Any]:
        """The record as its audit rows record it; ``value`` may be a record or its draft, ``given``
        supplies or overrides attributes (a new track's product id)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.audit:
                v = given[f.attr] if f.attr in given else getattr(value, f.attr)
                out.update(zip(f.audit, f.snapshot_values(v), strict=True))
        return out

    def _snapshot_sources(self, env: dict[str, Any], lines: list[str], snapped: Mapping[int, str] | None = None
                          ) -> dict[str, tuple[str, Field]]:
        """Adds to ``lines`` the statements computing each audit value of ``value``; returns each audit
        key's expression and field.  ``snapped``: see :meth:`_created_text_expr`."""
        out: dict[str, tuple[str, Field]] = {}
        for n, f in enumerate(self.fields):
            if not f.audit:
                continue
            if snapped is not None and n in snapped:
                name = snapped[n]
            elif f.snap is None:
                out[f.audit[0]] = (self._value(f), f)
                continue
            else:
                env[f"snap{n}"] = f.snap
                name = f"s{n}"
                lines.append(f"    s{n} = snap{n}({self._value(f)})")
            if len(f.audit) == 1:
                out[f.audit[0]] = (name, f)
            else:
                out.update({k: (f"{name}[{i}]", f) for i, k in enumerate(f.audit)})
        return out

    def created_rows(self, records: Iterable[tuple[Any, Any]], *, iso_days: bool
                     ) -> tuple[list[tuple[Any, ...]], list[str]]:
        """The rows and audit texts of new records for a bulk write: ``records`` are (owner's id, record)
        pairs (the owner's id replaces the record's own, see the class); each row is :meth:`row_tuple`'s
        (``iso_days``: :attr:`row_tuple_iso_days`'s) followed by the version 1 of a new record, each
        text :meth:`created_text`'s.

        The same values from one generated loop, with one difference in how they are made: a field
        marked ``shared`` (an immutable value the records of a file share, such as a date or an enum
        member) is dumped and snapshotted once per distinct object, not once per record.  The cache
        holds each object it answered for, so no other object can take its ``id`` during the call.
        """
        if self.owner is None:
            raise TypeError(f"{self.entity}: created_rows is for records with an owner")
        fn = self._created_rows.get(iso_days)
        if fn is None:
            fn = self._created_rows[iso_days] = self._compile_created_rows(iso_days=iso_days)
        return fn(records)  # type: ignore[no-any-return]  # compiled from text: mypy sees Any

    def _compile_created_rows(self, *, iso_days: bool) -> Callable[..., Any]:
        env: dict[str, Any] = {"ident": id}
        head: list[str] = []
        shared: dict[int, str] = {}
        snapped: dict[int, str] = {}
        for n, f in enumerate(self.fields):
            if not f.shared or f.attr == self.owner:
                continue
            env[f"dump{n}"] = f.dump or (lambda v: (v,))
            env[f"snap{n}"] = f.snap or (lambda v: v)
            head.append(f"    memo{n} = {{}}")
            # the object itself is kept in the cache with its answers, so its id stays its own
            self_value = self._value(f)
            columns = ", ".join(self._column_forms(f, f"d{n}", iso_days=iso_days))
            head.extend([
                f"        v{n} = {self_value}",
                f"        m{n} = memo{n}.get(ident(v{n}))",
                f"        if m{n} is None:",
                f"            d{n} = dump{n}(v{n})",
                f"            m{n} = memo{n}[ident(v{n})] = (v{n}, ({columns},), snap{n}(v{n}))",
                f"        c{n} = m{n}[1]",
                f"        s{n} = m{n}[2]",
            ])
            shared[n] = f"c{n}"
            snapped[n] = f"s{n}"
        body: list[str] = []
        items = self._row_items(env, body, iso_days=iso_days, dumped=shared)
        text_lines: list[str] = []
        text = self._created_text_expr(env, text_lines, snapped=snapped)
        memos = [line for line in head if line.startswith("    memo")]
        per_record = [line for line in head if not line.startswith("    memo")]
        lines = ["def created_rows(records, /):", "    rows = []", "    texts = []", "    row = rows.append",
                 "    text = texts.append", "    given = True", *memos, "    for owner, value in records:",
                 *per_record, *("    " + line for line in body), f"        row(({', '.join(items)}, 1))",
                 *("    " + line for line in text_lines), f"        text({text})", "    return rows, texts"]
        # the owner's id is the loop's, not a keyword's
        source = [line.replace(f"given[{self.owner!r}]", "owner") for line in lines]
        return _compiled("created_rows", source, env)  # type: ignore[no-any-return]  # compiled from text

    def _compile_created_text(self) -> Callable[..., str]:
        """``created_text(value, /, **given)``: ``audit.canonical(audit.diff(None, snapshot))`` of a new
        record, written key by key: a 100,000-event import makes 100,000 of these, and building two
        dicts for the JSON encoder per record was most of that time.  The same text exactly (a test
        compares them over awkward values): keys in sorted order, ``None`` values left out as
        ``diff`` leaves them, strings by the C encoder ``json.dumps`` uses, anything else by the
        canonical encoder itself."""
        env: dict[str, Any] = {}
        lines = ["def created_text(value, /, **given):"]
        lines.append(f"    return {self._created_text_expr(env, lines)}")
        # the compiled function is built from text, so mypy sees Any
        return _compiled("created_text", lines, env)  # type: ignore[no-any-return]

    def _created_text_expr(self, env: dict[str, Any], lines: list[str],
                           snapped: Mapping[int, str] | None = None) -> str:
        """Adds to ``lines`` the statements :meth:`created_text` needs; returns the expression of its
        text.  ``snapped``: fields (by number) whose snapshot value is already the one named there."""
        env.update({"J": json_str, "E": _json_value, "R": int.__repr__, "C": canonical_json})
        sources = self._snapshot_sources(env, lines, snapped)
        direct = {"str": "(J(@) if @.__class__ is str else E(@))", "int": "(R(@) if @.__class__ is int else E(@))",
                  "bool": "('true' if @ is True else 'false' if @ is False else E(@))",
                  "dict": "('{}' if @.__class__ is dict and not @ else C(@))", "": "E(@)"}
        pieces = []
        for n, k in enumerate(sorted(sources)):
            expr, f = sources[k]
            kinds = f.json or ("",) * len(f.audit)
            encoded = direct[kinds[f.audit.index(k)]].replace("@", f"x{n}")
            env[f"P{n}"] = f",{json_str(k)}:[null,"
            lines.append(f"    x{n} = {expr}")
            # one piece per key, with its leading comma; a None value has none (diff leaves it out)
            pieces.append(f"{{'' if x{n} is None else P{n} + {encoded} + ']'}}")
        return "'{' + f\"" + "".join(pieces) + "\"[1:] + '}'"

    def _compile_stored_snapshot(self) -> Callable[..., dict[str, Any]]:
        """``stored_snapshot(row, *supplied)``: the snapshot of a row of :meth:`select`, for comparing
        with the audit trail.  A value that no longer loads (edited outside mscreg) is compared as it
        is stored, so the difference shows instead of stopping the comparison."""
        env: dict[str, Any] = {}
        lines = ["def stored_snapshot(row, " + "".join(f"{a}, " for a in self.supplied) + "):"]
        items = []
        for n, (f, args) in enumerate(zip(self.fields, self._read_args(), strict=True)):
            if not f.audit:
                continue
            custom = self._custom_stored.get(f.attr)
            if f.read and custom is None and f.load is None and f.snap is None:
                items.append(f"{f.audit[0]!r}: {args}")
                continue
            env[f"stored{n}"] = custom or _tolerant(f)
            lines.append(f"    s{n} = stored{n}({args or f.attr})")
            items.extend(f"{k!r}: s{n}[{i}]" for i, k in enumerate(f.audit))
        lines.append("    return {" + ", ".join(items) + "}")
        # the compiled function is built from text, so mypy sees Any
        return _compiled("stored_snapshot", lines, env)  # type: ignore[no-any-return]


def _json_value(value: Any) -> str:
    """JSON text of one snapshot value exactly as ``audit.canonical`` writes it inside the diff."""
    enc = _SCALAR_JSON.get(value.__class__)
    return enc(value) if enc is not None else canonical_json(value)


def _tolerant(f: Field) -> Callable[..., tuple[Any, ...]]:
    """Snapshot values of a field from its stored column values, or the stored values as they are
    when they no longer load; a supplied field's value is snapshotted as given."""

    def stored(*raw: Any) -> tuple[Any, ...]:
        if not f.read:
            return f.snapshot_values(raw[0])
        try:
            return f.snapshot_values(f.load(*raw) if f.load is not None else raw[0])
        except (ValueError, TypeError, MscregError):
            return raw

    return stored


def _compiled(name: str, lines: list[str], env: dict[str, Any]) -> Any:
    """The function ``name`` defined by the source ``lines`` (built by a codec from its own field names)."""
    exec("\n".join(lines), env)  # the source is generated from the codec's own declaration
    return env[name]


def codec_problems(kind: type, fields: Sequence[Field]) -> list[str]:
    """What a codec for ``kind`` with ``fields`` lacks: attributes of the dataclass it does not list,
    fields it lists that the dataclass has not, and fields neither audited nor said why."""
    attrs = [f.name for f in dataclasses.fields(kind)]
    listed = [f.attr for f in fields]
    problems = [f"attribute {a!r} has no field" for a in attrs if a not in listed]
    problems += [f"field {a!r} is not an attribute" for a in listed if a not in attrs]
    problems += [f"field {a!r} listed twice" for a in dict.fromkeys(listed) if listed.count(a) > 1]
    problems += [f"field {f.attr!r} has no audit key and no reason (unaudited=)" for f in fields
                 if not f.audit and not f.unaudited]
    return problems


# ----- the records ----------------------------------------------------------------------------------

PRODUCT: RecordCodec[Product] = RecordCodec("product", Product, ProductRow, [
    key(),
    text("name"),
    text("name_zh"),
    text("inn"),
    supplied("aliases", snap=list),  # rows of product_aliases (PRODUCT_ALIAS), audited with the product
    text("company"),
    text("company_zh"),
    json_list("company_aliases"),
    enum("source_tissue", Tissue),
    enum("donor_type", DonorType),
    enum("modality", Modality),
    text("notes"),
    version(),
    added_text("notes_zh"),
])

PRODUCT_ALIAS: RecordCodec[ProductAlias] = RecordCodec("product_alias", ProductAlias, ProductAliasRow, [
    Field("product_id", read=("product_id",), write=("product_id",),
          unaudited="aliases are audited as the list in their product's snapshot"),
    Field("alias", read=("alias",), write=("alias", "alias_folded"), dump=lambda a: (a, a.casefold()),
          unaudited="aliases are audited as the list in their product's snapshot"),
])

TRACK: RecordCodec[Track] = RecordCodec("track", Track, TrackRow, [
    key(),
    integer("product_id"),
    supplied("product_name", unaudited="the product's name, read from the product (a join)"),
    text("jurisdiction"),
    text("indication"),
    enum("pathway", Pathway),
    version(),
    added_text("indication_zh"),
], owner="product_id")

EVENT: RecordCodec[RegulatoryEvent] = RecordCodec("event", RegulatoryEvent, EventRow, [
    key(),
    integer("track_id"),
    text("type", "event_type", intern=True),
    partial_date("date"),
    text("agency", intern=True),
    text("reference", intern=True),
    text("source", intern=True),
    enum("confidence", Confidence),
    text("note", intern=True),
    json_object("attributes"),
    version(),
    # Added after the first release: an actual event's snapshot has no "planned" key (None is left out
    # of a created record's audit text, and compares equal to a trail written before the field existed).
    Field("planned", read=("planned",), write=("planned",), load=bool, audit=("planned",),
          snap=_true_or_none, json=("bool",)),
    added_text("note_zh"),
], owner="track_id", stored_snapshot={"date": _stored_date_snapshot})

OBLIGATION: RecordCodec[Obligation] = RecordCodec("obligation", Obligation, ObligationRow, [
    key(),
    integer("track_id"),
    integer("authorisation_event_id"),
    enum("kind", ObligationKind),
    text("text_en"),
    text("text_zh"),
    partial_date("due", prefix="due"),
    due_rule("due_rule"),
    text("owner"),
    text("source"),
    version(),
], owner="track_id", stored_snapshot={"due": _stored_date_snapshot})

OBLIGATION_EVENT: RecordCodec[ObligationEvent] = RecordCodec("obligation_event", ObligationEvent, ObligationEventRow, [
    key(),
    integer("obligation_id"),
    enum("type", ObligationEventType, "event_type"),
    partial_date("date"),
    partial_date("new_due", prefix="new_due"),
    text("source"),
    text("note"),
    version(),
], owner="obligation_id",
   stored_snapshot={"date": _stored_date_snapshot, "new_due": _stored_date_snapshot})


# ----- trial registrations ----------------------------------------------------------------------------


def optional_enum(attr: str, kind: type[Enum], column: str | None = None) -> Field:
    """A StrEnum or None, stored and audited as its value or NULL."""
    col = column or attr
    members = {m.value: m for m in kind}

    def load(value: Any) -> Any:
        return None if value is None else members.get(value) or kind(value)

    def dump(v: Any) -> tuple[Any]:
        return (None if v is None else str(v),)

    return Field(attr, read=(col,), write=(col,), load=load, dump=dump, audit=(attr,),
                 snap=lambda v: None if v is None else str(v), json=("str",))


def _phase_list(phases: Any) -> list[str]:
    return [str(p) for p in sorted(phases, key=lambda p: PHASE_ORDER[Phase(p)])]


def _load_phases(text: str | None) -> frozenset[Phase]:
    return frozenset(Phase(p) for p in json.loads(text)) if text not in ("[]", "", None) else frozenset()


def phase_set(attr: str) -> Field:
    """A set of phases, stored and audited as the list of their codes in phase order."""
    return Field(attr, read=(attr,), write=(attr,), load=_load_phases,
                 dump=lambda v: (json.dumps(_phase_list(v)),), audit=(attr,), snap=_phase_list)


def derived(attr: str, column: str, load: Loader, why: str) -> Field:
    """A value computed from another field's stored column when read; never stored itself."""
    return Field(attr, read=(column,), load=load, unaudited=why)


def trial_date(attr: str) -> Field:
    """A :class:`TrialDate` or None: the partial date stored as in :func:`partial_date` (its display text,
    so an approximate "≈2024" keeps its mark; precision; first and last possible day, derived) and its kind;
    audited as ``<attr>`` (the display text) and ``<attr>_kind``."""
    cols = tuple(f"{attr}_{c}" for c in ("text", "precision", "earliest", "latest", "kind"))
    kinds = {k.value: k for k in DateKind}

    def load(text: str | None, kind: str | None) -> TrialDate | None:
        if not text:
            return None
        return TrialDate(PartialDate.parse(text), kinds.get(kind or "") or DateKind(kind or ""))

    def dump(d: TrialDate | None) -> tuple[Any, ...]:
        if d is None:
            return (None, None, None, None, None)
        p = d.date
        return (p.display(), p.precision.value, p.earliest, p.latest, d.kind.value)

    def snap(d: TrialDate | None) -> tuple[Any, ...]:
        return (None, None) if d is None else (d.date.display(), d.kind.value)

    def cached() -> Loader:
        seen: dict[tuple[str, str], TrialDate] = {}

        def load_cached(text: str | None, kind: str | None) -> TrialDate | None:
            if not text:
                return None
            k = (text, kind or "")
            found = seen.get(k)
            if found is None:
                # load() is typed Optional, but a non-empty text always gives a trial date
                found = seen[k] = load(text, kind)  # type: ignore[assignment]
            return found

        return load_cached

    return Field(attr, read=(cols[0], cols[4]), write=cols, load=load, dump=dump,
                 audit=(attr, f"{attr}_kind"), snap=snap, cached=cached, json=("str", "str"))


def _stored_trial_date(attr: str) -> Callable[..., tuple[Any, ...]]:
    """A stored trial date in the snapshot's form, or as stored when it no longer parses."""

    def stored(text: str | None, kind: str | None) -> tuple[Any, ...]:
        if not text:
            return (None, kind)
        try:
            return (PartialDate.parse(text).display(), kind)
        except MscregError:
            return (text, kind)

    return stored


def enrolment() -> Field:
    """An :class:`Enrolment` or None, as its count and kind; audited as ``enrolment`` and ``enrolment_kind``."""
    kinds = {k.value: k for k in EnrolmentKind}

    def load(count: int | None, kind: str | None) -> Enrolment | None:
        if count is None:
            return None
        return Enrolment(int(count), kinds.get(kind or "") or EnrolmentKind(kind or ""))

    def dump(e: Enrolment | None) -> tuple[Any, ...]:
        return (None, None) if e is None else (e.count, e.kind.value)

    return Field("enrolment", read=("enrolment_count", "enrolment_kind"), write=("enrolment_count", "enrolment_kind"),
                 load=load, dump=dump, audit=("enrolment", "enrolment_kind"), snap=dump, json=("int", "str"))


def _flag(attr: str) -> Field:
    return Field(attr, read=(attr,), write=(attr,), load=bool, audit=(attr,), snap=bool, json=("bool",))


TRIAL: RecordCodec[TrialRegistration] = RecordCodec("trial", TrialRegistration, TrialRow, [
    key(),
    enum("registry", Registry, "registry_code"),
    text("registry_id"),
    text("title"),
    text("title_zh"),
    text("official_title"),
    text("acronym"),
    text("organization"),
    phase_set("phases"),
    optional_enum("status", OverallStatus),
    trial_date("first_submitted"),
    trial_date("start_date"),
    trial_date("primary_completion"),
    trial_date("completion"),
    enrolment(),
    text("lead_sponsor"),
    json_list("countries"),
    json_list("conditions"),
    json_list("interventions"),
    _flag("results_posted"),
    integer("product_id"),
    integer("track_id"),
    json_list("sources"),
    version(),
    derived("phase_key", "phases", lambda text: phase_key(_load_phases(text)),
            "derived from the phases when read; never stored"),
    derived("status_code", "status", lambda s: s or "", "derived from the status when read; never stored"),
], stored_snapshot={d: _stored_trial_date(d) for d in
                    ("first_submitted", "start_date", "primary_completion", "completion")})


# ----- holders and verifications ---------------------------------------------------------------------

HOLDER_TRANSFER: RecordCodec[HolderTransfer] = RecordCodec("holder_transfer", HolderTransfer, HolderTransferRow, [
    key(),
    integer("product_id"),
    text("jurisdiction"),
    enum("role", HolderRole),
    partial_date("date"),
    text("from_party"),
    text("to_party"),
    text("source"),
    text("note"),
    version(),
], owner="product_id", stored_snapshot={"date": _stored_date_snapshot})

VERIFICATION: RecordCodec[Verification] = RecordCodec("verification", Verification, VerificationRow, [
    key(),
    integer("track_id"),
    day("verified_on"),
    text("source"),
    text("note"),
    text("who"),
], owner="track_id")


CODECS: tuple[RecordCodec[Any], ...] = (PRODUCT, PRODUCT_ALIAS, TRACK, EVENT, OBLIGATION, OBLIGATION_EVENT, TRIAL,
                                        HOLDER_TRANSFER, VERIFICATION)
