"""One codec per stored record: every attribute stored and audited in one place, the audit text unchanged.

The codecs in ``mscreg.storage.record_codecs`` are the only description of how a product, an alias,
a track and an event are stored and audited.  These tests fail when a domain attribute is missing
from its codec or its audit snapshot, show that adding a field takes one codec entry (and a
migration), round-trip the shipped seed through the codecs, and check that the audit trail written
by the code before the codecs still verifies and is reproduced byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from mscreg.domain.event import Confidence, EventDraft, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.holder import HolderRole, HolderTransfer
from mscreg.domain.obligation import ObligationDraft, make_obligation_event
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product, ProductAlias, ProductDraft
from mscreg.domain.track import Track, TrackDraft
from mscreg.domain.trial import (
    DateKind,
    Enrolment,
    EnrolmentKind,
    OverallStatus,
    Phase,
    Registry,
    TrialDate,
    TrialRegistration,
)
from mscreg.domain.verification import Verification
from mscreg.services.exchange.table_layout import EVENT_FIELDS, PRODUCT_FIELDS, TRACK_FIELDS
from mscreg.storage import audit, bulk_write
from mscreg.storage import repositories as repo
from mscreg.storage.database import create_engine_for, url_for
from mscreg.storage.record_codecs import CODECS, EVENT, PRODUCT, TRACK, RecordCodec, codec_problems, text
from mscreg.storage.tables import APPLICATION_ID

DATA = Path(__file__).parent / "house_codec_data"

# Attributes deliberately absent from the audit snapshot (each codec field says why in ``unaudited``):
NOT_AUDITED = {
    ("product", "id"), ("product", "version"),  # the audit row's entity_id; the optimistic-lock counter
    ("track", "id"), ("track", "version"),
    ("track", "product_name"),  # read from the product by a join; product_id is audited
    ("event", "id"), ("event", "version"),
    ("obligation", "id"), ("obligation", "version"),
    ("obligation_event", "id"), ("obligation_event", "version"),
    # aliases are audited as the "aliases" list of their product's snapshot
    ("product_alias", "product_id"), ("product_alias", "alias"),
    ("holder_transfer", "id"), ("holder_transfer", "version"),
    ("verification", "id"),
    ("trial", "id"), ("trial", "version"),
    # derived from the phases and the status when read, never stored
    ("trial", "phase_key"), ("trial", "status_code"),
}


def _sample(codec: RecordCodec) -> object:
    return {
        "product": Product(id=1, name="P", aliases=("A",), company_aliases=("C",)),
        "product_alias": ProductAlias(1, "A"),
        "track": Track(id=1, product_id=2, product_name="P", jurisdiction="US", indication="x",
                       pathway=Pathway.CLINICAL),
        "event": RegulatoryEvent(id=1, track_id=2, type="ind_submitted", date=PartialDate.parse("2020-03")),
        "trial": TrialRegistration(Registry.CTGOV, "NCT01234567", "T", id=1, phases=frozenset({Phase.PHASE1}),
                                   status=OverallStatus.RECRUITING, enrolment=Enrolment(3, EnrolmentKind.ACTUAL),
                                   start_date=TrialDate(PartialDate.parse("2024-05"), DateKind.ESTIMATED),
                                   product_id=1, track_id=2),
        "obligation": ObligationDraft("pmr", "Report", due_rule="5 years").to_obligation(
            id=1, track_id=2, authorisation_event_id=3),
        "obligation_event": make_obligation_event("extended", "2021-02", new_due="2025", id=1, obligation_id=1),
        "holder_transfer": HolderTransfer(id=1, product_id=2, jurisdiction="US", role=HolderRole.HOLDER,
                                          date=PartialDate.parse("2013-10"), from_party="A", to_party="B"),
        "verification": Verification(id=1, track_id=2, verified_on=dt.date(2026, 12, 5), source="register"),
    }[codec.entity]


@pytest.mark.parametrize("codec", CODECS, ids=[c.entity for c in CODECS])
def test_every_attribute_of_the_record_is_in_its_codec_and_in_its_audit_snapshot(codec):
    assert codec_problems(codec.kind, codec.fields) == []
    by_attr = {f.attr: f for f in codec.fields}
    snapshot = codec.snapshot(_sample(codec))
    for attr in (f.name for f in dataclasses.fields(codec.kind)):
        assert attr in by_attr, f"{codec.kind.__name__}.{attr} has no codec field"
        if (codec.entity, attr) in NOT_AUDITED:
            assert not by_attr[attr].audit and by_attr[attr].unaudited
        else:
            assert by_attr[attr].audit and set(by_attr[attr].audit) <= set(snapshot), (codec.entity, attr)
    assert list(snapshot) == list(codec.audit_keys)


def test_the_snapshot_keys_of_existing_records_never_change():
    """Every existing database's audit trail holds these keys: a renamed one breaks verify_records."""
    assert PRODUCT.audit_keys[:11] == ("name", "name_zh", "inn", "aliases", "company", "company_zh",
                                       "company_aliases", "source_tissue", "donor_type", "modality", "notes")
    assert TRACK.audit_keys[:4] == ("product_id", "jurisdiction", "indication", "pathway")
    assert EVENT.audit_keys[:10] == ("track_id", "type", "date", "approximate", "agency", "reference", "source",
                                     "confidence", "note", "attributes")
    # keys added later come after, each one absent (None) from the snapshot of a record made before it
    assert EVENT.audit_keys[10:] == ("planned", "note_zh")
    assert PRODUCT.audit_keys[11:] == ("notes_zh",) and TRACK.audit_keys[4:] == ("indication_zh",)


def test_a_flag_added_later_leaves_the_audit_text_of_actual_events_as_it_was():
    """An actual event's created text has no "planned" key (so trails written before the flag still
    verify); a planned event's has it, and the stored row reads back planned."""
    actual = RegulatoryEvent(None, 3, "ma_submitted", PartialDate.parse("2024-07"), source="EMA")
    planned = dataclasses.replace(actual, date=PartialDate.parse("2027-Q2"), planned=True)
    assert "planned" not in EVENT.created_text(actual, track_id=3)
    assert '"planned":[null,true]' in EVENT.created_text(planned, track_id=3)
    assert EVENT.snapshot(actual)["planned"] is None and EVENT.snapshot(planned)["planned"] is True
    row = EVENT.column_values(planned, track_id=3)
    assert row["planned"] is True and row["date_precision"] == "quarter" and row["date_text"] == "2027-Q2"


# ----- adding a field takes one codec entry ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventWithPriority(RegulatoryEvent):
    """An event with one more attribute, as a contributor would add it to ``RegulatoryEvent``."""

    priority: str = ""


def _events_table_with_priority() -> sa.Table:
    """The events table after the migration that adds the column (built here on its own metadata)."""
    table = EVENT.table.to_metadata(sa.MetaData())
    table.append_column(sa.Column("priority", sa.String(16), nullable=False, server_default=""))
    return table


def test_a_new_attribute_without_its_codec_entry_is_refused_naming_it():
    with pytest.raises(TypeError, match="'priority' has no field"):
        RecordCodec("event", EventWithPriority, _events_table_with_priority(), EVENT.fields, owner="track_id")
    assert codec_problems(EventWithPriority, EVENT.fields) == ["attribute 'priority' has no field"]
    # an entry that neither is audited nor says why is refused too
    unaudited = dataclasses.replace(text("priority"), audit=())
    with pytest.raises(TypeError, match="no audit key and no reason"):
        RecordCodec("event", EventWithPriority, _events_table_with_priority(), [*EVENT.fields, unaudited])


def test_one_codec_entry_stores_reads_and_audits_a_new_attribute():
    table = _events_table_with_priority()
    codec = RecordCodec("event", EventWithPriority, table, [*EVENT.fields, text("priority")], owner="track_id")
    engine = sa.create_engine("sqlite://")
    sa.Table("tracks", table.metadata, sa.Column("id", sa.Integer, primary_key=True))
    table.metadata.create_all(engine)
    event = EventWithPriority(id=None, track_id=None, type="ind_submitted", date=PartialDate.parse("2021-05-07"),
                              agency="FDA", note="备注 \"q\"", attributes={"k": "v"}, priority="high")
    with engine.begin() as conn:
        conn.execute(table.insert(), [{**codec.column_values(event, track_id=9), "version_id": 1}])
        row = conn.execute(codec.select()).one()
    read = codec.decoder()(row)
    assert read == dataclasses.replace(event, id=1, track_id=9)
    assert read.priority == "high"
    snapshot = codec.snapshot(read)
    assert snapshot["priority"] == "high"
    assert codec.stored_snapshot(row) == snapshot
    assert codec.created_text(event, track_id=9) == audit.canonical(audit.diff(None, snapshot))
    # and what was there before is audited exactly as before
    assert {k: v for k, v in snapshot.items() if k != "priority"} == EVENT.snapshot(read)


def test_a_decoded_event_equals_the_one_the_dataclass_builds_and_stays_frozen():
    fields = dict(id=7, track_id=3, type="ind_submitted", date=PartialDate.parse("2024-07"), agency="FDA",
                  reference="IND 1", source="https://example.org", confidence=Confidence.HIGH, note="n",
                  attributes={"review": "priority"}, version=2)
    built = RegulatoryEvent(**fields)
    row = (7, 3, "ind_submitted", "2024-07", False, "FDA", "IND 1", "https://example.org", "high", "n",
           '{"review": "priority"}', 2, False, "")
    fast = EVENT.decoder()(row)
    assert fast == built and repr(fast) == repr(built) and fast.order_key == built.order_key
    with pytest.raises(AttributeError):  # still frozen
        fast.note = "changed"  # type: ignore[misc]


# ----- the exchange formats carry every audited field -------------------------------------------------------

# audited keys written under another name in the exchange files: the owner's id is written as the owner
EXCHANGED_AS = {("track", "product_id"): "product", ("event", "track_id"): None}


@pytest.mark.parametrize(("codec", "columns"), [(PRODUCT, PRODUCT_FIELDS), (TRACK, TRACK_FIELDS),
                                                (EVENT, (*TRACK_FIELDS, *EVENT_FIELDS))],
                         ids=["product", "track", "event"])
def test_every_audited_field_has_a_column_in_the_exchange_files(codec, columns):
    """The CSV/XLSX/JSON layouts name columns for the user (``product`` for a track's product id), so
    they are declared there; this fails when a codec gains a field the exports would silently drop."""
    for key in codec.audit_keys:
        name = EXCHANGED_AS.get((codec.entity, key), key)
        if name is not None:
            assert name in columns, f"{codec.entity}.{key} is not exported"


# ----- the shipped seed round-trips through the codecs --------------------------------------------------------


def test_every_record_of_the_seed_round_trips_through_its_codec(seeded_db):
    engine = create_engine_for(url_for(str(seeded_db)))
    try:
        with Session(engine) as s:
            products, tracks = repo.list_products(s), repo.tracks_for_products(s)
            events = [e for found in repo.events_for_tracks(s).values() for e in found]
            assert len(products) == 15 and tracks and len(events) > 50
            q = sa.text("SELECT entity, entity_id, changes FROM audit_log WHERE action = 'create'")
            created = {(entity, entity_id): changes for entity, entity_id, changes in s.execute(q)}
            for codec, values in ((PRODUCT, products), (TRACK, tracks), (EVENT, events)):
                stored = {r.id: r for r in s.execute(sa.select(codec.table))}
                current = repo.current_snapshots(s)
                for value in values:
                    row = stored[value.id]
                    owner = {codec.owner: getattr(value, codec.owner)} if codec.owner else {}
                    # value -> columns: exactly what is stored
                    assert codec.column_values(value, **owner) == {c: row._mapping[c] for c in codec.write_columns}
                    # the fast read and the ORM read give the same value
                    one = {"product": repo.get_product, "track": repo.get_track, "event": repo.get_event}[codec.entity]
                    assert one(s, value.id) == value
                    # value -> snapshot: what the audit trail says, and what the verifier reads from the row
                    assert codec.snapshot(value) == current[(codec.entity, value.id)]
                    assert codec.created_text(value, **owner) == created[(codec.entity, value.id)]
    finally:
        engine.dispose()


# ----- an audit trail written before the codecs ----------------------------------------------------------------


def _edits_through_every_write_path(ws) -> None:
    """The changes the pre-codec database below holds (this function was run at the commit before
    the codecs, on a new seeded database, and the result dumped to ``pre_codec_trail.sql.gz``)."""
    with ws.db.write() as s:
        p = repo.list_products(s)[0]
        d = ProductDraft(name=p.name, name_zh=p.name_zh, inn=p.inn, aliases=(*p.aliases, "Alias «二»"),
                         company=p.company, company_zh=p.company_zh, company_aliases=("Co \"quoted\"",),
                         source_tissue="umbilical_cord", donor_type=str(p.donor_type), modality=str(p.modality),
                         notes="edited\nline")
        repo.update_product(s, p.id, d, reason="edit product")
        np = repo.create_product(s, ProductDraft(name="Codec Test 𝔸", name_zh="编解码", aliases=("CT-1",)),
                                 reason="new")
        t = repo.create_track(s, np.id, TrackDraft("US", "GvHD", "clinical"), reason="new track")
        t2 = repo.create_track(s, np.id, TrackDraft("EU", "Crohn", "marketing"), reason="new track")
        repo.update_track(s, t2.id, TrackDraft("EU", "Crohn's disease", "marketing"), reason="edit track")
        e = repo.create_event(s, t.id, EventDraft(type="ind_submitted", date="2021-03", agency="FDA",
                                                  reference="IND 1", source="https://x", confidence="high", note="n",
                                                  approximate=True).to_event(), reason="ev")
        e2 = repo.create_event(s, t.id, EventDraft(type="ind_effective", date=None).to_event(), reason="ev")
        repo.update_event(s, e.id, EventDraft(type="ind_submitted", date="2021-03-04", agency="FDA",
                                              note="changed").to_event(), reason="edit ev")
        repo.delete_event(s, e2.id, reason="gone")
        t3 = repo.create_track(s, np.id, TrackDraft("JP", "ARDS", "clinical"), reason="t3")
        repo.delete_track(s, t3.id, reason="gone")
        gone = repo.create_product(s, ProductDraft(name="Gone"), reason="x")
        repo.delete_product(s, gone.id, reason="gone")
    with ws.db.write() as s:
        log = bulk_write.AuditAppender(s, "bulk")
        [bp] = bulk_write.create_products(
            s, [ProductDraft(name="Bulk P", aliases=("BP",), company_aliases=("X",)).validated()], log)
        [bt] = bulk_write.create_tracks(s, [(bp, TrackDraft("CN", "KOA", "clinical").validated())], log)
        bulk_write.create_events(s, [(bt, EventDraft(type="ind_submitted", date="2022", attributes={}).to_event()),
                                     (bt, EventDraft(type="ind_effective", date=None, note="无日期").to_event())], log)
        log.flush()


def _pre_codec_database(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript(gzip.decompress((DATA / "pre_codec_trail.sql.gz").read_bytes()).decode("utf-8"))
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.commit()
    con.close()
    return path


def _trail(session: Session) -> list[tuple]:
    q = sa.text("SELECT action, entity, entity_id, changes, reason FROM audit_log ORDER BY id")
    return [tuple(r) for r in session.execute(q)]


def test_a_trail_written_before_the_codecs_still_verifies_once_upgraded(tmp_path):
    """A database made by the release before the codecs (and before planned events): opening it runs
    the migrations, every record is kept as it was, and the trail and the records still verify."""
    from mscreg.services.workspace import open_workspace

    path = _pre_codec_database(tmp_path / "old.sqlite")
    con = sqlite3.connect(path)
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
              for t in ("products", "product_aliases", "tracks", "events", "audit_log")}
    con.close()
    ws = open_workspace(str(path), daily_backup=False)
    try:
        with ws.db.read() as s:
            assert audit.verify_chain(s).ok
            assert repo.verify_records(s) is None
            assert len(_trail(s)) == 138
    finally:
        ws.close()
    con = sqlite3.connect(path)
    after = {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
             for t in ("products", "product_aliases", "tracks", "events", "audit_log")}
    planned = con.execute("SELECT COUNT(*) FROM events WHERE planned").fetchone()[0]
    con.close()
    assert planned == 0  # every event recorded before plans existed was a fact
    # the columns added since come last: planned and note_zh on events, the Chinese text on products and tracks
    added = {"events": 2, "products": 1, "tracks": 1}
    assert {t: [r[:len(r) - added.get(t, 0)] for r in rows] for t, rows in after.items()} == before
    assert all(r[-added[t]:] in ((False, ""), ("",), (0, "")) for t in added for r in after[t])


def test_the_codecs_write_the_very_audit_text_the_code_before_them_wrote(tmp_path):
    """Same changes on a new database seeded with the same data set as the old one (2026.12.1, kept
    beside the old trail): every audit row's changes text, byte for byte."""
    from mscreg.services.workspace import init_database

    seed = tmp_path / "seed_2026_12_1.json"
    seed.write_bytes(gzip.decompress((DATA / "seed_2026_12_1.json.gz").read_bytes()))
    ws = init_database(str(tmp_path / "new.sqlite"), seed_path=seed)
    try:
        _edits_through_every_write_path(ws)
        with ws.db.read() as s:
            new = _trail(s)
            assert repo.verify_records(s) is None
    finally:
        ws.close()
    engine = create_engine_for(url_for(str(_pre_codec_database(tmp_path / "old.sqlite"))))
    try:
        with Session(engine) as s:
            old = _trail(s)
    finally:
        engine.dispose()
    assert new == old
