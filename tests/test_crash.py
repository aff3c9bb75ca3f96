"""Crash safety: an ingest killed with SIGKILL (local engine, and the Dask engine with its workers), run
again, leaves the store exactly as an uninterrupted run does.

The killed run is `tacitus ingest` in a subprocess with one hook: when it reaches the chosen point
(after a batch is committed, or inside a batch's open transaction) it writes a marker file and
waits, so the kill lands there every time rather than wherever the clock puts it.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stores import dump
from tacitus.cli import app

BATCH = "4"

# The hook, run in the killed process before the CLI: `after-commit` pauses once the second batch is
# committed; `in-transaction` pauses inside the third batch's transaction, after its events are written.
HOOK = """
import sys, time
from pathlib import Path
import tacitus.store as store
from tacitus.cli import main

point, marker = sys.argv.pop(1), Path(sys.argv.pop(1))
calls = []

def pause(n):
    calls.append(1)
    if len(calls) == n:
        marker.write_text("here")
        time.sleep(300)

if point == "after-commit":
    write_batch = store.Store.write_batch
    def hooked(self, documents):
        write_batch(self, documents)
        if documents:
            pause(2)
    store.Store.write_batch = hooked
else:
    bulk_insert = store.bulk_insert
    def hooked(con, table, rows):
        bulk_insert(con, table, rows)
        if table == "events":
            pause(3)
    store.bulk_insert = hooked
sys.argv[0] = "tacitus"
main()
"""

ACTORS = ["Syrian government forces", "Turkish troops", "Kurdish fighters", "Russian warplanes",
          "Islamic State militants", "Iraqi police"]
PLACES = ["Idlib", "Aleppo", "Afrin", "Raqqa", "Homs", "Mosul"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


def reports(count: int) -> list[dict]:
    """Short invented reports; some tell the same incident, so that batches link across each other."""
    out = []
    for i in range(count):
        actor, place, day = ACTORS[i % 6], PLACES[(i // 2) % 6], DAYS[i % 4]
        text = (f"{actor} shelled villages near {place} on {day}, killing {3 + i % 5} civilians, a monitoring "
                f"group said.\n\nThe foreign ministers of Turkey and Russia met in Moscow and agreed to a "
                f"ceasefire in {place}. Protesters in {PLACES[i % 6]} demanded the release of {i + 2} detainees.")
        out.append({"id": f"report-{i:02d}", "published": f"2021-04-{1 + i % 9:02d}",
                    "source": ["Wire A", "Wire B"][i % 2], "text": text})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    source = folder / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in reports(40)), encoding="utf-8")
    whole = folder / "whole.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(whole), "--batch-size", BATCH])
    assert result.exit_code == 0, result.output
    return source, dump(whole)


def kill_at(point: str, source: Path, db: Path, engine: list[str]) -> None:
    """Run the ingest until it pauses at `point`, then SIGKILL it and every process it started."""
    marker = db.with_suffix(".marker")
    process = subprocess.Popen([sys.executable, "-c", HOOK, point, str(marker), "ingest", str(source), "--db",
                                str(db), "--batch-size", BATCH, *engine], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 240
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), process.communicate(timeout=60)[1].decode()[-2000:] if process.poll() is not None else ""
    os.killpg(process.pid, signal.SIGKILL)  # the ingest and, with dask, its scheduler and worker processes
    assert process.wait() == -signal.SIGKILL
    process.stderr.close()


DASK = ["--engine", "dask", "--workers", "2"]


@pytest.mark.parametrize("point, engine", [("after-commit", []), ("in-transaction", []), ("in-transaction", DASK)],
                         ids=["local-after-commit", "local-in-transaction", "dask-in-transaction"])
def test_killed_ingest_run_again_ends_as_the_uninterrupted_one(corpus, tmp_path, point, engine):
    source, whole = corpus
    db = tmp_path / "killed.duckdb"
    kill_at(point, source, db, engine)

    stored = dump(db)
    committed = 2 * int(BATCH)  # two batches, either way: the third one's transaction never committed
    assert len(stored["documents"]) == committed
    assert {row[0] for row in stored["documents"]} < {row[0] for row in whole["documents"]}

    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--batch-size", BATCH, *engine])
    assert result.exit_code == 0, result.output
    assert f"{len(whole['documents']) - committed} documents stored, {committed} unchanged" in result.output
    assert dump(db) == whole
