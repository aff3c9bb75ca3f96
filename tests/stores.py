"""A store's whole content, for tests that compare two stores: shared by test_store.py and
test_crash.py."""
from __future__ import annotations

from pathlib import Path

from tacitus.store import Store

TABLES = ("documents", "events", "actors", "mentions", "links")


def dump(db: Path) -> dict:
    """Every table's rows (without the coding timestamp), in a stable order."""
    with Store(db) as store:
        out = {}
        for table in TABLES:
            sql = "SELECT * EXCLUDE (coded_at) FROM documents" if table == "documents" else f"SELECT * FROM {table}"
            out[table] = sorted(store.con.execute(sql).fetchall(), key=repr)
        return out
