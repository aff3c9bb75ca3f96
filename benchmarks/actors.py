"""Source and target spans against the shared CAMEO actor sentences.

    .venv/bin/python benchmarks/actors.py [--misses N] [--limit N] [--folds N]

Reads ../shared/data/cameo_actors/train.bio (one token per line with B-S/I-S for the source and
B-T/I-T for the target, a blank line between sentences). Each sentence is coded as a document whose
text is its tokens joined by spaces; the most confident event gives the predicted source and
target spans. A predicted span counts for overlap F1 when it shares a character with the gold span
of the same slot, and for exact F1 when its boundaries are the gold's. Precision is over the
predicted spans, recall over the gold ones; both slots are pooled. The "target*" row is a
diagnostic, not the measure: targets scored only in sentences whose annotation marks one.

The shipped argument models (argument_model.py) learnt from these very sentences, so they are not
what is scored: the sentences are split in folds (sentence i in fold i mod N), and each fold is
coded with argument models trained on the other folds. The rules alone are scored too.
"""
from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from tacitus.argument_model import ARGUMENT_C, ARGUMENT_LABELS
from tacitus.classifier import Models, load_models
from tacitus.training import actor_sentences, argument_examples, coded_sentences, train

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cameo_actors" / "train.bio"
SLOTS = ("source", "target")


def fold_models(sentences, coded, shipped: Models, folds: int) -> list[Models]:
    """Per fold, the shipped models with argument models trained on the other folds only, from the
    sentences as the rules alone code them (`coded`)."""
    examples = argument_examples(sentences, coded)
    result = []
    for fold in range(folds):
        arguments = {}
        for slot, per_sentence in examples.items():
            chosen = [e for i, candidates in enumerate(per_sentence) if i % folds != fold for e in candidates]
            arguments[slot] = train(slot, chosen, ARGUMENT_LABELS, c=ARGUMENT_C)
        result.append(replace(shipped, arguments=arguments))
    return result


def predicted_span(event, slot: str) -> tuple[int, int] | None:
    actor = getattr(event, slot) if event is not None else None
    return (actor.start, actor.end) if actor is not None and actor.end > actor.start else None


def score(pairs) -> dict[str, tuple[float, float, float]]:
    """A slot is one gold item (whichever of its spans is matched) and one predicted item."""
    counts = {"gold": 0, "predicted": 0, "overlap": 0, "exact": 0}
    for gold, predicted in pairs:
        counts["gold"] += bool(gold)
        counts["predicted"] += predicted is not None
        if gold and predicted is not None:
            counts["overlap"] += any(predicted[0] < g[1] and g[0] < predicted[1] for g in gold)
            counts["exact"] += predicted in gold
    result = {}
    for kind in ("overlap", "exact"):
        p = counts[kind] / max(1, counts["predicted"])
        r = counts[kind] / max(1, counts["gold"])
        result[kind] = (p, r, 2 * p * r / max(1e-9, p + r))
    return result


def report(title: str, sentences, events) -> None:
    pairs = {slot: [(s.spans[slot], predicted_span(e, slot)) for s, e in zip(sentences, events)] for slot in SLOTS}
    print(f"\n{title}: {sum(e is not None for e in events)} of {len(sentences)} sentences with an event")
    print(f"{'slots':8} {'kind':8} {'P':>6} {'R':>6} {'F1':>6}")
    # Some stretches of the file mark a source and no target even where the sentence has one
    # ("gunmen killed a soldier"): a diagnostic row scores targets only where one is marked.
    marked = [(gold, predicted) for gold, predicted in pairs["target"] if gold]
    for name, chosen in (("source", pairs["source"]), ("target", pairs["target"]),
                         ("both", pairs["source"] + pairs["target"]), ("target*", marked)):
        for kind, (p, r, f) in score(chosen).items():
            print(f"{name:8} {kind:8} {p:6.3f} {r:6.3f} {f:6.3f}")


def print_misses(sentences, events, limit: int) -> None:
    shown = 0
    for i, (sentence, event) in enumerate(zip(sentences, events)):
        for slot in SLOTS:
            gold, predicted = sentence.spans[slot], predicted_span(event, slot)
            if predicted in (gold or [None]) or shown >= limit:
                continue
            shown += 1
            show = lambda span: repr(sentence.text[span[0]:span[1]]) if span else "-"  # noqa: E731
            print(f"s{i} {slot}: gold {' | '.join(map(show, gold)) or '-'} got {show(predicted)}\n    {sentence.text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", type=int, default=0, help="print this many sentences with a wrong span")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds for the argument models")
    args = parser.parse_args()
    sentences = actor_sentences(DATA)[: args.limit]
    shipped = load_models()
    started = time.perf_counter()
    rules_alone = replace(shipped, arguments={})
    coded = list(coded_sentences(sentences, lambda i: rules_alone))
    rules = [event for _, event in coded]
    print(f"{len(sentences)} sentences coded in {time.perf_counter() - started:.0f} s (rules alone)")
    per_fold = fold_models(sentences, coded, shipped, args.folds)
    crossed = [event for _, event in coded_sentences(sentences, lambda i: per_fold[i % args.folds])]
    report("rules alone", sentences, rules)
    report(f"rules + argument models, {args.folds}-fold cross-validated (the measure)", sentences, crossed)
    print_misses(sentences, crossed, args.misses)


if __name__ == "__main__":
    main()
