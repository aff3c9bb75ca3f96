"""PETRARCH's validation records (PETR.UnitTest.records.xml) coded by Tacitus and compared with
what they expect.

Each `<Sentence>` is coded alone, with the dictionaries the file's `<Environment>` names (and only
them), spaCy's parse (the records' `<Parse>` trees are not read) and the record's date as the
publication date. A record passes when every event it expects is among the events coded, with
the same source, target and code; a record that expects no event (`noevents`, or a story or
sentence `discard`, or an input `error`) passes when nothing is coded.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..config import Config, active, configure
from ..record import Actor, Event

ENVIRONMENT_FILES = ("Verbfile", "Actorfile", "Agentfile", "Discardfile")
# The <Config> options of a records file that Tacitus follows, with PETRARCH's defaults; a
# <Config option=... value=...> holds for the records after it.
DEFAULT_OPTIONS = {"require_dyad": "true"}
JOINED = re.compile(r"(?<=[^\W_])_(?=[^\W_])")
DICTIONARY_CODE = re.compile(r"\[([^\]]*)\]( reverse)?$")


@dataclass(frozen=True)
class Expected:
    source: str | None
    target: str | None
    code: str


@dataclass
class Record:
    id: str
    category: str
    day: date
    text: str
    expected: list[Expected]  # empty: the record expects no event
    expects_nothing_because: str | None = None  # "noevents", "storydiscard", "bad_input_parse", ...
    require_dyad: bool = True  # PETRARCH's option: an event counts only with both a source and a target


@dataclass
class Outcome:
    record: Record
    coded: list[tuple[str | None, str | None, str]]
    missing: list[Expected] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing if self.record.expected else not self.coded

    @property
    def exact(self) -> bool:
        """Passed, and coded nothing it did not expect."""
        wanted = {(e.source, e.target, e.code) for e in self.record.expected}
        return self.passed and set(self.coded) <= wanted


def read_records(path: Path) -> tuple[list[str], list[Record]]:
    """The dictionary paths the file's <Environment> names (relative to the file) and its records."""
    root = ET.parse(path).getroot()
    environment = root.find("Environment")
    dictionaries = []
    for tag in ENVIRONMENT_FILES:
        element = environment.find(tag) if environment is not None else None
        if element is not None and (element.text or "").strip():
            dictionaries.append(str((path.parent / element.text.strip()).resolve()))
    records = []
    options = dict(DEFAULT_OPTIONS)
    for sentence in root.iter():
        if sentence.tag == "Config":  # an option for the records after it
            options[sentence.get("option", "").strip()] = sentence.get("value", "").strip().lower()
            continue
        if sentence.tag != "Sentence":
            continue
        text = " ".join((sentence.findtext("Text") or "").split())
        expected, nothing = [], None
        for coding in sentence.findall("EventCoding"):
            attributes = {k.strip(): v.strip() for k, v in coding.attrib.items()}
            if "eventcode" in attributes:
                expected.append(Expected(petrarch_actor(attributes.get("sourcecode")),
                                         petrarch_actor(attributes.get("targetcode")), attributes["eventcode"]))
            else:
                nothing = "noevents" if "noevents" in attributes else attributes.get("error", "no coding")
        records.append(Record(sentence.get("id", "?"), sentence.get("category", "?"),
                              _record_day(sentence.get("date", "")), text, expected, None if expected else nothing,
                              require_dyad=options["require_dyad"] == "true"))
    return dictionaries, records


def _record_day(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def petrarch_actor(code: str | None) -> str | None:
    """A PETRARCH actor code as Tacitus writes it: `---` (no actor) is None, `---GOV` (an agent with
    no country) the bare role GOV."""
    if code is None:
        return None
    code = code.strip()
    return code.lstrip("-") or None


def event_triples(events: list[Event]) -> list[tuple[str | None, str | None, str]]:
    """(source, target, code) of coded events, the code in the dictionary's own terms where a
    dictionary pattern fired (its rule id carries it: "PETR.Validate.verbs.txt:58 [345]")."""
    return [(_code(e.source), _code(e.target), dictionary_code(e)) for e in events]


def dictionary_code(event: Event) -> str:
    found = DICTIONARY_CODE.search(event.rule or "")
    if found is None:
        return event.cameo
    forward, _, backward = found.group(1).partition(":")
    return backward if found.group(2) else forward


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


def validate(path: Path) -> list[Outcome]:
    """Code every record of the file with its environment's dictionaries alone."""
    from ..pipeline import code

    dictionaries, records = read_records(path)
    before = active()
    configure(Config.of(dictionaries=dictionaries, only_dictionaries=True))
    try:
        outcomes = []
        for record in records:
            coded = event_triples(code(record_text(record), published=record.day, doc_id=record.id))
            if record.require_dyad:
                coded = [triple for triple in coded if triple[0] and triple[1]]
            missing = [e for e in record.expected if (e.source, e.target, e.code) not in coded]
            outcomes.append(Outcome(record, coded, missing))
        return outcomes
    finally:
        configure(before)


def record_text(record: Record) -> str:
    """The record's text as prose: its `Dol_Amroth` joins a name's words as PETRARCH's dictionaries
    do, where news text has a space (the same length, so every offset stays)."""
    return JOINED.sub(" ", record.text)


def by_category(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """category -> (passed, records)."""
    passed, total = Counter(), Counter()
    for outcome in outcomes:
        total[outcome.record.category] += 1
        passed[outcome.record.category] += outcome.passed
    return {category: (passed[category], total[category]) for category in sorted(total)}
