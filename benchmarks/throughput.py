"""Throughput of the whole coder against spaCy alone, on the Guardian Syria 2019 corpus.

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl]

Prints documents/s and words/s end to end (read, clean, parse, code), the same spaCy pipeline
alone over the same cleaned texts (the ceiling), and their ratio.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from tacitus.document import Document
from tacitus.nlp import load_nlp
from tacitus.pipeline import code_documents, prepare
from tacitus.readers import read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "guardian_syria_2019.jsonl"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    nlp = load_nlp()
    from tacitus.actors import load_knowledge
    from tacitus.lexicon import load_lexicon
    from tacitus.places import gazetteer

    load_knowledge(), load_lexicon(), gazetteer()  # loading is start-up, not throughput

    documents = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in documents)
    texts = [prepare(Document(d.id, d.text)).text for d in documents]

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    ceiling = time.perf_counter() - start

    start = time.perf_counter()
    events = errors = 0
    for item in code_documents(iter(documents)):
        if isinstance(item, Document):
            events += len(item.events)
        else:
            errors += 1
    total = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {corpus.name}: {len(documents)} documents, {words:,} words")
    print(f"{'run':<22}{'seconds':>9}{'docs/s':>9}{'words/s':>10}")
    print(f"{'spaCy alone (ceiling)':<22}{ceiling:>9.1f}{len(documents) / ceiling:>9.2f}{words / ceiling:>10,.0f}")
    print(f"{'tacitus end to end':<22}{total:>9.1f}{len(documents) / total:>9.2f}{words / total:>10,.0f}")
    print(f"ratio to ceiling: {ceiling / total:.2f}; events: {events}; errors: {errors}; peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
