"""Tacitus: political event data (CAMEO and PLOVER) from news text."""
from .document import Document, DocumentError
from .pipeline import code, code_document, code_documents
from .record import CODER_VERSION as __version__
from .record import Actor, Event, Location

__all__ = ["Actor", "Document", "DocumentError", "Event", "Location", "code", "code_document",
           "code_documents", "__version__"]
