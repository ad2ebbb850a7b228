"""The Linux desktop integration files validate and agree with the app id and the package version.

The validators are the freedesktop ones IT and distributions use; when they are not installed the
test is skipped with the reason shown (``-ra``), never passed silently.  packaging/check.sh runs them
unconditionally on the built bundle.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

import pytest

from mscreg.about import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def test_desktop_file_validates() -> None:
    proc = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_metainfo_validates_offline() -> None:
    proc = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_desktop_file_names_the_app_id_icon_and_command() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str  # keys are case-sensitive in desktop files
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "mscreg"  # install.sh rewrites it to the absolute path


def test_metainfo_id_launchable_and_newest_release_is_the_package_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    releases = [r.get("version") for r in root.iter("release")]
    assert releases, "no <release> in the metainfo"
    # AppStream lists releases newest first; a version bump without a release entry fails here.
    assert releases[0] == version("mscreg")
    assert root.find("content_rating") is not None
    assert root.findtext("project_license")


def test_icon_source_and_every_app_id_agree() -> None:
    assert (ROOT / "mscreg" / "resources" / "icons" / "app" / f"{APP_ID}.svg").is_file()
    for path in (ROOT / "packaging" / "mscreg.spec", ROOT / "packaging" / "make_icons.py",
                 ROOT / "packaging" / "build_linux.sh", LINUX / "install.sh"):
        assert APP_ID in path.read_text(encoding="utf-8"), path
