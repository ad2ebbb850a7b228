"""The package is the application: what it loads at run time travels with it, wherever it is installed.

A source checkout hides a resource kept outside the package (the folder beside it is there); an
installed wheel does not.  These tests run ``mscreg`` from a copy of the ``mscreg`` folder alone, put
somewhere else and started from another folder, which is what a wheel or a pipx install gives
(``packaging/wheel_check.sh`` builds and installs the real wheel; it is too slow for the suite).

Also here: a broken or wrong data set file is refused with its name, never a traceback; and every
plural (``%n``) text of the interface is one that Qt 6.11's and Qt 6.12's lupdate both read as a plural,
so the committed translations are finished for both.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "mscreg" / "resources" / "translations" / "mscreg_zh_CN.ts"


def _package_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the ``mscreg`` package and nothing else (no data/, no resources/ beside)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "mscreg", site / "mscreg", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts"))
    return site


def _mscreg(site: Path | str, cwd: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``mscreg ARGS`` run by this interpreter with only ``site`` ahead of the installed packages."""
    base = {k: v for k, v in os.environ.items() if k not in ("MSCREG_DB", "MSCREG_SEED", "MSCREG_LANG", "LC_ALL")}
    base |= {"PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
             "PYTHONIOENCODING": "utf-8", **(env or {})}
    code = "import sys, mscreg.cli; sys.exit(mscreg.cli.main())"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=base, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, check=False)


def _ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_package_alone_runs_mscreg_from_another_folder(tmp_path: Path) -> None:
    site = _package_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _ok(subprocess.run([sys.executable, "-c", "import mscreg; print(mscreg.__file__)"], cwd=elsewhere,
                               capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(site)},
                               check=False))
    assert Path(where.strip()).is_relative_to(site), f"the copy is not the package that runs: {where}"

    version = _ok(_mscreg(site, elsewhere, "--version"))
    assert "Data set: unknown" not in version, version
    db = tmp_path / "x.sqlite"
    assert "20 products" in _ok(_mscreg(site, elsewhere, "--db", str(db), "init"))
    products = json.loads(_ok(_mscreg(site, elsewhere, "--db", str(db), "products", "--json")))
    assert len(products) == 20
    # China working days (the calendar folder inside the package) and the migrations (read by Alembic
    # as files) are exercised by these two.
    _ok(_mscreg(site, elsewhere, "--db", str(db), "deadlines", "--as-of", "2026-01-01"))
    _ok(_mscreg(site, elsewhere, "--db", str(db), "check"))


def test_the_package_alone_prints_a_chinese_timeline_with_its_cjk_font(tmp_path: Path) -> None:
    site = _package_copy(tmp_path)
    db = tmp_path / "x.sqlite"
    _ok(_mscreg(site, tmp_path, "--db", str(db), "init"))
    pdf = tmp_path / "x.pdf"
    _ok(_mscreg(site, tmp_path, "--db", str(db), "timeline", "--approvals", "--lang", "zh_CN", "--out", str(pdf)))
    data = pdf.read_bytes()
    # Qt names an embedded subset "/BaseFont /ABCDEF+NotoSansCJKsc-Regular"; without the font there is
    # no such entry and Chinese prints as empty boxes.
    assert b"NotoSansCJKsc" in data, "the bundled CJK font is not embedded in the PDF"
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert any("NotoSansCJKsc" in line and " yes " in line for line in fonts.splitlines()), fonts


def test_resources_are_found_from_a_zipped_package(tmp_path: Path) -> None:
    """An importer that keeps the package in an archive: files are extracted for the APIs that need a
    path, and read in place otherwise."""
    site = _package_copy(tmp_path)
    archive = tmp_path / "mscreg.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (site / "mscreg").rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(site).as_posix())
    code = (
        "from mscreg import about, resource_paths as r\n"
        "assert r.resource('resources', 'icons', 'app.svg').read_text(encoding='utf-8').startswith('<svg')\n"
        "seed = r.seed_file(); assert seed.is_file(), seed\n"
        "assert about.dataset_version() != 'unknown'\n"
        "assert r.resource_path('fonts', 'NotoSansSC-mscreg.otf').stat().st_size > 1_000_000\n"
        "assert [f.name for f in r.calendar_year_files()] == []\n"
        "print(r.resource('data', 'seed.json'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(archive)}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "mscreg.zip" in proc.stdout


@pytest.mark.parametrize(("content", "code"), [(None, "seed.missing"), ("{not json", "seed.not_json"),
                                               ("[1, 2]", "seed.format"), ('{"format": "x"}', "seed.format")])
def test_an_unreadable_data_set_is_refused_by_name_and_nothing_is_made(tmp_path: Path, content: str | None,
                                                                         code: str) -> None:
    from mscreg.domain.messages import MESSAGES

    seed = tmp_path / "seed.json"
    if content is not None:
        seed.write_text(content, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    for lang, words in (("en", MESSAGES[code][0].split("{value}")[1][:25]), ("zh_CN", "数据集")):
        proc = _mscreg(ROOT, tmp_path, "--db", str(db), "init", "--lang", lang, env={"MSCREG_SEED": str(seed)})
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode == 2, proc.stderr
        assert str(seed) in proc.stderr and words in proc.stderr, proc.stderr
        assert not list(tmp_path.glob("x.sqlite*")), "a database was left behind"


def test_an_unreadable_data_set_leaves_a_server_database_without_tables(pg_server, tmp_path: Path) -> None:
    """On PostgreSQL the migration commits before the data set loads, so the file is read first."""
    import sqlalchemy as sa

    from mscreg.domain.errors import InvalidInput
    from mscreg.services.workspace import init_database

    name = pg_server.create()
    url = pg_server.url_for(name)
    with pytest.raises(InvalidInput) as refused:
        init_database(url, seed_path=tmp_path / "absent.json")
    assert refused.value.problems[0].code == "seed.missing"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == []
    finally:
        engine.dispose()


# ----- plural texts: the same .ts for Qt 6.11's and Qt 6.12's lupdate ---------------------------------------

def _translate_calls_with_a_count(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate"
                and isinstance(node.func.value, ast.Name) and node.func.value.id.endswith("Application")
                and (len(node.args) >= 4 or any(k.arg == "n" for k in node.keywords))):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_plural_texts_use_tr_which_every_lupdate_reads_as_a_plural() -> None:
    """``QCoreApplication.translate(context, text, "", n)`` is a plural for Qt 6.12's lupdate and a plain
    text for 6.11's: one of the two always finds it unfinished.  ``self.tr(text, "", n)`` is a plural for both."""
    calls = [c for p in sorted((ROOT / "mscreg" / "ui").rglob("*.py")) for c in _translate_calls_with_a_count(p)]
    assert not calls, "plural texts through QCoreApplication.translate (use self.tr in a QObject):\n" + \
        "\n".join(calls)


def test_every_plural_source_text_is_a_plural_message_in_the_translations() -> None:
    wrong = []
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if "%n" in source and (message.get("numerus") != "yes"
                                   or not message.find("translation").findall("numerusform")):
                wrong.append(f"  [{context.findtext('name')}] {source!r}")
    assert not wrong, "texts with %n that are not plural messages (<numerusform>) in the .ts:\n" + "\n".join(wrong)


def test_plural_countdowns_are_translated_at_run_time(qapp) -> None:
    """The class name is the translation context: a rename would leave these texts English in Chinese."""
    import datetime as dt

    from mscreg.ui.date_display import countdown, due_countdown
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    try:
        assert (countdown(3), countdown(-1)) == ("还剩 3 天", "已逾期 1 天")
        assert due_countdown(dt.date(2026, 1, 1), dt.date(2026, 1, 10), dt.date(2026, 1, 5)) == "最迟还剩 5 天"
    finally:
        set_language("en")
    assert (countdown(3), countdown(-1)) == ("in 3 days", "1 day overdue")  # English plural forms too
