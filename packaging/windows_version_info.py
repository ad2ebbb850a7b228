"""The Windows version-info resource (Explorer → Properties → Details) built from the package version.

The version is not typed here: it comes from the package metadata, like ``mscreg --version``, so the
installer, the .exe properties and the About dialog cannot disagree.  Windows wants four 16-bit
numbers; a PEP 440 version such as ``1.2.0rc1`` or ``0.1.0+local`` keeps its leading numbers.
"""

from __future__ import annotations

import re
from pathlib import Path


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3"`` → ``(1, 2, 3, 0)``; ``"1.2rc1"`` → ``(1, 2, 0, 0)``; each part clipped to 16 bits."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [min(int(n), 65535) for n in match.group(0).split(".")] if match else []
    numbers = [*numbers, 0, 0, 0, 0][:4]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_file_text(version: str, app_id: str) -> str:
    """The text form of PyInstaller's ``VSVersionInfo`` (what ``pyi-grab_version`` writes).

    Written as text rather than with PyInstaller's classes because those import ``pefile``, which
    PyInstaller installs on Windows only: this way the file can be produced and tested anywhere.
    """
    nums = numeric_version(version)
    strings = {
        "CompanyName": "mscreg developers",
        "FileDescription": "mscreg regulatory tracker",
        "FileVersion": version,
        "InternalName": app_id,
        "OriginalFilename": "mscreg.exe",
        "ProductName": "mscreg",
        "ProductVersion": version,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # mask/flags/OS/fileType: all flags valid, none set; Windows NT; an application (VFT_APP).
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,\n"
        "                    fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([StringTable('040904B0', [\n"  # U.S. English, Unicode
        f"        {table}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])])\n"
        "  ]\n"
        ")\n"
    )


def write_version_file(path: Path, version: str, app_id: str) -> Path:
    """Write the file the spec passes as ``EXE(version=...)`` and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_file_text(version, app_id), encoding="utf-8")
    return path
