"""The `tacitus` command: code news text into events, store them, list them."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .document import Document, DocumentError
from .pipeline import code_documents
from .readers import read_inputs
from .store import DEFAULT_DB, Store, ingest

app = typer.Typer(help="Tacitus: political event data (CAMEO, PLOVER) from news text.", no_args_is_help=True,
                  add_completion=False)
err = Console(stderr=True)


def _published(value: Optional[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True)


def _report(error: DocumentError, errors_file) -> None:
    where = f" (line {error.line})" if error.line else ""
    err.print(f"[yellow]skipped[/yellow] {error.doc_id}{where}: {error.reason}", highlight=False)
    if errors_file is not None:
        errors_file.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")


@app.command("code")
def code_command(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .html), directories of them, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    errors: Optional[Path] = typer.Option(None, help="Also write one JSON line per skipped document here."),
) -> None:
    """Code documents into events, printed as JSON Lines (one event per line)."""
    with ExitStack() as stack:
        out = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        errors_file = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        progress = stack.enter_context(_progress())
        task = progress.add_task("coding", total=None)
        coded = failed = events = 0
        for item in code_documents(read_inputs(inputs, _published(published))):
            progress.advance(task)
            if isinstance(item, DocumentError):
                failed += 1
                _report(item, errors_file)
                continue
            coded += 1
            for event in item.events:
                events += 1
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        err.print(f"{coded} documents coded, {events} events, {failed} skipped", highlight=False)


@app.command("ingest")
def ingest_command(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .html), directories of them, or - for stdin."),
    db: Path = typer.Option(Path(DEFAULT_DB), help="DuckDB file of the store."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    errors: Optional[Path] = typer.Option(None, help="Also write one JSON line per skipped document here."),
) -> None:
    """Code documents and store them with their events; unchanged documents are left as they are."""
    counts = {"stored": 0, "unchanged": 0, "error": 0}
    with ExitStack() as stack:
        store = stack.enter_context(Store(db))
        errors_file = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        progress = stack.enter_context(_progress())
        task = progress.add_task("ingesting", total=None)
        for status, item in ingest(store, read_inputs(inputs, _published(published))):
            progress.advance(task)
            counts[status] += 1
            if isinstance(item, DocumentError):
                _report(item, errors_file)
        total = store.count("events")
    err.print(f"{counts['stored']} documents stored, {counts['unchanged']} unchanged, {counts['error']} skipped; "
              f"{total} events in {db}", highlight=False)


def _actor_cell(actor: dict | None) -> str:
    if not actor:
        return ""
    return f"{actor.get('code') or '?'} ({actor['text'][:28]})"


@app.command("events")
def events_command(
    db: Path = typer.Option(Path(DEFAULT_DB), help="DuckDB file of the store."),
    doc: Optional[str] = typer.Option(None, help="Only the events of this document id."),
    format: str = typer.Option("table", help="table, jsonl or csv."),
    limit: Optional[int] = typer.Option(None, help="At most this many events."),
) -> None:
    """List stored events."""
    if format not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("format must be table, jsonl or csv")
    if not db.exists():
        err.print(f"no store at {db}: run `tacitus ingest` first")
        raise typer.Exit(2)
    with Store(db) as store:
        records = store.events(doc_id=doc, limit=limit)
    if format == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["event_id", "doc_id", "date", "cameo", "type", "mode", "source", "target", "location",
                         "fatalities", "injuries", "realis", "confidence", "trigger"])
        for r in records:
            writer.writerow([r["event_id"], r["doc_id"], r["date"], r["cameo"], r["type"], r["mode"],
                             (r["source"] or {}).get("code"), (r["target"] or {}).get("code"),
                             (r["location"] or {}).get("name"), r["fatalities"], r["injuries"], r["realis"],
                             r["confidence"], r["evidence"]["trigger"]["text"]])
        return
    table = Table(title=f"{len(records)} events in {db}", show_lines=False)
    for column in ("doc", "date", "CAMEO", "PLOVER", "source", "target", "where", "killed", "realis", "trigger"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["doc_id"], r["date"] or "", r["cameo"], r["type"] or "", _actor_cell(r["source"]),
                      _actor_cell(r["target"]), (r["location"] or {}).get("name", ""),
                      "" if r["fatalities"] is None else str(r["fatalities"]), r["realis"],
                      r["evidence"]["trigger"]["text"])
    Console(width=max(160, Console().width)).print(table)


@app.command("rules")
def rules_command(
    inputs: Optional[list[str]] = typer.Argument(None, help="With --coverage: files, directories, or - for stdin."),
    coverage: bool = typer.Option(False, help="Code INPUTS and count how often each rule codes an event."),
    unused: bool = typer.Option(False, help="With --coverage: list the lexicon entries that never fired."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
) -> None:
    """The lexicon's rules, or (--coverage) how often each rule and model fallback fires on INPUTS."""
    from .lexicon import load_lexicon

    entries = {entry.id: entry for group in load_lexicon().by_word.values() for entry in group}
    if not coverage:
        table = Table(title=f"{len(entries)} lexicon entries")
        for column in ("rule", "trigger", "CAMEO"):
            table.add_column(column)
        for entry in sorted(entries.values(), key=lambda e: (e.code, e.id)):
            table.add_row(entry.id, f"{entry.pos.lower()} {' '.join(entry.lemmas)}", entry.code)
        Console().print(table)
        return
    if not inputs:
        raise typer.BadParameter("--coverage needs INPUTS to code")
    fired: Counter[str] = Counter()
    documents = 0
    with _progress() as progress:
        task = progress.add_task("coding", total=None)
        for item in code_documents(read_inputs(inputs, _published(published))):
            progress.advance(task)
            if isinstance(item, Document):
                documents += 1
                fired.update(event.rule for event in item.events)
    total = sum(fired.values())
    table = Table(title=f"rules firing on {documents} documents ({total} events)")
    for column in ("rule", "events", "share"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, count in fired.most_common():
        table.add_row(rule, str(count), f"{100 * count / max(1, total):.1f}%")
    Console().print(table)
    used = {rule.split(":")[-1].removesuffix("+threat") for rule in fired}
    never = sorted(entry for entry in entries if entry not in used)
    print(f"{len(entries) - len(never)} of {len(entries)} lexicon entries fired at least once")
    if unused:
        print("never fired: " + ", ".join(never))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
