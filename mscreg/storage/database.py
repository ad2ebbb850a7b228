"""Opening a database: the engine, its pragmas, and one session per user action.

SQLite is set up the way design.md records as necessary on this machine: ``foreign_keys=ON`` on
every connection, WAL, a busy timeout, ``synchronous=FULL`` (the audit trail must survive a power
cut), and writes that start with ``BEGIN IMMEDIATE`` so that a transaction which reads and then
writes cannot fail half-way with SQLITE_BUSY.  The driver's own transaction handling is switched off
and SQLAlchemy emits BEGIN itself, as SQLAlchemy documents for pysqlite.

The same code runs on PostgreSQL (``postgresql+psycopg://…``) where none of this applies.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.storage.tables import APPLICATION_ID

BUSY_TIMEOUT_MS = 5000


def url_for(location: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or the URL itself when one is given."""
    text = str(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    u = sa.engine.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" hook below emits BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("mscreg_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass
class Database:
    """An open database.  ``read()`` and ``write()`` each give one session for one user action."""

    url: str
    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        p = self.path
        return p.name if p else sa.engine.make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: everything in it, audit rows included, commits together or not at all."""
        engine = self.engine.execution_options(mscreg_write=True)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def create_engine_for(url: str) -> Engine:
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_hooks(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def probe_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database of ours, or is damaged, before anything writes.

    A non-database file opens without error and fails on the first query, and a damaged page makes
    ``quick_check`` itself raise (design.md): both become a clear :class:`DatabaseProblem`.
    """
    field = "database"
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseProblem(Problem(field, str(path), "db.not_mscreg", {"detail": exc.strerror})) from None
    if header != b"SQLite format 3\x00":
        raise DatabaseProblem(Problem(field, str(path), "db.not_mscreg",
                                      {"detail": "not an SQLite file"}))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            check = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseProblem(Problem(field, str(path), "db.locked")) from None
        raise DatabaseProblem(Problem(field, str(path), "db.damaged", {"detail": str(exc)})) from None
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(Problem(field, str(path), "db.damaged", {"detail": str(exc)})) from None
    if check != "ok":
        raise DatabaseProblem(Problem(field, str(path), "db.damaged", {"detail": check}))
    if app_id != APPLICATION_ID and tables:
        raise DatabaseProblem(Problem(field, str(path), "db.not_mscreg",
                                      {"detail": f"application_id {app_id}, tables {sorted(tables)[:5]}"}))
