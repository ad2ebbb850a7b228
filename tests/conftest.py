"""Shared fixtures.  No test touches the user's files: databases live in tmp_path, the user data
folder and QSettings are redirected, and Qt runs offscreen (set before anything imports Qt).

Two database backends.  Tests of storage, services and reliability, and the command-line tests that
write (those using ``seeded_db``), run once on SQLite and once on PostgreSQL: ``seeded_db`` is then a
fresh database (a file path, or a ``postgresql+psycopg://`` URL to a database cloned from a seeded
template with ``CREATE DATABASE … TEMPLATE``), and ``dump`` reads either.  PostgreSQL comes from
``MSCREG_TEST_PG_URL`` (``bash .ci/run`` starts a server and sets it); without it the PostgreSQL
variants are skipped with that reason, visibly (``-ra``).  A test that is about SQLite itself is
marked ``sqlite_only``; a test whose source reaches into the file with ``sqlite3`` (or the CLI tests'
SQLite helpers) is kept to SQLite automatically and listed in the session summary.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import inspect
import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import copy_database, table_dump

PG_ENV = "MSCREG_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")
_BOTH_BACKEND_DIRS = ("storage", "services", "reliability", "cli")
# Words in a test's source that mean it reads the SQLite file itself (test_cli.py's helpers included).
_SQLITE_ONLY_WORDS = ("sqlite3", "audit_rows(", "tamper(", "copy_db(", "table_dump(", "seeded_template",
                      "PRAGMA", "backup_sqlite(")
_kept_to_sqlite: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backends", default=",".join(BACKENDS),
                     help="database backends for storage/services/CLI tests (default: sqlite,postgresql)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself; not run on PostgreSQL")
    config.addinivalue_line("markers", "both_backends: run on SQLite and PostgreSQL whatever its source says")


def _runs_on_both(metafunc: pytest.Metafunc) -> bool:
    parts = Path(str(metafunc.definition.fspath)).parts
    if "tests" not in parts or parts[parts.index("tests") + 1] not in _BOTH_BACKEND_DIRS:
        return False
    if metafunc.definition.get_closest_marker("both_backends"):  # wins over a module-wide sqlite_only
        return True
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return False
    try:
        source = inspect.getsource(metafunc.function)
    except (OSError, TypeError):
        return False
    if any(word in source for word in _SQLITE_ONLY_WORDS):
        _kept_to_sqlite.append(metafunc.definition.nodeid)
        return False
    return True


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames or not _runs_on_both(metafunc):
        return
    chosen = [b.strip() for b in metafunc.config.getoption("--backends").split(",") if b.strip()]
    metafunc.parametrize("backend", [b for b in BACKENDS if b in chosen], indirect=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _kept_to_sqlite:
        terminalreporter.write_line(
            f"{len(_kept_to_sqlite)} tests use seeded_db but read the SQLite file directly, so they ran on "
            f"SQLite only: " + ", ".join(n.split("::")[-1] for n in _kept_to_sqlite[:12])
            + (" …" if len(_kept_to_sqlite) > 12 else ""))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("MSCREG_DB", raising=False)
    monkeypatch.delenv("MSCREG_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_folders_for_shared_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Session- and module-scoped fixtures are set up before the per-test isolation above: give them
    folders of their own too, so nothing they start (a daily backup's anchor, a signing key created
    on first use) reaches the user's config or state folders."""
    home = tmp_path_factory.mktemp("shared-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        mp.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
        mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        yield


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" unless the test was parametrized over both backends (see pytest_generate_tests)."""
    return getattr(request, "param", "sqlite")


class PgServer:
    """The test PostgreSQL server: makes and drops databases named ``mscreg_t_<run>_<n>``."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.url = sa.engine.make_url(url)
        self.admin = sa.create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                                      poolclass=sa.pool.NullPool)
        self.run = uuid.uuid4().hex[:8]
        self._n = itertools.count()
        self.made: list[str] = []

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        import sqlalchemy as sa

        name = f"mscreg_t_{self.run}_{next(self._n)}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self.made.append(name)
        return name

    def drop(self, name: str) -> None:
        import sqlalchemy as sa

        try:
            with self.admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except sa.exc.ProgrammingError as exc:
            # A session of another login (a test's login without rights) may still be connected, and only a
            # member of pg_signal_backend may end it: the throw-away database is left to the server's end.
            if "pg_signal_backend" not in str(exc):
                raise
            return
        if name in self.made:
            self.made.remove(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not available: set {PG_ENV}=postgresql+psycopg://USER:PASSWORD@127.0.0.1/postgres "
                    "(bash .ci/run starts a server and sets it)")
    server = PgServer(url)
    try:
        with server.admin.connect():
            pass
    except Exception as exc:  # the URL was given, so an unreachable server is a failure, not a skip
        pytest.fail(f"{PG_ENV} is set but the server cannot be used: {exc}")
    yield server
    for name in list(server.made):
        server.drop(name)
    server.admin.dispose()


@pytest.fixture(scope="session")
def pg_seeded_template(pg_server: PgServer) -> str:
    """A seeded PostgreSQL database built by the real migrations and seed loader, cloned per test."""
    from mscreg.services.workspace import init_database

    name = pg_server.create()
    ws = init_database(pg_server.url_for(name))
    ws.close()
    return name


@pytest.fixture
def fresh_database(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Callable[[], Any]]:
    """A factory of fresh seeded databases on this test's backend (a Path, or a URL string)."""
    made: list[str] = []
    counter = itertools.count()
    if backend == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        template: str = request.getfixturevalue("pg_seeded_template")

        def make() -> Any:
            name = server.create(template)
            made.append(name)
            return server.url_for(name)
    else:
        seeded: Path = request.getfixturevalue("seeded_template")

        def make() -> Any:
            folder = tmp_path / f"db{next(counter)}"
            folder.mkdir()
            return copy_database(seeded, folder / "mscreg.sqlite")

    yield make
    if backend == "postgresql":
        for name in made:
            server.drop(name)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database built through the real migrations and seed loader, copied per test."""
    from mscreg.services.workspace import init_database

    path = tmp_path_factory.mktemp("template") / "seeded.sqlite"
    ws = init_database(str(path))
    ws.close()
    return path


@pytest.fixture
def seeded_db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Any:
    """A fresh seeded database: ``tmp_path/mscreg.sqlite`` on SQLite, a cloned database URL on PostgreSQL."""
    if backend == "postgresql":
        return request.getfixturevalue("fresh_database")()
    return copy_database(request.getfixturevalue("seeded_template"), tmp_path / "mscreg.sqlite")


@pytest.fixture
def workspace(seeded_db: Path) -> Iterator:
    from mscreg.services.workspace import open_workspace

    ws = open_workspace(str(seeded_db))
    yield ws
    ws.close()


def any_table_dump(target: Any) -> dict[str, list[tuple]]:
    """``table_dump`` for a file, or the same for a PostgreSQL URL: every row of every table."""
    if isinstance(target, str) and "://" in target:
        import sqlalchemy as sa

        engine = sa.create_engine(target, poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                tables = sorted(sa.inspect(conn).get_table_names())
                return {t: [tuple(r) for r in conn.execute(sa.text(f'SELECT * FROM "{t}" ORDER BY 1'))]
                        for t in tables}
        finally:
            engine.dispose()
    return table_dump(target)


@pytest.fixture
def dump():
    return any_table_dump




def run_sql(target: Any, *statements: str) -> list[list[tuple]]:
    """Run SQL straight on a test database (a file or a URL), outside mscreg, committing at the end.

    This is how tests play the part of someone editing the database behind mscreg's back.
    """
    import sqlalchemy as sa

    url = target if isinstance(target, str) and "://" in target else f"sqlite:///{target}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            out = []
            for statement in statements:
                result = conn.execute(sa.text(statement))
                out.append([tuple(r) for r in result] if result.returns_rows else [])
            return out
    finally:
        engine.dispose()


def unguard_audit_sql(target: Any) -> list[str]:
    """The statements that remove the audit log's append-only triggers on this backend (for tamper tests)."""
    if isinstance(target, str) and target.startswith("postgresql"):
        return ["ALTER TABLE audit_log DISABLE TRIGGER USER"]
    return ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]


@pytest.fixture
def sql() -> Callable[..., list[list[tuple]]]:
    return run_sql
