"""Looking at a database before anything writes to it, and naming what is wrong in the user's terms.

Opening an arbitrary file with SQLite succeeds; the trouble comes on the first query, and a damaged
page makes ``quick_check`` itself raise.  A PostgreSQL server that is down, a refused
login, a login without rights, a database that does not exist or holds someone else's tables each
fail differently deep in the driver.  This module turns every one of those into a
:class:`DatabaseProblem` with its own message code, so the window and the command line can say what
happened and what to do.

The probes only read (SQLite is opened with ``mode=ro``), so a refused file is never changed.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.storage.tables import APPLICATION_ID

FIELD = "database"
SQLITE_HEADER = b"SQLite format 3\x00"
PROBE_TIMEOUT_S = 5.0
OUR_TABLES = frozenset({"products", "tracks", "events", "audit_log"})


@dataclass(frozen=True)
class ProbeResult:
    """What the probe found: the schema revision stamped by Alembic (None when the file is new/empty)."""

    revision: str | None
    empty: bool


def _problem(value: str, code: str, **params: object) -> DatabaseProblem:
    return DatabaseProblem(Problem(FIELD, value, code, params))


def is_locked_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


def read_only_uri(path: Path, *, location_read_only: bool = False) -> str:
    """An SQLite URI that can only read ``path``.

    In a location nobody can write to, a WAL database cannot be opened even read-only unless its
    ``-shm`` file exists (SQLite must create it); when no ``-wal`` file holds unmerged changes the
    file is complete on its own and ``immutable=1`` opens it without any locking files.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if location_read_only and not Path(f"{path}-shm").exists():
        wal = Path(f"{path}-wal")
        if not wal.exists() or wal.stat().st_size == 0:
            uri += "&immutable=1"
    return uri


class _NotRegular(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _read_header(path: Path) -> bytes:
    """The first 16 bytes of ``path``, refusing anything that is not a regular file.

    Opening a FIFO for reading waits for a writer (forever), and a device can be endless or have side
    effects, so the file is opened without blocking and examined before a byte is read; only a
    regular file (a symbolic link is followed) is a database file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise _NotRegular("db.is_pipe" if stat.S_ISFIFO(mode) else
                              "db.is_device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "db.is_special")
        return os.read(fd, 16)
    finally:
        os.close(fd)


def probe_sqlite_file(path: Path, *, timeout: float = PROBE_TIMEOUT_S, field: str = FIELD,
                      location_read_only: bool = False, check_pages: bool = True) -> ProbeResult:
    """Refuse a file that is not an SQLite database of ours, is damaged or is locked; read its revision.

    ``field`` names the file in messages: the database being opened, or a file to restore.
    ``check_pages=False`` leaves out the page check (``PRAGMA quick_check``, which reads the whole
    file: 0.12 s for 150 MB); the caller then runs :func:`check_sqlite_pages` itself, as the window
    does beside its first read.
    """
    value = str(path)

    def refuse(value: str, code: str, **params: object) -> DatabaseProblem:
        return DatabaseProblem(Problem(field, value, code, params))

    try:
        header = _read_header(path)
    except IsADirectoryError:
        raise refuse(value, "db.is_folder") from None
    except _NotRegular as exc:
        raise refuse(value, exc.code) from None
    except OSError as exc:
        raise refuse(value, "db.unreadable", detail=exc.strerror or str(exc)) from None
    if header != SQLITE_HEADER:
        raise refuse(value, "db.empty_file" if not header else "db.not_sqlite")
    with _refusing_sqlite_errors(value, refuse):
        con = sqlite3.connect(read_only_uri(path, location_read_only=location_read_only), uri=True,
                              timeout=timeout)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app_id != APPLICATION_ID and tables:
                raise refuse(value, "db.not_mscreg",
                               detail=f"application_id {app_id}, tables {', '.join(sorted(tables)[:5])}")
            if tables and not tables >= OUR_TABLES:
                raise refuse(value, "db.not_mscreg", detail="mscreg tables missing")
            if check_pages:
                _check_pages(con, value, refuse)
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    return ProbeResult(revision=revision, empty=not tables)


def _check_pages(con: sqlite3.Connection, value: str, refuse: Callable[..., DatabaseProblem]) -> None:
    # quick_check reads every page: a damaged one shows here, or makes the check itself raise.
    checks = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
    if checks != ["ok"]:
        raise refuse(value, "db.damaged", detail="; ".join(checks))


def check_sqlite_pages(path: Path, *, location_read_only: bool = False, field: str = FIELD) -> None:
    """The page check :func:`probe_sqlite_file` left out: raise ``db.damaged`` if a page is damaged.

    SQLite runs it without holding Python's interpreter lock, so it can run in a thread of its own
    while another reads the data.  Locks and damage are refused as the probe refuses them.
    """
    value = str(path)

    def refuse(value: str, code: str, **params: object) -> DatabaseProblem:
        return DatabaseProblem(Problem(field, value, code, params))

    with _refusing_sqlite_errors(value, refuse):
        con = sqlite3.connect(read_only_uri(path, location_read_only=location_read_only), uri=True,
                              timeout=PROBE_TIMEOUT_S)
        try:
            _check_pages(con, value, refuse)
        finally:
            con.close()


@contextmanager
def _refusing_sqlite_errors(value: str, refuse: Callable[..., DatabaseProblem]) -> Iterator[None]:
    """SQLite's own errors as the user's reasons: a lock held by another program, or damage."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if is_locked_error(exc):
            raise refuse(value, "db.locked") from None
        raise refuse(value, "db.damaged", detail=str(exc)) from None
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", "file is not a database"
        raise refuse(value, "db.damaged", detail=str(exc)) from None


def safe_url(url: str) -> str:
    """A URL fit to print: the password replaced by ``***``."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: show it as given
        return url


def login_name(url: str) -> str:
    """The role a PostgreSQL URL logs in as: its user, else libpq's defaults (``PGUSER``, the OS login)."""
    import getpass
    import os

    user = sa.engine.make_url(url).username or os.environ.get("PGUSER")
    if user:
        return user
    try:
        return getpass.getuser()
    except Exception:  # no login name at all (some containers)
        return "?"


_LOGIN_WORDS = ("password authentication failed", "no pg_hba.conf entry", "authentication failed",
                "no password supplied", "role \"", "peer authentication")
_BUSY_WORDS = ("too many connections", "starting up", "shutting down", "in recovery mode")


NO_PRIVILEGE = "42501"  # SQLSTATE insufficient_privilege
# libpq gives no SQLSTATE for a refused connection: the server's words for a missing CONNECT right.
_NO_CONNECT_WORDS = ("permission denied for database", "does not have connect privilege")


def server_words(orig: BaseException | None) -> str:
    """The server's own one-line reason for a failed statement ("permission denied for table tracks"),
    without the echoed SQL that follows it in the driver's text."""
    diag = getattr(orig, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return primary or " ".join(str(orig).split()) or type(orig).__name__


def no_privilege(url: str, detail: str) -> DatabaseProblem:
    """The login may not do what mscreg needs here (connect, read or write its tables, create them)."""
    return _problem(safe_url(url), "db.no_privilege", user=login_name(url), detail=detail)


def server_problem(url: str, exc: BaseException) -> DatabaseProblem:
    """The user's reading of a failure to reach or log in to a database server.

    libpq reports connection-time failures without an SQLSTATE, so the server's FATAL text is read
    (PostgreSQL's own English messages); anything unrecognised is reported as unreachable, with the
    server's words attached.
    """
    orig = getattr(exc, "orig", exc)
    sqlstate = getattr(orig, "sqlstate", None)
    u = sa.engine.make_url(url)
    shown = safe_url(url)
    text = " ".join(str(orig).split())
    detail = text.rsplit("FATAL:", 1)[-1].strip() if "FATAL:" in text else text
    detail = detail.removeprefix("connection failed: ") or type(orig).__name__
    lowered = detail.lower()
    if sqlstate == NO_PRIVILEGE or any(w in lowered for w in _NO_CONNECT_WORDS):
        return no_privilege(url, detail)
    if sqlstate in ("28P01", "28000") or any(w in lowered for w in _LOGIN_WORDS):
        return _problem(shown, "db.login_refused", user=u.username or "?", detail=detail)
    if sqlstate == "3D000" or ("database \"" in lowered and "does not exist" in lowered):
        return _problem(shown, "db.server_no_database", name=u.database or "?")
    if sqlstate in ("53300", "57P03") or any(w in lowered for w in _BUSY_WORDS):
        return _problem(shown, "db.server_busy", detail=detail)
    return _problem(shown, "db.server_down", host=u.host or "localhost", port=u.port or 5432, detail=detail)


def probe_server(engine: sa.Engine, url: str) -> ProbeResult:
    """Connect and read the schema revision; refuse a database that holds tables which are not ours."""
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.OperationalError as exc:
        raise server_problem(url, exc) from None
    except sa.exc.InterfaceError as exc:
        raise server_problem(url, exc) from None
    except sa.exc.DBAPIError as exc:  # a login that may connect but not read mscreg's tables
        if getattr(exc.orig, "sqlstate", None) != NO_PRIVILEGE:
            raise
        raise no_privilege(url, server_words(exc.orig)) from None
    if tables and not tables >= OUR_TABLES:
        raise _problem(safe_url(url), "db.not_mscreg", detail=f"tables {', '.join(sorted(tables)[:5])}")
    return ProbeResult(revision=revision, empty=not tables)
