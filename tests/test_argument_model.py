"""The argument models: a learned second opinion on the rules' source and target."""
from dataclasses import replace

import numpy as np
import pytest

from tacitus import code
from tacitus.argument_model import ARGUMENT_LABELS, SLOTS
from tacitus.classifier import LinearModel, lexicon_digest, load_models
from tacitus.document import Document
from tacitus.nlp import load_nlp
from tacitus.pipeline import code_parsed
from tacitus.training import main_event


def _main(text: str, models):
    document = Document(id="t", text=text)
    document.spacy_doc = load_nlp()(text)
    return main_event(code_parsed(document, models))


def _sure_of(feature: str, weight: float) -> LinearModel:
    """A model whose only belief is that a phrase with `feature` is (weight > 0) or is not the argument."""
    return LinearModel("target", ARGUMENT_LABELS, {feature: 0}, np.array([[0.0, weight]], np.float32),
                       np.array([0.0, -4.0], np.float32), lexicon_digest())


def test_shipped_argument_models_score_both_slots():
    arguments = load_models().arguments
    assert set(arguments) == set(SLOTS)
    assert all(model.labels == ARGUMENT_LABELS and model.vocabulary for model in arguments.values())


@pytest.mark.parametrize("text, slot, expected", [
    # the rules took the place left for the one who left it, and found no target
    ("The Canadian army completed the withdrawal of its instructors from Latvia in May.", "source", "The Canadian army"),
    ("The Canadian army completed the withdrawal of its instructors from Latvia in May.", "target", "Latvia"),
    # the rules took the agency of an inquiry the order followed for the one who gave the order
    ("A court in Kenya has ordered the brother of a former minister to return $ 40 million following an "
     "inquiry by Kenya's anti-graft agency.", "source", "A court in Kenya"),
    # a recipient before the thing given
    ("Spain gave to Morocco some of its patrol boats without asking for payment.", "target", "Morocco"),
])
def test_the_models_mend_what_the_rules_misread(text, slot, expected):
    shipped = load_models()
    alone = getattr(_main(text, replace(shipped, arguments={})), slot)
    assert alone is None or alone.text != expected  # what the rules alone make of it
    actor = getattr(main_event(code(text)), slot)
    assert actor is not None and actor.text == expected


def test_a_phrase_the_model_is_sure_of_becomes_the_target():
    text = "Rebels attacked a police post near the river."
    shipped = load_models()
    rules = _main(text, replace(shipped, arguments={}))
    assert "river" not in rules.target.text
    sure = _main(text, replace(shipped, arguments={"target": _sure_of("lem=river", 9.0)}))
    assert sure.target.text == "the river" and sure.source == rules.source


def test_a_model_that_believes_nothing_leaves_the_rules_arguments():
    text = "Police detained 14 protesters outside the parliament in Accra."
    shipped = load_models()
    rules = _main(text, replace(shipped, arguments={}))
    doubting = _main(text, replace(shipped, arguments={slot: _sure_of("lem=parliament", -9.0) for slot in SLOTS}))
    assert (doubting.source, doubting.target) == (rules.source, rules.target)
    assert rules.target is not None
