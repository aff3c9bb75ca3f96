"""Property tests (Hypothesis): whatever text comes in, readers, date resolution, casualty figures
and the per-document function either give well-formed results or a DocumentError, never
another exception; every offset in an event points into the cleaned text at the words it names,
and every record keeps the event record contract of DESIGN.md (record.py).

The per-document tests run the spaCy pipeline, so they draw few examples; news-like text built
from the words the coder reacts to (actors, event verbs, dates, places, figures, quotes, markup,
control characters) reaches far deeper into it than random code points do.
"""
import json
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tacitus.casualties import MAX_COUNT, parse_number
from tacitus.clean import clean_text
from tacitus.dates import WEEKDAYS, resolve
from tacitus.document import Document, DocumentError
from tacitus.ontology import PLOVER_TYPES, codebook, plover_modes
from tacitus.pipeline import code, code_documents
from tacitus.readers import MAX_TEXT_CHARS, PUBLISHED_YEARS, SURROGATE, read_jsonl_lines, read_text

# No example database: it would be written into the work tree; a failure prints its example.
FAST = settings(max_examples=200, deadline=None, database=None)
SLOW = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Every code point, lone surrogates included (a JSON string can hold one; Hypothesis leaves them
# out unless asked).
ANY_CHAR = st.characters(exclude_categories=())
PUBLISHED = st.dates(min_value=date(PUBLISHED_YEARS.start, 1, 1), max_value=date(PUBLISHED_YEARS.stop - 1, 12, 31))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ("id", "text", "title", "published", "source", "url")

ACTORS = ["Rebels", "Police", "Russian troops", "The UN", "Israeli warplanes", "Kerry", "He", "They",
          "The Syrian army", "Islamic State", "NATO", "Protesters", "The government", "Lavrov", "Moscow",
          "The US-led coalition", "The defence ministry", "Ban Ki-moon", "Hezbollah", "Civilians", "A convoy"]
VERBS = ["attacked", "killed", "arrested", "met", "shelled", "condemned", "threatened to suspend talks with",
         "bombed", "did not launch an attack on", "agreed to provide aid to", "said", "wounded", "opened fire on",
         "accused", "called off talks with", "was killed by", "were injured by", "launched an air raid on",
         "shot dead", "will meet", "denied attacking", "sanctioned", "protested against", "expelled"]
ARGUMENTS = [
    "in Idlib", "near Homs", "in Deir ez-Zor", "in Nairobi", "in Tripoli", "at Al-Tanf", "in Dayr az Zawr",
    "on Monday", "last Thursday", "yesterday", "on March 5", "in 2014", "last week", "three days ago",
    "on 31 February", "on Sept. 17, 2016", "in the autumn of 2015", "on Friday", "2016-02-30", "next week",
    "killing 12", "killing at least 25 soldiers", "leaving twenty-two dead", "3,000,000,000 people were killed",
    "\u00b2 soldiers died", "\u2460 wounded", "dozens of people were injured", "killing a child", "9" * 40 + " dead",
    "according to the ministry", "the ministry said", "a monitoring group said",
]
# What copy carries besides words: quotes, markup, control and invisible characters, odd scripts.
NOISE = [
    ".", ",", ";", ":", "\"", "\u201c", "\u201d", "\u00ab", "\u00bb", "\n", "\n\n", "\x00", "\x07", "\u200b",
    "\u00ad", "\u00a0", "\t", "\r\n", "\u2028", "<p>", "</p>", "<div>", "<br>", "&amp;", "<html>", "\u2014",
    "(AP) --", "WASHINGTON, September 29. /TASS/.", "\ufeff", "\ud800", "\U0001f600",
    "\u0627\u0644\u0642\u062f\u0633", "\"We will not give up,\"", "\u201cthe talks are over\u201d",
]
SENTENCE = st.builds(
    lambda actor, verb, target, arguments, end: " ".join([actor, verb, target.lower(), *arguments]) + end,
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(ACTORS), st.lists(st.sampled_from(ARGUMENTS),
    max_size=3), st.sampled_from([".", ",", "", "!", "?\n\n", ".\n", ":", "\""]),
)
NEWS_TEXT = st.lists(
    st.tuples(SENTENCE | st.sampled_from(ACTORS + VERBS + ARGUMENTS + NOISE) | st.text(ANY_CHAR, max_size=3),
              st.sampled_from([" ", "", ", ", "\n", " \n\n"])),
    min_size=1, max_size=12,
).map(lambda parts: "".join(piece + gap for piece, gap in parts))

RECORD_KEYS = {
    "event_id", "link_id", "doc_id", "sentence_index", "evidence", "type", "mode", "context", "cameo", "quad_class",
    "penta_class", "goldstein", "source", "target", "date", "date_precision", "location", "fatalities", "injuries",
    "attributed_to", "realis", "confidence", "ontology_version", "coder_version",
}
ACTOR_KEYS = {"text", "start", "end", "name", "code", "country", "role"}
LOCATION_KEYS = {"text", "start", "end", "name", "country", "admin1", "lat", "lon", "geonameid", "precision"}
CONTEXTS = {c for entry in codebook().values() for c in entry.plover_context}


def utf8(value) -> bytes:
    """Encoded as the CLI writes records and error lines: fails on what no UTF-8 file can hold."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def check_span(span: dict, text: str) -> None:
    assert 0 <= span["start"] < span["end"] <= len(text), span
    assert text[span["start"]:span["end"]] == span["text"], (span, text[span["start"]:span["end"]])


def check_actor(actor: dict | None, text: str) -> None:
    if actor is None:
        return
    assert set(actor) - {"reciprocal"} == ACTOR_KEYS and actor.get("reciprocal", True) is True, actor
    check_span(actor, text)
    assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"]), actor
    for key in ("name", "code", "role"):
        assert actor[key] is None or isinstance(actor[key], str), actor


def check_date(record: dict, published: date | None) -> None:
    value, precision = record["date"], record["date_precision"]
    assert (value is None) == (precision is None), record
    if value is None:
        return
    assert precision in ("day", "month", "year", "publication"), record
    check_resolved(value, "day" if precision == "publication" else precision)
    if precision == "publication" and published is not None:
        assert value == published.isoformat(), record


def check_resolved(value: str, precision: str) -> None:
    """A date value is a real calendar date, month or year, written as its precision says."""
    if precision == "day":
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", value) and date.fromisoformat(value), value
    elif precision == "month":
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) and value[:4] != "0000", value
    else:
        assert precision == "year" and re.fullmatch(r"\d{4}", value) and value != "0000", value


def check_record(record: dict, text: str, doc_id: str, published: date | None) -> None:
    """The event record contract (DESIGN.md, record.py), with every offset inside `text`."""
    assert set(record) == RECORD_KEYS, set(record) ^ RECORD_KEYS
    utf8(record)
    assert re.fullmatch(r"[0-9a-f]{20}", record["event_id"]) and record["link_id"] is None
    assert record["doc_id"] == doc_id
    assert isinstance(record["sentence_index"], int) and record["sentence_index"] >= 0
    evidence = record["evidence"]
    assert set(evidence) == {"start", "end", "trigger", "rule"} and isinstance(evidence["rule"], str)
    assert 0 <= evidence["start"] < evidence["end"] <= len(text), evidence
    check_span(evidence["trigger"], text)
    assert evidence["start"] <= evidence["trigger"]["start"] < evidence["trigger"]["end"] <= evidence["end"], evidence
    entry = codebook()[record["cameo"]]
    assert (record["quad_class"], record["penta_class"], record["goldstein"]) == \
        (entry.quad_class, entry.penta_class, entry.goldstein), record
    assert record["type"] is None or record["type"] in PLOVER_TYPES, record
    assert record["mode"] is None or (record["type"], record["mode"]) in plover_modes(), record
    assert isinstance(record["context"], list) and set(record["context"]) <= CONTEXTS, record
    for role in ("source", "target", "attributed_to"):
        check_actor(record[role], text)
    check_date(record, published)
    location = record["location"]
    if location is not None:
        assert set(location) == LOCATION_KEYS and location["precision"] in ("point", "city", "admin1", "country")
        check_span(location, text)
        assert location["lat"] is None or -90 <= location["lat"] <= 90, location
        assert location["lon"] is None or -180 <= location["lon"] <= 180, location
    for toll in ("fatalities", "injuries"):
        assert record[toll] is None or (isinstance(record[toll], int) and 0 <= record[toll] <= MAX_COUNT), record
    assert record["realis"] in ("asserted", "alleged", "threatened", "hypothetical", "negated"), record
    assert isinstance(record["confidence"], float) and 0 <= record["confidence"] <= 1, record
    assert isinstance(record["ontology_version"], str) and isinstance(record["coder_version"], str)


def check_error(error: DocumentError, doc_id: str | None = None) -> None:
    assert isinstance(error.reason, str) and error.reason
    utf8(error.to_dict())
    if doc_id is not None:
        assert error.doc_id == doc_id


# -- readers --------------------------------------------------------------------------------------


def check_document(document: Document) -> None:
    utf8([document.id, document.title, document.source, document.url, document.text])
    assert document.text.strip() and "\x00" not in document.text and len(document.text) <= MAX_TEXT_CHARS
    assert document.published is None or document.published.year in PUBLISHED_YEARS
    assert re.fullmatch(r"[0-9a-f]{64}", document.content_hash)


@FAST
@given(st.lists(st.text(ANY_CHAR, max_size=30) | st.dictionaries(
    st.sampled_from(FIELDS), JSON_VALUES | PUBLISHED.map(date.isoformat)).map(json.dumps), max_size=8))
def test_every_jsonl_line_gives_one_document_or_error_with_its_line_number(lines):
    items = list(read_jsonl_lines(iter(lines), "fuzz.jsonl", None))
    numbers = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(items) == len(numbers)
    for number, item in zip(numbers, items):
        if isinstance(item, DocumentError):
            check_error(item)
            assert item.line == number
        else:
            check_document(item)


@FAST
@given(st.text(ANY_CHAR, min_size=1), st.text(ANY_CHAR, max_size=10), PUBLISHED | st.none(), JSON_VALUES)
def test_a_valid_jsonl_record_is_read_as_it_is(text, doc_id, published, title):
    record = {"id": doc_id, "text": text, "title": title, "published": published and published.isoformat()}
    (item,) = read_jsonl_lines(iter([json.dumps(record)]), "fuzz.jsonl", None)
    valid = text.strip() and "\x00" not in text and not SURROGATE.search(text)
    if not valid:
        assert isinstance(item, DocumentError) and item.line == 1
        return
    check_document(item)
    assert item.text == text and item.published == published
    assert item.id == (SURROGATE.sub("\ufffd", doc_id) if doc_id else "fuzz.jsonl:1")


@FAST
@given(st.binary(max_size=300) | st.text(ANY_CHAR.filter(lambda c: not "\ud800" <= c <= "\udfff")).map(str.encode))
def test_any_bytes_read_as_a_text_file_give_a_document_or_an_error(raw):
    try:
        document = read_text(raw, "fuzz", None)
    except DocumentError as error:
        check_error(error, "fuzz")
        return
    check_document(document)
    try:
        assert document.text == raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert document.text == raw.decode("cp1252")  # the documented fallback for old wire copy


# -- date resolution ------------------------------------------------------------------------------

MONTHS = "January February March April May June July August September October November December".split()
EXPRESSIONS = st.one_of(
    st.text(ANY_CHAR, max_size=20),
    st.builds(lambda lead, day, month, year: f"{lead}{day} {month}{year}", st.sampled_from(["", "on ", "late on "]),
              st.integers(0, 40), st.sampled_from(MONTHS + ["Sept.", "Feb", "MARCH"]),
              st.sampled_from(["", " 2016", ", 1999", " 2099"])),
    st.builds(lambda lead, name, tail: f"{lead}{name}{tail}",
              st.sampled_from(["", "on ", "last ", "next ", "this ", "in ", "early ", "the end of ", "since "]),
              st.sampled_from(WEEKDAYS + MONTHS + ["spring", "autumn", "week", "month", "year", "2014"]),
              st.sampled_from(["", " 2015", " of 2019", " morning", " night"])),
    st.sampled_from(["yesterday", "today", "tonight", "tomorrow", "last night", "three days ago", "a fortnight ago",
                     "the day before yesterday", "earlier this month", "2016-02-29", "2015-02-29", "0000-01-01"]),
)


@FAST
@given(EXPRESSIONS, PUBLISHED, st.booleans())
def test_date_resolution_gives_a_real_date_of_its_precision_or_nothing(expression, published, future):
    resolved = resolve(expression, published, future)
    if resolved is not None:
        value, precision = resolved
        check_resolved(value, precision)


@FAST
@given(PUBLISHED, st.sampled_from(WEEKDAYS), st.sampled_from(["on ", "", "late on "]))
def test_a_bare_weekday_is_the_last_such_day_up_to_publication(published, weekday, lead):
    value, precision = resolve(f"{lead}{weekday.title()}", published)
    day = date.fromisoformat(value)
    assert precision == "day" and day.weekday() == WEEKDAYS.index(weekday)
    assert timedelta(0) <= published - day < timedelta(days=7)
    last = date.fromisoformat(resolve(f"last {weekday.title()}", published)[0])
    assert timedelta(days=1) <= published - last <= timedelta(days=7)


@FAST
@given(st.integers(1, 12), st.integers(1, 31), st.integers(1900, 2099), PUBLISHED)
def test_a_full_calendar_date_is_that_day_or_nothing(month, day, year, published):
    try:
        expected = date(year, month, day).isoformat()
    except ValueError:
        expected = None  # 31 April, 29 February of a common year: no such day
    resolved = resolve(f"{MONTHS[month - 1]} {day}, {year}", published)
    assert (resolved and resolved[0]) == expected and (resolved is None or resolved[1] == "day")


# -- casualty figures -----------------------------------------------------------------------------

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    """English words for 0 <= n < 10**9, as reports spell them ("two hundred and five")."""
    if n < 20:
        return UNITS[n]
    if n < 100:
        return TENS[n // 10] + ("-" + UNITS[n % 10] if n % 10 else "")
    if n < 1000:
        return UNITS[n // 100] + " hundred" + (" and " + in_words(n % 100) if n % 100 else "")
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            return in_words(n // size) + " " + name + (" " + in_words(n % size) if n % size else "")
    raise AssertionError(n)


@FAST
@given(st.text(ANY_CHAR, max_size=30))
@example("\u00b2")  # isdigit() but not int()
@example("\u2460")
@example("9" * 5000)  # over int()'s 4,300 digits
@example("two \u00b2")
def test_parse_number_reads_anything_without_failing(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@FAST
@given(st.integers(0, 10**9 - 1))
def test_parse_number_reads_figures_in_digits_and_in_words(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(in_words(n)) == n


# -- the per-document function --------------------------------------------------------------------


@SLOW
@given(st.lists(st.tuples(NEWS_TEXT | st.text(ANY_CHAR, max_size=60), PUBLISHED | st.none()), min_size=1, max_size=6))
def test_code_documents_gives_each_document_valid_events_or_an_error(inputs):
    # A Document hashes its UTF-8 text: lone surrogates are refused before one is made (the readers' test).
    documents = [Document(f"doc-{n}", text, published=published) for n, (text, published) in enumerate(inputs)
                 if not SURROGATE.search(text)]
    cleaned = {d.id: clean_text(d.text) for d in documents}
    published = {d.id: d.published for d in documents}
    results = list(code_documents(iter(documents)))
    assert [getattr(r, "id", None) or r.doc_id for r in results] == [d.id for d in documents]
    for item in results:
        if isinstance(item, DocumentError):
            check_error(item)
            continue
        assert item.text == cleaned[item.id]
        for event in item.events:
            assert item.text[event.sentence.start:event.sentence.end] == event.sentence.text
            check_record(event.to_dict(), item.text, item.id, published[item.id])


@SLOW
@given(NEWS_TEXT | st.text(ANY_CHAR, max_size=80), PUBLISHED | st.none())
def test_code_raises_nothing_but_a_document_error_for_any_string(text, published):
    try:
        events = code(text, published=published, doc_id="fuzz")
    except DocumentError as error:
        check_error(error, "fuzz")
        return
    for event in events:
        check_record(event.to_dict(), clean_text(text), "fuzz", published)
