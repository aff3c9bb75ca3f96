"""The DuckDB store: schema migration, idempotent and crash-safe ingest, incremental linking,
queries and exports."""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import shared_path
from typer.testing import CliRunner

from tacitus import code
from stores import TABLES, dump
from tacitus.cli import app
from tacitus.export import PHOENIX_COLUMNS
from tacitus.linking import date_interval
from tacitus.schema import V1
from tacitus.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "samples"

# Two outlets' reports of one air strike, with different death tolls, and a third report on other things.
REPORT_A = {"id": "wire-a", "source": "Wire A", "published": "2021-03-05", "url": "https://a.example/1",
            "title": "Market bombed", "text": "Syrian government warplanes bombed a market in Idlib on Thursday, "
                                              "killing 12 civilians, rescue workers said."}
REPORT_B = {"id": "wire-b", "source": "Wire B", "published": "2021-03-06", "url": "https://b.example/1",
            "title": "Strike on market", "text": "Syrian government jets struck a crowded market in Idlib on Thursday, "
                                                 "killing 15 civilians, a monitoring group said."}
REPORT_C = {"id": "wire-c", "source": "Wire A", "published": "2021-03-06",
            "text": "Russia threatened to bomb rebel positions in Idlib. Turkish troops shelled Kurdish fighters "
                    "near Afrin on Friday, killing three."}


def write_jsonl(path: Path, *docs: dict) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """Samples plus the three wire reports, ingested once."""
    folder = tmp_path_factory.mktemp("store")
    db = folder / "store.duckdb"
    with Store(db) as store:
        report = store.ingest([SAMPLES, write_jsonl(folder / "wires.jsonl", REPORT_A, REPORT_B, REPORT_C)])
    assert report.stored == 7 and not report.errors
    return db


def strike_link(store: Store) -> dict:
    records = store.events(doc_id="wire-a", type="ASSAULT", linked=True)
    assert len(records) == 1
    return records[0]


# -- schema -------------------------------------------------------------------------------------


def write_v1_store(db: Path, docs: list[dict]) -> list[dict]:
    """A schema-1 store holding these documents, written the way Tacitus 0.1.0 wrote them."""
    from tacitus.document import Document
    from tacitus.record import CODER_VERSION

    con = duckdb.connect(str(db))
    con.execute(V1)  # schema.V1 is frozen: exactly what Tacitus 0.1.0 created
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '1')")
    records = []
    for doc in docs:
        events = [e.to_dict() for e in code(doc["text"], published=doc["published"], doc_id=doc["id"])]
        for r in events:
            del r["link_id"]  # 0.1.0 records had no link_id
        document = Document(doc["id"], doc["text"])
        con.execute("INSERT INTO documents (doc_id, title, published, source, url, text, content_hash, coder_version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [doc["id"], doc.get("title"), doc["published"], doc["source"],
                                                         doc.get("url"), doc["text"], document.content_hash, CODER_VERSION])
        for r in events:
            s, t, loc = r["source"] or {}, r["target"] or {}, r["location"] or {}
            con.execute(f"INSERT OR REPLACE INTO events VALUES ({', '.join('?' * 23)})", [
                r["event_id"], r["doc_id"], r["sentence_index"], r["date"], r["date_precision"], r["cameo"], r["type"],
                r["mode"], r["quad_class"], r["goldstein"], s.get("code"), s.get("country"), s.get("text"),
                t.get("code"), t.get("country"), t.get("text"), loc.get("name"), r["fatalities"], r["injuries"],
                r["realis"], r["confidence"], r["evidence"]["trigger"]["text"], json.dumps(r)])
        records += events
    con.close()
    return records


def test_opening_a_v1_store_migrates_it(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    records = write_v1_store(db, [REPORT_A, REPORT_B])
    assert records

    # A migration that fails half-way leaves the old store as it was.
    def broken(self):
        raise RuntimeError("interrupted")
    monkeypatch.setattr(Store, "relink_all", broken)
    with pytest.raises(RuntimeError):
        Store(db)
    con = duckdb.connect(str(db))
    assert con.execute("SELECT value FROM meta").fetchone()[0] == "1"
    assert "links" not in {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    con.close()
    monkeypatch.undo()

    with Store(db) as store:
        assert store.migrated_from == 1 and store.schema_version() == 2
        events = store.events()
        assert sorted(e["event_id"] for e in events) == sorted(r["event_id"] for r in records)
        assert all(e["link_id"] for e in events)
        assert store.count("actors") == sum(bool(r[k]) for r in records for k in ("source", "target", "attributed_to"))
        assert strike_link(store)["mention_count"] == 2  # the old events are linked across the two reports
        assert store.events(since="2021-03-04", until="2021-03-04")  # the date columns were filled
    # Opening it again changes nothing, and its documents count as already coded.
    before = dump(db)
    with Store(db) as store:
        assert store.migrated_from == 2
        assert store.ingest(write_jsonl(tmp_path / "again.jsonl", REPORT_A, REPORT_B)).unchanged == 2
    assert dump(db) == before


# -- ingest ---------------------------------------------------------------------------------------

def test_reingesting_the_same_content_changes_nothing(tmp_path):
    db = tmp_path / "copy.duckdb"
    with Store(db) as store:
        store.ingest([SAMPLES])
    with duckdb.connect(str(db)) as con:
        before = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    with Store(db) as store:
        report = store.ingest([SAMPLES])
    assert (report.stored, report.unchanged) == (0, 4)
    with duckdb.connect(str(db)) as con:
        assert {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES} == before


def test_order_and_batches_do_not_change_the_store(tmp_path):
    docs = [REPORT_A, REPORT_B, REPORT_C]
    one = tmp_path / "one.duckdb"
    with Store(one) as store:
        store.ingest(write_jsonl(tmp_path / "forward.jsonl", *docs), batch_size=1)
    other = tmp_path / "other.duckdb"
    with Store(other) as store:
        store.ingest(write_jsonl(tmp_path / "backward.jsonl", *reversed(docs)), batch_size=2)
    assert dump(one) == dump(other)


def test_a_new_report_attaches_to_the_linked_event(tmp_path):
    db = tmp_path / "incremental.duckdb"
    with Store(db) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", REPORT_A))
        first = strike_link(store)
        assert (first["mention_count"], first["outlet_count"], first["conflicts"]) == (1, 1, {})
    with Store(db) as store:
        store.ingest(write_jsonl(tmp_path / "b.jsonl", REPORT_B))
        linked = strike_link(store)
    assert linked["link_id"] == first["link_id"]  # the id stays as reports attach
    assert (linked["mention_count"], linked["outlet_count"], linked["document_count"]) == (2, 2, 2)
    assert [o["outlet"] for o in linked["outlets"]] == ["Wire A", "Wire B"]
    tolls = {entry["value"]: entry["outlets"] for entry in linked["conflicts"]["fatalities"]}
    assert tolls == {12: ["Wire A"], 15: ["Wire B"]}
    assert linked["fatalities"] == 12  # a tie goes to the lower count
    assert {m["doc_id"] for m in linked["mentions"]} == {"wire-a", "wire-b"}
    # Replacing report B with other news takes its mention away again, leaving nothing stale.
    changed = REPORT_B | {"text": "The foreign ministers of France and Germany met in Paris on Friday."}
    with Store(db) as store:
        assert store.ingest(write_jsonl(tmp_path / "b2.jsonl", changed)).stored == 1
        assert strike_link(store)["mention_count"] == 1
        assert store.count("mentions") == store.count("events")
        orphans = store.con.execute("SELECT count(*) FROM links WHERE link_id NOT IN (SELECT link_id FROM mentions)")
        assert orphans.fetchone()[0] == 0


def test_threats_and_other_attacks_stay_apart(store_path):
    with Store(store_path) as store:
        strike = strike_link(store)
        others = store.events(doc_id="wire-c", linked=True)
    assert strike["mention_count"] == 2
    assert others and strike["link_id"] not in {r["link_id"] for r in others}
    assert all(r["mention_count"] == 1 for r in others)


def test_killed_ingest_resumes_to_the_uninterrupted_result(tmp_path):
    corpus = shared_path("corpora", "guardian_syria_2019.jsonl")
    docs = []
    for line in corpus.read_text(encoding="utf-8").splitlines()[:36]:
        doc = json.loads(line)
        cut = doc["text"].find(". ", 1000)  # the opening paragraphs keep the test fast
        doc["text"] = doc["text"][:cut + 1] if cut > 0 else doc["text"]
        docs.append(doc)
    source = write_jsonl(tmp_path / "docs.jsonl", *docs)

    whole = tmp_path / "whole.duckdb"
    with Store(whole) as store:
        store.ingest(source, batch_size=4)

    db = tmp_path / "killed.duckdb"
    Store(db).close()  # created beforehand, so that the first write of the run below is a batch
    files = [db, Path(f"{db}.wal")]

    def written() -> int:
        return sum(f.stat().st_size for f in files if f.exists())

    start = written()
    process = subprocess.Popen([sys.executable, "-m", "tacitus.cli", "ingest", str(source), "--db", str(db),
                                "--batch-size", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=os.environ | {"PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 180
    while process.poll() is None and written() == start and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.1)  # let the first batch's commit finish: the kill then lands among the batches that follow
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the ingest ended before it could be killed"
    with Store(db) as store:
        assert 0 < store.count("documents") < len(docs)  # killed mid-ingest, with some batches stored

    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert dump(db) == dump(whole)


# -- queries ----------------------------------------------------------------------------------------

def test_event_filters(store_path):
    with Store(store_path) as store:
        everything = store.events()
        assert all(e["link_id"] for e in everything)

        def expect(predicate, **filters):
            got = {e["event_id"] for e in store.events(**filters)}
            want = {e["event_id"] for e in everything if predicate(e)}
            assert want and got == want, filters

        code_of = lambda e, slot: (e[slot] or {}).get("code") or ""  # noqa: E731
        expect(lambda e: code_of(e, "source").startswith("SYR") or code_of(e, "target").startswith("SYR"), actor="syr")
        expect(lambda e: "KEN" in ((e["source"] or {}).get("country"), (e["target"] or {}).get("country")), country="KEN")
        expect(lambda e: e["type"] == "ASSAULT", type="assault")
        expect(lambda e: e["cameo"].startswith("19"), cameo="19")
        expect(lambda e: e["cameo"] == "190", cameo="190")
        expect(lambda e: e["doc_id"] == "wire-c", doc_id="wire-c")
        expect(lambda e: e["date"] and e["date"][:7] >= "2023-03", since="2023-03")
        expect(lambda e: e["date"] and e["date"][:4] <= "2022", until="2022")
        expect(lambda e: e["date"] and "2021-03-04" <= e["date"][:10] <= "2021-03-05", since="2021-03-04",
               until="2021-03-05")
        # Linked records: one per linked event with a mention passing the filters.
        linked = store.events(linked=True, type="ASSAULT")
        assert sorted(r["link_id"] for r in linked) == sorted({e["link_id"] for e in everything if e["type"] == "ASSAULT"})
        assert sum(r["mention_count"] for r in store.events(linked=True)) == len(everything)
        # Linked events are dated by their own date.
        day = date(2021, 3, 4)
        window = store.events(linked=True, since="2021-03-04", until="2021-03-04")
        assert strike_link(store)["link_id"] in {r["link_id"] for r in window}
        assert all(date_interval(r["date"])[0] <= day <= date_interval(r["date"])[1] for r in window)


def test_cli_events_timeline_and_linked(store_path):
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(store_path), "--cameo", "19", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["cameo"].startswith("19") and r["link_id"] for r in records)

    result = runner.invoke(app, ["events", "--db", str(store_path), "--linked", "--doc", "wire-b", "--format", "csv"])
    rows = list(csv.DictReader(result.stdout.splitlines()))
    strike = next(r for r in rows if r["type"] == "ASSAULT")
    assert strike["outlets"] == "Wire A;Wire B" and strike["mention_count"] == "2"
    assert "fatalities: 12 (Wire A: wire-a) | 15 (Wire B: wire-b)" in strike["conflicts"]

    result = runner.invoke(app, ["timeline", "--db", str(store_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    timeline = [json.loads(line) for line in result.stdout.splitlines()]
    dates = [r["date"] for r in timeline if r["date"]]
    assert dates == sorted(dates, key=lambda d: d[:10]) and len(dates) > 10
    told_twice = [json.loads(line) for line in runner.invoke(app, [
        "timeline", "--db", str(store_path), "--min-mentions", "2", "--type", "ASSAULT", "--format", "jsonl"]).stdout.splitlines()]
    assert all(r["mention_count"] >= 2 and r["type"] == "ASSAULT" for r in told_twice)
    assert ["Wire A", "Wire B"] in [[o["outlet"] for o in r["outlets"]] for r in told_twice]
    table = runner.invoke(app, ["timeline", "--db", str(store_path), "--min-mentions", "2", "--type", "ASSAULT"])
    assert table.exit_code == 0 and f"timeline: {len(told_twice)} linked events" in table.stdout

    bad = runner.invoke(app, ["events", "--db", str(store_path), "--since", "last week"])
    assert bad.exit_code != 0


# -- exports ----------------------------------------------------------------------------------------

def test_exports(store_path, tmp_path):
    runner = CliRunner()
    with Store(store_path) as store:
        events = store.events(type="ASSAULT")
        links = store.events(type="ASSAULT", linked=True)

    def export(fmt, *extra):
        out = tmp_path / f"out-{fmt}{'-linked' if extra else ''}"
        result = runner.invoke(app, ["export", "--db", str(store_path), "--format", fmt, "--output", str(out),
                                     "--type", "ASSAULT", *extra])
        assert result.exit_code == 0, result.output
        return out

    lines = export("jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == events

    rows = list(csv.DictReader(export("csv").open()))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    assert [r["link_id"] for r in rows] == [e["link_id"] for e in events]

    parquet = export("parquet")
    con = duckdb.connect()
    table = con.execute(f"SELECT * FROM read_parquet('{parquet}')")
    assert [d[0] for d in table.description] == list(rows[0])
    fetched = table.fetchall()
    assert [row[0] for row in fetched] == [e["event_id"] for e in events]
    linked_parquet = con.execute(f"SELECT link_id, mention_count FROM read_parquet('{export('parquet', '--linked')}')")
    assert sorted(linked_parquet.fetchall()) == sorted((r["link_id"], r["mention_count"]) for r in links)

    tsv = [line.split("\t") for line in export("cameo-tsv").read_text().splitlines()]
    assert all(len(row) == len(PHOENIX_COLUMNS) == 26 for row in tsv)
    for row, event in zip(tsv, events):
        fields = dict(zip(PHOENIX_COLUMNS, row))
        assert fields["EventID"] == event["event_id"] and fields["EventCode"] == event["cameo"]
        assert fields["EventRootCode"] == event["cameo"][:2] and fields["Year"] == event["date"][:4]
        assert fields["Date"].startswith(event["date"].replace("-", "")[:8])
        assert fields["SourceActorFull"] == ((event["source"] or {}).get("code") or "")
        assert fields["SentenceID"] == f"{event['doc_id']}_{event['sentence_index']}"
    by_id = {row[0]: dict(zip(PHOENIX_COLUMNS, row)) for row in
             (line.split("\t") for line in export("cameo-tsv", "--linked").read_text().splitlines())}
    strike = by_id[next(r["link_id"] for r in links if r["mention_count"] == 2)]
    assert strike["URLs"] == "https://a.example/1;https://b.example/1" and strike["NewsSources"] == "Wire A;Wire B"
    assert strike["Date"] == "20210304" and strike["SourceActorEntity"] == "SYR" and strike["SourceActorRole"] == "MIL"

    polecat = [json.loads(line) for line in export("plover-json").read_text().splitlines()]
    assert [p["event_id"] for p in polecat] == [e["event_id"] for e in events]
    assert all(p["event_type"] == "ASSAULT" and p["story_ids"] == [e["doc_id"]] for p, e in zip(polecat, events))
    merged = [json.loads(line) for line in export("plover-json", "--linked").read_text().splitlines()]
    strike = next(p for p in merged if len(p["story_ids"]) == 2)
    assert strike["actor_country"] == "SYR" and strike["placename"] == "Idlib" and strike["source"] == "Wire A"


def test_min_confidence_keeps_the_confident_events_and_their_links(tmp_path):
    from pathlib import Path

    import tacitus
    from tacitus.store import Store

    samples = Path(tacitus.__file__).parent / "data" / "samples"
    with Store(tmp_path / "s.duckdb") as store:
        store.ingest(samples)
        everything = store.events()
        confident = store.events(min_confidence=0.5)
        assert 0 < len(confident) < len(everything)
        assert all(e["confidence"] >= 0.5 for e in confident)
        linked = store.timeline(min_confidence=0.5)
        kept = {e["link_id"] for e in confident}
        assert linked and all(r["link_id"] in kept for r in linked)
