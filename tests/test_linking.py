"""Linking mentions of one event (linking.py): the rules on records, and the seed reports."""
import random

from tacitus.linking import link_records


def record(event_id, doc_id="d1", **fields):
    """An event record with only what linking reads; fields override the defaults."""
    data = {
        "event_id": event_id, "doc_id": doc_id, "sentence_index": int(event_id.strip("e") or 0),
        "evidence": {"start": 0, "end": 10, "trigger": {"text": "attacked", "start": 0, "end": 8}, "rule": "attack-v"},
        "type": "ASSAULT", "mode": None, "cameo": "190", "source": None, "target": None, "date": "2020-05-01",
        "date_precision": "day", "location": None, "fatalities": None, "injuries": None, "attributed_to": None,
        "realis": "asserted", "confidence": 0.9,
    }
    data.update(fields)
    return data


def actor(code, country=None, role=None, **extra):
    return {"text": code, "name": code, "code": code, "country": country, "role": role, "start": 0, "end": 1} | extra


def place(name, country, lat, lon, precision="city", geonameid=None):
    return {"text": name, "name": name, "country": country, "admin1": None, "lat": lat, "lon": lon,
            "geonameid": geonameid, "precision": precision, "start": 0, "end": 1}


RUS, SYRMIL = actor("RUSMIL", "RUS", "MIL"), actor("SYRMIL", "SYR", "MIL")


def linked(*records):
    links = link_records(list(records))
    return {r["event_id"]: links[r["event_id"]] for r in records}


def test_matching_actor_and_day_link_and_differing_actors_do_not():
    ids = linked(record("e1", source=RUS, target=SYRMIL),
                 record("e2", doc_id="d2", source=actor("RUS", "RUS"), target=None, date="2020-05-02"),
                 record("e3", doc_id="d3", source=actor("TURMIL", "TUR", "MIL"), target=SYRMIL))
    assert ids["e1"] == ids["e2"]  # RUS is the country of RUSMIL; a day apart is within slack
    assert ids["e3"] != ids["e1"]  # TURMIL and RUSMIL are different actors


def test_unknown_actors_need_something_positive_in_common():
    ids = linked(record("e1", source=RUS), record("e2", doc_id="d2"))
    assert ids["e1"] != ids["e2"]  # nothing known to agree on
    ids = linked(record("e1", source=RUS, mode="aerial"), record("e2", doc_id="d2", target=SYRMIL, mode="aerial"))
    assert ids["e1"] == ids["e2"]  # both triggers say air strike


def test_bare_sector_matches_the_named_group_of_that_sector():
    ids = linked(record("e1", source=actor("REB", None, "REB"), target=SYRMIL),
                 record("e2", doc_id="d2", source=actor("IMGMUSISIREB", None, "REB"), target=SYRMIL))
    assert ids["e1"] == ids["e2"]


def test_date_precision_and_publication_fallbacks():
    month = linked(record("e1", source=RUS), record("e2", doc_id="d2", source=RUS, date="2020-05", date_precision="month"))
    assert month["e1"] == month["e2"]
    far = linked(record("e1", source=RUS), record("e2", doc_id="d2", source=RUS, date="2020-05-04"))
    assert far["e1"] != far["e2"]
    # An undated mention in another report: the few days before its publication.
    near = linked(record("e1", source=RUS), record("e2", doc_id="d2", source=RUS, date="2020-05-03",
                                                   date_precision="publication"))
    assert near["e1"] == near["e2"]
    late = linked(record("e1", source=RUS), record("e2", doc_id="d2", source=RUS, date="2020-05-12",
                                                   date_precision="publication"))
    assert late["e1"] != late["e2"]
    # ... but in the report that dated the incident itself, any day of the month before.
    same = linked(record("e1", source=RUS), record("e2", source=RUS, date="2020-05-12", date_precision="publication"))
    assert same["e1"] == same["e2"]


def test_places_must_agree():
    homs, near_homs = place("Homs", "SYR", 34.73, 36.71), place("Talbiseh", "SYR", 34.84, 36.73)
    aleppo, syria = place("Aleppo", "SYR", 36.20, 37.16), place("Syria", "SYR", None, None, "country")
    ids = linked(record("e1", source=RUS, location=homs), record("e2", doc_id="d2", source=RUS, location=near_homs),
                 record("e3", doc_id="d3", source=RUS, location=aleppo))
    assert ids["e1"] == ids["e2"] and ids["e3"] != ids["e1"]
    ids = linked(record("e1", source=RUS, location=aleppo), record("e2", doc_id="d2", source=RUS, location=syria))
    assert ids["e1"] == ids["e2"]


def test_reciprocal_events_match_either_direction():
    usa, rus = actor("USAGOV", "USA", "GOV", reciprocal=True), actor("RUSGOV", "RUS", "GOV", reciprocal=True)
    meeting = {"type": "CONSULT", "cameo": "040"}
    ids = linked(record("e1", source=usa, target=rus, **meeting), record("e2", doc_id="d2", source=rus, target=usa, **meeting))
    assert ids["e1"] == ids["e2"]
    one_sided = linked(record("e1", source=RUS, target=SYRMIL), record("e2", doc_id="d2", source=SYRMIL, target=RUS))
    assert one_sided["e1"] != one_sided["e2"]  # an attack by A on B is not one by B on A


def test_only_asserted_or_alleged_events_link():
    ids = linked(record("e1", source=RUS, target=SYRMIL), record("e2", doc_id="d2", source=RUS, target=SYRMIL, realis="alleged"),
                 record("e3", doc_id="d3", source=RUS, target=SYRMIL, realis="threatened", type="THREATEN"),
                 record("e4", doc_id="d4", source=RUS, target=SYRMIL, realis="hypothetical"),
                 record("e5", doc_id="d5", source=RUS, target=SYRMIL, realis="negated"))
    assert ids["e1"] == ids["e2"]
    assert len({ids["e1"], ids["e3"], ids["e4"], ids["e5"]}) == 4
    threats = linked(record("e1", source=RUS, target=SYRMIL, realis="threatened", type="THREATEN", cameo="138"),
                     record("e2", doc_id="d2", source=RUS, target=SYRMIL, realis="threatened", type="THREATEN",
                            cameo="138"))
    assert threats["e1"] == threats["e2"]  # one threat, told twice
    statements = linked(record("e1", source=RUS, type=None, cameo="010"),
                        record("e2", doc_id="d2", source=RUS, type=None, cameo="010"))
    assert statements["e1"] != statements["e2"]  # "X said" twice is not one statement


def test_a_mention_joins_no_cluster_it_contradicts():
    # e3 has no source, so it agrees with both attacks; it must not merge two different attackers.
    ids = linked(record("e1", source=RUS, target=SYRMIL), record("e2", doc_id="d2", source=actor("TURMIL", "TUR", "MIL"),
                                                                  target=SYRMIL),
                 record("e3", doc_id="d3", target=SYRMIL))
    assert ids["e1"] != ids["e2"] and ids["e3"] in (ids["e1"], ids["e2"])


def test_link_ids_do_not_depend_on_input_order():
    records = [record(f"e{i}", doc_id=f"d{i % 3}", source=[RUS, None, actor("RUS", "RUS")][i % 3],
                      target=[SYRMIL, None][i % 2], date=f"2020-05-{1 + i % 4:02d}", mode=[None, "aerial"][i % 2])
               for i in range(12)]
    expected = link_records(records)
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert link_records(shuffled) == expected
    assert len(set(expected.values())) < len(records)  # something did link


def test_seed_air_strike_mentions_link_into_one_event(seeds):
    events = seeds["kerry-talks-2016"]
    links = link_records(events)
    # The Deir ez-Zor air strike on Syrian troops, told in the body, by the army, by Russia's
    # defence ministry and by Lavrov: assaults on SYRMIL, not by Islamic State.
    strike = [e for e in events if e["type"] == "ASSAULT" and (e["target"] or {}).get("code") == "SYRMIL"
              and not ((e["source"] or {}).get("code") or "").startswith("IMGMUSISI") and e["realis"] == "asserted"]
    assert len(strike) >= 3
    assert len({links[e["event_id"]] for e in strike}) == 1
    assert any(e["fatalities"] == 62 for e in strike) and any(e["date_precision"] == "publication" for e in strike)
    # Islamic State's attack the same day on the same troops is another event; so is the convoy attack.
    isis = [e for e in events if e["type"] == "ASSAULT" and ((e["source"] or {}).get("code") or "").startswith("IMGMUSISI")]
    convoy = [e for e in events if e["type"] == "ASSAULT" and (e["target"] or {}).get("code") == "IGOUNO"]
    assert isis and convoy
    assert links[strike[0]["event_id"]] not in {links[e["event_id"]] for e in isis + convoy}
    # The two seed reports, nine months apart, share no linked event.
    other = link_records(seeds["lavrov-truce-2017"])
    both = link_records(events + seeds["lavrov-truce-2017"])
    assert both == links | other
