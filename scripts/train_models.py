"""Train the models that ship in src/tacitus/data/models/ from the development data.

    .venv/bin/python scripts/train_models.py [--shared ../shared]

Needs the `train` extra (`pip install -e '.[train]'`). Deterministic: the same data, lexicon and
library versions give the same weights. Retrain whenever data/event_lexicon.yaml changes (a test
checks the models' lexicon fingerprint).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from tacitus.argument_model import ARGUMENT_C, ARGUMENT_LABELS
from tacitus.classifier import MODEL_DIR, Models
from tacitus.ontology import PLOVER_TYPES
from tacitus.training import (PENTA_LABELS, actor_sentences, argument_examples, coded_sentences, featurize,
                              pentaclass_examples, plover_examples, train)

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    out = ROOT / "src" / "tacitus" / MODEL_DIR
    out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    sentences = pentaclass_examples(args.shared / "data" / "cameo_pentaclass" / "train.tsv")
    for _ in featurize(sentences):
        pass
    penta = train("penta", sentences, PENTA_LABELS)
    penta.save(out / "penta.npz")
    print(f"penta: {len(sentences)} sentences, {len(penta.vocabulary)} features")

    stories = plover_examples(args.shared / "data" / "plover_synthetic_stories.csv")
    for _ in featurize(stories):
        pass
    plover = train("plover", stories, PLOVER_TYPES, min_count=3)
    plover.save(out / "plover.npz")
    print(f"plover: {len(stories)} stories, {len(plover.vocabulary)} features")

    # The argument models learn when to overrule the arguments the rules alone choose.
    sentences = actor_sentences(args.shared / "data" / "cameo_actors" / "train.bio")
    rules = Models(penta, plover)
    for slot, per_sentence in argument_examples(sentences, coded_sentences(sentences, lambda i: rules)).items():
        examples = [e for candidates in per_sentence for e in candidates]
        model = train(slot, examples, ARGUMENT_LABELS, c=ARGUMENT_C)
        model.save(out / f"{slot}.npz")
        print(f"{slot}: {sum(map(bool, per_sentence))} sentences, {len(examples)} candidates, "
              f"{len(model.vocabulary)} features")
    print(f"trained in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
