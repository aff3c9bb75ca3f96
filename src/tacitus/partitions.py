"""Event output in partitions: a directory of part files, each holding the events of a slice of the input.

    folder/part-00000.jsonl     event records, one per line (as `tacitus code` prints them)
    folder/part-00000.parquet   one flat row per event (the columns of `tacitus export --format parquet`)

A part is written under a temporary name and renamed when whole, so a killed run leaves only whole
parts; `read_parquet('folder/*.parquet')` in DuckDB (or any Parquet reader) reads them together.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from .document import Document
from .export import FLAT_EVENT, flat_event

FORMATS = ("jsonl", "parquet")
PART_SIZE = 1000  # documents per part: files of a few MB for news reports
INTEGERS = {"sentence_index", "quad_class", "penta_class", "geonameid", "fatalities", "injuries", "evidence_start",
            "evidence_end"}
DOUBLES = {"goldstein", "lat", "lon", "confidence"}
# Fixed types, so that every part has the same schema whatever values it happens to hold.
PARQUET_COLUMNS = ", ".join(f"'{c}': '{'BIGINT' if c in INTEGERS else 'DOUBLE' if c in DOUBLES else 'VARCHAR'}'"
                            for c in FLAT_EVENT)


class Partitions:
    def __init__(self, folder: Path, format: str, part_size: int = PART_SIZE):
        if format not in FORMATS:
            raise ValueError(f"unknown partition format {format!r}; one of {', '.join(FORMATS)}")
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.glob("part-*")):
            raise FileExistsError(f"{folder} already holds partitions")
        self.folder, self.format, self.part_size = folder, format, part_size
        self.parts = self.documents = 0
        self.handle = None

    def write(self, document: Document) -> None:
        if self.handle is None:
            self.handle = self._path(".tmp").open("w", encoding="utf-8")
        for event in document.events:
            record = event.to_dict()
            self.handle.write(json.dumps(flat_event(record) if self.format == "parquet" else record,
                                         ensure_ascii=False) + "\n")
        self.documents += 1
        if self.documents == self.part_size:
            self._finish()

    def close(self) -> None:
        if self.handle is not None:
            self._finish()

    def __enter__(self) -> "Partitions":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _path(self, suffix: str) -> Path:
        return self.folder / f"part-{self.parts:05d}{suffix}"

    def _finish(self) -> None:
        self.handle.close()
        self.handle = None
        temporary = self._path(".tmp")
        if self.format == "jsonl":
            os.replace(temporary, self._path(".jsonl"))
        else:
            written = self._path(".parquet.tmp")
            source, target = (str(p).replace("'", "''") for p in (temporary, written))
            with duckdb.connect() as con:
                con.execute(f"COPY (SELECT * FROM read_json('{source}', format = 'newline_delimited', "
                            f"columns = {{{PARQUET_COLUMNS}}})) TO '{target}' (FORMAT PARQUET)")
            temporary.unlink()
            os.replace(written, self._path(".parquet"))
        self.parts += 1
        self.documents = 0
