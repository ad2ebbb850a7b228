"""Opening a database: the engine, its pragmas, and one session per user action.

SQLite is set up the way it proved necessary on this machine: ``foreign_keys=ON`` on every
connection (SQLite enforces no foreign key otherwise), WAL, a busy timeout, ``synchronous=FULL`` (the
audit trail must survive a power cut), and writes that start with ``BEGIN IMMEDIATE`` so that a
transaction which reads and then writes cannot fail half-way with SQLITE_BUSY.  The driver's own
transaction handling is switched off and SQLAlchemy emits BEGIN itself, as SQLAlchemy documents for
pysqlite.

The same code runs on PostgreSQL (``postgresql+psycopg://…``) where none of the pragmas apply; the
session time zone is pinned to UTC so that nothing the server computes depends on a client's zone.

On PostgreSQL a unit of work that writes takes one transaction-scoped advisory lock before its first
statement, so writers queue one behind the other exactly as ``BEGIN IMMEDIATE`` makes them queue on
SQLite.  Without it, two users creating the same new track both looked for it, both found nothing,
and one of them then died on the unique constraint (or was told the track "already exists" although
their event was valid); and two events each valid on its own could both commit into a log that no
longer replays.  Under the lock every read of a write sees every earlier write committed.

Failures of the connection itself (a file locked past the busy timeout, a server that went away, a
login without rights) are turned into :class:`DatabaseProblem` here, so every caller reports them the
same way; a change that collided with another program's (a deadlock, a serialization failure, a
duplicate key written meanwhile by a client that does not take the lock) becomes a
:class:`WriteCollision`, which the services run again.  Addresses mscreg cannot use (another
database's scheme, another driver, an in-memory database) are refused before any driver is imported.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mscreg.domain.errors import Conflict, DatabaseProblem, Problem
from mscreg.storage.file_identity import FileIdentity, identity_of, moved_problem
from mscreg.storage.probe import (
    NO_PRIVILEGE,
    is_locked_error,
    no_privilege,
    probe_sqlite_file,
    read_only_uri,
    safe_url,
    server_problem,
    server_words,
)

__all__ = ["BUSY_TIMEOUT_MS", "WRITER_LOCK_TIMEOUT_S", "Database", "WriteCollision", "create_engine_for",
           "lock_writers", "probe_sqlite_file", "sqlite_path", "url_for"]

BUSY_TIMEOUT_MS = 5000
# How long a write on a PostgreSQL server waits for the writers before it.  Longer than SQLite's 5 s:
# a team shares the server, and an import holds the lock for as long as it writes.  Not forever: a
# client whose connection hangs in the middle of a transaction must not stop every other writer.
WRITER_LOCK_TIMEOUT_S = 30
# The key of the advisory lock every mscreg writer of a PostgreSQL database takes.  Any fixed number
# does, but never change it: two mscreg versions sharing a server would then write side by side.
WRITER_LOCK_KEY = 7236707

# The PostgreSQL drivers mscreg is tested with: psycopg 3 only.  ``postgresql://`` and ``postgres://``
# (libpq's own spellings) mean it too: SQLAlchemy 2.0 would otherwise pick psycopg2 for them.
_POSTGRES_SCHEMES = ("postgresql", "postgres")
_POSTGRES_DRIVERS = (None, "psycopg")
# SQLSTATEs of two transactions that cannot both stand as they are; running the loser again normally
# succeeds.  unique_violation is one because mscreg looks for a duplicate before it writes (under the
# writers' lock), so a duplicate key means a program that does not take that lock wrote it meanwhile.
_COLLISIONS = frozenset({"40001", "40P01", "23505"})  # serialization_failure, deadlock_detected, unique
_LOCK_TIMEOUT = "55P03"  # lock_not_available: WRITER_LOCK_TIMEOUT_S went by


class WriteCollision(Conflict):
    """Another program's change collided with this one at the same moment; nothing was written.

    Running the whole unit of work again normally succeeds (see ``services.collisions``).
    """


def url_for(location: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or the URL given, checked and normalised.

    Only SQLite files and PostgreSQL through psycopg are accepted; anything else is refused here with
    the forms that work, before a driver that is not there is imported.
    """
    text = str(location)
    if "://" in text:
        return _checked_url(text)
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _checked_url(text: str) -> str:
    def refuse(code: str, **params: object) -> DatabaseProblem:
        return DatabaseProblem(Problem("database", safe_url(text), code, params))

    try:
        u = sa.engine.make_url(text)
    except (sa.exc.ArgumentError, ValueError):
        raise refuse("db.url_unsupported", scheme=text.partition("://")[0] or "://") from None
    backend, driver = u.get_backend_name(), u.get_driver_name() if "+" in u.drivername else None
    if backend == "sqlite" and driver in (None, "pysqlite"):
        if not u.database or u.database == ":memory:" or u.query.get("mode") == "memory":
            raise refuse("db.url_memory")
        return text
    if backend in _POSTGRES_SCHEMES and driver in _POSTGRES_DRIVERS:
        return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise refuse("db.url_unsupported", scheme=u.drivername)


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

    An SQLite file is remembered by its identity when it is opened (or, for one about to be
    created, when the first connection creates it); ``read()`` and ``write()`` refuse once its path
    names no file or another one (see :mod:`mscreg.storage.file_identity`).
    """

    url: str
    engine: Engine
    read_only_reason: Problem | None = None
    opened_file: FileIdentity | None = field(default=None, init=False, repr=False)
    _file: str | None = field(default=None, init=False, repr=False)  # a str: os.stat takes it fastest
    # the -wal and -shm files this process's connections share, and their identities while one is open
    _log_paths: tuple[str, str] | None = field(default=None, init=False, repr=False)
    _logs: tuple[FileIdentity | None, FileIdentity | None] | None = field(default=None, init=False, repr=False)
    _connections: int = field(default=0, init=False, repr=False)
    _count_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        path = self.path
        if path is None:
            return
        self._file = str(path)
        self.opened_file = identity_of(path)  # None: the first connection creates it (a new database)
        event.listen(self.engine, "do_connect", self._refuse_another_file)
        event.listen(self.engine, "connect", self._connected)
        if self.read_only_reason is None:  # a read-only opening writes no log of its own
            self._log_paths = (f"{path}-wal", f"{path}-shm")
            event.listen(self.engine, "close", self._closed)
            event.listen(self.engine, "close_detached", self._closed)

    def _refuse_another_file(self, *_args: object) -> None:
        """Before SQLite opens a new connection: never to a file other than the one opened (it would
        read the opened file's ``-wal`` as its own), never creating an empty one where it was."""
        problem = self._moved()
        if problem is not None:
            raise problem

    def _connected(self, _dbapi_conn: object, _record: object) -> None:
        if self.opened_file is None and self._file is not None:
            self.opened_file = identity_of(self._file)
        with self._count_lock:
            self._connections += 1
            if self._logs is None and self._log_paths is not None:  # WAL mode was just set: both exist
                now = (identity_of(self._log_paths[0]), identity_of(self._log_paths[1]))
                if all(now):
                    self._logs = now

    def _closed(self, *_args: object) -> None:
        with self._count_lock:
            self._connections = max(0, self._connections - 1)
            if not self._connections:  # the last one closed: SQLite removed the log; the next opens another
                self._logs = None

    def _moved(self) -> DatabaseProblem | None:
        opened, path = self.opened_file, self._file
        if opened is None or path is None:
            return None
        problem = moved_problem(path, opened)
        if problem is not None or self._log_paths is None:
            return problem
        # While one of this process's connections is open, SQLite keeps the -wal and -shm files (it
        # removes them only when the last connection closes), so another file under either name means
        # they were deleted behind it: this process and any other would each keep a log of their own.
        now = (identity_of(self._log_paths[0]), identity_of(self._log_paths[1]))
        with self._count_lock:
            if self._logs is None:
                if self._connections and all(now):
                    self._logs = now
                return None
            if now == self._logs:
                return None
        return DatabaseProblem(Problem("database", path, "db.log_gone"))

    def refuse_if_moved(self) -> None:
        """Refuse when the file opened is no longer at its path (deleted, renamed, moved or replaced),
        after folding what was saved into it (:meth:`settle_moved_file`).

        Three ``os.stat`` calls (the file, its ``-wal`` and ``-shm``), a few microseconds: made once per
        unit of work, never per row.  Nothing to check on a server, or before the first connection
        made the file.
        """
        problem = self._moved()
        if problem is not None:
            self.settle_moved_file()
            raise problem

    def _foreign_log(self) -> bool:
        """A -wal file under the database's name holding another connection's changes."""
        if self._log_paths is None:
            return False
        try:
            return os.stat(self._log_paths[0]).st_size > 0 and identity_of(self._log_paths[0]) != (
                self._logs or (None, None))[0]
        except OSError:
            return False

    def settle_moved_file(self) -> None:
        """Fold the ``-wal`` file into the file opened, through a connection already open on it.

        SQLite skips this when the file has moved, even at close, leaving what was saved in a log
        under the old name: missing from a moved file, and replayed over any database later put at
        that name.  Best effort: no connection open (a new one is refused), a read-only file, or a
        reader holding the log past the busy timeout leave it as it is.
        """
        if self.read_only or not self.is_sqlite or self._foreign_log():
            return  # two logs of one file cannot be merged page by page: SQLite's close decides as before
        with contextlib.suppress(DatabaseProblem, sa.exc.DBAPIError, sqlite3.Error):
            raw = self.engine.raw_connection()
            try:
                # SQLAlchemy types the driver's connection as optional; a pool connection always has one
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
            finally:
                raw.close()

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
        """A session for reading; refused when the file is no longer the one opened, so that a re-read
        shows that instead of data that only the open file still holds."""
        self.refuse_if_moved()
        with self.translate_failures(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: everything in it, audit rows included, commits together or not at all.

        Refused before its first statement, and rolled back before its commit, when the SQLite file
        is no longer at its path: SQLite would go on writing into a deleted or replaced file, and
        every change would vanish with it when the database is closed.  The second look costs the
        same few microseconds again and catches a file deleted during a long import.
        """
        if self.read_only_reason is not None:
            raise DatabaseProblem(self.read_only_reason)
        self.refuse_if_moved()
        engine = self.engine.execution_options(mscreg_write=True)
        moved: DatabaseProblem | None = None
        try:
            with (self.translate_failures(), Session(engine, expire_on_commit=False) as session,
                  session.begin()):
                if not self.is_sqlite:
                    lock_writers(session)
                yield session
                moved = self._moved()
                if moved is not None:
                    raise moved  # rolled back here; the log is folded once the connection is free
        except DatabaseProblem as exc:
            if exc is moved:
                self.settle_moved_file()
            raise

    @contextlib.contextmanager
    def translate_failures(self) -> Iterator[None]:
        """A lock held past the busy timeout, a lost server, a login without rights or a collision with
        another program's change becomes a message, not a traceback."""
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
            raise self._server_failure(exc) or server_problem(self.url, exc) from None
        except sa.exc.DBAPIError as exc:
            if self.is_sqlite:
                raise
            problem = self._server_failure(exc)
            if problem is None:
                raise
            raise problem from None

    def _server_failure(self, exc: sa.exc.DBAPIError) -> DatabaseProblem | WriteCollision | None:
        """The user's reading of a PostgreSQL error, from its SQLSTATE; None for anything else (a bug
        must not be disguised as a server condition)."""
        sqlstate = getattr(exc.orig, "sqlstate", None)
        detail = server_words(exc.orig)
        if sqlstate == NO_PRIVILEGE:
            return no_privilege(self.url, detail)
        if sqlstate in _COLLISIONS:
            return WriteCollision(Problem("database", self.location, "db.write_collided",
                                          {"detail": detail, "attempts": 1}))
        if sqlstate == _LOCK_TIMEOUT:
            return DatabaseProblem(Problem("database", self.location, "db.server_writer_busy",
                                           {"seconds": WRITER_LOCK_TIMEOUT_S}))
        return None

    def dispose(self) -> None:
        """Close every connection; a file that moved meanwhile first gets what was saved into it."""
        with contextlib.suppress(DatabaseProblem):
            if self._moved() is not None:
                self.settle_moved_file()
        self.engine.dispose()


def lock_writers(session: Session) -> None:
    """Queue behind any other mscreg writer of this PostgreSQL database until this transaction ends.

    Waits at most :data:`WRITER_LOCK_TIMEOUT_S` (then the write is refused as busy, nothing written).
    The audit trail's writers call it too, for a transaction that did not begin in
    :meth:`Database.write`; within one transaction only the first call goes to the server.
    """
    transaction = session.get_transaction()
    if transaction is not None and session.info.get("mscreg_writer_lock") is transaction:
        return
    session.execute(sa.text(f"SET LOCAL lock_timeout = '{int(WRITER_LOCK_TIMEOUT_S * 1000)}ms'"))
    session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})
    session.info["mscreg_writer_lock"] = session.get_transaction()


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
    try:
        return sa.create_engine(url, pool_pre_ping=True,
                                connect_args={"connect_timeout": 10, "options": "-c timezone=UTC"})
    except ImportError as exc:  # psycopg, or the libpq it wraps, is not installed
        raise DatabaseProblem(Problem("database", safe_url(url), "db.driver_missing",
                                      {"detail": str(exc) or type(exc).__name__})) from None
