"""What the product list shown at start-up depends on, read with the standard ``sqlite3`` module.

The window paints the product list from a derived overview saved after its last full read (see
``mscreg.services.overview_cache``) before SQLAlchemy is imported (that import alone costs about half
a second here).  Whether that overview may be shown is decided by this key: the audit trail's tail
(every change writes an audit row in its own transaction, so a new tail means something changed, and
a restored or different file has another one), the trail's first row (which database this is), the
schema revision and the ``meta`` rows, and the number and highest id of the products.  Nothing here
imports SQLAlchemy; the file is opened read-only and never written.
"""

from __future__ import annotations

import sqlite3
import urllib.parse


def read_key(path: str) -> dict[str, object] | None:
    """The key of the SQLite file at ``path``, read in one read transaction; None when it cannot be read
    (no such file, not a database, locked, damaged): the caller then reads everything as usual."""
    uri = "file:" + urllib.parse.quote(path) + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=0.5, isolation_level=None)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        con.execute("BEGIN")
        tail = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        first = con.execute("SELECT id, hash FROM audit_log ORDER BY id LIMIT 1").fetchone()
        revision = sorted(str(r[0]) for r in con.execute("SELECT version_num FROM alembic_version"))
        meta = sorted([str(k), str(v)] for k, v in con.execute("SELECT key, value FROM meta"))
        count, top = con.execute("SELECT count(*), coalesce(max(id), 0) FROM products").fetchone()
        con.execute("COMMIT")
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None
    finally:
        con.close()
    return {"tail": list(tail) if tail else None, "first": list(first) if first else None,
            "revision": revision, "meta": meta, "products": [count, top]}
