"""What the spec bundles, checked without building (the build itself is packaging/check.sh)."""

from __future__ import annotations

import glob
import importlib.util
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle_contents = _load("bundle_contents")
make_icons = _load("make_icons")
windows_version_info = _load("windows_version_info")


def _destinations() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for src, dest in bundle_contents.own_datas(ROOT):
        out.setdefault(dest, []).append(src)
    return out


def _bundled_files() -> set[Path]:
    return {Path(p).resolve() for src, _ in bundle_contents.own_datas(ROOT) for p in glob.glob(src)}


def _shipped_by_the_package() -> list[Path]:
    """Every file under mscreg/ the running code may read that is not an importable module: what a wheel
    must carry as package data.  The .ts translation sources are the one exception (only .qm is loaded)."""
    package = ROOT / "mscreg"
    files = []
    for path in package.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".ts"):
            continue
        if path.suffix == ".py" and (path.parent / "__init__.py").exists():
            continue  # a module of a regular package: setuptools ships it as code
        files.append(path.resolve())
    return files


def test_every_resource_of_the_package_is_package_data_and_bundled() -> None:
    """A resource left out of pyproject.toml's package-data is missing from the wheel, the pipx install
    and the bundle alike; this lists it while the source tree still hides the gap."""
    bundled = _bundled_files()
    missing = sorted(str(p.relative_to(ROOT)) for p in _shipped_by_the_package() if p not in bundled)
    assert not missing, "not in [tool.setuptools.package-data], so not in the wheel or the bundle:\n" + \
        "\n".join(missing)
    names = {p.relative_to(ROOT).as_posix() for p in bundled}
    for needed in ("mscreg/resources/fonts/NotoSansSC-mscreg.otf", "mscreg/resources/fonts/OFL.txt",
                   "mscreg/resources/translations/mscreg_zh_CN.qm", "mscreg/resources/icons/app.svg",
                   "mscreg/data/seed.json", "mscreg/data/china_calendar/README.md",
                   "mscreg/storage/migrations/env.py", "mscreg/storage/migrations/script.py.mako"):
        assert needed in names, needed


def test_seed_calendar_and_every_migration_are_bundled_where_the_code_looks() -> None:
    dests = _destinations()
    assert str(ROOT / "mscreg" / "data" / "seed.json") in dests["mscreg/data"]
    sources = [s for srcs in dests.values() for s in srcs]
    bundled_versions = {Path(p).name for s in sources for p in glob.glob(s) if "/versions/" in p.replace("\\", "/")}
    on_disk = {p.name for p in (ROOT / "mscreg" / "storage" / "migrations" / "versions").glob("*.py")}
    assert on_disk and bundled_versions == on_disk
    assert "env.py" in {Path(p).name for s in dests["mscreg/storage/migrations"] for p in glob.glob(s)}
    # Each file lands at its path inside the package, which is where importlib.resources looks in the
    # bundle too (PyInstaller answers files("mscreg") with _MEIPASS/mscreg).
    documentation = str(ROOT / "data" / "README.md")  # the one file from outside the package
    for src, dest in bundle_contents.own_datas(ROOT):
        if src != documentation:
            assert Path(src).parent.relative_to(ROOT).as_posix() == dest, (src, dest)
    from mscreg import resource_paths

    for path in (resource_paths.seed_file(), resource_paths.migrations_dir(), resource_paths.resource_path("fonts")):
        assert path.resolve().is_relative_to(ROOT / "mscreg") and path.exists(), path


def test_a_resource_that_matches_nothing_stops_the_build(tmp_path: Path) -> None:
    import shutil

    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "mscreg", tmp_path / "mscreg", ignore=shutil.ignore_patterns("fonts", "__pycache__"))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit, match="resources/fonts"):
        bundle_contents.own_datas(tmp_path)


def test_spec_collects_third_party_data_and_qt_translations() -> None:
    spec = (PACKAGING / "mscreg.spec").read_text(encoding="utf-8")
    for needle in ('collect_data_files("pypinyin")', 'collect_data_files("tzdata")', 'copy_metadata("mscreg")',
                   'collect_submodules("mscreg")', "upx=False", "zh_CN"):
        assert needle in spec, needle


@pytest.mark.parametrize(("text", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)), ("2.0rc1", (2, 0, 0, 0)),
    ("0.1.0+g1234", (0, 1, 0, 0)), ("1.99999", (1, 65535, 0, 0)), ("dev", (0, 0, 0, 0)),
])
def test_windows_version_numbers(text: str, numbers: tuple[int, int, int, int]) -> None:
    assert windows_version_info.numeric_version(text) == numbers


def test_windows_version_resource_carries_the_package_version(tmp_path: Path) -> None:
    # PyInstaller evaluates this text with its versioninfo classes, which import only on Windows;
    # evaluate it here with stand-ins that record their arguments, so its shape is checked anywhere.
    text = windows_version_info.version_file_text("1.2.3rc1", "org.mscreg.Mscreg")

    def record(kind):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    info = eval(text, {"__builtins__": {}}, {n: record(n) for n in names})
    ffi = info[2]["ffi"][2]
    assert ffi["filevers"] == ffi["prodvers"] == (1, 2, 3, 0)
    table = info[2]["kids"][0][1][0][0][1][1]
    strings = {args[0]: args[1] for _, args, _ in table}
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.2.3rc1"
    assert strings["OriginalFilename"] == "mscreg.exe"


def _png(size: int) -> bytes:
    # Callers take pytest-qt's ``qapp`` first: render_png would otherwise create a bare QGuiApplication,
    # and every later test that builds a widget in this process would abort.
    return make_icons.render_png(make_icons.SOURCE, size)


def test_rendered_icon_is_a_png_of_the_asked_size(qapp) -> None:
    png = _png(48)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # IHDR
    assert (width, height) == (48, 48)


def test_ico_and_icns_containers_hold_every_size(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImageReader

    pngs = {s: _png(s) for s in {*make_icons.ICO_SIZES, *(s for _, s in make_icons.ICNS_TYPES)}}
    ico = tmp_path / "a.ico"
    ico.write_bytes(make_icons.ico_bytes({s: pngs[s] for s in make_icons.ICO_SIZES}))
    icns = tmp_path / "a.icns"
    icns.write_bytes(make_icons.icns_bytes(pngs))
    for path, expected in ((ico, sorted(make_icons.ICO_SIZES)), (icns, [s for _, s in make_icons.ICNS_TYPES])):
        reader = QImageReader(str(path))
        if not reader.canRead():
            pytest.skip(f"this Qt has no image plugin for {path.suffix}")
        sizes = []
        for i in range(reader.imageCount()):
            reader.jumpToImage(i)
            sizes.append(reader.read().width())
        assert sizes == expected, path.suffix
