"""Fast inserts into DuckDB from Python rows.

DuckDB's executemany binds parameters row by row (and, without pandas installed, tries to import
pandas for every row), about thirty times slower than letting DuckDB read a JSON Lines file.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable

import duckdb


def bulk_insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """Insert rows (in the table's column order) through a JSON Lines file that DuckDB reads in one go:
    executemany binds parameters row by row and is about thirty times slower."""
    if not rows:
        return
    columns = con.execute(f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                          " ORDER BY ordinal_position", [table.split(".")[-1]]).fetchall()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        for row in rows:
            handle.write(json.dumps(dict(zip((c for c, _ in columns), row)), ensure_ascii=False, default=str) + "\n")
    try:
        # JSON columns are read as text: read_json would otherwise parse and re-serialise them.
        spec = ", ".join(f"'{c}': '{'VARCHAR' if t == 'JSON' else t}'" for c, t in columns)
        path = handle.name.replace("'", "''")
        con.execute(f"INSERT INTO {table} SELECT * FROM read_json('{path}', format = 'newline_delimited', "
                    f"columns = {{{spec}}})")
    finally:
        os.unlink(handle.name)


def id_table(con: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str]) -> str:
    """A temporary one-column table of ids, for `IN (SELECT id FROM ...)` over long lists."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (id VARCHAR)")
    bulk_insert(con, f"temp.{name}", [[i] for i in set(ids)])
    return f"(SELECT id FROM temp.{name})"
