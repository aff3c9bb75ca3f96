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
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two labels: one score for the second; a softmax over (0, s) is its logistic
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    order = [list(model.classes_).index(label) for label in labels]
    weights = coef.T[:, order]
    return LinearModel(name, tuple(labels), vocabulary, weights.astype(np.float32),
                       intercept[order].astype(np.float32), lexicon_digest())


@dataclass
class ActorSentence:
    """A sentence of the CAMEO actor data: its text (the tokens joined by spaces) and the gold
    spans of each slot. A reciprocal span ("A met B") counts for either slot."""

    text: str
    spans: dict[str, list[tuple[int, int]]]


def actor_sentences(path: Path) -> list[ActorSentence]:
    """One token and its tag a line (B-S/I-S source, B-T/I-T target, B-R/I-R reciprocal), a blank
    line between sentences; a span runs from a B- tag to its last I- tag."""
    sentences: list[ActorSentence] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text, by_kind = "", {}
        for token, tag in tokens:
            start = len(text) + (1 if text else 0)
            text = f"{text} {token}" if text else token
            if tag[:2] == "B-":
                by_kind.setdefault(tag[2:], []).append((start, len(text)))
            elif tag[:2] == "I-" and tag[2:] in by_kind:
                by_kind[tag[2:]][-1] = (by_kind[tag[2:]][-1][0], len(text))
        mutual = by_kind.get("R", [])
        sentences.append(ActorSentence(text, {"source": by_kind.get("S", []) + mutual,
                                              "target": by_kind.get("T", []) + mutual}))
        tokens.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        token, _, tag = line.rpartition(" ")
        tokens.append((token, tag))
    flush()
    return sentences


def main_event(events: list) -> object | None:
    """The event a sentence is about: the most confident."""
    return max(events, key=lambda e: e.confidence, default=None)


def coded_sentences(sentences: Sequence[ActorSentence], models_of) -> Iterator[tuple[object, object]]:
    """Each sentence coded as a document with the models `models_of(i)` gives for sentence i:
    its spaCy doc and its main event (or None)."""
    from .pipeline import code_parsed, prepare
    from .readers import make_document

    documents = [prepare(make_document(f"s{i}", s.text)) for i, s in enumerate(sentences)]
    for i, (document, doc) in enumerate(zip(documents, load_nlp().pipe(d.text for d in documents))):
        document.spacy_doc = doc
        yield doc, main_event(code_parsed(document, models_of(i)))


def argument_examples(sentences: Sequence[ActorSentence], coded) -> dict[str, list[list[Example]]]:
    """For each slot and sentence, every candidate head of the main event the rules alone find
    (`coded`: the sentences' docs and main events from `coded_sentences` with models that have no
    argument models), labelled by whether it lies in a gold span of the slot. A sentence whose gold
    spans hold no candidate gives none: there is nothing to choose."""
    from .argument_model import SLOTS, YES, candidate_features, candidate_heads
    from .actors import ActorResolver

    found: dict[str, list[list[Example]]] = {slot: [] for slot in SLOTS}
    for sentence, (doc, event) in zip(sentences, coded):
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand").root \
            if event is not None else None
        heads = candidate_heads(trigger.sent, trigger) if trigger is not None else []
        resolver = ActorResolver(doc, None)  # the sentences have no publication date
        for slot in SLOTS:
            gold = sentence.spans[slot]
            labels = [any(a <= h.idx < b for a, b in gold) for h in heads]
            if not any(labels):
                found[slot].append([])
                continue
            mine, other = (event.source, event.target) if slot == "source" else (event.target, event.source)
            found[slot].append([Example("", YES if label else "no",
                                        features=candidate_features(h, trigger, event.cameo, mine, other, resolver))
                                for h, label in zip(heads, labels)])
    return found
