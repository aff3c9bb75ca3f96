"""Ingest throughput and linking compression, on the Guardian Syria 2019 corpus.

    .venv/bin/python benchmarks/ingest.py [CORPUS.jsonl] [--batch-size N]

Codes and stores the corpus into a fresh temporary store (one transaction per batch, linking
included), then ingests it again (every document unchanged). Prints documents/s end to end, the
share of time spent writing and linking, events (mentions), linked events, and the
mention → event compression.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from tacitus.store import BATCH_SIZE, Store

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "guardian_syria_2019.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = parser.parse_args()

    from tacitus.actors import load_knowledge
    from tacitus.lexicon import load_lexicon
    from tacitus.nlp import load_nlp
    from tacitus.places import gazetteer

    load_nlp(), load_knowledge(), load_lexicon(), gazetteer()  # loading is start-up, not throughput

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.duckdb")
        writing = 0.0
        write_batch = store.write_batch

        def timed(documents):
            nonlocal writing
            start = time.perf_counter()
            write_batch(documents)
            writing += time.perf_counter() - start

        store.write_batch = timed
        start = time.perf_counter()
        report = store.ingest(args.corpus, batch_size=args.batch_size)
        total = time.perf_counter() - start
        start = time.perf_counter()
        again = store.ingest(args.corpus, batch_size=args.batch_size)
        rerun = time.perf_counter() - start

        documents, events, links = store.count("documents"), store.count("events"), store.count("links")
        sizes = Counter(row[0] for row in store.con.execute("SELECT mention_count FROM links").fetchall())
        linkable = store.con.execute(
            "SELECT count(*), count(DISTINCT m.link_id) FROM events e JOIN mentions m USING (event_id)"
            " WHERE e.realis IN ('asserted', 'alleged') AND e.type IS NOT NULL").fetchone()
        cross = store.con.execute("SELECT count(*) FROM links WHERE document_count > 1").fetchone()[0]
        conflicted = store.con.execute("SELECT count(*) FROM links WHERE record->>'conflicts' <> '{}'").fetchone()[0]
        store.close()

    print(f"corpus: {args.corpus.name}; batch size {args.batch_size}")
    print(f"ingest: {report.stored} documents stored, {len(report.errors)} skipped in {total:.1f} s: "
          f"{report.stored / total:.2f} documents/s (writing and linking {writing:.1f} s, {100 * writing / total:.0f}%)")
    print(f"re-ingest: {again.unchanged} unchanged, {again.stored} stored in {rerun:.1f} s")
    print(f"documents {documents}; events (mentions) {events}; linked events {links}")
    print(f"compression: {events / links:.3f} mentions per linked event ({100 * (1 - links / events):.1f}% fewer records)")
    print(f"linkable mentions (asserted/alleged): {linkable[0]} → {linkable[1]} linked events "
          f"({linkable[0] / max(1, linkable[1]):.3f} per event)")
    print(f"linked events by mentions: " + ", ".join(f"{n}: {sizes[n]}" for n in sorted(sizes)[:8])
          + (f", more: {sum(v for k, v in sizes.items() if k > sorted(sizes)[7])}" if len(sizes) > 8 else ""))
    print(f"linked events told by more than one report: {cross}; with conflicting details: {conflicted}")


if __name__ == "__main__":
    main()
