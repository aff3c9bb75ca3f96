import json

from typer.testing import CliRunner

import tacitus
from tacitus.cli import app

REPORT = """Rebels shelled the town of Saraqib on Monday.

"We will keep fighting until the last village is free," said Abu Mohammed, a rebel commander.

The Turkish defence ministry said: "Our forces shot down a drone over Idlib and will answer any attack."

“It is one of those moments where we are going to have to pursue other alternatives,” he added.

Planes of the so-called "anti-terror coalition" were seen over the town."""


def test_quotes_with_offsets_and_speakers():
    quotes = tacitus.quotes(REPORT, published="2020-03-03")
    assert [q.text for q in quotes] == [
        "We will keep fighting until the last village is free,",
        "Our forces shot down a drone over Idlib and will answer any attack.",
        "It is one of those moments where we are going to have to pursue other alternatives,",
    ]  # a quoted three-word name is not speech
    for quote in quotes:
        assert REPORT[quote.start:quote.end] == quote.text
    first, second, third = quotes
    assert (first.speaker.name, first.speaker.role, first.verb) == ("Abu Mohammed", "REB", "said")
    assert (second.speaker.code, second.verb) == ("TURMIL", "said")
    assert third.verb == "added" and third.speaker.text == "he" and third.speaker.name == "Abu Mohammed"


def test_events_in_a_quote_are_attributed_to_its_speaker():
    events = [e.to_dict() for e in tacitus.code(REPORT, published="2020-03-03")]
    downing = next(e for e in events if e["evidence"]["trigger"]["text"].startswith("shot"))
    assert downing["attributed_to"]["code"] == "TURMIL"


def test_attribution_by_reporting_verbs():
    said = [e.to_dict() for e in tacitus.code(
        "Rebels attacked an army base near Homs, killing four soldiers, the Syrian defence ministry said.",
        published="2019-03-03")]
    assert next(e for e in said if e["type"] == "ASSAULT")["attributed_to"]["code"] == "SYRMIL"
    according = [e.to_dict() for e in tacitus.code(
        "According to the United Nations, government forces shelled a hospital in Idlib.", published="2019-03-03")]
    assert next(e for e in according if e["type"] == "ASSAULT")["attributed_to"]["code"] == "IGOUNO"


def test_cli_prints_quotes_as_json_lines(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(source), "--published", "2020-03-03"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 3 and {line["doc_id"] for line in lines} == {"report"}
    assert lines[1]["speaker"]["code"] == "TURMIL" and lines[1]["start"] < lines[1]["end"]
