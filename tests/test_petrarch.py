"""PETRARCH/TABARI dictionaries: reading them, coding with them, and PETRARCH's own validation records."""
import importlib.util
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, shared_path
from tacitus.config import Config, active, configure
from tacitus.petrarch import read_dictionaries
from tacitus.petrarch.validate import validate

VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

--- ABANDON  [161]  ---
ABANDON    # a comment
- * DIPLOMATIC TIES [1623]
- * &TIETYPES TIES [163]
- NOT_* [---]

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN}

--- VISIT [042:043] ---
VISIT
- ( AT THE BORDER [042]
WALK {[walks]

--- FREE [084] ---
FREE
- + * FROM $ [0841]

--- CELEBRATE [181] ---
CELEBRATE
- * EID AT ^ WITH + [043]

--- CRITICIZE [121] ---
CRITICIZE

--- ACT [100] ---
ACT
- INDICATED WOULD * NOW [101]

--- DELAY [120] ---
DELAY
- % HAVE * [191]
"""

ACTORS = """\
ARNOR_ [ARN]
+ARNORIAN
GONDOR [GON]
+MINAS_TIRITH
WHITE_TOWER [GONGOV]
GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB]
BOROMIR [GON 1995-01]
ROHAN [ROH]
THE_SHIRE [FRO/BIL/SAM]
GONZO_GMO [GONGMO]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
CONGRESS!PERSON! [~LEG]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
FOREIGN_MINISTER [GOV]
MSF {} [NGO~]
MEDIA {} [~MED]
GOVERNMENT [~GOV]
HUMAN_RIGHTS_ACTIVIST [~OPP]
"""

DISCARDS = """\
+TYPHOON
BASEBALL
"""


@pytest.fixture
def dictionaries(tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "Test.verbs.txt").write_text(VERBS)
    (folder / "Test.actors.txt").write_text(ACTORS)
    (folder / "Test.agents.txt").write_text(AGENTS)
    (folder / "Test.discards.txt").write_text(DISCARDS)
    return folder


@pytest.fixture
def only(dictionaries):
    before = active()
    configure(Config.of(dictionaries=[dictionaries], only_dictionaries=True))
    yield
    configure(before)


def triples(text, published=date(2000, 1, 1)):
    from tacitus import code

    return {(e.source and e.source.code, e.target and e.target.code, e.cameo) for e in code(text, published=published)}


def test_malformed_lines_are_reported_with_file_and_line(dictionaries):
    problems = [str(p) for p in read_dictionaries(str(dictionaries)).problems]
    assert "Test.verbs.txt:17: a pattern needs one `*` (the verb): 'AT THE BORDER'" in problems
    assert "Test.verbs.txt:18: [walks] is not a CAMEO code; skipped" in problems
    assert "Test.actors.txt:11: cannot read date restriction '1995-01'" in problems
    assert "Test.agents.txt:5: cannot read agent line (a phrase and one [~CODE]): 'FOREIGN_MINISTER [GOV]'" in problems
    assert any(p.startswith("Test.verbs.txt:12: code 1717 is not in the CAMEO codebook; coded 171") for p in problems)


def test_verb_forms_multiword_verbs_and_codes(dictionaries):
    entries = [e for e in read_dictionaries(str(dictionaries)).entries]
    abandon = [e for e in entries if e.lemmas == ("abandon",)]
    assert {e.code for e in abandon} == {"161", "1623", "163", ""}  # "---" matches and codes nothing
    assert {"abandoned", "abandoning", "abandons"} <= abandon[0].forms
    broke_down = next(e for e in entries if e.lemmas == ("break",) and e.pattern is not None)
    assert "broke" in broke_down.forms and broke_down.code == "171"
    visit = next(e for e in entries if e.lemmas == ("visit",))
    assert (visit.code, visit.reverse_code) == ("042", "043")


def test_dated_codes_hold_on_their_own_days(dictionaries):
    actors = read_dictionaries(str(dictionaries)).actors
    gollum = sorted((k.valid[0] or date.min, k.country, k.role) for alias, k in actors if alias == "Gollum")
    assert gollum == [(date.min, "HOB", None), (date(1995, 6, 1), "HOB", "GOV"), (date(1999, 8, 16), "HOB", "REB")]
    assert ("Smeagol", "HOB") in {(alias, k.country) for alias, k in actors}
    assert ("Minas Tirith", "GON") in {(alias, k.country) for alias, k in actors}
    tower = next(k for alias, k in actors if alias == "White Tower")
    assert (tower.country, tower.role) == ("GON", "GOV")


def test_agent_phrases_become_role_lemmas(dictionaries):
    roles = dict(read_dictionaries(str(dictionaries)).roles)
    assert roles[("police",)][0] == "COP"
    assert roles[("congressman",)][0] == roles[("congressmen",)][0] == roles[("congresswoman",)][0] == "LEG"
    assert roles[("golden", "geese")][0] == "GGS"


def test_coding_with_dictionaries_alone(only):
    assert ("ARN", "GON", "1623") in triples("Arnor abandoned diplomatic ties with Gondor on Monday.")
    assert ("ARN", "GON", "163") in triples("Arnor abandoned economic ties with Gondor on Monday.")
    assert ("ARN", "GON", "161") in triples("Arnor abandoned cultural ties with Gondor on Monday.")
    assert triples("Arnor did not abandon cultural ties with Gondor.") == set()  # NOT_* [---] codes nothing
    # the target is the verb phrase's first actor; a compound actor gives one event per member
    assert triples("Arnor and Gondor abandoned an accord made by Smeagol.", date(1996, 1, 1)) >= {
        ("ARN", "HOBGOV", "161"), ("GON", "HOBGOV", "161")}
    # 042:043: the visit and its receiving
    assert {("ARN", "GON", "042"), ("GON", "ARN", "043")} <= triples("Arnor visited Gondor.")
    assert ("GONCOP", "ARN", "042") in triples("Gondor police visited Arnor.")


def test_discards(only):
    assert triples("Arnor visited Gondor after the typhoon. Gondor visited Arnor.") == set()
    assert triples("Arnor visited Gondor for baseball. Gondor visited Arnor.") == {
        ("GON", "ARN", "042"), ("ARN", "GON", "043")}


RECORDS = """<Validation>
<Environment>
    <Verbfile>dicts/Test.verbs.txt</Verbfile>
    <Actorfile>dicts/Test.actors.txt</Actorfile>
</Environment>
<Sentences>
<Sentence date="19960101" id="A-1" category="A" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="1623"></EventCoding>
<Text>Arnor abandoned diplomatic ties with Gondor.</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Sentence date="19960101" id="A-2" category="A" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="043"></EventCoding>
<Text>Arnor visited Gondor.</Text>
</Sentence>
<Sentence date="19960101" id="B-1" category="B" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor abandoned diplomatic ties with Gondor.</Text>
</Sentence>
<Sentence date="19960101" id="B-2" category="B" sentence="true">
<EventCoding sourcecode="---GOV" targetcode="---" eventcode="1623"></EventCoding>
<Text>Officials abandoned diplomatic ties.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_validate_records(dictionaries):
    path = dictionaries.parent / "records.xml"
    path.write_text(RECORDS)
    outcomes = {o.record.id: o for o in validate(path)}
    assert outcomes["A-1"].passed and outcomes["A-1"].exact
    assert outcomes["A-2"].passed
    assert not outcomes["B-1"].passed  # expects nothing, codes the event
    assert outcomes["B-2"].record.expected[0].source == "GOV" and outcomes["B-2"].record.expected[0].target is None

    from tacitus.cli import app

    result = CliRunner().invoke(app, ["petrarch-validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "passed 2 of 4 records (50.0%)"


def test_unit_test_records():
    """PETRARCH's own unit tests. The issue's target was 90%; this holds the measured rate."""
    outcomes = validate(shared_path("reference", "petrarch2", "PETR.UnitTest.records.xml"))
    assert len(outcomes) == 284
    assert sum(o.passed for o in outcomes) / len(outcomes) >= 0.90


def _benchmark():
    spec = importlib.util.spec_from_file_location("petrarch_benchmark",
                                                  Path(__file__).resolve().parents[1] / "benchmarks" / "petrarch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeds_code_as_well_with_the_phoenix_dictionaries():
    seeds, dictionaries = shared_path("seeds"), shared_path("reference", "petrarch2")
    benchmark = _benchmark()
    without = benchmark.seed_checks(benchmark.code_seeds(seeds, Config()))
    with_them = benchmark.seed_checks(benchmark.code_seeds(seeds, Config.of(dictionaries=[dictionaries])))
    assert sum(with_them.values()) >= sum(without.values())
    assert [name for name, found in without.items() if found and not with_them[name]] == []


def test_patterns_place_their_actors(only):
    # `+ * FROM $`: the target stands before the verb, the source after FROM
    assert ("ARN", "GON", "0841") in triples("Gondor was freed from Arnor.")
    # `^` passes over a phrase: the target is after WITH, not the place after AT
    coded = triples("Arnor celebrated Eid at Gondor with Rohan.")
    assert ("ARN", "ROH", "043") in coded and ("ARN", "GON", "043") not in coded
    # a passive with no "by" agent reads as written, its target the first actor in its phrase
    assert ("ARN", "GON", "121") in triples("Arnor was criticized over its dispute with Gondor.")


def test_modal_named_by_a_pattern_is_coded_and_a_pronoun_takes_the_subject_above(only):
    assert ("ARN", "GON", "101") in triples("Arnor indicated that it would act now toward Gondor.")
    assert triples("Arnor would act against Gondor.") == set()  # no pattern names the modal: hypothetical


def test_compound_subjects_act_on_each_other(only):
    # `%`, and a compound source with no target: each member with each
    expected = {("ARN", "GON", "191"), ("GON", "ARN", "191")}
    assert expected <= triples("Arnor and Gondor have delayed their meeting.")
    assert {("ARN", "GON", "1623"), ("GON", "ARN", "1623")} <= triples("Arnor and Gondor abandoned diplomatic ties.")


def test_names_with_several_codes_and_composed_agents(only):
    assert {("FRO", "GON", "1623"), ("BIL", "GON", "1623"), ("SAM", "GON", "1623")} <= triples(
        "The Shire abandoned diplomatic ties with Gondor.")
    # a prefix agent goes before the code; agents join an organisation's code
    assert ("NGOARN", "GON", "1623") in triples("MSF Arnor abandoned diplomatic ties with Gondor.")
    assert ("ARN", "GONGMOOPP", "1623") in triples("Arnor abandoned diplomatic ties with human rights activists "
                                                    "of Gonzo GMO.")
    # agent phrases match as words ("media" is no lemma of MEDIA to spaCy), and coordinated sectors share a country
    assert {("ARNMED", "GON", "1623"), ("ARNGOV", "GON", "1623")} <= triples(
        "Arnorian media and government abandoned diplomatic ties with Gondor.")


def test_regular_verb_forms():
    from tacitus.petrarch.verbs import regular_forms

    assert {"departs", "departed", "departing"} <= set(regular_forms("depart"))
    assert "departes" not in regular_forms("depart")
    assert {"arrives", "arrived", "arriving", "watches"} <= set(regular_forms("arrive") + regular_forms("watch"))


DYAD_RECORDS = """<Validation>
<Environment><Verbfile>dicts/Test.verbs.txt</Verbfile><Actorfile>dicts/Test.actors.txt</Actorfile>
<Agentfile>dicts/Test.agents.txt</Agentfile></Environment>
<Sentences>
<Sentence date="19960101" id="D-1" category="D" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Gondor police abandoned diplomatic ties.</Text>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="19960101" id="D-2" category="D" sentence="true">
<EventCoding sourcecode="GONCOP" targetcode="---" eventcode="1623"></EventCoding>
<Text>Gondor police abandoned diplomatic ties.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_records_config_require_dyad(dictionaries):
    """PETRARCH's require_dyad (on unless a <Config> turns it off): an event with no target does not count."""
    path = dictionaries.parent / "dyad.xml"
    path.write_text(DYAD_RECORDS)
    outcomes = {o.record.id: o for o in validate(path)}
    assert outcomes["D-1"].record.require_dyad and outcomes["D-1"].passed
    assert not outcomes["D-2"].record.require_dyad and outcomes["D-2"].coded == [("GONCOP", None, "1623")]
