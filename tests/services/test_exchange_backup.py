"""An import that writes takes an automatic backup first; one that changes nothing does not."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_import_backs_up_before_writing_and_not_when_nothing_changes(workspace, tmp_path: Path) -> None:
    from mscreg.services.backups import list_backups
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.workspace import init_database

    if not workspace.db.is_sqlite:
        pytest.skip("server databases are backed up with pg_dump, not by mscreg")
    out = tmp_path / "export.json"
    from mscreg.services.exchange import exporting

    exporting.export_database(workspace, "json", str(out))
    empty = init_database(str(tmp_path / "empty.sqlite"), empty=True)
    try:
        import_file(empty, str(out))
        after_first = list_backups(str(tmp_path / "empty.sqlite"))
        assert any("before-import" in b.label for b in after_first)
        import_file(empty, str(out))  # the same file again: nothing to write, no new backup
        assert len(list_backups(str(tmp_path / "empty.sqlite"))) == len(after_first)
    finally:
        empty.close()
