"""Generated files with one bad cell at a random row: exactly that cell is reported, nothing is written."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused

# column → (bad value, the message code it must produce)
BAD = {
    "date": [("2024-02-30", "date.day_range"), ("13/14/2024", "date.format"), ("01/02/2024", "date.format"),
             ("2024-13", "date.month_range"), ("2024-7", "date.format")],
    "jurisdiction": [("XX", "jurisdiction.unknown"), ("Germany", "jurisdiction.unknown")],
    "type": [("approval", "event_type.unknown"), ("ma_withdrawn_x", "event_type.unknown")],
    "pathway": [("commercial", "choice.unknown")],
    "indication": [("", "text.empty")],
    "confidence": [("sure", "choice.unknown")],
    "approximate": [("maybe", "choice.unknown")],
    "date_precision": [("week", "choice.unknown")],
    "modality": [("pills", "choice.unknown")],
    "source": [("s" * 5000, "text.too_long")],
    "product": [("", "text.empty")],
}
CELLS = [(column, value, code) for column, options in BAD.items() for value, code in options]


@pytest.fixture
def exported(workspace, tmp_path) -> list[list[str]]:
    out = tmp_path / "seed.csv"
    export_database(workspace, "csv", out)
    return list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_bad_cell_is_the_one_error_reported(workspace, seeded_db, tmp_path, dump, exported, data):
    header, body = exported[0], [list(r) for r in exported[1:]]
    index = data.draw(st.integers(0, len(body) - 1), label="data row")
    column, value, code = data.draw(st.sampled_from(CELLS), label="bad cell")
    # a transfer's row (its holder_… cells filled) refuses any track or event cell for being there at all;
    # an empty one is what that row has already, so that draw changes nothing and says nothing
    transfer_row = any(body[index][i] for i, name in enumerate(header) if name.startswith("holder_"))
    track_or_event = column not in ("product", "modality")
    assume(not (transfer_row and track_or_event and value == ""))
    body[index][header.index(column)] = value
    path = tmp_path / "generated.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([header, *body])
    before = dump(seeded_db)
    with pytest.raises(ImportRefused) as refused:
        import_file(workspace, path)
    issues = refused.value.issues
    expected = "import.transfer_row_mixed" if transfer_row and track_or_event else code
    assert [(i.row, i.column.split(" ")[-1].strip("()"), i.problem.code) for i in issues] == \
        [(index + 2, column, expected)]
    assert dump(seeded_db) == before
