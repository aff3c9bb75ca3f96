"""Engines give the local engine's output exactly (ids, fields, order, errors), with the run's knowledge in
every worker; streamed Parquet input; partitioned output; the exit status of code and ingest."""
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.config import Config, configure
from tacitus.document import Document, DocumentError
from tacitus.engines import engine
from tacitus.readers import read_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "samples"

# Invented actors: only a worker that received the run's Config knows them.
USER_ACTORS = """
actors:
  - name: Northern Valley Defence Front
    aliases: [NVDF]
    role: REB
    country: SSD
"""
REPORTS = [
    {"id": "nvdf", "published": "2022-02-03", "text": "NVDF fighters attacked an army base near Malakal on "
     "Tuesday, killing four soldiers, the army said."},
    {"id": "talks", "published": "2022-02-04", "text": "The foreign ministers of Kenya and Ethiopia met in Nairobi "
     "on Thursday. Kenya urged both sides to return to talks."},
    {"id": "empty", "text": "   "},
    {"id": "protest", "published": "2022-02-05", "text": "Police fired tear gas at protesters in Khartoum on "
     "Saturday. Two demonstrators were wounded, doctors said."},
]


def write_inputs(folder: Path) -> list[str]:
    reports = folder / "reports.jsonl"
    lines = [json.dumps(r) for r in REPORTS]
    lines.insert(2, "{not json")
    reports.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(SAMPLES), str(reports)]


def outcome(items) -> list:
    """What an engine gave, in its order: each document's event records, or the error record."""
    return [(i.id, [e.to_dict() for e in i.events]) if isinstance(i, Document) else ("error", i.to_dict())
            for i in items]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engines")
    actors = folder / "actors.yaml"
    actors.write_text(USER_ACTORS, encoding="utf-8")
    configure(Config.of(actors=[actors]))
    yield write_inputs(folder)
    configure(Config())


@pytest.fixture(scope="module")
def local(inputs):
    with engine("local") as code:
        return outcome(code(read_inputs(inputs)))


def test_local_engine_codes_the_inputs_with_the_run_knowledge(local):
    coded = dict(local)
    assert [key for key, _ in local].count("error") == 2  # the malformed line and the empty text
    assert len([k for k in coded if k != "error"]) == 7
    attack = next(e for e in coded["nvdf"] if e["type"] == "ASSAULT")
    assert attack["source"]["code"] == "SSDREB"  # known only from the user's actor file


@pytest.mark.parametrize("name", ["process", "dask"])
def test_engines_give_exactly_the_local_output(name, inputs, local):
    # The dask engine without --scheduler runs LocalCluster(n_workers=2, threads_per_worker=1, processes=True).
    with engine(name, workers=2) as code:
        assert outcome(code(read_inputs(inputs))) == local


def test_engine_usage_is_checked():
    with pytest.raises(ValueError, match="one of local"):
        with engine("threads"):
            pass
    with pytest.raises(ValueError, match="dask engine"):
        with engine("process", scheduler="tcp://127.0.0.1:8786"):
            pass


def test_parquet_input_reads_like_json_lines(tmp_path):
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    table = tmp_path / "reports.parquet"
    # published as a DATE and no url column: both are read as the JSON Lines reader would.
    duckdb.execute(f"COPY (SELECT id, text, CAST(published AS DATE) AS published FROM read_json('{source}', "
                   f"format = 'newline_delimited')) TO '{table}' (FORMAT PARQUET)")
    from_jsonl, from_parquet = list(read_inputs([str(source)])), list(read_inputs([str(table)]))
    assert [type(i) for i in from_parquet] == [type(i) for i in from_jsonl]
    for a, b in zip(from_jsonl, from_parquet):
        if isinstance(a, Document):
            assert (a.id, a.text, a.published, a.content_hash) == (b.id, b.text, b.published, b.content_hash)
        else:
            assert (a.doc_id, a.reason, a.line) == (b.doc_id, b.reason, b.line)


def test_parquet_input_without_text_is_an_error(tmp_path):
    table = tmp_path / "bad.parquet"
    duckdb.execute(f"COPY (SELECT 'a' AS id, 'no text column' AS body) TO '{table}' (FORMAT PARQUET)")
    [item] = read_inputs([str(table)])
    assert isinstance(item, DocumentError) and "no 'text' column" in item.reason


def test_parquet_input_is_read_in_slices(tmp_path, monkeypatch):
    import tacitus.readers

    monkeypatch.setattr(tacitus.readers, "PARQUET_ROWS", 7)
    table = tmp_path / "many.parquet"
    duckdb.execute(f"COPY (SELECT 'd' || i AS id, 'Rebels attacked a village. ' || i AS text FROM range(30) t(i)) "
                   f"TO '{table}' (FORMAT PARQUET, ROW_GROUP_SIZE 4)")
    items = list(read_inputs([str(table)]))
    assert [i.id for i in items] == [f"d{i}" for i in range(30)]


def test_code_writes_partitions(tmp_path):
    runner = CliRunner()
    whole = runner.invoke(app, ["code", str(SAMPLES)])
    assert whole.exit_code == 0
    records = [json.loads(line) for line in whole.stdout.splitlines()]

    result = runner.invoke(app, ["code", str(SAMPLES), "--output-dir", str(tmp_path / "jsonl"), "--part-size", "3"])
    assert result.exit_code == 0, result.output
    parts = sorted((tmp_path / "jsonl").iterdir())
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl"]  # 4 documents, 3 a part
    assert [json.loads(line) for p in parts for line in p.read_text().splitlines()] == records

    result = runner.invoke(app, ["code", str(SAMPLES), "--output-dir", str(tmp_path / "pq"), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    rows = duckdb.execute(f"SELECT event_id, cameo, fatalities, lat FROM '{tmp_path / 'pq'}/*.parquet'").fetchall()
    assert rows == [(r["event_id"], r["cameo"], r["fatalities"], (r["location"] or {}).get("lat")) for r in records]

    again = runner.invoke(app, ["code", str(SAMPLES), "--output-dir", str(tmp_path / "pq"), "--format", "parquet"])
    assert again.exit_code == 2  # a folder that already holds partitions is refused, not mixed into
    assert [p.name for p in (tmp_path / "pq").iterdir()] == ["part-00000.parquet"]


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_exit_status_and_errors_file(command, tmp_path):
    inputs = write_inputs(tmp_path)
    errors = tmp_path / "errors.jsonl"
    extra = ["--db", str(tmp_path / "store.duckdb")] if command == "ingest" else []
    runner = CliRunner()

    result = runner.invoke(app, [command, *inputs, "--errors", str(errors), *extra])
    assert result.exit_code == 0, result.output  # the batch finished
    assert [json.loads(line) for line in errors.read_text().splitlines()] == [
        {"doc_id": "reports.jsonl:3", "line": 3, "error": "malformed JSON: Expecting property name enclosed in "
                                                          "double quotes"},
        {"doc_id": "empty", "line": 4, "error": "empty text"},
    ]
    assert runner.invoke(app, [command, *inputs, "--strict", *extra]).exit_code == 1
    assert runner.invoke(app, [command, str(SAMPLES), "--strict", *extra]).exit_code == 0

    result = runner.invoke(app, [command, str(SAMPLES), "--strict", "--max-chars", "520", *extra])
    assert result.exit_code == 1
    assert "text of 552 characters exceeds the limit of 520" in result.output

    for usage in (["--engine", "threads"], ["--scheduler", "tcp://127.0.0.1:8786"], ["--workers", "2"]):
        assert runner.invoke(app, [command, str(SAMPLES), *usage, *extra]).exit_code == 2
