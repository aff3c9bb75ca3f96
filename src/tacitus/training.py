"""Training the learned models of classifier.py, shared by scripts/train_models.py (the shipped
models) and benchmarks/accuracy.py (cross-validation). Needs the `train` extra (scikit-learn).

The development data are read from their published files; nothing of them is copied into the
package: a model holds feature weights only.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .clean import clean_text
from .classifier import LinearModel, features, lexicon_digest
from .lexicon import load_lexicon
from .nlp import load_nlp

PENTA_LABELS = ("0", "1", "2", "3", "4")


@dataclass
class Example:
    text: str
    label: str
    title: str | None = None
    group: str | None = None  # examples that share a group are kept in one fold
    features: list[str] | None = None


def pentaclass_examples(path: Path) -> list[Example]:
    """Sentences with their CAMEO penta class, one `text<TAB>label` per line."""
    examples = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label in PENTA_LABELS:
                examples.append(Example(text, label))
    return examples


def plover_examples(path: Path) -> list[Example]:
    """Stories with their PLOVER type. A story's headline is the first line of the prompt it was
    written from; the headline template (`title`, with placeholders) is its group, since many
    stories share one and a fold must not see the test fold's headlines."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [Example(row["text"], row["label"], title=row["prompt"].strip().split("\n")[0].strip(),
                        group=row["title"])
                for row in csv.DictReader(handle) if row["text"]]


def featurize(examples: Sequence[Example], batch_size: int = 32) -> Iterator[tuple[Example, object]]:
    """Parse the examples and attach their features; yields each with its spaCy doc."""
    nlp, lexicon = load_nlp(), load_lexicon()
    texts = (clean_text(e.text) for e in examples)  # what the pipeline parses
    for example, doc in zip(examples, nlp.pipe(texts, batch_size=batch_size)):
        example.features = features(doc, lexicon.triggers(doc))
        if example.title:
            title = nlp(example.title)
            example.features += features(title, lexicon.triggers(title), prefix="title:")
        yield example, doc


def train(name: str, examples: Sequence[Example], labels: Sequence[str], min_count: int = 2,
          c: float = 2.0) -> LinearModel:
    """Logistic regression over the features seen in at least `min_count` examples."""
    from sklearn.linear_model import LogisticRegression
    from scipy.sparse import csr_matrix

    counts = Counter(f for e in examples for f in set(e.features))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for row, example in enumerate(examples):
        for column in {vocabulary[f] for f in example.features if f in vocabulary}:
            rows.append(row)
            cols.append(column)
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary)))
    missing = set(labels) - {e.label for e in examples}
    if missing:
        raise ValueError(f"no training examples for {sorted(missing)}")
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, [e.label for e in examples])
    order = [list(model.classes_).index(label) for label in labels]
    weights = model.coef_.T[:, order]
    return LinearModel(name, tuple(labels), vocabulary, weights.astype(np.float32),
                       model.intercept_[order].astype(np.float32), lexicon_digest())
