"""Tacitus: political event data (CAMEO and PLOVER) from news text."""
from .document import Document, DocumentError
from .pipeline import code, code_document, code_documents
from .quotes import Quote, quotes
from .record import CODER_VERSION as __version__
from .record import Actor, Event, Location
from .store import Store

__all__ = ["Actor", "Document", "DocumentError", "Event", "Location", "Quote", "Store", "code", "code_document",
           "code_documents", "quotes", "__version__"]
