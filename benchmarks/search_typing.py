"""Search as you type over 10,000 products: keystroke to repainted table, in the real window.

The window is built offscreen on the generated 10,000-product database and left to finish loading
(clocks, search keys, pinyin).  Then each query is typed one key at a time into the search box; a
keystroke's latency runs from the key event to the end of a synchronous repaint of the product table,
after the event loop has processed what the keystroke queued (the product view of the new current
row included).  Three queries: an English name fragment, a Chinese one and its pinyin.

The alternative is the raw indexed SQLite query for the same text: an FTS5 table with the trigram
tokenizer over the same names (a scratch copy of the database; substrings of three characters or
more use the index, shorter ones a LIKE scan, as SQLite's trigram tokenizer prescribes), timed from
the query to the ids fetched, with no drawing at all.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from benchmarks.harness import Context, Figure

QUERIES = ("stromacel 000", "人脐带间充质", "renqidai")


def _application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _window(ctx: Context, db: Path):
    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    app = _application()
    window = MainWindow(Settings(str(ctx.workdir / "search-settings.ini")), DialogService())
    window.resize(1400, 900)
    window.show()
    window.open_database(str(db))
    deadline = time.monotonic() + 300
    while not (window.snapshot is not None and window.snapshot.search is not None
               and window.snapshot.search.has_pinyin and not window.progress.isVisible()):
        if time.monotonic() > deadline:
            raise RuntimeError("the window did not finish loading in 5 minutes")
        app.processEvents()
        time.sleep(0.005)
    window.install_extensions()
    app.processEvents()
    return app, window


def _type(box, ch: str) -> None:
    """One key: a key press for ASCII, an input-method commit for Chinese (as a pinyin IME delivers it)."""
    if ch.isascii():
        from PySide6.QtTest import QTest

        QTest.keyClick(box, ch)
        return
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(ch)
    QApplication.sendEvent(box, event)


def _typed_latencies(app, window, query: str) -> list[float]:
    box = window.filters.search
    box.setFocus()
    box.clear()
    app.processEvents()
    out = []
    for ch in query:
        start = time.perf_counter()
        _type(box, ch)
        app.processEvents()
        window.table.viewport().repaint()
        out.append((time.perf_counter() - start) * 1000)
    if box.text() != query:
        raise RuntimeError(f"typed {query!r} but the search box holds {box.text()!r}")
    box.clear()
    app.processEvents()
    return out


def _fts_copy(ctx: Context, db: Path) -> sqlite3.Connection:
    scratch = ctx.workdir / "search-fts.sqlite"
    shutil.copyfile(db, scratch)
    conn = sqlite3.connect(scratch)
    conn.execute("DROP TABLE IF EXISTS product_search")
    conn.execute("CREATE VIRTUAL TABLE product_search USING fts5(text, tokenize='trigram')")
    conn.execute("""
        INSERT INTO product_search(rowid, text)
        SELECT p.id, p.name || ' ' || p.name_zh || ' ' || p.inn || ' ' || p.company || ' ' || p.company_zh
                     || ' ' || COALESCE((SELECT group_concat(alias, ' ') FROM product_aliases a
                                          WHERE a.product_id = p.id), '')
        FROM products p""")
    conn.commit()
    return conn


def _sqlite_latencies(conn: sqlite3.Connection, query: str) -> list[float]:
    out = []
    for n in range(1, len(query) + 1):
        text = query[:n]
        start = time.perf_counter()
        if len(text) >= 3:
            conn.execute("SELECT rowid FROM product_search WHERE product_search MATCH ?",
                         ('"' + text.replace('"', '""') + '"',)).fetchall()
        else:
            conn.execute("SELECT rowid FROM product_search WHERE text LIKE ?", (f"%{text}%",)).fetchall()
        out.append((time.perf_counter() - start) * 1000)
    return out


def measure(ctx: Context) -> list[Figure]:
    products = 1000 if ctx.quick else 10_000
    db = ctx.demo_db(products, 10)
    app_db = ctx.workdir / "search-app.sqlite"
    shutil.copyfile(db, app_db)  # the window holds a lock and takes its daily backup beside the file
    app, window = _window(ctx, app_db)
    conn = _fts_copy(ctx, db)
    try:
        for query in QUERIES[: max(1, ctx.warmups)]:
            _typed_latencies(app, window, query)
            _sqlite_latencies(conn, query)
        ours: list[float] = []
        raw: list[float] = []
        for _ in range(ctx.runs):
            for query in QUERIES:
                ours.extend(_typed_latencies(app, window, query))
                raw.extend(_sqlite_latencies(conn, query))
    finally:
        conn.close()
        window.close_database()
        window.close()
    value, floor = statistics.median(ours), statistics.median(raw)
    p95 = statistics.quantiles(ours, n=20)[-1]
    return [Figure(f"search as you type, {products:,} products: keystroke → table repainted", value, "ms",
                   "SQLite FTS5 trigram query, ids only", floor, "≤ 50 ms", value <= 50 and p95 <= 50, ours,
                   note=f"{len(ours)} keystrokes of {', '.join(QUERIES)}; 95th percentile {p95:.1f} ms, "
                        f"slowest {max(ours):.1f} ms")]
