"""The per-document function, and batches of it over spaCy's nlp.pipe.

code_document is the one function the CLI, the Python API and (later) the server and Dask
workers call; it knows nothing of where it runs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from .actors import ActorResolver
from .classifier import Models
from .clean import clean_text, find_dateline, looks_like_html, not_english
from .document import Document, DocumentError
from .events import extract_events
from .nlp import load_nlp
from .record import Event

BATCH_SIZE = 16
# Coding a sentence takes time quadratic in its length (every trigger looks over the sentence):
# 1,000 tokens take a third of a second, 400,000 would take days. News sentences stay under
# 150; a longer run with no sentence end or paragraph break is a list, a table or junk.
MAX_SENTENCE_TOKENS = 1000
SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s|\n\n")
TOKEN = re.compile(r"\w+|[^\w\s]")  # about as spaCy splits: words and punctuation marks


def prepare(document: Document) -> Document:
    """Clean the text and read the dateline (the stage before parsing)."""
    raw, document.text = document.text, clean_text(document.text)
    if not document.text.strip():
        # A page nested deeper than libxml2's 256 levels parses to nothing, as does one without text.
        raise DocumentError(document.id, "no article text found in the HTML" if looks_like_html(raw)
                            else "no text left after cleaning", document.line)
    if len(document.text) > load_nlp().max_length:  # documents made in Python skip the reader's limit
        raise DocumentError(document.id, f"text of {len(document.text):,} characters exceeds the parser's limit of "
                            f"{load_nlp().max_length:,}", document.line)
    reason = not_english(document.text)
    if reason is not None:
        raise DocumentError(document.id, reason, document.line)
    longest = max(_token_count(run) for run in SENTENCE_BREAK.split(document.text))
    if longest > MAX_SENTENCE_TOKENS:
        raise DocumentError(document.id, f"a run of {longest:,} words and marks without a sentence end or paragraph "
                            f"break (at most {MAX_SENTENCE_TOKENS:,} are coded)", document.line)
    place, dateline_date = find_dateline(document.text, document.published)
    document.dateline_place = place
    if document.published is None and dateline_date is not None:
        document.published = dateline_date
    return document


def _token_count(text: str) -> int:
    return sum(1 for _ in TOKEN.finditer(text))


def code_parsed(document: Document, models: Models | None = None) -> list[Event]:
    """Actors and events of a document whose spaCy parse is attached; `models` replaces the
    shipped classifiers (cross-validation trains its own)."""
    # The check in `prepare` reads the text; the parser may still join pieces into a longer one.
    longest = max((len(sentence) for sentence in document.spacy_doc.sents), default=0)
    if longest > MAX_SENTENCE_TOKENS:
        raise DocumentError(document.id, f"a sentence of {longest:,} tokens (at most {MAX_SENTENCE_TOKENS:,} are "
                            "coded)", document.line)
    resolver = ActorResolver(document.spacy_doc, document.published)
    document.events = extract_events(document, resolver, models)
    return document.events


def code_document(document: Document) -> list[Event]:
    prepare(document)
    document.spacy_doc = load_nlp()(document.text)
    return code_parsed(document)


def code_documents(items: Iterable[Document | DocumentError]) -> Iterator[Document | DocumentError]:
    """Code a stream of documents in parser batches; errors pass through in order."""
    nlp = load_nlp()
    batch: list[Document | DocumentError] = []

    def flush() -> Iterator[Document | DocumentError]:
        ready = []
        for item in batch:
            if isinstance(item, Document):
                try:
                    ready.append(prepare(item))
                except DocumentError as exc:
                    ready.append(exc)
                except Exception as exc:  # noqa: BLE001 - one broken document must not stop a batch
                    ready.append(DocumentError(item.id, f"cleaning failed: {exc}", item.line))
            else:
                ready.append(item)
        docs = [d for d in ready if isinstance(d, Document)]
        for document, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
            document.spacy_doc = parsed
        for item in ready:
            if isinstance(item, Document):
                try:
                    code_parsed(item)
                except DocumentError as exc:
                    item = exc
                except Exception as exc:  # noqa: BLE001
                    item = DocumentError(item.id, f"coding failed: {type(exc).__name__}: {exc}", item.line)
                if isinstance(item, Document):
                    item.spacy_doc = None  # parses are large; keep only the events
            yield item
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def code(text: str, published: date | str | None = None, doc_id: str | None = None) -> list[Event]:
    """Code one text: `tacitus.code("Rebels attacked ...", published="2024-05-01")`."""
    from .readers import make_document

    document = make_document(doc_id or "doc", text, published=published.isoformat()
                             if isinstance(published, date) else published)
    return code_document(document)
