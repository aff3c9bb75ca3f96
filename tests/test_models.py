"""The learned models: shipped in step with the lexicon, applied as ranking and fallback."""
import numpy as np
import pytest

import tacitus
from tacitus.classifier import LinearModel, Models, fallback_codes, lexicon_digest, load_models
from tacitus.document import Document
from tacitus.nlp import load_nlp
from tacitus.pipeline import code_parsed
from tacitus.training import Example, PENTA_LABELS, featurize, train


def test_shipped_models_were_trained_on_the_current_lexicon():
    # Trigger features are named by lexicon codes; after a lexicon edit, run scripts/train_models.py.
    models = load_models()
    assert models.penta.lexicon_digest == lexicon_digest()
    assert models.plover.lexicon_digest == lexicon_digest()
    assert models.penta.labels == PENTA_LABELS
    assert len(models.plover.labels) == 16


def test_every_model_label_has_a_fallback_code_of_its_class():
    codes = fallback_codes()
    models = load_models()
    for model in (models.penta, models.plover):
        for label in model.labels:
            assert (model.name, label) in codes


def test_training_saving_and_loading_give_the_same_probabilities(tmp_path):
    examples = [Example(text, label) for text, label in [
        ("Rebels shelled the town and killed four villagers.", "4"),
        ("Gunmen attacked a police post overnight.", "4"),
        ("The two ministers held talks on trade in Rome.", "1"),
        ("The president praised the mediators for their work.", "1"),
        ("The spokesman said the border would stay open.", "0"),
        ("Japan sent food and tents to the flooded region.", "2"),
        ("The opposition denounced the election as a fraud.", "3"),
    ]]
    for _ in featurize(examples):
        pass
    model = train("penta", examples, PENTA_LABELS, min_count=1)
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    probe = examples[0].features
    assert loaded.probabilities(probe) == pytest.approx(model.probabilities(probe), abs=1e-3)
    assert max(loaded.probabilities(probe).items(), key=lambda kv: kv[1])[0] == "4"


def _sure_of(model: LinearModel, feature: str, label: str) -> LinearModel:
    weights = np.zeros((1, len(model.labels)), np.float32)
    weights[0, model.labels.index(label)] = 8.0
    return LinearModel(model.name, model.labels, {feature: 0}, weights,
                       np.zeros(len(model.labels), np.float32), model.lexicon_digest)


def _code_with(text: str, models: Models):
    document = Document(id="t", text=text)
    document.spacy_doc = load_nlp()(text)
    return code_parsed(document, models)


def test_a_sure_sentence_model_codes_a_verb_the_lexicon_lacks_with_its_class_code():
    shipped = load_models()
    text = "Japan frobnicated Nepal on Monday."
    models = Models(_sure_of(shipped.penta, "w=frobnicate", "2"), shipped.plover)
    events = _code_with(text, models)
    fallback = [e for e in events if e.rule.startswith("penta-model:")]
    assert len(fallback) == 1
    event = fallback[0]
    assert event.cameo == fallback_codes()["penta", "2"] and event.penta_class == 2
    assert text[event.trigger.start:event.trigger.end] == "frobnicated"
    assert event.source.country == "JPN" and event.target.country == "NPL"


def test_a_sure_story_model_places_its_event_in_the_sentence_that_reads_most_like_it():
    shipped = load_models()
    text = "Japan frobnicated Nepal on Monday. Officials in Tokyo declined to give details of the plan."
    models = Models(shipped.penta, _sure_of(shipped.plover, "w=frobnicate", "AID"))
    events = _code_with(text, models)
    fallback = [e for e in events if e.rule.startswith("plover-model:")]
    assert [e.type for e in fallback] == ["AID"]
    assert fallback[0].sentence_index == 0
    assert max(events, key=lambda e: e.confidence) is fallback[0]


def test_the_main_assertion_outranks_its_report():
    events = tacitus.code("The army said that rebels attacked a checkpoint near Homs on Monday.",
                          published="2024-05-02")
    main = max(events, key=lambda e: e.confidence)
    assert main.cameo[:2] in ("18", "19") and main.source.role == "REB"


def test_a_reporting_only_sentence_gives_a_statement():
    events = tacitus.code("The Turkish foreign minister said on Monday that the border would stay open.",
                          published="2024-05-02")
    main = max(events, key=lambda e: e.confidence)
    assert main.penta_class == 0 and main.source.country == "TUR"
