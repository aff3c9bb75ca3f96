"""Every kind of bad document of issue 10, through `tacitus code` and `tacitus ingest`: each
gives an error record naming the document (or JSON Lines line) and the reason, on stderr and in
--errors FILE; the documents around it are coded; and ingesting the batch twice neither loses nor
duplicates anything stored."""
import json

import pytest
from spacy.tokens import Doc
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.clean import clean_text
from tacitus.document import Document, DocumentError
from tacitus.nlp import load_nlp
from tacitus.pipeline import MAX_SENTENCE_TOKENS, code_documents, code_parsed
from tacitus.store import Store

ARREST = "Police arrested 40 protesters in Nairobi on Friday."
STRIKE = "Israeli warplanes struck targets in Gaza on Tuesday, the army said."
# Short words keep 400,000 of them under the 2 MB limit, so the run itself is what is refused.
WORDS = "men ran to the big gun and shot at the old car".split()
NO_PUNCTUATION = " ".join(WORDS[i % len(WORDS)] for i in range(400_000))
FRENCH = ("Les forces gouvernementales ont bombard\u00e9 la ville dans la nuit de lundi, selon une ONG qui a fait "
          "\u00e9tat de plusieurs victimes parmi les civils.")
RUSSIAN = "\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u0438\u0435 \u0432\u043e\u0439\u0441\u043a\u0430 " \
          "\u043e\u0431\u0441\u0442\u0440\u0435\u043b\u044f\u043b\u0438 \u0433\u043e\u0440\u043e\u0434."
NESTED_PAGE = ("<html><body>" + "<div>" * 5000 + "<p>Rebels attacked an army base near Homs on Saturday.</p>"
               + "</div>" * 5000 + "</body></html>")

# (doc id or fallback id, line, what the reason says) of each bad document.
EXPECTED_ERRORS = {
    ("empty", 2): "empty text",
    ("blank", 3): "empty text",
    ("controls-only", 4): "no text left after cleaning",
    ("nul", 5): "binary content (NUL bytes)",
    ("batch.jsonl:6", 6): "malformed JSON",
    ("no-text", 7): "missing or non-string 'text'",
    ("number-text", 8): "missing or non-string 'text'",
    ("bad-date", 9): "unparsable published date 'last Tuesday'",
    ("typo-date", 10): "published date '0202-01-01' is outside the years 1800-2199",
    ("french", 11): "not English",
    ("russian", 12): "not English: mostly non-Latin script",
    ("batch.jsonl:13", 13): "invalid UTF-8",
    ("surrogate", 14): "text is not valid Unicode",
    ("one-long-sentence", 15): "a run of 400,000 words and marks without a sentence end",
    ("batch.jsonl:16", 16): "line is not a JSON object",
    ("huge", None): "text of 20,000,000 characters exceeds the limit of 2,000,000",
    ("binary", None): "binary content (NUL bytes)",
    ("junk", None): "neither UTF-8 nor Windows-1252 text (byte 0x81",
    ("empty-file", None): "empty text",
    ("nested", None): "no article text found in the HTML",
}
GOOD = {"arrest", "controls-in-text", "strike", "wire", "absurd-toll"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A directory of bad documents with good ones before, between and after them."""
    folder = tmp_path_factory.mktemp("bad-input")
    lines = [
        json.dumps({"id": "arrest", "text": ARREST, "published": "2022-07-08"}).encode(),
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "blank", "text": " \n\t\u3000 \r\n"}).encode(),
        json.dumps({"id": "controls-only", "text": "\x01\x02\x7f\u200b\x1b"}).encode(),
        json.dumps({"id": "nul", "text": "Rebels\x00 attacked a base."}).encode(),
        b'{"id": "broken", "text": "Rebels attacked',
        json.dumps({"id": "no-text", "title": "A headline alone"}).encode(),
        json.dumps({"id": "number-text", "text": 42}).encode(),
        json.dumps({"id": "bad-date", "text": ARREST, "published": "last Tuesday"}).encode(),
        json.dumps({"id": "typo-date", "text": ARREST, "published": "0202-01-01"}).encode(),
        json.dumps({"id": "french", "text": FRENCH}).encode(),
        json.dumps({"id": "russian", "text": RUSSIAN}, ensure_ascii=False).encode(),
        b'{"id": "latin-1", "text": "Rebels attacked the caf\xe9."}',  # not UTF-8: JSON must be
        json.dumps({"id": "surrogate", "text": "Rebels \ud800 attacked."}).encode(),
        json.dumps({"id": "one-long-sentence", "text": NO_PUNCTUATION}).encode(),
        json.dumps(["a", "list"]).encode(),
        # Control characters, invisible ones and odd line breaks inside good copy are dropped.
        json.dumps({"id": "controls-in-text", "text": "Police\x07 arrested 40\u200b protesters\u2028 in Nairobi"
                    "\u00a0on Friday.\x1b", "published": "2022-07-08", "title": 17}).encode(),
        json.dumps({"id": "strike", "text": STRIKE, "published": "2021-02-03"}).encode(),
        # Once stored in a 32-bit column, this figure aborted the whole ingest.
        json.dumps({"id": "absurd-toll", "text": "Rebels killed 3,000,000,000 people in the fighting."}).encode(),
    ]
    (folder / "batch.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "huge.txt").write_text("Rebels attacked the town. " * 769_230 + "Police came at dawn.", encoding="utf-8")
    assert (folder / "huge.txt").stat().st_size == 20_000_000
    assert len(NO_PUNCTUATION.split()) == 400_000 and len(NO_PUNCTUATION) < 2_000_000
    (folder / "binary.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00,")
    (folder / "junk.txt").write_bytes(b"Rebels \x81\x8d attacked \x90 the town.")
    (folder / "empty-file.txt").write_bytes(b"")
    (folder / "nested.html").write_text(NESTED_PAGE, encoding="utf-8")
    (folder / "wire.txt").write_text("Kerry on talks\n\nWASHINGTON, September 29. /TASS/. The US threatened to "
                                     "suspend talks with Russia on Syria.", encoding="utf-8")
    return folder


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def test_code_reports_every_bad_document_and_codes_the_rest(batch, tmp_path):
    errors, output = tmp_path / "errors.jsonl", tmp_path / "events.jsonl"
    result = run("code", str(batch), "--errors", str(errors), "--output", str(output), "--published", "2016-09-29")
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    found = {(r["doc_id"], r["line"]): r["error"] for r in records}
    assert set(found) == set(EXPECTED_ERRORS)
    for key, reason in EXPECTED_ERRORS.items():
        assert found[key].startswith(reason), (key, found[key])
    stderr = " ".join(result.stderr.split())  # the console wraps long lines
    for (doc_id, line), reason in EXPECTED_ERRORS.items():
        where = f" (line {line})" if line else ""
        assert f"skipped {doc_id}{where}: {reason}" in stderr
    assert f"{len(GOOD)} documents coded" in stderr and f"{len(EXPECTED_ERRORS)} skipped" in stderr
    events = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert {e["doc_id"] for e in events} == GOOD


def test_control_characters_are_dropped_and_offsets_refer_to_the_cleaned_text(batch, tmp_path):
    output = tmp_path / "events.jsonl"
    run("code", str(batch / "batch.jsonl"), "--output", str(output))
    raw = next(json.loads(line)["text"] for line in (batch / "batch.jsonl").read_text("utf-8", "replace").splitlines()
               if '"controls-in-text"' in line)
    text = clean_text(raw)
    assert text == "Police arrested 40 protesters\nin Nairobi on Friday."
    (arrest,) = [e for e in map(json.loads, output.read_text(encoding="utf-8").splitlines())
                 if e["doc_id"] == "controls-in-text"]
    assert (arrest["cameo"], arrest["date"], arrest["location"]["name"]) == ("173", "2022-07-08", "Nairobi")
    for span in (arrest["evidence"]["trigger"], arrest["source"], arrest["target"], arrest["location"]):
        assert text[span["start"]:span["end"]] == span["text"]


def snapshot(db) -> dict:
    with Store(db) as store:
        con = store.con
        return {
            "documents": con.execute("SELECT doc_id, content_hash, text FROM documents ORDER BY doc_id").fetchall(),
            "events": con.execute("SELECT event_id, record FROM events ORDER BY event_id").fetchall(),
            "actors": con.execute("SELECT * FROM actors ORDER BY ALL").fetchall(),
            "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
            "links": con.execute("SELECT link_id, record FROM links ORDER BY link_id").fetchall(),
        }


def test_ingesting_a_batch_with_bad_documents_twice_loses_and_duplicates_nothing(batch, tmp_path):
    db = tmp_path / "store.duckdb"
    # Two documents a transaction: bad documents fall between and inside the batches.
    first = run("ingest", str(batch), "--db", str(db), "--batch-size", "2", "--published", "2016-09-29")
    summary = f"{len(GOOD)} documents stored, 0 unchanged, {len(EXPECTED_ERRORS)} skipped"
    assert summary in " ".join(first.stderr.split())
    stored = snapshot(db)
    assert {row[0] for row in stored["documents"]} == GOOD
    assert stored["events"] and len({row[0] for row in stored["events"]}) == len(stored["events"])
    tolls = [json.loads(record)["fatalities"] for _, record in stored["events"] if '"absurd-toll"' in record]
    assert tolls and tolls == [None] * len(tolls)
    second = run("ingest", str(batch), "--db", str(db), "--batch-size", "2", "--published", "2016-09-29",
                 "--errors", str(tmp_path / "errors.jsonl"))
    summary = f"0 documents stored, {len(GOOD)} unchanged, {len(EXPECTED_ERRORS)} skipped"
    assert summary in " ".join(second.stderr.split())
    assert len((tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == len(EXPECTED_ERRORS)
    assert snapshot(db) == stored


def test_a_sentence_the_parser_makes_too_long_is_an_error():
    # The text check in prepare() reads sentence ends; here the parse itself holds the long sentence.
    nlp = load_nlp()
    words = ["rebels", "attacked"] * MAX_SENTENCE_TOKENS
    document = Document("long", " ".join(words))
    document.spacy_doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    with pytest.raises(DocumentError, match="a sentence of 2,000 tokens"):
        code_parsed(document)


def test_documents_made_in_python_over_the_parser_limit_are_errors(monkeypatch):
    # Documents built in Python skip the reader and its limit; spaCy would raise for the whole batch.
    monkeypatch.setattr(load_nlp(), "max_length", 1_000)
    items = list(code_documents([Document("long", ARREST * 30), Document("short", ARREST)]))
    assert isinstance(items[0], DocumentError) and "exceeds the parser's limit of 1,000" in items[0].reason
    assert isinstance(items[1], Document) and items[1].events
