"""The DuckDB event store: documents and their events, written one transaction per batch.

Re-ingesting a document whose content and coder version are unchanged does nothing; a changed
document has its events replaced, inside the same transaction, so a crash never leaves a
document half-written.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from .document import Document, DocumentError
from .record import CODER_VERSION, Event

SCHEMA_VERSION = 1
DEFAULT_DB = "tacitus.duckdb"

SCHEMA = """
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


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = str(path)
        self.con = duckdb.connect(self.path)
        self.con.execute(SCHEMA)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def is_current(self, document: Document) -> bool:
        row = self.con.execute(
            "SELECT content_hash, coder_version FROM documents WHERE doc_id = ?", [document.id]
        ).fetchone()
        return row is not None and row[0] == document.content_hash and row[1] == CODER_VERSION

    def write_batch(self, documents: list[Document]) -> None:
        """Replace these documents and their events in one transaction."""
        if not documents:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            for document in documents:
                self.con.execute("DELETE FROM events WHERE doc_id = ?", [document.id])
                self.con.execute("DELETE FROM documents WHERE doc_id = ?", [document.id])
                self.con.execute(
                    "INSERT INTO documents (doc_id, title, published, source, url, text, content_hash, coder_version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [document.id, document.title, document.published, document.source, document.url,
                     document.text, document.content_hash, CODER_VERSION],
                )
                rows = [_event_row(e) for e in document.events]
                if rows:
                    self.con.executemany(f"INSERT OR REPLACE INTO events VALUES ({', '.join('?' * 23)})", rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def events(self, doc_id: str | None = None, limit: int | None = None) -> list[dict]:
        sql = "SELECT record FROM events"
        params: list = []
        if doc_id:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += " ORDER BY doc_id, sentence_index, event_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(row[0]) for row in self.con.execute(sql, params).fetchall()]

    def count(self, table: str) -> int:
        assert table in ("documents", "events")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _event_row(event: Event) -> list:
    record = event.to_dict()
    source, target, location = record["source"] or {}, record["target"] or {}, record["location"] or {}
    return [
        record["event_id"], record["doc_id"], record["sentence_index"], record["date"], record["date_precision"],
        record["cameo"], record["type"], record["mode"], record["quad_class"], record["goldstein"],
        source.get("code"), source.get("country"), source.get("text"),
        target.get("code"), target.get("country"), target.get("text"), location.get("name"),
        record["fatalities"], record["injuries"], record["realis"], record["confidence"],
        record["evidence"]["trigger"]["text"], json.dumps(record, ensure_ascii=False),
    ]


def ingest(store: Store, items: Iterable[Document | DocumentError],
           batch_size: int = 32) -> Iterator[tuple[str, Document | DocumentError]]:
    """Code and store documents. Yields ("stored" | "unchanged" | "error", item) per document."""
    from .pipeline import code_documents

    unchanged: list[Document] = []

    def fresh() -> Iterator[Document | DocumentError]:
        for item in items:
            if isinstance(item, Document) and store.is_current(item):
                unchanged.append(item)
                continue
            yield item

    pending: list[Document] = []
    for item in code_documents(fresh()):
        yield from (("unchanged", d) for d in unchanged)
        unchanged.clear()
        if isinstance(item, DocumentError):
            yield "error", item
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            store.write_batch(pending)
            yield from (("stored", d) for d in pending)
            pending.clear()
    store.write_batch(pending)
    yield from (("stored", d) for d in pending)
    yield from (("unchanged", d) for d in unchanged)
