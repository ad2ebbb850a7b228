"""The floor for an audited import in Python: ``python benchmarks/import_floor.py FILE.csv DB [N]``.

What any Python program must do to put the import benchmark's rows into mscreg's schema with one
hash-chained audit row per record, and nothing else: the ``csv`` module reads the file, products and
tracks are told apart by their cells, every row becomes an event tuple, every record an audit row of
canonical JSON chained by SHA-256 exactly as mscreg writes it, and everything is inserted with
``executemany`` in one ``BEGIN IMMEDIATE`` transaction (WAL, ``synchronous=FULL``, foreign keys on)
into ``DB``, a copy of an empty mscreg database.  No cell is checked, no date parsed, no state machine
replayed, no backup taken, and only the standard library is imported (no SQLAlchemy).

It is not a way to import (it trusts its input completely); it shows how much of mscreg's import time
the interpreter, the bytes of the audit trail and SQLite's indexes take whatever the code around them.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import hashlib
import io
import json
import sqlite3
import sys

_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def main(csv_path: str, db_path: str, per_row: int = 1) -> int:
    with open(csv_path, "rb") as fh:
        data = fh.read()
    digest = hashlib.sha256(data).hexdigest()
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    col = {name: i for i, name in enumerate(header)}
    products: dict[str, int] = {}
    product_rows = []
    tracks: dict[tuple[str, str, str, str], int] = {}
    track_rows = []
    events = []
    p_name, p_zh, p_company = col["product"], col["product_zh"], col["company"]
    j_col, i_col, w_col = col["jurisdiction"], col["indication"], col["pathway"]
    e_cols = [col[c] for c in ("type", "date", "date_precision", "agency", "reference", "source", "confidence",
                               "note")]
    for cells in reader:
        name = cells[p_name]
        pid = products.get(name)
        if pid is None:
            pid = products[name] = len(products) + 1
            product_rows.append((pid, name, cells[p_zh], "", cells[p_company], "", "[]", cells[col["source_tissue"]],
                                 cells[col["donor_type"]], cells[col["modality"]], cells[col["product_notes"]], 1))
        key = (name, cells[j_col], cells[i_col], cells[w_col])
        tid = tracks.get(key)
        if tid is None:
            tid = tracks[key] = len(tracks) + 1
            track_rows.append((tid, pid, key[1], key[2], key[3], 1))
        etype, date, precision, agency, reference, source, confidence, note = (cells[i] for i in e_cols)
        events.append((len(events) + 1, tid, etype, date, precision, date, date, False, agency, reference, source,
                       confidence, note, "{}", 1))

    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    actor = getpass.getuser()
    reason = f"import {csv_path} (sha256 {digest})"
    head, tail = f",{_str(at)},{_str(actor)},", f",{_str(reason)},"
    audit = []
    prev = "0" * 64

    def chain(entity: str, entity_id: int, changes: str) -> None:
        nonlocal prev
        payload = f"[{len(audit) + 1}{head}\"create\",{_str(entity)},{entity_id},{_str(changes)}{tail}{_str(prev)}]"
        h = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        audit.append((len(audit) + 1, at, actor, "create", entity, entity_id, changes, reason, prev, h))
        prev = h

    pending: list[str] = []

    def record(entity: str, entity_id: int, changes: str) -> None:
        """One audit row per record, or (``per_row`` > 1) one per ``per_row`` records' after-images."""
        if per_row == 1:
            chain(entity, entity_id, changes)
            return
        if not pending:
            record.first = entity_id  # type: ignore[attr-defined]
        pending.append(f'{{"entity":{_str(entity)},"id":{entity_id},"changes":{changes}}}')
        if len(pending) >= per_row:
            flush()

    def flush() -> None:
        if pending:
            chain("batch", record.first, f"[{','.join(pending)}]")  # type: ignore[attr-defined]
            pending.clear()

    for r in product_rows:
        record("product", r[0], f'{{"name":[null,{_str(r[1])}],"name_zh":[null,{_str(r[2])}]}}')
    for r in track_rows:
        record("track", r[0], f'{{"indication":[null,{_str(r[3])}],"jurisdiction":[null,{_str(r[2])}],'
                             f'"pathway":[null,{_str(r[4])}],"product_id":[null,{r[1]}]}}')
    for e in events:
        record("event", e[0], f'{{"agency":[null,{_str(e[8])}],"approximate":[null,false],"attributes":[null,{{}}],'
                             f'"confidence":[null,{_str(e[11])}],"date":[null,{_str(e[3])}],'
                             f'"note":[null,{_str(e[12])}],"reference":[null,{_str(e[9])}],'
                             f'"source":[null,{_str(e[10])}],"track_id":[null,{e[1]}],"type":[null,{_str(e[2])}]}}')

    flush()
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO products (id, name, name_zh, inn, company, company_zh, company_aliases, "
                    "source_tissue, donor_type, modality, notes, version_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    product_rows)
    con.executemany("INSERT INTO tracks (id, product_id, jurisdiction, indication, pathway, version_id) "
                    "VALUES (?,?,?,?,?,?)", track_rows)
    con.executemany("INSERT INTO events (id, track_id, event_type, date_text, date_precision, date_earliest, "
                    "date_latest, approximate, agency, reference, source, confidence, note, attributes, version_id) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
    con.executemany("INSERT INTO audit_log (id, at_utc, actor, action, entity, entity_id, changes, reason, "
                    "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", audit)
    con.execute("COMMIT")
    con.close()
    print(len(events))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1))
