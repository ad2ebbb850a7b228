"""SQLModel tables (``*Row``).  Nothing outside storage ever sees these objects.

Every constraint has a name (the naming convention on the metadata), so Alembic batch migrations on
SQLite and plain ones on PostgreSQL can address them.  Mutable tables carry a ``version_id`` column
used for optimistic locking (declared as a Column object, because SQLModel's string form fails).
Days are ``DATE`` columns, audit timestamps UTC ISO text: SQLite drops timezone offsets from
``DateTime(timezone=True)`` and the hash chain needs a byte-stable form anyway.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

# "mscr" as a 32-bit big-endian integer: PRAGMA application_id marks the file as ours.
APPLICATION_ID = 0x6D736372


def table_of(row_class: type[SQLModel]) -> sa.Table:
    """A table class's Core table, typed: SQLModel sets ``__table__`` when the class is built, which a
    type checker cannot see."""
    # SQLModel declares __table__ on instances of the metaclass only
    return cast(sa.Table, row_class.__table__)  # type: ignore[attr-defined]


def _version_column() -> sa.Column[int]:
    return sa.Column("version_id", sa.Integer, nullable=False, server_default="1")


# One Column object per table (a Column belongs to one table only), passed to __mapper_args__ as the
# object itself: with SQLModel the string form of ``version_id_col`` fails.
_PRODUCT_VERSION = _version_column()
_TRACK_VERSION = _version_column()
_EVENT_VERSION = _version_column()
_TRIAL_VERSION = _version_column()
_OBLIGATION_VERSION = _version_column()
_OBLIGATION_EVENT_VERSION = _version_column()
_TRANSFER_VERSION = _version_column()


class ProductRow(SQLModel, table=True):
    __tablename__ = "products"
    __table_args__ = (sa.UniqueConstraint("name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(200))
    name_zh: str = Field(default="", sa_type=sa.String(200))
    inn: str = Field(default="", sa_type=sa.String(200))
    company: str = Field(default="", sa_type=sa.String(200))
    company_zh: str = Field(default="", sa_type=sa.String(200))
    company_aliases: str = Field(default="[]", sa_type=sa.Text)  # JSON list
    source_tissue: str = Field(default="not_stated", sa_type=sa.String(32))
    donor_type: str = Field(default="not_stated", sa_type=sa.String(32))
    modality: str = Field(default="cells", sa_type=sa.String(32))
    notes: str = Field(default="", sa_type=sa.Text)
    version_id: int = Field(default=1, sa_column=_PRODUCT_VERSION)
    # the notes in Chinese; added after release, so existing rows get "" (see Product.notes_zh)
    notes_zh: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, server_default=""))

    __mapper_args__ = {"version_id_col": _PRODUCT_VERSION}


class ProductAliasRow(SQLModel, table=True):
    __tablename__ = "product_aliases"
    __table_args__ = (sa.UniqueConstraint("product_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True))
    alias: str = Field(sa_type=sa.String(200))
    alias_folded: str = Field(sa_type=sa.String(200), index=True)  # casefolded, for search


class TrackRow(SQLModel, table=True):
    __tablename__ = "tracks"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "jurisdiction", "indication", "pathway"),
        sa.CheckConstraint("pathway IN ('clinical', 'marketing')", name="pathway"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("products.id", ondelete="RESTRICT"), nullable=False, index=True))
    jurisdiction: str = Field(sa_type=sa.String(2), index=True)
    indication: str = Field(sa_type=sa.String(200))
    pathway: str = Field(sa_type=sa.String(16))
    version_id: int = Field(default=1, sa_column=_TRACK_VERSION)
    # the indication in Chinese, shown, not part of the track's identity (see Track.indication_zh)
    indication_zh: str = Field(default="", sa_column=sa.Column(sa.String(200), nullable=False, server_default=""))

    __mapper_args__ = {"version_id_col": _TRACK_VERSION}


class EventRow(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("date_precision IS NULL OR date_precision IN ('year', 'quarter', 'month', 'day')",
                           name="precision"),
        sa.CheckConstraint("(date_text IS NULL) = (date_earliest IS NULL)", name="date_complete"),
        sa.Index("ix_events_track_date", "track_id", "date_earliest"),
    )

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("tracks.id", ondelete="RESTRICT"), nullable=False))
    event_type: str = Field(sa_type=sa.String(64), index=True)
    date_text: str | None = Field(default=None, sa_type=sa.String(10))
    date_precision: str | None = Field(default=None, sa_type=sa.String(7))
    date_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    date_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    approximate: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                  server_default=sa.false()))
    agency: str = Field(default="", sa_type=sa.String(200))
    reference: str = Field(default="", sa_type=sa.String(200))
    source: str = Field(default="", sa_type=sa.Text)
    confidence: str = Field(default="medium", sa_type=sa.String(8))
    note: str = Field(default="", sa_type=sa.Text)
    attributes: str = Field(default="{}", sa_type=sa.Text)  # JSON object of strings
    version_id: int = Field(default=1, sa_column=_EVENT_VERSION)
    # a plan, not a fact: never changes a derived state (see RegulatoryEvent.planned)
    planned: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.false()))
    # the note in Chinese (see RegulatoryEvent.note_zh)
    note_zh: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, server_default=""))

    __mapper_args__ = {"version_id_col": _EVENT_VERSION}


# The four dates of a trial registration, each stored like an event's date (text, precision, first and
# last possible day) plus whether the registry calls it actual or estimated (``<date>_kind``).
TRIAL_DATES = ("first_submitted", "start_date", "primary_completion", "completion")


class TrialRow(SQLModel, table=True):
    """A clinical-trial registration.  Links to a product and a track are RESTRICT: deleting a product or
    track that trials point at is refused with the list, never a silent loss of the link."""

    __tablename__ = "trials"
    __table_args__ = (
        sa.UniqueConstraint("registry_code", "registry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    registry_code: str = Field(sa_type=sa.String(16))  # "registry" is reserved by the ORM
    registry_id: str = Field(sa_type=sa.String(60))
    title: str = Field(sa_type=sa.Text)
    title_zh: str = Field(default="", sa_type=sa.Text)
    official_title: str = Field(default="", sa_type=sa.Text)
    acronym: str = Field(default="", sa_type=sa.String(200))
    organization: str = Field(default="", sa_type=sa.String(200))
    phases: str = Field(default="[]", sa_type=sa.Text)  # JSON list of phase codes, in phase order
    status: str | None = Field(default=None, sa_type=sa.String(32), index=True)
    first_submitted_text: str | None = Field(default=None, sa_type=sa.String(12))
    first_submitted_precision: str | None = Field(default=None, sa_type=sa.String(7))
    first_submitted_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    first_submitted_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    first_submitted_kind: str | None = Field(default=None, sa_type=sa.String(16))
    start_date_text: str | None = Field(default=None, sa_type=sa.String(12))
    start_date_precision: str | None = Field(default=None, sa_type=sa.String(7))
    start_date_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    start_date_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    start_date_kind: str | None = Field(default=None, sa_type=sa.String(16))
    primary_completion_text: str | None = Field(default=None, sa_type=sa.String(12))
    primary_completion_precision: str | None = Field(default=None, sa_type=sa.String(7))
    primary_completion_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    primary_completion_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    primary_completion_kind: str | None = Field(default=None, sa_type=sa.String(16))
    completion_text: str | None = Field(default=None, sa_type=sa.String(12))
    completion_precision: str | None = Field(default=None, sa_type=sa.String(7))
    completion_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    completion_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    completion_kind: str | None = Field(default=None, sa_type=sa.String(16))
    enrolment_count: int | None = Field(default=None)
    enrolment_kind: str | None = Field(default=None, sa_type=sa.String(16))
    lead_sponsor: str = Field(default="", sa_type=sa.String(200))
    countries: str = Field(default="[]", sa_type=sa.Text)  # JSON list
    conditions: str = Field(default="[]", sa_type=sa.Text)  # JSON list
    interventions: str = Field(default="[]", sa_type=sa.Text)  # JSON list
    results_posted: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                     server_default=sa.false()))
    product_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("products.id", ondelete="RESTRICT"), nullable=True, index=True))
    track_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("tracks.id", ondelete="RESTRICT"), nullable=True, index=True))
    sources: str = Field(default="[]", sa_type=sa.Text)  # JSON list
    version_id: int = Field(default=1, sa_column=_TRIAL_VERSION)

    __mapper_args__ = {"version_id_col": _TRIAL_VERSION}


class ObligationRow(SQLModel, table=True):
    """A post-authorisation obligation, tied to its track and to the event that imposed it.  Both
    references refuse the deletion of what they point to: an obligation is deleted first, with its own
    reason, so that no authorisation's conditions vanish with it."""

    __tablename__ = "obligations"
    __table_args__ = (
        sa.CheckConstraint("due_precision IS NULL OR due_precision IN ('year', 'quarter', 'month', 'day')",
                           name="due_precision"),
        sa.CheckConstraint("(due_text IS NULL) = (due_earliest IS NULL)", name="due_complete"),
        sa.CheckConstraint("due_text IS NULL OR due_rule IS NULL", name="due_once"),
    )

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("tracks.id", ondelete="RESTRICT"), nullable=False, index=True))
    authorisation_event_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("events.id", ondelete="RESTRICT"), nullable=False, index=True))
    kind: str = Field(sa_type=sa.String(32))
    text_en: str = Field(default="", sa_type=sa.Text)
    text_zh: str = Field(default="", sa_type=sa.Text)
    due_text: str | None = Field(default=None, sa_type=sa.String(10))
    due_precision: str | None = Field(default=None, sa_type=sa.String(7))
    due_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    due_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    due_approximate: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                      server_default=sa.false()))
    due_rule: str | None = Field(default=None, sa_type=sa.String(16))  # "5 years", counted from the authorisation
    owner: str = Field(default="", sa_type=sa.String(200))
    source: str = Field(default="", sa_type=sa.Text)
    version_id: int = Field(default=1, sa_column=_OBLIGATION_VERSION)

    __mapper_args__ = {"version_id_col": _OBLIGATION_VERSION}


class ObligationEventRow(SQLModel, table=True):
    """One dated step of an obligation (submitted, fulfilled, released, extended)."""

    __tablename__ = "obligation_events"
    __table_args__ = (
        sa.CheckConstraint("date_precision IS NULL OR date_precision IN ('year', 'quarter', 'month', 'day')",
                           name="precision"),
        sa.CheckConstraint("(date_text IS NULL) = (date_earliest IS NULL)", name="date_complete"),
        sa.CheckConstraint("new_due_precision IS NULL OR new_due_precision IN ('year', 'quarter', 'month', 'day')",
                           name="new_due_precision"),
        sa.CheckConstraint("(new_due_text IS NULL) = (new_due_earliest IS NULL)", name="new_due_complete"),
    )

    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("obligations.id", ondelete="RESTRICT"), nullable=False, index=True))
    event_type: str = Field(sa_type=sa.String(16))
    date_text: str | None = Field(default=None, sa_type=sa.String(10))
    date_precision: str | None = Field(default=None, sa_type=sa.String(7))
    date_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    date_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    approximate: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                  server_default=sa.false()))
    new_due_text: str | None = Field(default=None, sa_type=sa.String(10))
    new_due_precision: str | None = Field(default=None, sa_type=sa.String(7))
    new_due_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    new_due_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    new_due_approximate: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                          server_default=sa.false()))
    source: str = Field(default="", sa_type=sa.Text)
    note: str = Field(default="", sa_type=sa.Text)
    version_id: int = Field(default=1, sa_column=_OBLIGATION_EVENT_VERSION)

    __mapper_args__ = {"version_id_col": _OBLIGATION_EVENT_VERSION}


class HolderTransferRow(SQLModel, table=True):
    """A change of marketing-authorisation holder or licensee of a product in a jurisdiction."""

    __tablename__ = "holder_transfers"
    __table_args__ = (
        sa.CheckConstraint("role IN ('holder', 'licensee')", name="role"),
        sa.CheckConstraint("date_precision IS NULL OR date_precision IN ('year', 'quarter', 'month', 'day')",
                           name="precision"),
        sa.CheckConstraint("(date_text IS NULL) = (date_earliest IS NULL)", name="date_complete"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("products.id", ondelete="RESTRICT"), nullable=False, index=True))
    jurisdiction: str = Field(sa_type=sa.String(2))
    role: str = Field(sa_type=sa.String(16))
    date_text: str | None = Field(default=None, sa_type=sa.String(10))
    date_precision: str | None = Field(default=None, sa_type=sa.String(7))
    date_earliest: dt.date | None = Field(default=None, sa_type=sa.Date)
    date_latest: dt.date | None = Field(default=None, sa_type=sa.Date)
    approximate: bool = Field(default=False, sa_column=sa.Column(sa.Boolean, nullable=False,
                                                                  server_default=sa.false()))
    from_party: str = Field(default="", sa_type=sa.String(200))
    to_party: str = Field(default="", sa_type=sa.String(200))
    source: str = Field(default="", sa_type=sa.Text)
    note: str = Field(default="", sa_type=sa.Text)
    version_id: int = Field(default=1, sa_column=_TRANSFER_VERSION)

    __mapper_args__ = {"version_id_col": _TRANSFER_VERSION}


class VerificationRow(SQLModel, table=True):
    """A track checked against a source on a day (append-only in use: a newer one supersedes it)."""

    __tablename__ = "verifications"
    __table_args__ = (sa.Index("ix_verifications_track_day", "track_id", "verified_on"),)

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("tracks.id", ondelete="RESTRICT"), nullable=False))
    verified_on: dt.date = Field(sa_type=sa.Date)
    source: str = Field(default="", sa_type=sa.Text)
    note: str = Field(default="", sa_type=sa.Text)
    who: str = Field(default="", sa_type=sa.String(200))


class AuditRow(SQLModel, table=True):
    """Append-only: triggers refuse UPDATE and DELETE; each row hashes its predecessor's hash."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at_utc: str = Field(sa_type=sa.String(32))
    actor: str = Field(sa_type=sa.String(200))
    action: str = Field(sa_type=sa.String(16))
    entity: str = Field(sa_type=sa.String(32))
    entity_id: int = Field()
    changes: str = Field(sa_type=sa.Text)  # JSON {field: [old, new]}
    reason: str = Field(sa_type=sa.Text)
    prev_hash: str = Field(sa_type=sa.String(64))
    hash: str = Field(sa_type=sa.String(64), unique=True)


class MetaRow(SQLModel, table=True):
    """Facts about the database itself (which seed data set it was loaded with)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True, sa_type=sa.String(64))
    value: str = Field(sa_type=sa.Text)
