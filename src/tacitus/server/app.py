"""The HTTP API and the web explorer over one store: `tacitus serve`.

    app = create_app("tacitus.duckdb", token="s3cret")   # an ASGI app; serve() runs it with uvicorn

Reads (events, timeline, actors, dyads, places, counts) share the store's one DuckDB connection
under a lock; coding (POST /api/code, the coding half of POST /api/documents, and re-reading an
event's sentence for its spans) runs under another, since one spaCy pipeline serves the process.
Coding never holds the store lock, so browsing stays quick while a document is coded.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from ..document import Document, DocumentError
from ..pipeline import code_document, code_documents
from ..query import parse_day
from ..readers import make_document
from ..record import CODER_VERSION
from ..store import Store
from . import DEFAULT_MAX_BODY
from .safety import LOOPBACK_HOSTS, BodyLimit, SecurityHeaders, token_checker
from .spans import event_spans, sentence_of

WEB = Path(str(files("tacitus") / "web"))
MAX_PAGE = 500


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The report's text (plain text or an HTML page).")
    published: date | None = Field(None, description="Publication date: relative dates resolve against it.")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=500, description="Document id; re-sending an id replaces it.")
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = Field(None, description="The outlet (linking counts outlets).")
    url: str | None = None


class DocumentsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)


def event_filters(
    actor: str | None = Query(None, description="Source or target actor code, by prefix (RUS matches RUSMIL)."),
    country: str | None = Query(None, description="Source or target country (ISO 3166 alpha-3)."),
    type: str | None = Query(None, description="PLOVER event type (ASSAULT, CONSULT, ...)."),
    cameo: str | None = Query(None, description="CAMEO code and its children (19 matches 190, 195, 1951)."),
    since: str | None = Query(None, description="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str | None = Query(None, description="On or before this date."),
    doc: str | None = Query(None, description="Only events of this document id."),
    min_confidence: float | None = Query(None, ge=0, le=1, description="Only events at least this confident."),
) -> dict:
    """The filters of `tacitus events`, as query parameters."""
    for name, value, last in (("since", since, False), ("until", until, True)):
        try:
            parse_day(value, last)
        except ValueError as exc:
            raise HTTPException(422, f"{name}: {exc}") from None
    return {"actor": actor, "country": country, "type": type, "cameo": cameo, "since": since, "until": until,
            "doc_id": doc, "min_confidence": min_confidence}


def create_app(db: str | Path, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               host: str = "127.0.0.1") -> FastAPI:
    """The API and explorer over the store at `db`. With `token`, POST /api/documents needs
    `Authorization: Bearer TOKEN`; bodies over `max_body` bytes get 413; on a loopback `host`,
    only requests addressed to a loopback name are answered (DNS rebinding)."""
    store = Store(db)
    store_lock, coding_lock = threading.Lock(), threading.Lock()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        _warm_up()  # load the parser, lexicons and gazetteer now, not on the first /api/code
        yield
        store.close()

    app = FastAPI(title="Tacitus", version=CODER_VERSION, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political event data (CAMEO, PLOVER) from news text: code reports, browse the "
                              "store's events, and see which words of which report gave each field.")
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if host in LOOPBACK_HOSTS:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(LOOPBACK_HOSTS))
    app.add_middleware(SecurityHeaders)
    require_token = token_checker(token)

    # -- API --------------------------------------------------------------------------------------

    @app.post("/api/code", tags=["coding"], summary="Code a text into events (nothing is stored)")
    def code_text(request: CodeRequest) -> JSONResponse:
        with coding_lock:
            try:
                document = make_document("pasted", request.text, published=_iso(request.published))
                events = [event.to_dict() for event in code_document(document)]
            except DocumentError as exc:
                raise HTTPException(422, exc.reason) from None
            doc = document.spacy_doc
            for record in events:
                evidence = record["evidence"]
                sentence = doc.char_span(evidence["start"], evidence["end"], alignment_mode="expand")
                record["spans"] = event_spans(record, sentence, 0, document.published)
        return JSONResponse({"text": document.text, "published": _iso(document.published), "events": events})

    @app.post("/api/documents", tags=["coding"], dependencies=[Depends(require_token)],
              summary="Code and store documents (needs the token when the server has one)")
    def add_documents(request: DocumentsRequest) -> JSONResponse:
        documents, errors = [], []
        for item in request.documents:  # a bad document is reported; the others are stored
            try:
                documents.append(make_document(item.id, item.text, published=_iso(item.published), title=item.title,
                                               source=item.source, url=item.url))
            except DocumentError as exc:
                errors.append(exc.to_dict())
        with store_lock:
            unchanged = {d.id for d in documents if store.is_current(d)}
        fresh = [d for d in documents if d.id not in unchanged]
        with coding_lock:
            coded = list(code_documents(fresh))
        errors += [item.to_dict() for item in coded if isinstance(item, DocumentError)]
        stored = [item for item in coded if isinstance(item, Document)]
        with store_lock:
            store.write_batch(stored)
            events = store.count("events")
        return JSONResponse({"stored": len(stored), "unchanged": len(unchanged), "errors": errors,
                             "events_in_store": events})

    @app.get("/api/events", tags=["events"], summary="Stored events, filtered, sorted and paginated")
    def list_events(filters: dict = Depends(event_filters),
                    sort: Literal[tuple(Store.SORTABLE)] = Query("doc", description="Column to sort by."),
                    order: Literal["asc", "desc"] = "asc",
                    limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> JSONResponse:
        with store_lock:
            total, items = store.event_page(offset=offset, limit=limit, sort=sort, descending=order == "desc",
                                            **filters)
        return JSONResponse({"total": total, "offset": offset, "limit": limit, "items": items})

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event with its document's text, the labelled spans to highlight, and its linked event")
    def get_event(event_id: str) -> JSONResponse:
        with store_lock:
            record = store.event(event_id)
            if record is None:
                raise HTTPException(404, f"no event {event_id!r}")
            document = store.document(record["doc_id"])
            linked = store.linked_event(record["link_id"]) if record["link_id"] else None
        published = date.fromisoformat(document["published"]) if document["published"] else None
        with coding_lock:
            spans = event_spans(record, sentence_of(record, document["text"]), record["evidence"]["start"], published)
        return JSONResponse({"event": record, "spans": spans, "document": document, "linked": linked})

    @app.get("/api/timeline", tags=["linked events"], summary="Linked events in date order, paginated")
    def timeline(filters: dict = Depends(event_filters),
                 min_mentions: int = Query(1, ge=1, description="Only linked events told at least this many times."),
                 limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> JSONResponse:
        with store_lock:
            total, items = store.timeline_page(offset=offset, limit=limit, min_mentions=min_mentions, **filters)
        return JSONResponse({"total": total, "offset": offset, "limit": limit, "items": items})

    @app.get("/api/actors", tags=["counts"], summary="Actor codes of the filtered events with their counts")
    def actors(filters: dict = Depends(event_filters), limit: int = Query(100, ge=1, le=MAX_PAGE)) -> JSONResponse:
        with store_lock:
            return JSONResponse(store.actor_counts(limit=limit, **filters))

    @app.get("/api/dyads", tags=["counts"], summary="Source → target actor pairs with their counts by type")
    def dyads(filters: dict = Depends(event_filters), limit: int = Query(100, ge=1, le=MAX_PAGE)) -> JSONResponse:
        with store_lock:
            return JSONResponse(store.dyad_counts(limit=limit, **filters))

    @app.get("/api/places", tags=["counts"], summary="Places with coordinates, their event counts and events")
    def places(filters: dict = Depends(event_filters), limit: int = Query(500, ge=1, le=5000)) -> JSONResponse:
        with store_lock:
            return JSONResponse(store.place_counts(limit=limit, **filters))

    @app.get("/api/counts", tags=["counts"], summary="Events per day, month or year and PLOVER type")
    def counts(filters: dict = Depends(event_filters), by: Literal["day", "month", "year"] = "month") -> JSONResponse:
        with store_lock:
            return JSONResponse(store.date_counts(by=by, **filters))

    # -- pages ------------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_swagger_ui()), name="docs-assets")
    return app


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _swagger_ui() -> Path:
    """Swagger UI's files, from the swagger-ui-py package: /docs works with no network."""
    import swagger_ui

    return Path(swagger_ui.__file__).parent / "static"


def _warm_up() -> None:
    from ..actors import load_knowledge
    from ..lexicon import load_lexicon
    from ..nlp import load_nlp
    from ..places import gazetteer

    load_nlp(), load_knowledge(), load_lexicon(), gazetteer()


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          max_body: int = DEFAULT_MAX_BODY) -> None:
    import uvicorn

    app = create_app(db, token=token, max_body=max_body, host=host)
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")
