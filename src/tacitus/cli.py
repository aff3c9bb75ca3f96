"""The `tacitus` command: code news text into events, store them, list them."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .actors import load_knowledge
from .config import Config, configure
from .document import Document, DocumentError
from .pipeline import code_documents
from .engines import ENGINES, engine
from .partitions import FORMATS as PARTITION_FORMATS
from .partitions import PART_SIZE, Partitions
from .readers import MAX_TEXT_CHARS, read_inputs
from .export import FLAT_EVENT, FLAT_LINK, conflicts_text, flat_event, flat_link
from .export import FORMATS as EXPORT_FORMATS
from .server import DEFAULT_MAX_BODY
from .store import BATCH_SIZE, DEFAULT_DB, Store, ingest

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


GAZETTEER_HELP = ("A GeoNames dump (allCountries.txt, cities500.txt or a country's XX.txt) whose places are "
                  "added to the built-in gazetteer; may be repeated.")


ACTORS_HELP = "A YAML file of your own actors (names, aliases, codes, dated roles); may be repeated."
DICTIONARIES_HELP = ("A directory (or file) of PETRARCH/Phoenix dictionaries (verbs, actors, agents, discards) added "
                     "to the built-in knowledge; may be repeated. See docs/PETRARCH.md.")
ONLY_DICTIONARIES_HELP = "Code with the --dictionaries alone, without the built-in actors and verb patterns."
# The knowledge options of `code` and `ingest` (config.Config).
Gazetteers = Annotated[Optional[list[Path]], typer.Option("--gazetteer", help=GAZETTEER_HELP)]
ActorFiles = Annotated[Optional[list[Path]], typer.Option("--actors", help=ACTORS_HELP)]
Dictionaries = Annotated[Optional[list[Path]], typer.Option("--dictionaries", help=DICTIONARIES_HELP)]
OnlyDictionaries = Annotated[bool, typer.Option("--only-dictionaries", help=ONLY_DICTIONARIES_HELP)]


def _configure(gazetteer: Optional[list[Path]], actors: Optional[list[Path]] = None,
               dictionaries: Optional[list[Path]] = None, only_dictionaries: bool = False) -> Config:
    """Check the knowledge files the options name, and make them this run's knowledge."""
    for option, paths in (("--gazetteer", gazetteer), ("--actors", actors), ("--dictionaries", dictionaries)):
        for path in paths or ():
            if not path.exists():
                raise typer.BadParameter(f"no such file or directory: {path}", param_hint=option)
    if only_dictionaries and not dictionaries:
        raise typer.BadParameter("--only-dictionaries needs --dictionaries", param_hint="--only-dictionaries")
    settings = Config.of(gazetteer, actors, dictionaries, only_dictionaries)
    configure(settings)
    try:  # read the actor files now, so that a malformed one stops the run before any coding
        load_knowledge()
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--actors/--dictionaries") from None
    for path in settings.dictionaries:
        _report_problems(path)
    return settings


def _report_problems(path: str, shown: int = 5) -> None:
    """How many lines of a dictionary could not be read, and the first few with file and line."""
    from .petrarch import read_dictionaries

    problems = read_dictionaries(path).problems
    if problems:
        err.print(f"[yellow]{len(problems)} dictionary lines not read (or read in part)[/yellow] in {path}:",
                  highlight=False)
        for problem in problems[:shown]:
            err.print(f"  {problem}", highlight=False, markup=False)


# Options that `code` and `ingest` share: where the coding runs, how bad input ends the run.
Inputs = Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl, .html, .parquet), directories of them, or - "
                                             "for stdin.")]
Engine = Annotated[str, typer.Option(help="Where to code: local (this process), process (a pool of --workers "
                                     "processes) or dask (the cluster at --scheduler, or a local one of --workers "
                                     "processes).")]
Workers = Annotated[Optional[int], typer.Option(min=1, help="Worker processes of --engine process, or of the local "
                                                "cluster of --engine dask (default: one per core).")]
Scheduler = Annotated[Optional[str], typer.Option(help="Address of a running Dask scheduler (tcp://host:8786) for "
                                                  "--engine dask.")]
Errors = Annotated[Optional[Path], typer.Option(help="Also write one JSON line per skipped document here.")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any document could not be coded "
                                      "(otherwise 0 once the batch finished).")]
MaxChars = Annotated[int, typer.Option(min=1, help="Longest text accepted, in characters; a longer document is "
                                       "skipped with an error.")]


def _engine(name: str, workers: Optional[int], scheduler: Optional[str]):
    """The engine the options name, its usage checked before any work starts."""
    if name not in ENGINES:
        raise typer.BadParameter(f"must be one of {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler and name != "dask":
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    if workers and (name == "local" or scheduler):
        raise typer.BadParameter("sizes a process pool or a local Dask cluster; the local engine and an existing "
                                 "cluster have their own", param_hint="--workers")
    return engine(name, workers, scheduler)


def _finish(failed: int, strict: bool) -> None:
    if strict and failed:
        raise typer.Exit(1)


@app.command("code")
def code_command(
    inputs: Inputs,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout."),
    output_dir: Optional[Path] = typer.Option(None, help="Write the events in partitions here instead: part-00000.jsonl "
                                              "(or .parquet), each with the events of --part-size documents."),
    format: str = typer.Option("jsonl", help="Format of the --output-dir partitions: jsonl or parquet (flat columns, "
                               "as `tacitus export --format parquet`)."),
    part_size: int = typer.Option(PART_SIZE, min=1, help="Documents per partition of --output-dir."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    errors: Errors = None,
    strict: Strict = False,
    max_chars: MaxChars = MAX_TEXT_CHARS,
    engine: Engine = "local",
    workers: Workers = None,
    scheduler: Scheduler = None,
    gazetteer: Gazetteers = None,
    actors: ActorFiles = None,
    dictionaries: Dictionaries = None,
    only_dictionaries: OnlyDictionaries = False,
) -> None:
    """Code documents into events, printed as JSON Lines (one event per line) or written in partitions."""
    if format not in PARTITION_FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(PARTITION_FORMATS)}", param_hint="--format")
    if output and output_dir:
        raise typer.BadParameter("give --output or --output-dir, not both", param_hint="--output-dir")
    if format != "jsonl" and not output_dir:
        raise typer.BadParameter(f"{format} output needs --output-dir", param_hint="--format")
    if output_dir and any(output_dir.glob("part-*")):
        raise typer.BadParameter(f"{output_dir} already holds partitions", param_hint="--output-dir")
    _configure(gazetteer, actors, dictionaries, only_dictionaries)
    coder = _engine(engine, workers, scheduler)
    with ExitStack() as stack:
        parts = stack.enter_context(Partitions(output_dir, format, part_size)) if output_dir else None
        out = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        errors_file = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        code = stack.enter_context(coder)
        progress = stack.enter_context(_progress())
        task = progress.add_task("coding", total=None)
        coded = failed = events = 0
        for item in code(read_inputs(inputs, _published(published), max_chars)):
            progress.advance(task)
            if isinstance(item, DocumentError):
                failed += 1
                _report(item, errors_file)
                continue
            coded += 1
            events += len(item.events)
            if parts:
                parts.write(item)
                continue
            for event in item.events:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    where = f" in {parts.parts} partitions in {output_dir}" if parts else ""
    err.print(f"{coded} documents coded, {events} events{where}, {failed} skipped", highlight=False)
    _finish(failed, strict)


@app.command("ingest")
def ingest_command(
    inputs: Inputs,
    db: Path = typer.Option(Path(DEFAULT_DB), help="DuckDB file of the store."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    errors: Errors = None,
    strict: Strict = False,
    max_chars: MaxChars = MAX_TEXT_CHARS,
    batch_size: int = typer.Option(BATCH_SIZE, min=1, help="Documents per transaction (each batch is stored and "
                                   "linked whole, or not at all)."),
    engine: Engine = "local",
    workers: Workers = None,
    scheduler: Scheduler = None,
    gazetteer: Gazetteers = None,
    actors: ActorFiles = None,
    dictionaries: Dictionaries = None,
    only_dictionaries: OnlyDictionaries = False,
) -> None:
    """Code documents, store them with their events, and link mentions of the same event.

    Unchanged documents are left as they are; an interrupted run, run again, finishes the job. With
    the process or dask engine the workers code and this process writes the store."""
    _configure(gazetteer, actors, dictionaries, only_dictionaries)
    coder = _engine(engine, workers, scheduler)
    counts = {"stored": 0, "unchanged": 0, "error": 0}
    with ExitStack() as stack:
        store = stack.enter_context(Store(db))
        errors_file = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        code = stack.enter_context(coder)
        progress = stack.enter_context(_progress())
        task = progress.add_task("ingesting", total=None)
        items = read_inputs(inputs, _published(published), max_chars)
        for status, item in ingest(store, items, batch_size=batch_size, code=code):
            progress.advance(task)
            counts[status] += 1
            if isinstance(item, DocumentError):
                _report(item, errors_file)
        total, links = store.count("events"), store.count("links")
    err.print(f"{counts['stored']} documents stored, {counts['unchanged']} unchanged, {counts['error']} skipped; "
              f"{total} events, {links} linked events in {db}", highlight=False)
    _finish(counts["error"], strict)


def _actor_cell(actor: dict | None) -> str:
    if not actor:
        return ""
    label = actor.get("text") or actor.get("name") or ""
    return f"{actor.get('code') or '?'} ({label[:28]})" if label else actor.get("code") or "?"


# The filters that `events`, `timeline` and `export` share (query.Filters).
Db = Annotated[Path, typer.Option(help="DuckDB file of the store.")]
Actor = Annotated[Optional[str], typer.Option(help="Source or target actor code, by prefix (RUS matches RUSMIL).")]
Country = Annotated[Optional[str], typer.Option(help="Source or target country (ISO 3166 alpha-3).")]
PloverType = Annotated[Optional[str], typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT, ...).")]
Cameo = Annotated[Optional[str], typer.Option(help="CAMEO event code and its children (19 matches 190, 195, 1951).")]
Since = Annotated[Optional[str], typer.Option(help="Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[Optional[str], typer.Option(help="Events on or before this date.")]
Doc = Annotated[Optional[str], typer.Option(help="Only events of this document id.")]
MinConfidence = Annotated[Optional[float], typer.Option(min=0, max=1, help="Only events at least this confident "
                                                        "(linked events: with such a mention); 0.5 keeps main events.")]
Limit = Annotated[Optional[int], typer.Option(help="At most this many records.")]


def _open_store(db: Path) -> Store:
    if not db.exists():
        err.print(f"no store at {db}: run `tacitus ingest` first")
        raise typer.Exit(2)
    return Store(db)


def _filters(actor, country, plover_type, cameo, since, until, doc, min_confidence) -> dict:
    from .query import parse_day

    for name, value, last in (("--since", since, False), ("--until", until, True)):
        try:
            parse_day(value, last)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from None
    return {"actor": actor, "country": country, "type": plover_type, "cameo": cameo, "since": since, "until": until,
            "doc_id": doc, "min_confidence": min_confidence}


def _write_csv(columns: tuple[str, ...], rows: list[dict]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])


def _outlets_cell(record: dict) -> str:
    """`Guardian ×4; TASS`: each outlet, with how many of its reports tell the event."""
    return "; ".join(o["outlet"] + (f" ×{len(o['documents'])}" if len(o["documents"]) > 1 else "")
                     for o in record["outlets"])


def _linked_table(records: list[dict], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("date", "event", "source → target", "where", "killed", "mentions", "sources", "conflicts"):
        table.add_column(column, overflow="fold")
    for r in records:
        who = f"{(r['source'] or {}).get('code') or '?'} → {(r['target'] or {}).get('code') or '?'}"
        conflicts = "; ".join(f"{name}: " + " | ".join(str(v["value"]) for v in values)
                              for name, values in r["conflicts"].items())
        table.add_row(r["date"] or "", f"{r['type']} {r['cameo']}", who, (r["location"] or {}).get("name", ""),
                      "" if r["fatalities"] is None else str(r["fatalities"]), str(r["mention_count"]),
                      _outlets_cell(r), conflicts)
    return table


@app.command("events")
def events_command(
    db: Db = Path(DEFAULT_DB), actor: Actor = None, country: Country = None, plover_type: PloverType = None,
    cameo: Cameo = None, since: Since = None, until: Until = None, doc: Doc = None,
    min_confidence: MinConfidence = None,
    linked: bool = typer.Option(False, "--linked", help="One record per linked event, with its mentions, sources, attributions "
                                "and conflicting details."),
    format: str = typer.Option("table", help="table, jsonl or csv."),
    limit: Limit = None,
) -> None:
    """List stored events (each with the link_id of the linked event it mentions), or linked events."""
    if format not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("format must be table, jsonl or csv")
    filters = _filters(actor, country, plover_type, cameo, since, until, doc, min_confidence)
    with _open_store(db) as store:
        records = store.events(linked=linked, limit=limit, **filters)
    if format == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    if format == "csv":
        _write_csv(*((FLAT_LINK, [flat_link(r) for r in records]) if linked else
                     (FLAT_EVENT, [flat_event(r) for r in records])))
        return
    console = Console(width=max(160, Console().width))
    if linked:
        console.print(_linked_table(records, f"{len(records)} linked events in {db}"))
        return
    table = Table(title=f"{len(records)} events in {db}", show_lines=False)
    for column in ("doc", "date", "CAMEO", "PLOVER", "source", "target", "where", "killed", "realis", "trigger", "link"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["doc_id"], r["date"] or "", r["cameo"], r["type"] or "", _actor_cell(r["source"]),
                      _actor_cell(r["target"]), (r["location"] or {}).get("name", ""),
                      "" if r["fatalities"] is None else str(r["fatalities"]), r["realis"],
                      r["evidence"]["trigger"]["text"], r["link_id"] or "")
    console.print(table)


@app.command("timeline")
def timeline_command(
    db: Db = Path(DEFAULT_DB), actor: Actor = None, country: Country = None, plover_type: PloverType = None,
    cameo: Cameo = None, since: Since = None, until: Until = None, doc: Doc = None,
    min_confidence: MinConfidence = None,
    min_mentions: int = typer.Option(1, help="Only linked events told at least this many times."),
    format: str = typer.Option("table", help="table or jsonl."),
    limit: Limit = None,
) -> None:
    """Linked events in date order, each with the outlets and documents that report it."""
    if format not in ("table", "jsonl"):
        raise typer.BadParameter("format must be table or jsonl")
    with _open_store(db) as store:
        records = [r for r in store.timeline(**_filters(actor, country, plover_type, cameo, since, until, doc, min_confidence))
                   if r["mention_count"] >= min_mentions][:limit]
    if format == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    Console(width=max(160, Console().width)).print(_linked_table(records, f"timeline: {len(records)} linked events"))


@app.command("export")
def export_command(
    format: str = typer.Option(..., help=f"One of {', '.join(EXPORT_FORMATS)}."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    db: Db = Path(DEFAULT_DB), actor: Actor = None, country: Country = None, plover_type: PloverType = None,
    cameo: Cameo = None, since: Since = None, until: Until = None, doc: Doc = None,
    min_confidence: MinConfidence = None,
    linked: bool = typer.Option(False, "--linked", help="One record per linked event instead of one per mention."),
) -> None:
    """Write stored events to a file: JSON Lines, CSV, Parquet, Phoenix-style CAMEO TSV, or POLECAT-style
    PLOVER JSON Lines."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(EXPORT_FORMATS)}")
    with _open_store(db) as store:
        count = store.export(output, format, linked=linked,
                             **_filters(actor, country, plover_type, cameo, since, until, doc, min_confidence))
    err.print(f"{count} {'linked events' if linked else 'events'} written to {output} ({format})", highlight=False)


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


@app.command("quotes")
def quotes_command(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .html), directories of them, or - for stdin."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
) -> None:
    """Direct quotes and their speakers, printed as JSON Lines (offsets in the cleaned text)."""
    from .pipeline import prepare
    from .quotes import quotes_of

    found = skipped = 0
    for item in read_inputs(inputs, _published(published)):
        if isinstance(item, Document):
            try:
                document_quotes = quotes_of(prepare(item))
            except DocumentError as exc:
                item = exc
        if isinstance(item, DocumentError):
            skipped += 1
            _report(item, None)
            continue
        for quote in document_quotes:
            found += 1
            sys.stdout.write(json.dumps({"doc_id": item.id, **quote.to_dict()}, ensure_ascii=False) + "\n")
    err.print(f"{found} quotes, {skipped} documents skipped", highlight=False)


@app.command("serve")
def serve_command(
    db: Db = Path(DEFAULT_DB),
    host: str = typer.Option("127.0.0.1", help="Address to listen on; the default answers this machine only."),
    port: int = typer.Option(8000, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, envvar="TACITUS_TOKEN", help="Secret that POST /api/documents "
                                        "needs as `Authorization: Bearer TOKEN` (or set TACITUS_TOKEN)."),
    max_body: int = typer.Option(DEFAULT_MAX_BODY, min=1024, help="Largest request body in bytes (413 over it)."),
) -> None:
    """Serve the JSON API (OpenAPI docs at /docs) and the web explorer over a store."""
    from .server.app import serve

    if host not in ("127.0.0.1", "localhost") and token is None:
        err.print(f"[yellow]warning[/yellow]: serving on {host} without --token: anyone who can reach it can "
                  "add documents to the store", highlight=False)
    err.print(f"Tacitus explorer for {db} at http://{host}:{port}/ (API docs at /docs)", highlight=False)
    serve(db, host=host, port=port, token=token, max_body=max_body)


@app.command("petrarch-validate")
def petrarch_validate_command(
    records: Annotated[Path, typer.Argument(help="A PETRARCH validation file (PETR.UnitTest.records.xml).",
                                            exists=True, dir_okay=False)],
    failures: Annotated[bool, typer.Option("--failures", help="List each failing record.")] = False,
) -> None:
    """Code PETRARCH's validation records with the dictionaries their <Environment> names and compare
    with the events they expect (see docs/PETRARCH.md for what passes)."""
    from .petrarch.validate import by_category, read_records, validate

    for path in read_records(records)[0]:
        _report_problems(path)
    outcomes = validate(records)
    table = Table(title=f"PETRARCH validation: {records.name}")
    for column in ("category", "passed", "records"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category, (passed, total) in by_category(outcomes).items():
        table.add_row(category, str(passed), str(total))
    Console().print(table)
    if failures:
        for outcome in outcomes:
            if not outcome.passed:
                wanted = [(e.source, e.target, e.code) for e in outcome.record.expected]
                print(f"{outcome.record.id} [{outcome.record.category}] expected "
                      f"{wanted or outcome.record.expects_nothing_because}, coded {outcome.coded}")
    passed = sum(o.passed for o in outcomes)
    exact = sum(o.exact for o in outcomes)
    print(f"{exact} of them coded nothing else")
    print(f"passed {passed} of {len(outcomes)} records ({100 * passed / max(len(outcomes), 1):.1f}%)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
