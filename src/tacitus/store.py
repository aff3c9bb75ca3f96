"""The DuckDB event store: documents, their events and actors, and the linked events they mention.

    store = Store("tacitus.duckdb")
    store.ingest(["articles.jsonl"])
    store.events(country="SYR", cameo="19", since="2019-03")   # event records, each with its link_id
    store.events(linked=True)                                  # one record per linked event
    store.timeline(actor="IGOCOA")                             # linked events in date order
    store.export("events.parquet", "parquet", type="ASSAULT")

Documents are written one transaction per batch, together with their events, actors, and the
re-linking their events cause, so a crash (even kill -9) leaves every batch either wholly in the
store or not at all; the next run skips what is stored and codes the rest. Re-ingesting a
document whose content and coder version are unchanged does nothing; a changed document has its
events replaced and re-linked in the same transaction. The schema and its migrations are in
schema.py, linking in linking.py, output formats in export.py.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from . import config
from .bulk import bulk_insert, id_table
from .document import Document, DocumentError
from .linking import Mention, agreement, block_key, date_interval, link, summarize
from .query import Filters
from .schema import SCHEMA_VERSION, actor_rows, migrate

DEFAULT_DB = "tacitus.duckdb"
BATCH_SIZE = 32
# Which events can link (linking.block_key): typed, asserted or alleged.
LINKABLE = "e.realis IN ('asserted', 'alleged') AND e.type IS NOT NULL"



@dataclass
class IngestReport:
    stored: int = 0
    unchanged: int = 0
    errors: list[DocumentError] = field(default_factory=list)


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = str(path)
        self.con = duckdb.connect(self.path)
        self.migrated_from = migrate(self.con, self.relink_all)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _transaction(self):
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # -- writing --------------------------------------------------------------------------------

    def is_current(self, document: Document) -> bool:
        row = self.con.execute(
            "SELECT content_hash, coder_version FROM documents WHERE doc_id = ?", [document.id]
        ).fetchone()
        return row is not None and row[0] == document.content_hash and row[1] == config.active().coder_version()

    def write_batch(self, documents: list[Document]) -> None:
        """Replace these documents, their events and actors, and re-link, in one transaction."""
        if not documents:
            return
        documents = list({d.id: d for d in documents}.values())  # a repeated id: the last version wins
        with self._transaction():
            stale_links: set[str] = set()
            removed: list[Mention] = []
            seeds: set[str] = set()
            event_rows: list[list] = []
            actors: list[list] = []
            for document in documents:
                removed += self._mentions("e.doc_id = ?", [document.id])
                stale_links |= {row[0] for row in self.con.execute(
                    "SELECT link_id FROM mentions WHERE doc_id = ?", [document.id]).fetchall()}
                self.con.execute("DELETE FROM actors WHERE event_id IN (SELECT event_id FROM events WHERE doc_id = ?)",
                                 [document.id])
                for table in ("mentions", "events", "documents"):
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [document.id])
                self.con.execute(
                    "INSERT INTO documents (doc_id, title, published, source, url, text, content_hash, coder_version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [document.id, document.title, document.published, document.source, document.url,
                     document.text, document.content_hash, config.active().coder_version()],
                )
                records = {}
                for event in document.events:  # one record per event id (the last wins, as before)
                    records[event.event_id] = event.to_dict()
                event_rows += [_event_row(r) for r in records.values()]
                actors += [row for r in records.values() for row in actor_rows(r)]
                seeds |= set(records)
            bulk_insert(self.con, "events", event_rows)
            bulk_insert(self.con, "actors", actors)
            if stale_links:
                # Mentions that shared a linked event with a replaced one are re-linked too.
                seeds |= {row[0] for row in self.con.execute(
                    f"SELECT event_id FROM mentions WHERE link_id IN {id_table(self.con, 'stale_ids', stale_links)}"
                ).fetchall()}
            self._relink(seeds, removed, stale_links)

    def _mentions(self, where: str, params: list) -> list[Mention]:
        rows = self.con.execute(
            "SELECT e.record, d.title, d.published, d.source, d.url FROM events e JOIN documents d USING (doc_id)"
            f" WHERE {where}", params).fetchall()
        return [Mention(json.loads(record), {"title": title, "published": published, "source": source, "url": url})
                for record, title, published, source, url in rows]

    def _relink(self, seeds: set[str], removed: list[Mention], stale_links: set[str]) -> None:
        """Re-link the mentions connected to `seeds` (new or disturbed) and to `removed` ones."""
        seed_ids = id_table(self.con, "seed_ids", seeds)
        blocks = {row[0] for row in self.con.execute(
            f"SELECT DISTINCT type FROM events e WHERE event_id IN {seed_ids} AND {LINKABLE}").fetchall()}
        blocks |= {m.key for m in removed if m.key}
        mentions = self._mentions(f"e.event_id IN {seed_ids} AND NOT ({LINKABLE})", [])
        for plover_type in sorted(blocks):
            block = self._mentions(f"{LINKABLE} AND e.type = ?", [plover_type])
            for gone in removed:  # what a removed mention held together may now fall apart
                seeds |= {m.event_id for m in block if agreement(gone, m)}
            mentions += block
        linked = link(mentions, seeds)
        members = id_table(self.con, "member_ids", (m.event_id for ms in linked.values() for m in ms))
        stale_links |= {row[0] for row in self.con.execute(
            f"SELECT link_id FROM mentions WHERE event_id IN {members}").fetchall()}
        self.con.execute(f"DELETE FROM links WHERE link_id IN {id_table(self.con, 'stale_ids', stale_links)}")
        self.con.execute(f"DELETE FROM mentions WHERE event_id IN {members}")
        self._write_links(linked)

    def _write_links(self, linked: dict[str, list[Mention]]) -> None:
        bulk_insert(self.con, "mentions", [[m.event_id, link_id, m.doc_id] for link_id, ms in linked.items() for m in ms])
        rows = []
        for link_id, ms in linked.items():
            summary = summarize(link_id, ms)
            start, end = date_interval(summary["date"])
            rows.append([link_id, summary["type"], summary["cameo"], summary["date"], summary["date_precision"],
                         start, end, (summary["source"] or {}).get("code"), (summary["target"] or {}).get("code"),
                         (summary["location"] or {}).get("name"), summary["fatalities"], summary["injuries"],
                         summary["mention_count"], summary["outlet_count"], summary["document_count"],
                         json.dumps(summary, ensure_ascii=False)])
        bulk_insert(self.con, "links", rows)

    def relink_all(self) -> None:
        """Link every stored event afresh (the migration to schema 2 does this)."""
        self.con.execute("DELETE FROM links")
        self.con.execute("DELETE FROM mentions")
        self._write_links(link(self._mentions("TRUE", [])))

    def ingest(self, inputs: str | Path | Iterable[str | Path | Document | DocumentError], *,
               published: date | None = None, batch_size: int = BATCH_SIZE) -> IngestReport:
        """Code and store files, directories, or Documents; unchanged documents are skipped."""
        from .readers import read_inputs

        if isinstance(inputs, (str, Path, Document)):
            inputs = [inputs]

        def items() -> Iterator[Document | DocumentError]:
            for item in inputs:
                if isinstance(item, (Document, DocumentError)):
                    yield item
                else:
                    yield from read_inputs([str(item)], published)

        report = IngestReport()
        for status, item in ingest(self, items(), batch_size=batch_size):
            if status == "error":
                report.errors.append(item)
            else:
                setattr(report, status, getattr(report, status) + 1)
        return report

    # -- reading --------------------------------------------------------------------------------

    def events(self, *, linked: bool = False, limit: int | None = None, **filters) -> list[dict]:
        """Event records with their link_id, or (linked=True) one record per linked event having a
        mention that passes the filters (see query.Filters: actor, country, type, cameo, doc_id)
        and dated within since/until."""
        if linked:
            return self._linked(Filters(**filters), order="l.link_id", limit=limit)
        where, params = Filters(**filters).where()
        sql = (f"SELECT e.record, m.link_id FROM events e LEFT JOIN mentions m USING (event_id) WHERE {where}"
               " ORDER BY e.doc_id, e.sentence_index, e.event_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        records = []
        for record, link_id in self.con.execute(sql, params).fetchall():
            record = json.loads(record)
            record["link_id"] = link_id
            records.append(record)
        return records

    def timeline(self, *, limit: int | None = None, **filters) -> list[dict]:
        """Linked events in date order (undated ones last)."""
        return self._linked(Filters(**filters), order="l.date_start NULLS LAST, l.date_end, l.link_id", limit=limit)

    def _linked(self, filters: Filters, order: str, limit: int | None) -> list[dict]:
        # Linked events with a mention passing the filters, dated (--since, --until) by their own date.
        where, params = filters.where(dates=False)
        dated, date_params = filters.dates_only().where("l")
        sql = ("SELECT l.record FROM links l WHERE l.link_id IN (SELECT m.link_id FROM mentions m"
               f" JOIN events e USING (event_id) WHERE {where}) AND {dated} ORDER BY {order}")
        params += date_params
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(row[0]) for row in self.con.execute(sql, params).fetchall()]

    def export(self, path: str | Path, format: str, *, linked: bool = False, **filters) -> int:
        """Write the filtered events (or linked events) to `path`; returns how many records."""
        from .export import export

        return export(self, Path(path), format, linked=linked, **filters)

    def count(self, table: str) -> int:
        assert table in ("documents", "events", "actors", "mentions", "links")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def schema_version(self) -> int:
        return int(self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    # -- browsing: pages, single records and counts for the HTTP API and web explorer (server/) --

    # The columns an event page can be sorted by, by the name the API uses.
    SORTABLE = {"doc": "e.doc_id", "date": "e.date_start", "type": "e.type", "cameo": "e.cameo",
                "source": "e.source_code", "target": "e.target_code", "location": "e.location",
                "fatalities": "e.fatalities", "confidence": "e.confidence"}

    def event_page(self, *, offset: int = 0, limit: int = 50, sort: str = "doc", descending: bool = False,
                   **filters) -> tuple[int, list[dict]]:
        """(how many events pass the filters, one page of them with their link_id)."""
        where, params = Filters(**filters).where()
        total = self.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
        direction = "DESC" if descending else "ASC"
        rows = self.con.execute(
            "SELECT e.record, m.link_id FROM events e LEFT JOIN mentions m USING (event_id)"
            f" WHERE {where} ORDER BY {self.SORTABLE[sort]} {direction} NULLS LAST,"
            " e.doc_id, e.sentence_index, e.event_id LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
        return total, [{**json.loads(record), "link_id": link_id} for record, link_id in rows]

    def event(self, event_id: str) -> dict | None:
        row = self.con.execute("SELECT e.record, m.link_id FROM events e LEFT JOIN mentions m USING (event_id)"
                               " WHERE e.event_id = ?", [event_id]).fetchone()
        return None if row is None else {**json.loads(row[0]), "link_id": row[1]}

    def linked_event(self, link_id: str) -> dict | None:
        row = self.con.execute("SELECT record FROM links WHERE link_id = ?", [link_id]).fetchone()
        return None if row is None else json.loads(row[0])

    def document(self, doc_id: str) -> dict | None:
        """A stored document with its cleaned text (the text every offset refers to)."""
        row = self.con.execute("SELECT doc_id, title, published, source, url, text FROM documents WHERE doc_id = ?",
                               [doc_id]).fetchone()
        if row is None:
            return None
        keys = ("doc_id", "title", "published", "source", "url", "text")
        return {**dict(zip(keys, row)), "published": row[2].isoformat() if row[2] else None}

    def timeline_page(self, *, offset: int = 0, limit: int = 50, min_mentions: int = 1,
                      **filters) -> tuple[int, list[dict]]:
        """timeline() one page at a time, with how many linked events pass in all."""
        filters = Filters(**filters)
        where, params = filters.where(dates=False)
        dated, date_params = filters.dates_only().where("l")
        condition = (f"l.link_id IN (SELECT m.link_id FROM mentions m JOIN events e USING (event_id) WHERE {where})"
                     f" AND {dated} AND l.mention_count >= ?")
        params = params + date_params + [min_mentions]
        total = self.con.execute(f"SELECT count(*) FROM links l WHERE {condition}", params).fetchone()[0]
        rows = self.con.execute(f"SELECT l.record FROM links l WHERE {condition}"
                                " ORDER BY l.date_start NULLS LAST, l.date_end, l.link_id LIMIT ? OFFSET ?",
                                params + [limit, offset]).fetchall()
        return total, [json.loads(row[0]) for row in rows]

    def actor_counts(self, *, limit: int = 100, **filters) -> list[dict]:
        """Actor codes of the filtered events, most frequent first: as source, as target, and the
        name and country they most often have."""
        where, params = Filters(**filters).where()
        rows = self.con.execute(
            "SELECT a.code, mode(a.name), mode(a.country), mode(a.role), count(DISTINCT a.event_id),"
            " count(*) FILTER (WHERE a.slot = 'source'), count(*) FILTER (WHERE a.slot = 'target')"
            f" FROM actors a JOIN events e USING (event_id) WHERE a.slot IN ('source', 'target')"
            f" AND a.code IS NOT NULL AND {where}"
            " GROUP BY a.code ORDER BY count(DISTINCT a.event_id) DESC, a.code LIMIT ?", params + [limit]).fetchall()
        keys = ("code", "name", "country", "role", "events", "as_source", "as_target")
        return [dict(zip(keys, row)) for row in rows]

    def dyad_counts(self, *, limit: int = 100, **filters) -> list[dict]:
        """Source → target actor pairs of the filtered events, most frequent first, with their
        counts by PLOVER type and by CAMEO quad class (1-2 cooperation, 3-4 conflict)."""
        where, params = Filters(**filters).where()
        rows = self.con.execute(
            "SELECT e.source_code, e.target_code, count(*), histogram(coalesce(e.type, 'untyped')),"
            " count(*) FILTER (WHERE e.quad_class IN (1, 2)), count(*) FILTER (WHERE e.quad_class IN (3, 4))"
            f" FROM events e WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND {where}"
            " GROUP BY e.source_code, e.target_code ORDER BY count(*) DESC, e.source_code, e.target_code LIMIT ?",
            params + [limit]).fetchall()
        return [{"source": s, "target": t, "events": n, "types": dict(sorted(types.items())),
                 "cooperation": coop, "conflict": conflict} for s, t, n, types, coop, conflict in rows]

    def place_counts(self, *, limit: int = 500, **filters) -> list[dict]:
        """Places of the filtered events that have coordinates, most events first, with their
        killed total and their first ten events (id, date, type, CAMEO code, trigger)."""
        where, params = Filters(**filters).where()
        rows = self.con.execute(
            "SELECT e.location, e.record->>'$.location.country', CAST(e.record->>'$.location.lat' AS DOUBLE),"
            " CAST(e.record->>'$.location.lon' AS DOUBLE), count(*), sum(e.fatalities),"
            " list({'event_id': e.event_id, 'date': e.date, 'type': e.type, 'cameo': e.cameo, 'trigger': e.trigger}"
            " ORDER BY e.date_start NULLS LAST, e.event_id)[1:10]"
            f" FROM events e WHERE e.record->>'$.location.lat' IS NOT NULL AND {where}"
            " GROUP BY ALL ORDER BY count(*) DESC, e.location LIMIT ?", params + [limit]).fetchall()
        keys = ("name", "country", "lat", "lon", "events", "fatalities", "first_events")
        return [dict(zip(keys, row)) for row in rows]

    def date_counts(self, *, by: str = "month", **filters) -> list[dict]:
        """Filtered events per day, month or year and PLOVER type; events dated less precisely
        than `by` are left out (a year-only date has no month)."""
        width = {"day": 10, "month": 7, "year": 4}[by]
        where, params = Filters(**filters).where()
        rows = self.con.execute(
            f"SELECT left(e.date, {width}) AS period, coalesce(e.type, 'untyped'), count(*) FROM events e"
            f" WHERE length(e.date) >= {width} AND {where} GROUP BY ALL ORDER BY period, 2", params).fetchall()
        return [{"period": period, "type": plover_type, "events": n} for period, plover_type, n in rows]


def _event_row(record: dict) -> list:
    source, target, location = record["source"] or {}, record["target"] or {}, record["location"] or {}
    return [
        record["event_id"], record["doc_id"], record["sentence_index"], record["date"], record["date_precision"],
        record["cameo"], record["type"], record["mode"], record["quad_class"], record["goldstein"],
        source.get("code"), source.get("country"), source.get("text"),
        target.get("code"), target.get("country"), target.get("text"), location.get("name"),
        record["fatalities"], record["injuries"], record["realis"], record["confidence"],
        record["evidence"]["trigger"]["text"], json.dumps(record, ensure_ascii=False),
        *date_interval(record["date"]),
    ]


def ingest(store: Store, items: Iterable[Document | DocumentError], batch_size: int = BATCH_SIZE,
           code: Callable[[Iterable[Document | DocumentError]], Iterator[Document | DocumentError]] | None = None
           ) -> Iterator[tuple[str, Document | DocumentError]]:
    """Code and store documents. Yields ("stored" | "unchanged" | "error", item) per document.

    `code` is the engine's coder (engines.engine); by default this process codes. Only documents
    not already stored go to it, and this process alone writes the store."""
    from .pipeline import code_documents

    unchanged: list[Document] = []

    def fresh() -> Iterator[Document | DocumentError]:
        for item in items:
            if isinstance(item, Document) and store.is_current(item):
                unchanged.append(item)
                continue
            yield item

    pending: list[Document] = []
    for item in (code or code_documents)(fresh()):
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


__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "IngestReport", "Store", "ingest"]
