"""Source and target spans against the shared CAMEO actor sentences.

    .venv/bin/python benchmarks/actors.py [--misses N] [--limit N]

Reads ../shared/data/cameo_actors/train.bio (one token per line with B-S/I-S for the source and
B-T/I-T for the target, a blank line between sentences). Each sentence is coded as a document whose
text is its tokens joined by spaces; the most confident event gives the predicted source and
target spans. A predicted span counts for overlap F1 when it shares a character with the gold span
of the same slot, and for exact F1 when its boundaries are the gold's. Precision is over the
predicted spans, recall over the gold ones; both slots are pooled. The "target*" row is a
diagnostic, not the measure: targets scored only in sentences whose annotation marks one.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from tacitus.document import Document
from tacitus.pipeline import code_documents
from tacitus.readers import make_document

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cameo_actors" / "train.bio"
SLOTS = {"S": "source", "T": "target"}


def read_bio(path: Path) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """(text, {slot: [(start, end), ...]}) per sentence; a span runs from a B- tag to its last I- tag.

    Reciprocal spans (R: "A met B") may be either source or target: both slots accept every R span."""
    sentences, tokens, tags = [], [], []

    def flush():
        if not tokens:
            return
        text, spans, offset = "", {}, 0
        for token, tag in zip(tokens, tags):
            start = offset + (1 if text else 0)
            text = f"{text} {token}" if text else token
            offset = len(text)
            if tag[:2] == "B-":
                spans.setdefault(tag[2:], []).append((start, offset))
            elif tag[:2] == "I-" and tag[2:] in spans:
                spans[tag[2:]][-1] = (spans[tag[2:]][-1][0], offset)
        reciprocal = spans.pop("R", [])
        if reciprocal:
            spans["S"] = spans.get("S", []) + reciprocal
            spans["T"] = spans.get("T", []) + reciprocal
        sentences.append((text, spans))
        tokens.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        token, _, tag = line.rpartition(" ")
        tokens.append(token)
        tags.append(tag)
    flush()
    return sentences


def main_event(events: list) -> object | None:
    return max(events, key=lambda e: e.confidence, default=None)


def score(pairs) -> dict[str, float]:
    """A slot is one gold item (whichever of its spans is matched) and one predicted item."""
    counts = {"gold": 0, "predicted": 0, "overlap_p": 0, "overlap_r": 0, "exact": 0}
    for gold, predicted in pairs:
        counts["gold"] += bool(gold)
        counts["predicted"] += predicted is not None
        if gold and predicted is not None:
            overlap = any(predicted[0] < g[1] and g[0] < predicted[1] for g in gold)
            counts["overlap_p"] += overlap
            counts["overlap_r"] += overlap
            counts["exact"] += predicted in gold
    result = {}
    for kind, hits_p, hits_r in (("overlap", counts["overlap_p"], counts["overlap_r"]),
                                 ("exact", counts["exact"], counts["exact"])):
        p = hits_p / max(1, counts["predicted"])
        r = hits_r / max(1, counts["gold"])
        result[kind] = (p, r, 2 * p * r / max(1e-9, p + r))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", type=int, default=0, help="print this many sentences with a wrong span")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    args = parser.parse_args()
    sentences = read_bio(DATA)[: args.limit]
    documents = [make_document(f"s{i}", text) for i, (text, _) in enumerate(sentences)]
    started = time.perf_counter()
    coded = {item.id: item for item in code_documents(documents) if isinstance(item, Document)}
    elapsed = time.perf_counter() - started
    pairs = {slot: [] for slot in SLOTS}
    misses = []
    for i, (text, gold) in enumerate(sentences):
        document = coded.get(f"s{i}")
        event = main_event(document.events) if document else None
        for slot, field in SLOTS.items():
            actor = getattr(event, field) if event else None
            predicted = (actor.start, actor.end) if actor is not None and actor.end > actor.start else None
            pairs[slot].append((gold.get(slot, []), predicted))
            if predicted not in gold.get(slot, [None]):
                misses.append((i, slot, text, gold.get(slot, []), predicted))
    print(f"{len(sentences)} sentences coded in {elapsed:.0f} s; "
          f"{sum(1 for d in coded.values() if d.events)} with an event")
    print(f"{'slots':8} {'kind':8} {'P':>6} {'R':>6} {'F1':>6}")
    # Some stretches of the file mark a source and no target even where the sentence has one
    # ("gunmen killed a soldier"): a diagnostic row scores targets only where one is marked.
    marked = [(gold, predicted) for gold, predicted in pairs["T"] if gold]
    for name, chosen in (("source", pairs["S"]), ("target", pairs["T"]), ("both", pairs["S"] + pairs["T"]),
                         ("target*", marked)):
        for kind, (p, r, f) in score(chosen).items():
            print(f"{name:8} {kind:8} {p:6.3f} {r:6.3f} {f:6.3f}")
    for i, slot, text, gold, predicted in misses[: args.misses]:
        show = lambda span: repr(text[span[0]:span[1]]) if span else "-"  # noqa: E731
        print(f"s{i} {SLOTS[slot]}: gold {' | '.join(map(show, gold)) or '-'} got {show(predicted)}\n    {text}")


if __name__ == "__main__":
    main()
