import os
import subprocess
import sys

import pytest

from tacitus import places
from tacitus.places import (Gazetteer, Place, find_location, load_gazetteer, loose_key, lookup, normalise,
                            resolve_place, skeleton_key)


def test_keys_ignore_case_diacritics_apostrophes_hyphens_and_articles():
    assert normalise("Ḩamāh") == normalise("HAMAH") == "hamah"
    assert normalise("Ra’s al ‘Ayn") == normalise("Ras al-Ayn") == "ras al ayn"
    assert loose_key(normalise("Deir ez-Zor")) == loose_key(normalise("Deir Ezzor")) == "deirzor"
    assert skeleton_key(normalise("Dayr az Zawr")) == skeleton_key(normalise("Deir al-Zour")) == "dr zr"
    assert skeleton_key("khan shaykhun") != skeleton_key("khanshaykhun")  # word breaks are kept


def test_gazetteer_is_large():
    assert len(places.gazetteer()) > 100_000


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir el-Zor", "DEIR EZ-ZOR"])
def test_transliterations_of_one_city(name):
    place = lookup(name)
    assert (place.name, place.country, place.precision) == ("Deir ez-Zor", "SYR", "city")


def test_consonant_spellings_need_the_documents_country():
    assert resolve_place("Dair Ezzor") is None
    assert resolve_place("Dair Ezzor", {"SYR": 0.5, "USA": 0.5}).name == "Deir ez-Zor"


@pytest.mark.parametrize("name, expected, precision", [
    ("Al-Tanf", "Al-Tanf", "point"),
    ("At Tanf", "Al-Tanf", "point"),
    ("Baghuz", "Baghuz", "city"),
    ("Shayrat airbase", "Shayrat Air Base", "point"),
    ("Urum al-Kubra", "Urum al-Kubra", "city"),
    ("Ras al-Ain", "Ras al-Ain", "city"),
    ("Ras al-Ayn", "Ras al-Ain", "city"),  # a curated name outranks Rosh HaAyin's alternate spelling
])
def test_supplement_places(name, expected, precision):
    place = lookup(name)
    assert (place.name, place.country, place.precision) == (expected, "SYR", precision)
    assert place.lat is not None and place.geonameid is None


def test_names_of_no_one_place_resolve_to_nothing():
    assert lookup("Middle East") is None and lookup("Africa") is None


def test_country_context_and_population_choose_among_namesakes():
    assert lookup("Tripoli").country == "LBY"  # the larger
    assert resolve_place("Tripoli", {"LBN": 1.0}).country == "LBN"
    # A document about the US and Russia does not move Geneva to a small American namesake.
    assert resolve_place("Geneva", {"USA": 0.5, "RUS": 0.5}).country == "CHE"
    # A former name loses to the place that bears it now.
    assert lookup("Pokrovsk").country == "UKR"


def location(nlp, text, trigger):
    doc = nlp(text)
    sentence = next(doc.sents)
    token = next(t for t in sentence if t.text == trigger)
    return find_location(sentence, token, set())


@pytest.mark.parametrize("text, trigger, name, country, words", [
    ("Rebels attacked an army base near Homs on Saturday.", "attacked", "Homs", "SYR", "Homs"),
    ("The drone was downed near Al-TANF.", "downed", "Al-Tanf", "SYR", "Al-TANF"),
    ("Gunmen attacked a checkpoint outside Kandahar.", "attacked", "Kandahār", "AFG", "Kandahar"),
    ("Kurdish fighters attacked positions 20 km south of Hasakah.", "attacked", "Al Ḩasakah", "SYR", "Hasakah"),
    ("Militants attacked the town of Palma in Cabo Delgado province.", "attacked", "Palma", "MOZ", "Palma"),
    ("Russian jets bombed Aleppo on Monday.", "bombed", "Aleppo", "SYR", "Aleppo"),
    ("Planes struck troops in the area of Deir ez-Zor's airdrome.", "struck", "Deir ez-Zor", "SYR", "Deir ez-Zor"),
    ("US warships fired missiles at the Shayrat air base.", "fired", "Shayrat Air Base", "SYR", "Shayrat air base"),
])
def test_event_place_from_the_parse(nlp, text, trigger, name, country, words):
    found = location(nlp, text, trigger)
    assert (found.name, found.country, found.text) == (name, country, words)
    assert text[found.start:found.end] == found.text


def test_province_after_a_town_name_is_admin1(nlp):
    found = location(nlp, "Government troops shelled villages in Idlib province last week.", "shelled")
    assert (found.name, found.precision, found.text) == ("Idlib", "admin1", "Idlib province")


def test_the_place_attached_to_the_event_wins_over_the_sentences_first(nlp):
    text = "Officials in Geneva said troops attacked a village near Aleppo."
    assert location(nlp, text, "attacked").name == "Aleppo"
    assert location(nlp, "Talks in Geneva resumed after troops attacked a village.", "attacked").name == "Geneva"


def test_no_place_from_modifiers_asides_or_partners(nlp):
    assert location(nlp, "Israeli jets struck Hamas targets.", "struck") is None
    assert location(nlp, "Kerry held talks with Russia.", "talks") is None
    assert location(nlp, "IS (a group outlawed in Russia) attacked troops.", "attacked") is None


def test_gazetteer_dump_loads_from_a_path(tmp_path):
    dump = tmp_path / "XX.txt"
    row = ["990000001", "Qwertzuiop", "Qwertzuiop", "Kwertsuiop,Qwertz-Uiop", "35.1", "38.2", "S", "AIRB", "SY", "",
           "11", "", "", "", "0", "", "", "Asia/Damascus", "2024-01-01"]
    dump.write_text("\t".join(row) + "\n" + "not a geonames line\n", encoding="utf-8")
    assert load_gazetteer(dump) == 1
    place = lookup("Kwertsuiop")
    assert (place.name, place.country, place.admin1, place.precision, place.geonameid) == (
        "Qwertzuiop", "SYR", "11", "point", 990000001)


def test_gazetteer_environment_variable(tmp_path):
    dump = tmp_path / "extra.txt"
    row = ["990000002", "Asdfghjklburg", "Asdfghjklburg", "", "48.0", "37.5", "P", "PPL", "UA", "", "05", "", "", "",
           "1200", "", "", "Europe/Kyiv", "2024-01-01"]
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    code = "from tacitus.places import lookup; p = lookup('Asdfghjklburg'); print(p.country, p.population)"
    env = {**os.environ, "TACITUS_GAZETTEER": str(dump)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert result.stdout.split() == ["UKR", "1200"], result.stderr


def test_index_cache_round_trip(tmp_path, monkeypatch):
    index = Gazetteer()
    index.add(Place("Ḩamāh", "SYR", "10", 35.1, 36.7, 170017, "city", 460602), ["Ḩamāh", "Hama"])
    monkeypatch.setattr(places, "_cache_file", lambda: tmp_path / "gazetteer-test.marshal")
    places._write_cache(index)
    again = places._read_cache()
    assert again.places == index.places and again.exact == index.exact
    assert again.candidates("hama") == ([(index.places[0], True)], "exact")


def test_cli_gazetteer_option_adds_a_geonames_dump(tmp_path):
    import json

    from typer.testing import CliRunner

    from tacitus.cli import app
    from tacitus.config import Config, configure

    dump = tmp_path / "XX.txt"
    # one invented town in GeoNames' tab-separated layout (id, name, ascii, alternates, lat, lon, class, code, cc,
    # cc2, admin1, admin2..4, population, ...)
    dump.write_text("\t".join(["9999991", "Qurtubaville", "Qurtubaville", "Qurtuba Ville", "35.1", "38.2", "P", "PPL",
                               "SY", "", "08", "", "", "", "12000", "", "", "", "Asia/Damascus", "2024-01-01"]) + "\n",
                    encoding="utf-8")
    text = tmp_path / "report.txt"
    text.write_text("Syrian troops shelled Qurtubaville on Monday, killing three civilians.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(text), "--published", "2024-05-02", "--gazetteer", str(dump)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any((e["location"] or {}).get("geonameid") == 9999991 for e in events)
    missing = CliRunner().invoke(app, ["code", str(text), "--gazetteer", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    configure(Config())  # the in-process CLI left the dump's Config active: later tests expect the built-in one
