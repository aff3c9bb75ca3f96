"""Reading documents: .txt files, .jsonl files, Parquet files, directories of them, and standard input.

Each reader yields a Document or a DocumentError per document, so one bad file or line never
stops a batch. JSON Lines and Parquet files are streamed (a line, or a slice of rows, at a time),
so an input of any size is read in bounded memory.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .clean import html_title, looks_like_html
from .document import Document, DocumentError

MAX_TEXT_CHARS = 2_000_000
SUFFIXES = {".txt", ".jsonl", ".html", ".htm", ".parquet"}
PARQUET_ROWS = 1000  # rows read from a Parquet file at a time
RECORD_FIELDS = ("id", "text", "title", "published", "source", "url")
# Publication dates outside these years are typos ("0202", "2202"); dates relative to them would
# also run off the calendar ("yesterday" of 0001-01-01).
PUBLISHED_YEARS = range(1800, 2200)
# A JSON string may hold a lone surrogate ("\ud800"), which no UTF-8 text can; reading a file
# with surrogateescape turns each invalid UTF-8 byte into one of \udc80-\udcff.
SURROGATE = re.compile("[\ud800-\udfff]")


def parse_published(value: object, doc_id: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        published = date.fromisoformat(str(value)[:10])
    except ValueError:
        raise DocumentError(doc_id, f"unparsable published date {value!r} (expected YYYY-MM-DD)") from None
    if published.year not in PUBLISHED_YEARS:
        raise DocumentError(doc_id, f"published date {value!r} is outside the years {PUBLISHED_YEARS.start}-"
                            f"{PUBLISHED_YEARS.stop - 1}")
    return published


def _metadata(value: object) -> str | None:
    """A title, source, URL or id as text: JSON may give numbers, lists or lone surrogates."""
    if value is None or value == "":
        return None
    return SURROGATE.sub("\ufffd", str(value))


def make_document(doc_id: str, text: object, *, title=None, published=None, source=None, url=None,
                  line: int | None = None, max_chars: int = MAX_TEXT_CHARS) -> Document:
    doc_id = _metadata(doc_id) or "doc"
    if not isinstance(text, str):
        raise DocumentError(doc_id, "missing or non-string 'text'", line)
    if "\x00" in text:
        raise DocumentError(doc_id, "binary content (NUL bytes)", line)
    if SURROGATE.search(text):
        raise DocumentError(doc_id, "text is not valid Unicode (a lone surrogate code point)", line)
    if not text.strip():
        raise DocumentError(doc_id, "empty text", line)
    if len(text) > max_chars:
        raise DocumentError(doc_id, f"text of {len(text):,} characters exceeds the limit of {max_chars:,}", line)
    return Document(id=doc_id, text=text, title=_metadata(title), published=parse_published(published, doc_id),
                    source=_metadata(source), url=_metadata(url), line=line)


def decode(raw: bytes, doc_id: str) -> str:
    if b"\x00" in raw[:8192]:
        raise DocumentError(doc_id, "binary content (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # old wire archives are often Windows-1252; ftfy repairs what this gets wrong
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:  # five bytes mean nothing in Windows-1252: binary or another encoding
        raise DocumentError(doc_id, f"neither UTF-8 nor Windows-1252 text (byte 0x{raw[exc.start]:02x} at "
                            f"offset {exc.start:,})") from None


def read_text(raw: bytes, doc_id: str, published: date | None, max_chars: int = MAX_TEXT_CHARS) -> Document:
    text = decode(raw, doc_id)
    if looks_like_html(text):  # a page's first line is markup; its <title> is the title
        return make_document(doc_id, text, title=html_title(text), published=published, max_chars=max_chars)
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return make_document(doc_id, text, title=first, published=published, max_chars=max_chars)


def record_document(record: dict, fallback_id: str, number: int, published: date | None,
                    max_chars: int = MAX_TEXT_CHARS) -> Document:
    """The document of one JSON Lines record or Parquet row (fields as in RECORD_FIELDS)."""
    return make_document(
        str(record.get("id") or fallback_id), record.get("text"), title=record.get("title"),
        published=record.get("published") or (published.isoformat() if published else None),
        source=record.get("source"), url=record.get("url"), line=number, max_chars=max_chars,
    )


def read_jsonl_lines(lines: Iterable[str], origin: str, published: date | None,
                     max_chars: int = MAX_TEXT_CHARS) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fallback_id = f"{origin}:{number}"
        invalid = SURROGATE.search(line)
        if invalid:
            yield DocumentError(fallback_id, f"invalid UTF-8 (at character {invalid.start() + 1})", number)
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise DocumentError(fallback_id, "line is not a JSON object", number)
            yield record_document(record, fallback_id, number, published, max_chars)
        except json.JSONDecodeError as exc:
            yield DocumentError(fallback_id, f"malformed JSON: {exc.msg}", number)
        except DocumentError as exc:
            exc.line = number
            yield exc


def read_jsonl_file(path: Path, published: date | None, max_chars: int) -> Iterator[Document | DocumentError]:
    try:
        handle = path.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        yield DocumentError(str(path), f"cannot read: {exc.strerror}")
        return
    with handle:
        yield from read_jsonl_lines(handle, path.name, published, max_chars)


def read_parquet(path: Path, published: date | None, max_chars: int) -> Iterator[Document | DocumentError]:
    """Rows of a Parquet file with the JSON Lines fields (RECORD_FIELDS; `text` required), read by
    DuckDB a slice of rows at a time: a whole result would be held in memory."""
    import duckdb

    source = f"read_parquet('{str(path).replace(chr(39), chr(39) * 2)}', file_row_number = true)"
    with duckdb.connect() as con:
        try:
            columns = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
            rows = con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
        except duckdb.Error as exc:
            yield DocumentError(str(path), f"cannot read Parquet: {exc}")
            return
        if "text" not in columns:
            yield DocumentError(str(path), "Parquet file has no 'text' column")
            return
        select = ", ".join(f'"{name}"' if name in columns else f'NULL AS "{name}"' for name in RECORD_FIELDS)
        for first in range(0, rows, PARQUET_ROWS):
            # A row-number range lets DuckDB read only the row groups holding it.
            cursor = con.execute(f"SELECT {select}, file_row_number FROM {source} WHERE file_row_number >= ?"
                                 " AND file_row_number < ? ORDER BY file_row_number", [first, first + PARQUET_ROWS])
            for *values, row_number in cursor.fetchall():
                number = row_number + 1
                try:
                    yield record_document(dict(zip(RECORD_FIELDS, values)), f"{path.name}:{number}", number,
                                          published, max_chars)
                except DocumentError as exc:
                    exc.line = number
                    yield exc


def read_path(path: Path, published: date | None, max_chars: int = MAX_TEXT_CHARS) -> Iterator[Document | DocumentError]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
            yield from read_path(child, published, max_chars)
        return
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl_file(path, published, max_chars)
        return
    if path.suffix.lower() == ".parquet":
        yield from read_parquet(path, published, max_chars)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield DocumentError(str(path), f"cannot read: {exc.strerror}")
        return
    try:
        yield read_text(raw, path.stem, published, max_chars)
    except DocumentError as exc:
        yield exc


def read_inputs(inputs: list[str], published: date | None = None,
                max_chars: int = MAX_TEXT_CHARS) -> Iterator[Document | DocumentError]:
    """Documents from paths, directories, or '-' for standard input (JSON Lines or plain text);
    a text over `max_chars` characters is an error record."""
    for item in inputs:
        if item == "-":
            raw = sys.stdin.buffer.read()
            if raw.lstrip()[:1] == b"{":
                lines = raw.decode("utf-8", errors="surrogateescape").splitlines()
                yield from read_jsonl_lines(lines, "stdin", published, max_chars)
            else:
                try:
                    yield read_text(raw, "stdin", published, max_chars)
                except DocumentError as exc:
                    yield exc
            continue
        path = Path(item)
        if not path.exists():
            yield DocumentError(item, "no such file or directory")
            continue
        yield from read_path(path, published, max_chars)
