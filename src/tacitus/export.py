"""Writing stored events (or linked events) to files.

- `jsonl`: the event records (or linked-event records) as they are, one per line.
- `csv`, `parquet`: one flat row per record, the same columns in both (FLAT_EVENT / FLAT_LINK);
  Parquet is written by DuckDB's own COPY ... (FORMAT PARQUET).
- `cameo-tsv`: the 26 tab-separated, header-less columns of the Phoenix/PETRARCH daily event files
  (PHOENIX_COLUMNS), which Phoenix readers load by position. With --linked, one row per linked
  event whose SentenceID/URLs/NewsSources join every mention's with ";", as Phoenix's one-a-day
  filter joined duplicates.
- `plover-json`: JSON Lines in the POLECAT record layout, as far as Tacitus has the fields
  (POLECAT's Actor COW, Wikipedia ids, titles and story-level people/organisations are not coded).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("jsonl", "csv", "parquet", "cameo-tsv", "plover-json")

FLAT_EVENT = ("event_id", "link_id", "doc_id", "sentence_index", "date", "date_precision", "type", "mode", "context",
              "cameo", "quad_class", "penta_class", "goldstein", "source_code", "source_name", "source_country",
              "source_role", "target_code", "target_name", "target_country", "target_role", "location",
              "location_country", "admin1", "lat", "lon", "geonameid", "fatalities", "injuries",
              "attributed_to_code", "attributed_to_name", "realis", "confidence", "trigger", "rule",
              "evidence_start", "evidence_end")
FLAT_LINK = ("link_id", "date", "date_precision", "type", "mode", "cameo", "source_code", "source_name",
             "source_country", "target_code", "target_name", "target_country", "location", "location_country",
             "lat", "lon", "fatalities", "injuries", "realis", "mention_count", "outlet_count", "document_count",
             "event_ids", "doc_ids", "outlets", "attributed_to", "conflicts")

PHOENIX_COLUMNS = ("EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
                   "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
                   "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
                   "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
                   "SentenceID", "URLs", "NewsSources")
# Phoenix's actor-code split (phoenix_pipeline postprocess.py): a root (country or IGO/NGO/IMG/MNC),
# one primary agent, then every other 3-letter code.
PHOENIX_ROOTS = {"IGO", "NGO", "IMG", "MNC"}
PHOENIX_AGENTS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL"}


def _join(values: Iterable) -> str:
    return ";".join(str(v) for v in values if v not in (None, ""))


def flat_event(r: dict) -> dict[str, Any]:
    source, target, where, said = (r.get("source") or {}), (r.get("target") or {}), (r.get("location") or {}), \
        (r.get("attributed_to") or {})
    return {
        "event_id": r["event_id"], "link_id": r.get("link_id"), "doc_id": r["doc_id"],
        "sentence_index": r["sentence_index"], "date": r["date"], "date_precision": r["date_precision"],
        "type": r["type"], "mode": r["mode"], "context": _join(r.get("context") or []), "cameo": r["cameo"],
        "quad_class": r["quad_class"], "penta_class": r["penta_class"], "goldstein": r["goldstein"],
        "source_code": source.get("code"), "source_name": source.get("name"), "source_country": source.get("country"),
        "source_role": source.get("role"), "target_code": target.get("code"), "target_name": target.get("name"),
        "target_country": target.get("country"), "target_role": target.get("role"), "location": where.get("name"),
        "location_country": where.get("country"), "admin1": where.get("admin1"), "lat": where.get("lat"),
        "lon": where.get("lon"), "geonameid": where.get("geonameid"), "fatalities": r["fatalities"],
        "injuries": r["injuries"], "attributed_to_code": said.get("code"), "attributed_to_name": said.get("name"),
        "realis": r["realis"], "confidence": r["confidence"], "trigger": r["evidence"]["trigger"]["text"],
        "rule": r["evidence"]["rule"], "evidence_start": r["evidence"]["start"], "evidence_end": r["evidence"]["end"],
    }


def conflicts_text(conflicts: dict) -> str:
    """`fatalities: 62 (TASS: kerry-talks) | 60 (Reuters: r-17)`: each disputed field, with the
    outlets and documents that report each value."""
    parts = []
    for name, values in conflicts.items():
        parts.append(f"{name}: " + " | ".join(f"{v['value']} ({', '.join(v['outlets'])}: {' '.join(v['doc_ids'])})"
                                              for v in values))
    return "; ".join(parts)


def flat_link(r: dict) -> dict[str, Any]:
    source, target, where = (r.get("source") or {}), (r.get("target") or {}), (r.get("location") or {})
    return {
        "link_id": r["link_id"], "date": r["date"], "date_precision": r["date_precision"], "type": r["type"],
        "mode": r["mode"], "cameo": r["cameo"], "source_code": source.get("code"), "source_name": source.get("name"),
        "source_country": source.get("country"), "target_code": target.get("code"), "target_name": target.get("name"),
        "target_country": target.get("country"), "location": where.get("name"), "location_country": where.get("country"),
        "lat": where.get("lat"), "lon": where.get("lon"), "fatalities": r["fatalities"], "injuries": r["injuries"],
        "realis": r["realis"], "mention_count": r["mention_count"], "outlet_count": r["outlet_count"],
        "document_count": r["document_count"], "event_ids": _join(m["event_id"] for m in r["mentions"]),
        "doc_ids": _join(dict.fromkeys(m["doc_id"] for m in r["mentions"])),
        "outlets": _join(o["outlet"] for o in r["outlets"]),
        "attributed_to": _join(a.get("code") or a.get("name") for a in r["attributions"]),
        "conflicts": conflicts_text(r["conflicts"]),
    }


def _split_code(actor: dict | None) -> list[str]:
    """Full code, root, agent, others, as Phoenix splits an actor code."""
    code = (actor or {}).get("code") or ""
    root = code[:3] if code[:3] in PHOENIX_ROOTS or (actor or {}).get("country") == code[:3] else ""
    rest = code[len(root):]
    agent = rest[:3] if rest[:3] in PHOENIX_AGENTS else ""
    rest = rest[len(agent):]
    return [code, root, agent, _join(rest[i:i + 3] for i in range(0, len(rest), 3))]


def _phoenix_date(value: str | None) -> list[str]:
    """YYYYMMDD, year, month, day; an unknown month or day is 00, as in other event data sets."""
    if not value:
        return ["", "", "", ""]
    year, month, day = (value.split("-") + ["00", "00"])[:3]
    return [f"{year}{month}{day}", year, month, day]


def phoenix_row(record: dict, documents: dict[str, dict], linked: bool) -> list:
    mentions = record["mentions"] if linked else [record]
    docs = [documents.get(m["doc_id"], {}) for m in mentions]
    where = record.get("location") or {}
    context = record.get("_context", []) if linked else record.get("context") or []
    goldstein = record.get("_goldstein") if linked else record.get("goldstein")
    cameo = record["cameo"]
    return [
        record["link_id"] if linked else record["event_id"], *_phoenix_date(record.get("date")),
        *_split_code(record.get("source")), *_split_code(record.get("target")),
        # Phoenix's "QuadClass" column holds 0-4 (01-02 statements are 0): Tacitus's penta class.
        cameo, cameo[:2], record.get("_penta") if linked else record.get("penta_class"),
        "" if goldstein is None else goldstein,
        _join(f"{c},1" for c in context),  # Phoenix issues are "NAME,count"; PLOVER contexts fill them
        where.get("lat") if where.get("lat") is not None else "", where.get("lon") if where.get("lon") is not None else "",
        where.get("name") or "", where.get("admin1") or "", where.get("country") or "",
        _join(dict.fromkeys(f"{m['doc_id']}_{m['sentence_index']}" for m in mentions)),
        _join(dict.fromkeys(d.get("url") for d in docs)),
        _join(dict.fromkeys(d.get("source") for d in docs)),
    ]


def polecat_record(record: dict, documents: dict[str, dict], linked: bool) -> dict[str, Any]:
    """One POLECAT-layout record (snake_case of POLECAT's column names)."""
    source, target, where = (record.get("source") or {}), (record.get("target") or {}), (record.get("location") or {})
    mentions = record["mentions"] if linked else [record]
    story_ids = list(dict.fromkeys(m["doc_id"] for m in mentions))
    first = documents.get(story_ids[0], {})

    def actor(a: dict, raw: str | None) -> dict:
        return {"name": a.get("name"), "country": a.get("country"), "primary_sector": a.get("role"),
                "sectors": [a["role"]] if a.get("role") else [], "name_raw": raw}

    src = actor(source, None if linked else source.get("text"))
    tgt = actor(target, None if linked else target.get("text"))
    out = {
        "event_id": record["link_id"] if linked else record["event_id"],
        "event_date": record.get("date"),
        "event_date_precision": record.get("date_precision"),
        "event_type": record.get("type"),
        "event_mode": [record["mode"]] if record.get("mode") else [],
        # POLECAT's intensity is a PLOVER score; Tacitus has the CAMEO Goldstein weight instead.
        "event_intensity": record.get("_goldstein") if linked else record.get("goldstein"),
        "quad_code": record.get("_quad") if linked else record.get("quad_class"),
        "contexts": record.get("_context", []) if linked else record.get("context") or [],
        "actor_name": src["name"], "actor_country": src["country"], "primary_actor_sector": src["primary_sector"],
        "actor_sectors": src["sectors"], "actor_name_raw": src["name_raw"],
        "recipient_name": tgt["name"], "recipient_country": tgt["country"],
        "primary_recipient_sector": tgt["primary_sector"], "recipient_sectors": tgt["sectors"],
        "recipient_name_raw": tgt["name_raw"],
        "placename": where.get("name"), "province": where.get("admin1"), "country": where.get("country"),
        "latitude": where.get("lat"), "longitude": where.get("lon"), "geonames_id": where.get("geonameid"),
        "raw_placename": where.get("text"), "feature_type": where.get("precision"),
        "source": first.get("source"), "publication_date": first.get("published"), "headline": first.get("title"),
        "story_ids": story_ids,
        "language": "en",
        "version": record.get("coder_version") or (record.get("_records") or [{}])[0].get("coder_version"),
        "cameo": record.get("cameo"), "fatalities": record.get("fatalities"), "injuries": record.get("injuries"),
        "realis": record.get("realis"),
    }
    if linked:
        out |= {"mention_count": record["mention_count"], "outlet_count": record["outlet_count"],
                "conflicts": record["conflicts"]}
    else:
        out["link_id"] = record.get("link_id")
    return out


def _documents(store: "Store", doc_ids: set[str]) -> dict[str, dict]:
    rows = store.con.execute("SELECT doc_id, title, published, source, url FROM documents WHERE doc_id IN"
                             " (SELECT unnest(?))", [sorted(doc_ids)]).fetchall()
    return {d: {"title": t, "published": p.isoformat() if p else None, "source": s, "url": u}
            for d, t, p, s, u in rows}


def _with_mention_records(store: "Store", links: list[dict]) -> None:
    """Linked records name their mentions; the code-level fields (Goldstein, quad and penta class,
    contexts) come from the mentions' event records."""
    ids = [m["event_id"] for r in links for m in r["mentions"]]
    rows = store.con.execute("SELECT event_id, record FROM events WHERE event_id IN (SELECT unnest(?))", [ids]).fetchall()
    by_id = {event_id: json.loads(record) for event_id, record in rows}
    for r in links:
        records = [by_id[m["event_id"]] for m in r["mentions"] if m["event_id"] in by_id]
        same = [x for x in records if x["cameo"] == r["cameo"]] or records
        r["_records"] = records
        r["_goldstein"] = same[0]["goldstein"] if same else None
        r["_quad"] = same[0]["quad_class"] if same else None
        r["_penta"] = same[0]["penta_class"] if same else None
        r["_context"] = list(dict.fromkeys(c for x in records for c in x.get("context") or []))


def _write_table(path: Path, columns: tuple[str, ...], rows: list[dict], writer: Callable) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = writer(handle)
        out.writerow(columns)
        for row in rows:
            out.writerow(["" if row[c] is None else row[c] for c in columns])


def _write_parquet(store: "Store", path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    # Through a temporary table so that the Parquet file has exactly the CSV's columns; DuckDB
    # infers each column's type from the values.
    con = store.con
    con.execute("DROP TABLE IF EXISTS temp.export_rows")
    sample = {c: next((row[c] for row in rows if row[c] is not None), None) for c in columns}
    types = {c: "BIGINT" if isinstance(v, int) and not isinstance(v, bool) else "DOUBLE" if isinstance(v, float)
             else "VARCHAR" for c, v in sample.items()}
    con.execute("CREATE TEMP TABLE export_rows (" + ", ".join(f'"{c}" {types[c]}' for c in columns) + ")")
    if rows:
        con.executemany(f"INSERT INTO export_rows VALUES ({', '.join('?' * len(columns))})",
                        [[row[c] for c in columns] for row in rows])
    target = str(path).replace("'", "''")
    con.execute(f"COPY export_rows TO '{target}' (FORMAT PARQUET)")
    con.execute("DROP TABLE export_rows")


def export(store: "Store", path: Path, format: str, *, linked: bool = False, **filters) -> int:
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; one of {', '.join(FORMATS)}")
    records = store.events(linked=linked, **filters)
    if format == "jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif format in ("csv", "parquet"):
        columns, flatten = (FLAT_LINK, flat_link) if linked else (FLAT_EVENT, flat_event)
        rows = [flatten(r) for r in records]
        if format == "csv":
            _write_table(path, columns, rows, csv.writer)
        else:
            _write_parquet(store, path, columns, rows)
    else:
        if linked:
            _with_mention_records(store, records)
        doc_ids = {m["doc_id"] for r in records for m in (r["mentions"] if linked else [r])}
        documents = _documents(store, doc_ids)
        with path.open("w", encoding="utf-8", newline="") as handle:
            if format == "cameo-tsv":
                for record in records:
                    # Phoenix files are split on tabs, unquoted: no field may hold a tab or newline.
                    cells = ("" if v is None else " ".join(str(v).split()) for v in phoenix_row(record, documents, linked))
                    handle.write("\t".join(cells) + "\n")
            else:
                for record in records:
                    handle.write(json.dumps(polecat_record(record, documents, linked), ensure_ascii=False) + "\n")
    return len(records)
