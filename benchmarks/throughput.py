"""Throughput of the whole coder against spaCy alone, and of the engines with 1 and 2 workers, on the
Guardian Syria 2019 corpus.

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl] [--limit N] [--engines local,process,dask]

Prints one table: seconds, documents/s, words/s and CPU seconds of
- the spaCy pipeline alone (`nlp.pipe`, batch 16, this process) over the cleaned texts: the ceiling;
- the coder end to end (read, clean, parse, code) in this process (the local engine), and its time
  as a multiple of the ceiling's (target: at most 1.25);
- the process and dask engines with 1 and 2 worker processes, and the speed-up of 2 workers over 1
  (target: at least 1.7 on two idle cores);
with the peak resident memory of the process that codes (each worker's, for the engines; target:
at most 1.5 GB). Start-up (loading the model, lexicons and gazetteer, starting workers) is timed
apart and not counted in throughput.
"""
from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import psutil

from tacitus.document import Document
from tacitus.engines import engine, warm_up
from tacitus.config import active
from tacitus.nlp import load_nlp
from tacitus.pipeline import prepare
from tacitus.readers import read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "guardian_syria_2019.jsonl"


class PeakMemory:
    """The largest resident set of each process among this one and its descendants (the workers),
    sampled every 0.2 s while the block runs."""

    def __init__(self, workers_only: bool):
        self.workers_only = workers_only
        self.peak: dict[int, int] = {}
        self.stop = threading.Event()

    def __enter__(self) -> "PeakMemory":
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while True:
            processes = me.children(recursive=True) if self.workers_only else [me]
            for process in processes:
                try:
                    rss = process.memory_info().rss
                except psutil.Error:
                    continue
                self.peak[process.pid] = max(self.peak.get(process.pid, 0), rss)
            if self.stop.wait(0.2):
                return

    def per_worker_mb(self) -> float:
        # The coding workers are the largest descendants; a Dask nanny or the resource tracker are small.
        return max(self.peak.values(), default=0) / 2**20


def timed(run) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, help="Only the first N documents (a quick check).")
    parser.add_argument("--engines", default="local,process,dask", help="Which engines to run (comma-separated).")
    args = parser.parse_args()
    engines = args.engines.split(",")

    start = time.perf_counter()
    warm_up(active())  # loading is start-up, not throughput
    nlp = load_nlp()
    load_time = time.perf_counter() - start
    documents = [d for d in read_inputs([str(args.corpus)]) if isinstance(d, Document)][:args.limit]
    words = sum(len(d.text.split()) for d in documents)
    texts = [prepare(Document(d.id, d.text)).text for d in documents]
    print(f"corpus: {args.corpus.name}: {len(documents)} documents, {words:,} words; start-up in this process "
          f"{load_time:.1f} s; {psutil.cpu_count()} cores, load average {psutil.getloadavg()[0]:.1f} at start")

    rows = []

    def row(name: str, seconds: float, cpu: float | None, peak_mb: float, note: str = "") -> None:
        rows.append((name, seconds, cpu, peak_mb, note))

    for _ in nlp.pipe(texts[:16], batch_size=16):  # the first batch pays for allocations the rest reuse
        pass
    with PeakMemory(workers_only=False) as peak:
        seconds, cpu = timed(lambda: [None for _ in nlp.pipe(texts, batch_size=16)])
    ceiling = seconds
    row("spaCy alone (ceiling)", seconds, cpu, peak.per_worker_mb())

    events = 0
    speeds: dict[str, float] = {}
    for name in engines:
        for workers in ([None] if name == "local" else [1, 2]):
            fresh = [Document(d.id, d.text, d.title, d.published, d.source, d.url) for d in documents]
            begun = time.perf_counter()
            with engine(name, workers=workers) as code:
                started = time.perf_counter() - begun

                def run():
                    nonlocal events
                    events = sum(len(item.events) for item in code(iter(fresh)) if isinstance(item, Document))

                with PeakMemory(workers_only=name != "local") as peak:
                    seconds, cpu = timed(run)
            label = "tacitus end to end (local)" if name == "local" else f"{name} engine, {workers} worker(s)"
            if name == "local":
                note = f"{seconds / ceiling:.2f} x ceiling time"
            else:
                speeds[f"{name}{workers}"] = len(documents) / seconds
                note = f"start-up {started:.1f} s" + (
                    f"; {speeds[f'{name}2'] / speeds[f'{name}1']:.2f} x 1 worker" if workers == 2 else "")
            row(label, seconds, cpu if name == "local" else None, peak.per_worker_mb(), note)

    print(f"{'run':<30}{'seconds':>9}{'docs/s':>8}{'words/s':>9}{'CPU s':>8}{'peak MB':>9}  note")
    for name, seconds, cpu, peak_mb, note in rows:
        cpu_cell = f"{cpu:>8.1f}" if cpu is not None else f"{'':>8}"
        print(f"{name:<30}{seconds:>9.1f}{len(documents) / seconds:>8.2f}{words / seconds:>9,.0f}{cpu_cell}"
              f"{peak_mb:>9,.0f}  {note}")
    print(f"events: {events}; load average at the end {psutil.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
