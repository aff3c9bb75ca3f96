"""Learned help for the rules: linear classifiers over the lemmas of a sentence or document and
the rule triggers found in it.

Four models ship in data/models/, all trained by scripts/train_models.py:
- `penta`: the CAMEO penta class (0-4) of a sentence's main event, from the labelled sentences;
- `plover`: the PLOVER type of a report's main event, from the labelled stories;
- `source` and `target`: whether a phrase is that argument of a trigger, from the actor
  sentences (applied by argument_model.py).
The first two never replace a rule: they rank the events the rules found (confidence) and, when the rules
found nothing of the class a model is sure of, let a trigger the rules set aside, or the clause's
main verb, carry an event marked with the model's name as its rule (see events.py).
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from spacy.tokens import Token

from .lexicon import Entry
from .ontology import lookup
from .resources import read_csv

MODEL_DIR = "data/models"
MODEL_NAMES = ("penta", "plover")
ARGUMENT_MODEL_NAMES = ("source", "target")


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression over binary features."""

    name: str
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    lexicon_digest: str

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        rows = [self.vocabulary[f] for f in set(features) if f in self.vocabulary]
        scores = self.bias + self.weights[rows].sum(axis=0)
        scores = np.exp(scores - scores.max())
        return dict(zip(self.labels, (scores / scores.sum()).tolist()))

    def save(self, path) -> None:
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.get)
        meta = {"name": self.name, "labels": list(self.labels), "lexicon_digest": self.lexicon_digest}
        np.savez_compressed(path, meta=np.array(json.dumps(meta)), vocabulary=np.array(vocabulary),
                            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))

    @classmethod
    def load(cls, source) -> "LinearModel":
        with np.load(source, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            vocabulary = {word: i for i, word in enumerate(data["vocabulary"].tolist())}
            return cls(meta["name"], tuple(meta["labels"]), vocabulary,
                       data["weights"].astype(np.float32), data["bias"], meta["lexicon_digest"])


@dataclass(frozen=True)
class Models:
    penta: LinearModel
    plover: LinearModel
    arguments: dict[str, LinearModel] = field(default_factory=dict)  # by slot; none: the rules alone


@functools.cache
def load_models() -> Models:
    folder = resources.files("tacitus").joinpath(MODEL_DIR)
    loaded = {}
    for name in MODEL_NAMES:
        with folder.joinpath(f"{name}.npz").open("rb") as handle:
            loaded[name] = LinearModel.load(handle)
    arguments = {}
    for name in ARGUMENT_MODEL_NAMES:
        with folder.joinpath(f"{name}.npz").open("rb") as handle:
            arguments[name] = LinearModel.load(handle)
    return Models(**loaded, arguments=arguments)


@functools.cache
def fallback_codes() -> dict[tuple[str, str], str]:
    """(model, label) -> the CAMEO code of an event a model asserts without a trigger word."""
    codes = {}
    for row in read_csv("model_codes.csv"):
        code = lookup(row["code"])
        if row["model"] == "penta" and str(code.penta_class) != row["label"] or (
                row["model"] == "plover" and code.plover_type != row["label"]):
            raise ValueError(f"model_codes.csv: {row['code']} is not of class {row['label']}")
        codes[row["model"], row["label"]] = row["code"]
    return codes


def lexicon_digest() -> str:
    """Fingerprint of the lexicon file: trigger features mean nothing once the lexicon changes."""
    data = resources.files("tacitus").joinpath("data/event_lexicon.yaml").read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def features(tokens: Iterable[Token], triggers: Iterable[tuple[Token, Entry]] = (),
             prefix: str = "") -> list[str]:
    """Lemma unigrams and bigrams, the clause roots, and the rule triggers with their classes;
    `prefix` keeps a headline's words apart from the body's."""
    found = []
    previous = None
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        lemma = token.lemma_.lower()
        found.append("w=" + lemma)
        if previous is not None:
            found.append(f"b={previous}_{lemma}")
        if token.dep_ == "ROOT":
            found.append("root=" + lemma)
        previous = lemma
    found = [prefix + f for f in found] if prefix else found
    for token, entry in triggers:
        code = lookup(entry.code)
        found.append("cameo=" + code.code[:2])
        found.append(f"penta={code.penta_class}")
        found.append(f"type={code.plover_type}")
        if token.dep_ == "ROOT":
            found.append(f"root-penta={code.penta_class}")
    return found
