"""Database addresses mscreg cannot use and PostgreSQL logins without rights: a message, never a traceback.

Each of these ended in a traceback (exit 1) before: ``--db mysql://…`` (ModuleNotFoundError for a
driver mscreg never uses), an unknown scheme (NoSuchModuleError), a PostgreSQL URL without psycopg
installed (ModuleNotFoundError), and a login that may not read, write or create mscreg's tables
(InsufficientPrivilege); a login without the right to connect was reported as a server that cannot
be reached.  Now each exits 6 with the field, the value and what to do, in English and Chinese, and
changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from mscreg.cli import main

ROOT = Path(__file__).resolve().parents[2]
ADD_EVENT = ["add-event", "--product", "Ryoncil", "--jurisdiction", "BR", "--indication", "rights",
             "--type", "agency_feedback", "--date", "2024-05-01", "--reason", "test"]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------------------------------------
# addresses


@pytest.mark.parametrize(("url", "scheme"), [
    ("mysql://user:secret@db.example.org/regulatory", "mysql"),
    ("mysql+pymysql://db.example.org/regulatory", "mysql+pymysql"),
    ("mssql+pyodbc://db.example.org/regulatory", "mssql+pyodbc"),
    ("oracle://db.example.org/regulatory", "oracle"),
    ("postgresql+psycopg2://db.example.org/regulatory", "postgresql+psycopg2"),
    ("sqlite+aiosqlite:///{tmp}/new.sqlite", "sqlite+aiosqlite"),
    ("http://example.org/mscreg.sqlite", "http"),
    ("foo://bar", "foo"),
    ("://nothing", "://"),
])
@pytest.mark.parametrize("command", [["products"], ["init"], ["check"], ADD_EVENT, ["backup"]])
def test_an_address_mscreg_cannot_use_is_refused_naming_the_ones_it_can(capsys, tmp_path, url, scheme, command):
    url = url.format(tmp=tmp_path)
    code, out, err = _run(capsys, *command, "--db", url)
    assert code == 6 and not out
    assert f"“{scheme}”" in err and "postgresql+psycopg://USER@HOST/DATABASE" in err and "sqlite:///PATH" in err
    assert "secret" not in err  # the password is never printed
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_the_refusal_of_an_address_speaks_chinese(capsys):
    code, _, err = _run(capsys, "products", "--lang", "zh_CN", "--db", "mysql://u@h/db")
    assert code == 6 and "mscreg 无法将数据存放在“mysql”中" in err and "postgresql+psycopg://" in err


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_database_is_refused(capsys, url):
    code, _, err = _run(capsys, "init", "--db", url)
    assert code == 6 and "in-memory database" in err


def test_the_usual_postgresql_spellings_mean_psycopg(capsys, pg_server, pg_seeded_template):
    name = pg_server.create(pg_seeded_template)
    try:
        psycopg_url = pg_server.url_for(name)
        for scheme in ("postgresql://", "postgres://"):
            url = scheme + psycopg_url.split("://", 1)[1]
            code, out, err = _run(capsys, "products", "--json", "--db", url)
            assert code == 0 and "Ryoncil" in out, err
    finally:
        pg_server.drop(name)


_WITHOUT_PSYCOPG = """
import sys
sys.modules["psycopg"] = None  # as if psycopg were not installed: importing it raises ModuleNotFoundError
from mscreg.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [["products"], ["init"], ADD_EVENT])
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_postgresql_address_without_the_driver_says_how_to_install_it(command, lang):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", _WITHOUT_PSYCOPG, *command, "--lang", lang, "--db",
                          "postgresql+psycopg://reg@db.example.org/regulatory"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 6, run.stderr
    assert 'pip install "mscreg[postgresql]"' in run.stderr and "Traceback" not in run.stderr
    assert ("psycopg 驱动" if lang == "zh_CN" else "needs the psycopg driver") in run.stderr


# ----------------------------------------------------------------------------------------------
# logins without rights


@pytest.fixture
def pg_db(pg_server, pg_seeded_template):
    name = pg_server.create(pg_seeded_template)
    yield name, pg_server.url_for(name)
    pg_server.drop(name)


def _sql(url: str, *statements: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def _login(url: str) -> str:
    return sa.engine.make_url(url).username or "?"


def _assert_no_rights_message(code: int, err: str, login: str, denied: str) -> None:
    assert code == 6, err
    assert f"the PostgreSQL login {login} lacks the rights mscreg needs" in err, err
    assert denied in err and "Nothing was changed" in err
    assert "cannot reach" not in err


def test_a_login_that_may_not_read_the_tables_is_told_so_by_name(capsys, pg_db, dump):
    """The test's login revokes its own rights on the tables it owns (an owner may), which is what a
    login that was never granted any meets."""
    _, url = pg_db
    login = _login(url)
    before = dump(url)
    _sql(url, f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{login}"')
    try:
        for command in (["products"], ["check"], ["events"], ADD_EVENT):
            code, _, err = _run(capsys, *command, "--db", url)
            _assert_no_rights_message(code, err, login, "permission denied for table")
        code, _, err = _run(capsys, "products", "--lang", "zh_CN", "--db", url)
        assert code == 6 and f"PostgreSQL 登录用户 {login} 对该数据库缺少 mscreg 所需的权限" in err
    finally:
        _sql(url, f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{login}"')
    assert dump(url) == before


def test_a_login_that_may_read_but_not_write_reads_and_is_refused_writing(capsys, pg_db, dump):
    _, url = pg_db
    login = _login(url)
    before = dump(url)
    _sql(url, f'REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public FROM "{login}"')
    try:
        code, out, err = _run(capsys, "products", "--db", url)
        assert code == 0 and "Ryoncil" in out, err
        code, _, err = _run(capsys, *ADD_EVENT, "--db", url)
        _assert_no_rights_message(code, err, login, "permission denied for table")
    finally:
        _sql(url, f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{login}"')
    assert dump(url) == before


def test_a_login_that_may_not_connect_is_not_told_the_server_is_down(capsys, pg_server, pg_db):
    name, url = pg_db
    login = _login(url)
    admin = pg_server.url_for("postgres")
    _sql(admin, f'REVOKE CONNECT ON DATABASE "{name}" FROM PUBLIC',
         f'REVOKE CONNECT ON DATABASE "{name}" FROM "{login}"')
    try:
        code, _, err = _run(capsys, "products", "--db", url)
        _assert_no_rights_message(code, err, login, "CONNECT privilege")
    finally:
        _sql(admin, f'GRANT CONNECT ON DATABASE "{name}" TO "{login}"')


def test_init_by_a_login_that_may_not_create_tables_creates_nothing(capsys, pg_server, dump):
    """Since PostgreSQL 15 only the database's owner may create tables in ``public``; here the owner
    gives that right up, and PUBLIC's is taken away for older servers."""
    name = pg_server.create()
    url = pg_server.url_for(name)
    try:
        _sql(url, "REVOKE CREATE ON SCHEMA public FROM pg_database_owner", "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        code, _, err = _run(capsys, "init", "--db", url)
        _assert_no_rights_message(code, err, _login(url), "permission denied for schema public")
        assert dump(url) == {}
    finally:
        pg_server.drop(name)


def _can_create_roles(url: str) -> bool:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(sa.text(
                "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())
    finally:
        engine.dispose()


@pytest.fixture
def bare_login(pg_server):
    """A new role with LOGIN and no rights at all, and its URL builder (needs CREATEROLE; .ci/run grants it)."""
    admin = pg_server.url_for("postgres")
    if not _can_create_roles(admin):
        pytest.skip(f"the test login {pg_server.url.username} may not create roles (CREATEROLE): the "
                    "no-rights tests above cover the same refusals with revoked rights")
    role = f"mscreg_t_bare_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    _sql(admin, f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'")

    def url_as(database: str) -> str:
        return pg_server.url.set(username=role, password=password, database=database).render_as_string(
            hide_password=False)

    yield role, url_as
    _sql(admin, f'DROP ROLE IF EXISTS "{role}"')


def test_a_new_login_without_rights_on_someone_elses_database_is_named(capsys, pg_server, pg_db, bare_login, dump):
    name, owner_url = pg_db
    role, url_as = bare_login
    before = dump(owner_url)
    for command in (["products"], ADD_EVENT):
        code, _, err = _run(capsys, *command, "--db", url_as(name))
        _assert_no_rights_message(code, err, role, "permission denied for table")
    assert dump(owner_url) == before


def test_init_by_a_new_login_in_someone_elses_empty_database_is_refused(capsys, pg_server, bare_login, dump):
    role, url_as = bare_login
    name = pg_server.create()
    try:
        _sql(pg_server.url_for(name), "REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # as PostgreSQL 15 does
        code, _, err = _run(capsys, "init", "--db", url_as(name))
        _assert_no_rights_message(code, err, role, "permission denied for schema public")
        assert dump(pg_server.url_for(name)) == {}
    finally:
        pg_server.drop(name)
