"""The store's schema and its migrations.

`meta.schema_version` says which migrations a store has had. Opening a store runs the missing
ones in order, all in one transaction, so a store is either migrated completely or not at all.
A new store starts at version 0 and runs them all: the path an old store takes is the path every
store takes, and is tested on every run.

Version 1 (Tacitus 0.1.0): documents, events.
Version 2: events get date_start/date_end (the date as an interval of days, for --since/--until);
actors (one row per actor of an event), mentions (event → linked event) and links (one row per
linked event, with its summary record) are added and every stored event is linked.
"""
from __future__ import annotations

import json
from collections.abc import Callable

import duckdb

from .bulk import bulk_insert
from .linking import date_interval

SCHEMA_VERSION = 2

# Exactly what Tacitus 0.1.0 created; never edit (a new version adds a migration instead).
V1 = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, source VARCHAR, url VARCHAR,
    text VARCHAR, content_hash VARCHAR, coder_version VARCHAR, coded_at TIMESTAMP DEFAULT now()
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, sentence_index INTEGER, date VARCHAR,
    date_precision VARCHAR, cameo VARCHAR, type VARCHAR, mode VARCHAR, quad_class INTEGER,
    goldstein DOUBLE, source_code VARCHAR, source_country VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_text VARCHAR, location VARCHAR,
    fatalities INTEGER, injuries INTEGER, realis VARCHAR, confidence DOUBLE, trigger VARCHAR,
    record JSON
);
"""

V2 = """
ALTER TABLE events ADD COLUMN date_start DATE;
ALTER TABLE events ADD COLUMN date_end DATE;
CREATE TABLE actors (
    event_id VARCHAR, slot VARCHAR, code VARCHAR, name VARCHAR, text VARCHAR, country VARCHAR,
    role VARCHAR, start_char INTEGER, end_char INTEGER, reciprocal BOOLEAN,
    PRIMARY KEY (event_id, slot)
);
CREATE TABLE mentions (event_id VARCHAR PRIMARY KEY, link_id VARCHAR, doc_id VARCHAR);
CREATE TABLE links (
    link_id VARCHAR PRIMARY KEY, type VARCHAR, cameo VARCHAR, date VARCHAR, date_precision VARCHAR,
    date_start DATE, date_end DATE, source_code VARCHAR, target_code VARCHAR, location VARCHAR,
    fatalities INTEGER, injuries INTEGER, mention_count INTEGER, outlet_count INTEGER,
    document_count INTEGER, record JSON
);
"""

ACTOR_SLOTS = ("source", "target", "attributed_to")


def actor_rows(record: dict) -> list[list]:
    rows = []
    for slot in ACTOR_SLOTS:
        actor = record.get(slot)
        if actor:
            rows.append([record["event_id"], slot, actor.get("code"), actor.get("name"), actor.get("text"),
                         actor.get("country"), actor.get("role"), actor.get("start"), actor.get("end"),
                         bool(actor.get("reciprocal"))])
    return rows


def _to_1(con: duckdb.DuckDBPyConnection, relink_all: Callable[[], None]) -> None:
    con.execute(V1)


def _to_2(con: duckdb.DuckDBPyConnection, relink_all: Callable[[], None]) -> None:
    con.execute(V2)
    records = [json.loads(row[0]) for row in con.execute("SELECT record FROM events").fetchall()]
    if records:
        # One set-based UPDATE: row-by-row updates are slow in DuckDB.
        con.execute("CREATE TEMP TABLE event_dates (event_id VARCHAR, date_start DATE, date_end DATE)")
        bulk_insert(con, "temp.event_dates", [[r["event_id"], *date_interval(r.get("date"))] for r in records])
        con.execute("UPDATE events SET date_start = d.date_start, date_end = d.date_end FROM event_dates d"
                    " WHERE events.event_id = d.event_id")
        con.execute("DROP TABLE event_dates")
    bulk_insert(con, "actors", [row for r in records for row in actor_rows(r)])
    relink_all()


MIGRATIONS = [_to_1, _to_2]  # MIGRATIONS[n] takes a store from version n to n + 1


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
    if not exists:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, relink_all: Callable[[], None]) -> int:
    """Bring the store to SCHEMA_VERSION; returns the version it had."""
    version = stored_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"this store has schema version {version}; this Tacitus reads up to {SCHEMA_VERSION}")
    if version == SCHEMA_VERSION:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        for step in MIGRATIONS[version:]:
            step(con, relink_all)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return version
