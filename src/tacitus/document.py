"""The document that flows through the pipeline, and the per-document error."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .record import Event


class DocumentError(Exception):
    """A document that cannot be coded. The batch reports it and goes on."""

    def __init__(self, doc_id: str, reason: str, line: int | None = None):
        super().__init__(reason)
        self.doc_id = doc_id
        self.reason = reason
        self.line = line

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "line": self.line, "error": self.reason}

    def __reduce__(self):
        # Errors travel back from worker processes; Exception's own pickling would pass only the reason.
        return DocumentError, (self.doc_id, self.reason, self.line)


@dataclass
class Document:
    """One news report: metadata, the cleaned text, and what each stage found in it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    # Filled by the stages, in order.
    dateline_place: str | None = None
    spacy_doc: "Doc | None" = None
    events: list["Event"] = field(default_factory=list)
    # Of the text as read, before cleaning: the store's test for "same content, nothing to do".
    content_hash: str = ""
    line: int | None = None  # of a JSON Lines input: where an error in a later stage points

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
