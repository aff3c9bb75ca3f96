import json

from typer.testing import CliRunner

from tacitus import code
from tacitus.cli import app
from tacitus.clean import clean_text, find_dateline
from tacitus.store import Store

TEXT = """Rebels attack army base

DAMASCUS, March 3, 2019. Rebels attacked an army base near Homs on Saturday, killing four soldiers,
the Syrian defence ministry said.

The United Nations condemned the attack and called for restraint.
"""


def test_offsets_point_at_the_text():
    events = code(TEXT, doc_id="t")
    assert events
    for event in (e.to_dict() for e in events):
        ev = event["evidence"]
        trigger = ev["trigger"]
        assert TEXT[trigger["start"]:trigger["end"]] == trigger["text"]
        assert ev["start"] <= trigger["start"] < trigger["end"] <= ev["end"]
        for role in ("source", "target", "attributed_to"):
            actor = event[role]
            if actor:
                assert TEXT[actor["start"]:actor["end"]] == actor["text"]


def test_dateline_gives_publication_date_and_event_fields():
    events = [e.to_dict() for e in code(TEXT, doc_id="t")]
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["date"] == "2019-03-02" and attack["date_precision"] == "day"  # the Saturday before
    assert attack["source"]["role"] == "REB"
    assert attack["target"]["code"] == "SYRMIL"
    assert attack["fatalities"] == 4
    assert attack["location"]["name"] == "Homs"
    assert attack["attributed_to"]["code"] == "SYRMIL"
    condemn = next(e for e in events if e["cameo"] == "111")
    assert condemn["source"]["code"] == "IGOUNO"
    assert condemn["date_precision"] == "publication" and condemn["date"] == "2019-03-03"


def test_event_ids_are_stable():
    first = [e.event_id for e in code(TEXT, doc_id="t")]
    assert first == [e.event_id for e in code(TEXT, doc_id="t")]
    assert len(set(first)) == len(first)


def test_reporting_only_sentence_is_a_statement():
    events = [e.to_dict() for e in code("The French foreign ministry said on Monday that it was following the situation.",
                                        published="2020-05-06")]
    assert [(e["cameo"], e["source"]["code"]) for e in events] == [("010", "FRAGOV")]


def test_threat_codes_as_threaten_with_the_actions_mode():
    events = [e.to_dict() for e in code("Iran threatened to suspend talks with the IAEA.", published="2020-05-06")]
    threat = next(e for e in events if e["type"] == "THREATEN")
    assert threat["cameo"] == "134" and threat["target"]["code"] == "IGOUNOIAE"
    assert not any(e["cameo"] == "164" for e in events)


def test_negation_and_allegation():
    negated = [e.to_dict() for e in code("Turkish troops did not attack the Kurdish fighters.", published="2020-01-01")]
    assert negated and negated[0]["realis"] == "negated"
    alleged = [e.to_dict() for e in code("Government forces allegedly shelled the rebel town.", published="2020-01-01")]
    assert alleged and alleged[0]["realis"] == "alleged"


def test_cleaning_repairs_mojibake_and_html():
    assert clean_text("Lavrovâ€™s talks") == "Lavrov\u2019s talks"
    text = clean_text("<html><body><p>Police arrested <b>ten</b> protesters in Lagos.</p></body></html>")
    assert "Police arrested ten protesters" in text and "<" not in text
    assert find_dateline("Title\n\nWASHINGTON, September 29. /TASS/. The US", None)[0] == "Washington"


def test_cli_code_and_ingest(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + "{broken\n")
    runner = CliRunner()
    out = tmp_path / "events.jsonl"
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["code", str(source), "--output", str(out), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and {r["doc_id"] for r in records} == {"a"}
    assert json.loads(errors.read_text())["line"] == 2

    db = tmp_path / "store.duckdb"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        first = (store.count("documents"), store.count("events"))
    result = runner.invoke(app, ["ingest", str(source), "--db", str(db)])
    assert "1 unchanged" in result.output
    with Store(db) as store:
        assert (store.count("documents"), store.count("events")) == first == (1, len(records))
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert sorted(json.loads(l)["event_id"] for l in listed.stdout.splitlines()) == sorted(r["event_id"] for r in records)


def test_stdin_text(tmp_path):
    result = CliRunner().invoke(app, ["code", "-", "--published", "2021-02-03"],
                                input="Israeli warplanes struck targets in Gaza on Tuesday.\n")
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout.splitlines()[0])
    assert event["cameo"] == "190" and event["source"]["code"] == "ISRMIL" and event["date"] == "2021-02-02"


def test_rules_lists_the_lexicon_and_reports_coverage(tmp_path):
    sample = tmp_path / "a.txt"
    sample.write_text("Police fired tear gas at protesters in Nairobi on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and "lexicon entries" in listing.output
    result = runner.invoke(app, ["rules", "--coverage", "--unused", str(sample)])
    assert result.exit_code == 0, result.output
    fired = int(result.output.split(" of ")[0].split()[-1])
    assert fired >= 1 and "never fired:" in result.output
