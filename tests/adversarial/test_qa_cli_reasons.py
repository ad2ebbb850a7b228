"""QA of the reason every change carries into the audit trail, as an attacker types it.

A reason holding a terminal escape (ESC [ … m), a bell or any other control character was written into
the audit trail as it was: ``mscreg audit`` then printed it to the reader's terminal, and the audit
export carried it. Every other text field refuses control characters; the reason now does too, in
every command that asks for one, and nothing is written.
"""

from __future__ import annotations

import pytest
from support import db_arg, mscreg, refused, table_dump

RYONCIL_US = ["--product", "Ryoncil", "--jurisdiction", "US", "--pathway", "marketing"]
COMMANDS = [
    ["add-event", *RYONCIL_US, "--type", "designation_orphan", "--date", "2025-01"],
    ["verify", *RYONCIL_US, "--source", "FDA label"],
    ["add-transfer", "--product", "Ryoncil", "--jurisdiction", "US", "--role", "licensee", "--date", "2026-03",
     "--to", "Example Licensee"],
    ["edit-track", *RYONCIL_US, "--new-indication-zh", "儿童急性移植物抗宿主病"],
    ["add-obligation", "--product", "Ryoncil", "--jurisdiction", "US", "--authorisation-type", "approval_full",
     "--kind", "pmr", "--text", "a study", "--due", "2030-12-31"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_reason_with_a_terminal_escape_is_refused_and_nothing_is_written(seeded_db, command):
    before = table_dump(seeded_db)
    proc = mscreg("--db", db_arg(seeded_db), *command, "--reason", "approved \x1b[2J\x1b[31mby the board")
    refused(proc, 2, "reason", "U+001B")
    zh = mscreg("--db", db_arg(seeded_db), "--lang", "zh_CN", *command, "--reason", "ok\x07")
    refused(zh, 2, "原因", "U+0007")
    assert table_dump(seeded_db) == before


def test_a_reason_over_the_text_limit_is_refused_and_a_reason_on_two_lines_is_kept(seeded_db):
    before = table_dump(seeded_db)
    refused(mscreg("--db", db_arg(seeded_db), *COMMANDS[1], "--reason", "r" * 4001), 2, "reason", "4000")
    assert table_dump(seeded_db) == before
    ok = mscreg("--db", db_arg(seeded_db), *COMMANDS[1], "--reason", "checked the label\n\tand the letter")
    assert ok.returncode == 0, ok.stderr
    assert table_dump(seeded_db)["audit_log"][-1][7] == "checked the label\n\tand the letter"


def test_a_restore_reason_with_a_control_character_is_refused_before_anything_is_replaced(seeded_db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    assert mscreg("--db", db_arg(seeded_db), "backup", "--out", str(copy)).returncode == 0
    folder = seeded_db.parent / f"{seeded_db.stem}-backups"
    kept = sorted(folder.iterdir()) if folder.exists() else []
    before = table_dump(seeded_db)
    refused(mscreg("--db", db_arg(seeded_db), "restore", str(copy), "--reason", "undo\x1b[2K"), 2, "reason", "U+001B")
    assert table_dump(seeded_db) == before
    assert (sorted(folder.iterdir()) if folder.exists() else []) == kept  # nothing replaced, so nothing kept


def test_an_imported_file_name_with_a_terminal_escape_is_written_into_the_trail_as_text(seeded_db, tmp_path):
    """The import's audit reason names the file; the name is the sender's to choose."""
    name = tmp_path / "ev\x1b[31mil\nname.csv"
    name.write_text("product,jurisdiction,indication,pathway,type,date\nNewProd,US,x,clinical,ind_submitted,2025-03\n",
                    encoding="utf-8")
    assert mscreg("--db", db_arg(seeded_db), "import", str(name)).returncode == 0
    reason = table_dump(seeded_db)["audit_log"][-1][7]
    assert reason.startswith("import ev<U+001B>[31mil<U+000A>name.csv (sha256 "), reason
