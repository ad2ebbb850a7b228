"""Opening a database: the engine, its pragmas, and one session per user action.

SQLite is set up the way design.md records as necessary on this machine: ``foreign_keys=ON`` on
every connection, WAL, a busy timeout, ``synchronous=FULL`` (the audit trail must survive a power
cut), and writes that start with ``BEGIN IMMEDIATE`` so that a transaction which reads and then
writes cannot fail half-way with SQLITE_BUSY.  The driver's own transaction handling is switched off
and SQLAlchemy emits BEGIN itself, as SQLAlchemy documents for pysqlite.

The same code runs on PostgreSQL (``postgresql+psycopg://…``) where none of the pragmas apply; the
session time zone is pinned to UTC so that nothing the server computes depends on a client's zone.

Failures of the connection itself (a file locked past the busy timeout, a server that went away) are
turned into :class:`DatabaseProblem` here, so every caller reports them the same way.
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
from mscreg.storage.probe import is_locked_error, probe_sqlite_file, read_only_uri, safe_url, server_problem

__all__ = ["BUSY_TIMEOUT_MS", "Database", "create_engine_for", "probe_sqlite_file", "sqlite_path", "url_for"]

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


def _install_sqlite_hooks(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" hook below emits BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:  # switching the journal mode writes the header: not on a read-only file
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("mscreg_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass
class Database:
    """An open database.  ``read()`` and ``write()`` each give one session for one user action.

    ``read_only_reason`` is set when the database was opened read-only (a read-only folder or file):
    reads work, and ``write()`` refuses at once with that reason instead of failing half-way.
    """

    url: str
    engine: Engine
    read_only_reason: Problem | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        p = self.path
        return p.name if p else safe_url(self.url)

    @property
    def location(self) -> str:
        """The file path, or the URL without its password: what messages name."""
        p = self.path
        return str(p) if p else safe_url(self.url)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.translate_failures(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: everything in it, audit rows included, commits together or not at all."""
        if self.read_only_reason is not None:
            raise DatabaseProblem(self.read_only_reason)
        engine = self.engine.execution_options(mscreg_write=True)
        with (self.translate_failures(), Session(engine, expire_on_commit=False) as session,
              session.begin()):
            yield session

    @contextlib.contextmanager
    def translate_failures(self) -> Iterator[None]:
        """A lock held past the busy timeout or a lost server becomes a message, not a traceback."""
        try:
            yield
        except sa.exc.OperationalError as exc:
            if self.is_sqlite:
                if is_locked_error(exc):
                    raise DatabaseProblem(Problem("database", self.location, "db.locked")) from None
                if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise DatabaseProblem(Problem("database", self.location, "db.read_only",
                                                  {"detail": str(exc.orig)})) from None
                raise
            raise server_problem(self.url, exc) from None

    def dispose(self) -> None:
        self.engine.dispose()


def read_only_url(url: str, *, location_read_only: bool = True) -> str:
    """The same SQLite file opened through a ``mode=ro`` URI, so SQLite itself refuses any write.

    ``location_read_only=False``: the file is opened read-only by choice in a place others may write
    to, so it is never treated as immutable (see :func:`read_only_uri`).
    """
    path = sqlite_path(url)
    assert path is not None, "only an SQLite file can be opened read-only this way"
    return f"sqlite:///{read_only_uri(path, location_read_only=location_read_only)}&uri=true"


def create_engine_for(url: str, *, read_only: bool = False, location_read_only: bool = True) -> Engine:
    """An engine with mscreg's connection settings; ``read_only`` only for SQLite files."""
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        target = read_only_url(url, location_read_only=location_read_only) if read_only else url
        engine = sa.create_engine(target, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_hooks(engine, read_only=read_only)
        return engine
    # UTC sessions: server-side timestamps and any ::date cast mean the same for every client.
    return sa.create_engine(url, pool_pre_ping=True,
                            connect_args={"connect_timeout": 10, "options": "-c timezone=UTC"})
