"""Event-coding accuracy on the shared development data, with cross-validated models.

    .venv/bin/python benchmarks/accuracy.py [--shared ../shared] [--stories N]

1. Penta class of each labelled sentence's main event (its most confident event; a sentence with
   no event counts as wrong): macro-F1, accuracy, per-class figures and the confusion table. The
   sentence model is retrained in 5 folds and each sentence is coded by the model that never saw
   it; near-duplicate sentences (word Jaccard > 0.6) stay in one fold.
2. PLOVER type of each synthetic story's main event (its most confident event), the story model
   retrained in 5 folds grouped by headline template: about 13 stories share each template and
   its label, so ungrouped folds would score the memorised headline, not the coder. The ungrouped
   figure is printed too, marked as such.
Each is shown for the rules alone (models that know nothing), and for rules with the models.
"""
from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from tacitus.classifier import LinearModel, Models, load_models
from tacitus.document import Document
from tacitus.pipeline import code_parsed
from tacitus.ontology import PLOVER_TYPES
from tacitus.training import (PENTA_LABELS, featurize, pentaclass_examples, plover_examples,
                              train)

ROOT = Path(__file__).resolve().parents[1]
FOLDS = 5


def uninformed(model: LinearModel) -> LinearModel:
    """A model with the same labels that believes every class equally: the rules decide alone."""
    return LinearModel(model.name, model.labels, {}, np.zeros((0, len(model.labels)), np.float32),
                       np.zeros(len(model.labels), np.float32), model.lexicon_digest)


def near_duplicate_groups(texts: list[str], threshold: float = 0.6) -> list[int]:
    words = [set(re.findall(r"[a-z]+", t.lower())) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i):
            union = len(words[i] | words[j])
            if union and len(words[i] & words[j]) / union > threshold:
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def main_event_label(document: Document, models: Models, attribute: str) -> str | None:
    events = [e for e in code_parsed(document, models) if getattr(e, attribute) is not None]
    if not events:
        return None
    return str(getattr(max(events, key=lambda e: e.confidence), attribute))


def argmax(model: LinearModel, example) -> str:
    probabilities = model.probabilities(example.features)
    return max(probabilities, key=probabilities.get)


def folds(labels: list[str], groups: list) -> list[tuple[np.ndarray, np.ndarray]]:
    splitter = StratifiedGroupKFold(FOLDS, shuffle=True, random_state=0)
    return list(splitter.split(np.zeros(len(labels)), labels, groups))


def report(title: str, gold: list[str], predicted: list[str | None], labels: tuple[str, ...]) -> None:
    pairs = Counter(zip(gold, predicted))
    f1s = []
    print(f"\n{title}")
    print(f"  {'class':<10} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>5}")
    for label in labels:
        tp = pairs[label, label]
        fp = sum(n for (g, p), n in pairs.items() if p == label and g != label)
        fn = sum(n for (g, p), n in pairs.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        print(f"  {label:<10} {precision:6.3f} {recall:6.3f} {f1:6.3f} {tp + fn:5d}")
    accuracy = sum(pairs[label, label] for label in labels) / len(gold)
    no_event = sum(1 for p in predicted if p is None)
    print(f"  macro-F1 {np.mean(f1s):.3f}   accuracy {accuracy:.3f}   no event {no_event} of {len(gold)}")


def confusion(gold: list[str], predicted: list[str | None], labels: tuple[str, ...]) -> None:
    pairs = Counter(zip(gold, predicted))
    width = max(6, max(len(label) for label in labels) + 1)
    print("  confusion (rows gold, columns predicted, '-' no event)")
    print(" " * (width + 2) + "".join(f"{label[:width - 1]:>{width}}" for label in labels) + f"{'-':>{width}}")
    for g in labels:
        cells = [pairs[g, p] for p in labels] + [pairs[g, None]]
        print(f"  {g:<{width}}" + "".join(f"{n:>{width}}" for n in cells))


def coded(parsed, examples, model_for, attribute: str) -> list[str | None]:
    out = []
    for i, (example, doc) in enumerate(zip(examples, parsed)):
        document = Document(id=str(i), text=doc.text, title=example.title, spacy_doc=doc)
        out.append(main_event_label(document, model_for(i), attribute))
    return out


def penta_benchmark(shared: Path) -> None:
    examples = pentaclass_examples(shared / "data" / "cameo_pentaclass" / "train.tsv")
    started = time.perf_counter()
    parsed = [doc for _, doc in featurize(examples)]
    gold = [e.label for e in examples]
    shipped = load_models()
    fold_of = {}
    fold_models = []
    for k, (train_idx, test_idx) in enumerate(folds(gold, near_duplicate_groups([e.text for e in examples]))):
        fold_models.append(Models(train("penta", [examples[i] for i in train_idx], PENTA_LABELS), shipped.plover))
        fold_of.update({int(i): k for i in test_idx})
    rules = Models(uninformed(shipped.penta), uninformed(shipped.plover))
    only_rules = coded(parsed, examples, lambda i: rules, "penta_class")
    only_model = [argmax(fold_models[fold_of[i]].penta, e) for i, e in enumerate(examples)]
    with_models = coded(parsed, examples, lambda i: fold_models[fold_of[i]], "penta_class")
    print(f"PENTA CLASS of the main event: {len(examples)} sentences, {FOLDS}-fold grouped CV "
          f"({time.perf_counter() - started:.0f} s)")
    report("rules alone", gold, only_rules, PENTA_LABELS)
    report("sentence model alone, no event built (cross-validated)", gold, only_model, PENTA_LABELS)
    report("rules + sentence model (cross-validated)", gold, with_models, PENTA_LABELS)
    confusion(gold, with_models, PENTA_LABELS)


def plover_benchmark(shared: Path, limit: int | None) -> None:
    examples = plover_examples(shared / "data" / "plover_synthetic_stories.csv")
    if limit:
        examples = random.Random(0).sample(examples, limit)
    started = time.perf_counter()
    parsed = [doc for _, doc in featurize(examples)]
    gold = [e.label for e in examples]
    labels = PLOVER_TYPES
    shipped = load_models()
    rules = Models(uninformed(shipped.penta), uninformed(shipped.plover))
    print(f"\nPLOVER TYPE of the main event: {len(examples)} synthetic stories, {FOLDS}-fold CV")
    report("rules alone", gold, coded(parsed, examples, lambda i: rules, "type"), labels)
    for name, groups in (("grouped by headline template", [e.group for e in examples]),
                         ("NOT grouped: shared headline templates leak labels", list(range(len(examples))))):
        fold_of, fold_models = {}, []
        for k, (train_idx, test_idx) in enumerate(folds(gold, groups)):
            model = train("plover", [examples[i] for i in train_idx], labels, min_count=3)
            fold_models.append(Models(shipped.penta, model))
            fold_of.update({int(i): k for i in test_idx})
        if name.startswith("grouped"):
            alone = [argmax(fold_models[fold_of[i]].plover, e) for i, e in enumerate(examples)]
            report(f"story model alone, no event built, {name}", gold, alone, labels)
        predicted = coded(parsed, examples, lambda i: fold_models[fold_of[i]], "type")
        report(f"rules + story model, {name}", gold, predicted, labels)
        if name.startswith("grouped"):
            confusion(gold, predicted, labels)
    print(f"  ({time.perf_counter() - started:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--stories", type=int, default=None, help="sample this many stories (default all)")
    parser.add_argument("--skip-stories", action="store_true")
    args = parser.parse_args()
    penta_benchmark(args.shared)
    if not args.skip_stories:
        plover_benchmark(args.shared, args.stories)


if __name__ == "__main__":
    main()
