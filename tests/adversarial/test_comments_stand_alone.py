"""Comments and docstrings stand on their own: no issue numbers, no design documents by file name.

A reader of the code has neither the issue tracker's numbering nor the design notes kept outside the
repository, so "(issue 8)" or "(pathways.md §7.1)" tells them nothing.  A comment carries the fact
itself (the measured figure, the rule and its legal source) and says why.  This test reads every
Python and shell file of the application, the benchmarks, the scripts and the packaging (and the CI
entry point) and lists each line that still points elsewhere, as ``file:line: text``.

The word "issue" on its own is fine: the importer's ``Issue`` records are what they are called.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("mscreg", "benchmarks", "scripts", "packaging", "tests", "docs")
EXTRA_FILES = (".ci/run",)
SUFFIXES = {".py", ".sh", ".md"}
# files that quote the references they are written to catch: this one, and the data set's text scan
EXEMPT = {Path(__file__).resolve(), (ROOT / "tests" / "data" / "test_dataset.py").resolve()}
PATTERNS = (
    re.compile(r"\bissues? \d", re.IGNORECASE),
    re.compile(r"\b(design|pathways|sources|landscape)\.md\b", re.IGNORECASE),
)


def _scanned_files() -> list[Path]:
    files = [path for folder in FOLDERS for path in sorted((ROOT / folder).rglob("*"))
             if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts
             and path.resolve() not in EXEMPT]
    files += [ROOT / name for name in EXTRA_FILES if (ROOT / name).is_file()]
    return files


def _references(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)
            if any(pattern.search(line) for pattern in PATTERNS)]


def test_the_patterns_catch_what_they_are_for() -> None:
    """The check itself: each kind of reference is found, and the importer's own words are not."""
    caught = ["# ~3 ms a keystroke (issue 8)", "(the .qm files come with item 8 of issue 4)",
              '"""Replay order (pathways.md §7.1)"""', "# as design.md requires", "# Issues 3 and 5",
              "# see Sources.md", "# LANDSCAPE.MD"]
    passed = ["issues.append(issue)", "every issue found, not just the first", "class Issue:",
              "# sorted, as the design guide says", "redesign.md_backup = 1", "issue_8 = None"]
    assert [text for text in caught if not _references(text)] == []
    assert [text for text in passed if _references(text)] == []


def test_the_scan_reaches_the_code() -> None:
    """Guards against a scan that passes because it read nothing (a moved folder, a wrong root)."""
    files = {path.relative_to(ROOT).as_posix() for path in _scanned_files()}
    for expected in ("mscreg/domain/state_machine.py", "mscreg/services/product_search.py",
                     "benchmarks/startup.py", "scripts/update_translations.sh", "packaging/build_linux.sh",
                     ".ci/run"):
        assert expected in files
    assert len(files) > 100


def test_no_comment_points_to_an_issue_number_or_a_design_document() -> None:
    found = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line}"
             for path in _scanned_files()
             for number, line in _references(path.read_text(encoding="utf-8", errors="replace"))]
    assert found == [], "references a reader of the code cannot follow:\n" + "\n".join(found)
