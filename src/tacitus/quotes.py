"""Direct quotes and who says them.

    >>> import tacitus
    >>> for quote in tacitus.quotes('"We will not give up," the minister said.'):
    ...     print(quote.text, quote.speaker.name if quote.speaker else None)

A direct quote is text between paired quotation marks (curly or straight) that reads as
speech: four words or more, or ending in punctuation; shorter quoted terms ("the so-called
"safe zone"") are names, not speech. Its speaker is the subject of a reporting verb (the
lexicon's reporting_verbs: say, tell, add, claim, ...) in the text around it: after the quote
in the sentence it closes in ('"...," Kerry said', '"...," said the minister', '"...," he
added'), else before it in the sentence it opens in ('Lavrov said: "..."'). Pronouns and
surnames resolve through the document's actor memory like any other mention. Events inside a
quote are attributed to its speaker (events.py `_attribution`).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .record import Actor

# Opening and closing marks: curly double quotes, low-high German/Eastern European quotes,
# guillemets, and straight double quotes (paired in order, within one paragraph).
QUOTED = re.compile(r"\u201c([^\u201c\u201d]+?)\u201d|\u201e([^\u201e\u201c\u201d]+?)[\u201c\u201d]"
                    r"|\u00ab([^\u00ab\u00bb]+?)\u00bb|\"([^\"\n]+?)\"")
MIN_SPEECH_WORDS = 4


@dataclass
class Quote:
    text: str  # the quoted words, without the marks
    start: int  # character offsets of the quoted words in the (cleaned) document text
    end: int
    speaker: Actor | None
    verb: str | None  # the reporting verb that gives the speaker ("said", "added")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["speaker"] = self.speaker.to_dict() if self.speaker else None
        return data


def _is_speech(text: str) -> bool:
    return len(text.split()) >= MIN_SPEECH_WORDS or text.rstrip()[-1:] in ".,!?;:"


def _reporting_verbs() -> frozenset[str]:
    from .lexicon import load_lexicon

    return load_lexicon().reporting


def _speaker(tokens: list[Token], resolver: ActorResolver) -> tuple[Actor | None, Token | None]:
    """The subject of the first reporting verb among `tokens` that has one, resolved."""
    reporting = _reporting_verbs()
    for token in tokens:
        if token.lemma_.lower() not in reporting or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        actor = resolver.resolve(subject)
        if actor is not None:
            return actor, token
    for token in tokens:  # '"...", according to the ministry'
        if token.lower_ == "according" and token.i + 2 < len(token.doc) and token.nbor().lower_ == "to":
            actor = resolver.resolve(token.doc[token.i + 2])
            if actor is not None:
                return actor, token
    return None, None


def find_quotes(doc: Doc, resolver: ActorResolver) -> list[Quote]:
    """The direct quotes of a parsed document, with their speakers (computed once per document)."""
    cached = doc.user_data.get("tacitus.quotes")
    if cached is not None:
        return cached
    found = []
    for match in QUOTED.finditer(doc.text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        text = match.group(group)
        if not _is_speech(text):
            continue
        start, end = match.start(group), match.end(group)
        inside = doc.char_span(start, end, alignment_mode="expand")
        if inside is None:
            continue
        closing_sentence = doc[inside.end - 1].sent
        opening_sentence = inside[0].sent
        after = [t for t in closing_sentence if t.idx >= match.end()]
        before = [t for t in opening_sentence if t.idx + len(t) <= match.start()]
        speaker, verb = _speaker(after, resolver)
        if speaker is None:
            speaker, verb = _speaker(list(reversed(before)), resolver)
        if speaker is not None:
            resolver.note_speaker(speaker)
        found.append(Quote(text.strip(), start + len(text) - len(text.lstrip()), end - (len(text) - len(text.rstrip())),
                           speaker, verb.text if verb is not None else None))
    doc.user_data["tacitus.quotes"] = found
    return found


def source_below(token: Token) -> Token | None:
    """The source named beneath an event word or its clause verb: "According to the UN, forces
    shelled ..." or "Forces shelled ..., the ministry said" when the parser hangs the report
    from the event (the other way round is the reporting verb's clause, read by events.py)."""
    reporting = _reporting_verbs()
    words = [token] if token.pos_ in ("VERB", "AUX") else [token, token.head, token.head.head]
    for word in words:
        for child in word.children:
            if child.lower_ == "according":
                holder = next((g for c in child.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"),
                              None)
                if holder is not None:
                    return holder
            if child.dep_ == "parataxis" and child.lemma_.lower() in reporting:
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
    return None


def quoted_speaker(token: Token, resolver: ActorResolver) -> Actor | None:
    """The speaker of the direct quote a word is inside, if any."""
    for quote in find_quotes(token.doc, resolver):
        if quote.start <= token.idx < quote.end:
            return quote.speaker
    return None


def quotes(text: str, published: date | str | None = None, doc_id: str | None = None) -> list[Quote]:
    """The direct quotes of a text with their speakers: `tacitus.quotes(text)`. Offsets refer to
    the cleaned text (tacitus.clean.clean_text), as event offsets do."""
    from .pipeline import prepare
    from .readers import make_document

    document = make_document(doc_id or "doc", text, published=published.isoformat()
                             if isinstance(published, date) else published)
    return quotes_of(prepare(document))


def quotes_of(document) -> list[Quote]:
    """The direct quotes of a prepared (cleaned) Document."""
    from .nlp import load_nlp

    doc = document.spacy_doc if document.spacy_doc is not None else load_nlp()(document.text)
    return find_quotes(doc, ActorResolver(doc, document.published))
