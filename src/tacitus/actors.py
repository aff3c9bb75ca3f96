"""Actor coding: from a noun phrase in the parse to {name, code, country, role}.

Knowledge comes from data files: countries.csv (with pycountry's ISO names), organizations.csv,
people.csv and roles.csv. A PhraseMatcher finds the names; the phrase around an argument's head
word (its modifiers, possessives, "of" complements and appositions) decides the actor; a small
per-document memory resolves surnames, pronouns and definite descriptions to earlier mentions.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import pycountry
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import config
from .lexicon import load_lexicon
from .nlp import load_nlp, spaced_abbreviations, spaced_form
from .record import Actor
from .resources import read_csv, split_list

# Dependents that belong to an actor's noun phrase; other dependents (relative clauses,
# other prepositions, conjuncts) describe something else.
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "det", "appos", "nummod", "case", "flat", "prep", "pobj", "quantmod", "punct"}
NON_HEAD_DEPS = {"compound", "amod", "nmod", "poss", "flat"}
DEFINITE = {"the", "this", "that", "these", "those"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
SPEAKER_PRONOUNS = {"we", "us", "our", "i", "me", "my"}
BODY_PRONOUNS = {"it", "its"}  # a state, body or group named before
PLURAL_PRONOUNS = {"they", "them", "their"}
ARMED_ROLES = {"MIL", "COP"}
SPEAKER_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "mouthpiece"}
FORMER = {"former", "ex", "erstwhile", "onetime"}  # a former office-holder is an elite (ELI), not the state
STATE_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}  # offices whose former holders are elites
EXTENT_PREPS = {"in", "near", "at", "from", "outside", "inside", "across", "around", "along", "within", "to", "of"}


@dataclass(frozen=True)
class Known:
    """One entry of actor knowledge that a name in the text points to."""

    kind: str  # "country", "adjective", "capital", "org", "region", "person", "surname"
    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    valid: tuple[date | None, date | None] = (None, None)  # the days the entry holds (None: open)

    def holds_on(self, day: date | None) -> bool:
        first, last = self.valid
        return day is None or ((first is None or day >= first) and (last is None or day <= last))


@dataclass(eq=False)  # hashed by identity: each configuration's knowledge is built once
class Knowledge:
    matcher: PhraseMatcher
    entries: dict[str, Known]  # match label -> entry
    roles: dict[tuple[str, ...], tuple[str, int]]  # lemma phrase -> (role, rank)
    exact_case: set[str]  # labels of short all-capital aliases ("IS", "US") that must match in capitals
    role_lengths: dict[str, tuple[int, ...]]  # first lemma of a role phrase -> the phrases' lengths
    descriptions: dict[str, str]  # "group" -> "armed": definite descriptions and what they refer back to
    organisation_words: frozenset[str]  # "federation": the last word of an organisation's name


def _country_rows():
    rows = read_csv("countries.csv")
    # A name the CSV gives one country is not another's from pycountry: "Congo" is DR Congo's
    # in the CSV though ISO calls the Republic of the Congo so.
    claimed = {name: row["iso3"] for row in rows for name in split_list(row["names"])}
    for row in rows:
        iso3 = row["iso3"]
        record = pycountry.countries.get(alpha_3=iso3)
        names = split_list(row["names"])
        if record is not None:
            names += [name for name in (getattr(record, a) for a in ("name", "official_name", "common_name")
                                        if hasattr(record, a)) if claimed.get(name, iso3) == iso3]
        yield iso3, names, split_list(row["adjectives"]), split_list(row["capitals"])


def _years(first: str, last: str) -> tuple[date | None, date | None]:
    """people.csv's years as days; a year's grace after the last, as reports of an office-holder's
    acts trail their leaving it."""
    return (date(int(first), 1, 1) if first else None, date(int(last) + 1, 12, 31) if last else None)


def _days(first: str, last: str) -> tuple[date | None, date | None]:
    """organization_periods.csv's ISO days."""
    return (date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None)


def _own_code(row: dict[str, str]) -> str | None:
    """An organisation's own code. A state body's is its country and role (USASPY): derived like
    any phrase's, so that a role the phrase changes shows in it ("former CIA director" is USAELI,
    not USASPYELI)."""
    return None if not row["code"] or row["code"] == row["country"] + row["role"] else row["code"]


def load_knowledge() -> Knowledge:
    """The actor knowledge of the active configuration (built-in data, the user's files)."""
    return _knowledge(config.active())


def _builtin_entries() -> Iterator[tuple[str, Known]]:
    """(alias, entry) pairs from the data files."""
    for iso3, names, adjectives, capitals in _country_rows():
        primary = names[0]
        for name in dict.fromkeys(names):
            yield name, Known("country", primary, country=iso3)
        for adjective in adjectives:
            yield adjective, Known("adjective", primary, country=iso3)
        for capital in capitals:
            yield capital, Known("capital", primary, country=iso3, role="GOV")
    periods: dict[str, list[dict[str, str]]] = {}
    for period in read_csv("organization_periods.csv"):
        periods.setdefault(period["name"], []).append(period)
    for row in read_csv("organizations.csv"):
        for held in periods.get(row["name"], [row]):
            known = Known("org", row["name"], country=held["country"] or None, role=held["role"],
                          code=_own_code(held), valid=_days(held.get("from", ""), held.get("until", "")))
            for alias in split_list(row["aliases"]):
                yield alias, known
    for row in read_csv("regions.csv"):
        region = Known("region", row["name"], code=row["code"])
        for alias in [row["name"], *split_list(row["aliases"])]:
            yield alias, region
    for row in read_csv("people.csv"):
        person = Known("person", row["name"], country=row["country"] or None, role=row["role"],
                       code=row["code"] or None, valid=_years(row["from"], row["until"]))
        yield row["name"], person
        for surname in split_list(row["surnames"]):
            yield surname, replace(person, kind="surname")


ACTOR_KINDS = {"person", "org"}
ACTOR_FIELDS = {"name", "kind", "aliases", "surnames", "country", "role", "code", "from", "until", "periods", "comment"}


def user_actors(path: str | os.PathLike) -> Iterator[tuple[str, Known]]:
    """(alias, entry) pairs from a user's YAML actor file (`--actors`; format in docs/ACTORS.md).

    A malformed entry stops the load with the file and the entry's position: coding with half of
    a user's actors would quietly give other codes."""
    import yaml

    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    rows = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a mapping with an `actors:` list")
    for number, row in enumerate(rows, 1):
        where = f"{path}: actor {number}"
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise ValueError(f"{where}: each actor needs a `name`")
        unknown = set(row) - ACTOR_FIELDS
        kind = row.get("kind", "person" if row.get("surnames") else "org")
        if unknown or kind not in ACTOR_KINDS:
            raise ValueError(f"{where} ({row['name']}): unknown field(s) {sorted(unknown)} or kind {kind!r}")
        periods = row.get("periods") or [{}]
        for period in periods:
            spec = {**row, **period}
            try:
                known = Known(kind, row["name"], country=_upper(spec.get("country")), role=_upper(spec.get("role")),
                              code=_upper(spec.get("code")), valid=(_day(spec.get("from")), _day(spec.get("until"))))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{where} ({row['name']}): {exc}") from None
            for alias in [row["name"], *row.get("aliases", ())]:
                yield alias, known
            for surname in row.get("surnames", ()):
                yield surname, replace(known, kind="surname")


def _upper(value) -> str | None:
    return str(value).upper() if value else None


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _builtin_roles() -> Iterator[tuple[tuple[str, ...], tuple[str, int]]]:
    for row in read_csv("roles.csv"):
        yield tuple(row["lemma"].split()), (row["role"], int(row["rank"]))


@functools.cache
def _knowledge(settings: config.Config) -> Knowledge:
    nlp = load_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    entries: dict[str, Known] = {}
    exact_case: set[str] = set()

    def add(alias: str, known: Known) -> None:
        # One name may hold several entries, each for its own days ("RUSGOV until 2008, then RUSELI").
        label = f"{known.kind}:{known.name}:{known.valid[0]}:{alias}"
        entries[label] = known
        if alias.isupper() and len(alias.replace(".", "")) <= 4:
            exact_case.add(label)
        # News copy writes the apostrophe straight or curly ("Côte d’Ivoire", "People's Army"), and
        # tokenised copy spaces the points of abbreviations ("U . S .", "U . S - backed").
        variants = [alias, alias.replace("'", "\u2019"), alias.replace("\u2019", "'")]
        spaced = spaced_form(alias)
        if spaced is not None:
            variants += [spaced, spaced.removesuffix(" .")]
        matcher.add(label, [spaced_abbreviations(nlp.make_doc(v)) for v in dict.fromkeys(variants)])

    roles: dict[tuple[str, ...], tuple[str, int]] = {}
    sources = [] if settings.only_dictionaries else [(_builtin_entries(), _builtin_roles())]
    for path in settings.dictionaries:
        from .petrarch import dictionary_actors

        sources.append(dictionary_actors(path))
    for path in settings.actors:
        sources.append((user_actors(path), ()))
    for entry_source, role_source in sources:
        for alias, known in entry_source:
            add(alias, known)
        roles.update(role_source)
    descriptions = {row["lemma"]: row["kind"] for row in read_csv("descriptions.csv")}
    lengths: dict[str, set[int]] = {}
    for phrase in roles:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    role_lengths = {first: tuple(sorted(found)) for first, found in lengths.items()}
    organisation_words = frozenset(row["lemma"] for row in read_csv("organisation_words.csv"))
    return Knowledge(matcher, entries, roles, exact_case, role_lengths, descriptions, organisation_words)


class _Lazy:
    """A value made the first time it is asked for."""

    def __init__(self, make):
        self._make, self._value = make, None

    @property
    def value(self):
        if self._value is None:
            self._value = self._make()
        return self._value


@dataclass
class Mention:
    span: Span
    known: Known


def is_lowercase_text(doc: Doc) -> bool:
    """All-lowercase copy (some wires and scrapers) carries no capitalisation evidence."""
    text = doc.text
    letters = sum(map(str.isalpha, text))
    # About one capital in 150 letters is one capitalised word in 30: news copy has ten times that.
    return bool(letters) and sum(map(str.isupper, text)) / letters < 0.006


def find_mentions(doc: Doc, published: date | None) -> dict[int, Mention]:
    """Known names in the document, longest match first, keyed by every token they cover."""
    knowledge = load_knowledge()
    lowercase = is_lowercase_text(doc)
    spans, known_of, former = [], {}, {}
    for match_id, start, end in knowledge.matcher(doc):
        label = doc.vocab.strings[match_id]
        known = knowledge.entries[label]
        span = Span(doc, start, end, label=label)
        alias = label.split(":", 3)[3]
        if label in knowledge.exact_case:
            if lowercase or _compact(span.text) != _compact(alias):
                continue
        elif not lowercase and alias[:1].isupper() and not span[0].text[:1].isupper():
            continue  # "turkey", "chad", "male" in running text are not the names
        if known.kind == "surname" and (span[0].pos_ != "PROPN" or span[0].ent_type_ == "DATE"):
            continue
        if not known.holds_on(published):
            if known.kind in ("person", "surname") and known.valid[1] is not None and published > known.valid[1]:
                former[start, end] = (span, replace(known, role="ELI", code=None))  # out of office
            continue
        spans.append(span)
        known_of[start, end, label] = known
    for (start, end), (span, known) in former.items():
        if not any(k[:2] == (start, end) for k in known_of):  # no later role of the same person holds
            spans.append(span)
            known_of[start, end, span.label_] = known
    # The parser takes some surnames for places ("Since 2013, Erdogan has ..."): a surname the
    # parser calls a place stays a name only where no place of that name is known ("Jordan").
    placed = {k[:2] for k, known in known_of.items() if known.kind != "surname"}
    spans = [s for s in spans if not (known_of[s.start, s.end, s.label_].kind == "surname"
                                      and s[0].ent_type_ == "GPE" and (s.start, s.end) in placed)]
    # Of one name's entries that all hold (an undated report), the earliest period's is taken.
    spans.sort(key=lambda s: known_of[s.start, s.end, s.label_].valid[0] or date.min)
    mentions: dict[int, Mention] = {}
    for span in filter_spans(spans):
        mention = Mention(span, known_of[span.start, span.end, span.label_])
        for token in span:
            mentions[token.i] = mention
    return mentions


def _compact(name: str) -> str:
    """A name as written unspaced and without a final point: "U . S" and "U.S." alike."""
    return name.replace(" ", "").removesuffix(".")


def phrase_tokens(head: Token) -> list[Token]:
    """The head word with the dependents that make up its noun phrase."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in PHRASE_DEPS:
            continue
        if child.dep_ == "prep" and not _belongs(head, child):
            continue
        if child.dep_ == "punct" or child.dep_ == "prep" and any(g.dep_ == "pcomp" for g in child.children):
            continue  # "accused the president of rigging the vote": the charge, not the actor
        if child.dep_ == "appos" and _speaker_after_place(head, child):
            continue
        tokens.extend(phrase_tokens(child))
    return tokens


def _speaker_after_place(head: Token, appos: Token) -> bool:
    """A person the parser hung on a place as its apposition is the subject of what follows ("troops
    left Syria, Defence Minister Ivanov said"): a place has no title or name in apposition."""
    return head.ent_type_ in ("GPE", "LOC") and appos.ent_type_ == "PERSON" and appos.i > head.i


def _belongs(head: Token, prep: Token) -> bool:
    """Whether a prepositional phrase says whose the actor is: "of Russia" always; "for the army"
    after a spokesman; "from Gondor", "in Nairobi" after a sector noun ("soldiers from Gondor",
    "police in Nairobi")."""
    word = prep.lower_
    lemma = head.lemma_.lower()
    return (word == "of" or word == "for" and lemma in SPEAKER_NOUNS
            or word in ("from", "in") and lemma in ROLE_WORDS())


def extent(head: Token) -> list[Token]:
    """The words an argument spans in the text: its noun phrase with the phrases that place or
    qualify it ("the mosque in Mosul", "at least 75 people", "a proposal submitted by the UN").
    Only the noun phrase itself (phrase_tokens) decides who the actor is."""
    tokens = {t.i: t for t in phrase_tokens(head)}
    for token in list(tokens.values()):
        if token.i < head.i:  # a modifier brings all its words: "US-backed forces", "rebel-held town"
            tokens.update((t.i, t) for t in token.subtree)
        for child in token.children:
            if child.dep_ == "nummod" or child.i > head.i and _qualifies(child):
                tokens.update((t.i, t) for t in child.subtree)
    # a relative clause tells more about the actor ("a firm that was fined for ..."), unless it
    # is all that says who ("those who perished")
    relative = {t.i for clause in tokens.values() if clause.dep_ == "relcl" and clause != head
                and clause.head.pos_ != "PRON" for t in clause.subtree}
    return sorted((t for t in tokens.values() if t.i not in relative), key=lambda t: t.i)


PLACE_PREPS = {"in", "near", "at", "inside", "outside", "across", "around", "along", "within"}


def _without_places(top: Token, tokens: list[Token]) -> list[Token]:
    """The phrase without the places after its head: after a name, "in Washington" says where the
    event happened, not which actor it is ("met Trump in Washington", "the Chinese envoy in Berlin")."""
    places = {t.i for child in top.children if child.i > top.i and child.dep_ == "prep"
              and child.lower_ in PLACE_PREPS for t in child.subtree}
    return [t for t in tokens if t.i not in places] if places else tokens


QUANTIFIERS = {"some", "many", "all", "most", "none", "several", "dozens", "hundreds", "thousands", "scores",
               "millions", "tens", "each", "few"}


def _phrase_head(token: Token) -> Token:
    """The head of the whole noun phrase a word is part of: the noun it modifies ("bombers" for
    "Taliban" in "Taliban suicide bombers", "town" for "rebel" in "the rebel-held town") and the
    count it is counted in ("dozens of protesters"). Readers, and the gold spans, take the phrase."""
    while True:
        head = token.head
        if token.dep_ in ("compound", "flat", "amod") and head.pos_ in ("NOUN", "PROPN") and head.i != token.i:
            token = head
        elif token.dep_ == "npadvmod" and head.dep_ == "amod" and head.i == token.i + 2 and token.nbor().text == "-":
            token = head.head  # "rebel - held": the word before a hyphenated participle
        elif token.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i and (
                head.head.like_num or head.head.lower_ in QUANTIFIERS):
            token = head.head
        else:
            return token


NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
TITLE_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
                       "adm", "prof", "rev", "st", "pres", "amb", "sec", "cmdr", "brig"}
PAIRING = {"both", "either", "neither"}
QUANTITY_WORDS = {"about", "around", "over", "almost", "nearly", "some", "approximately", "roughly", "more", "than"}


def _with_juxtaposed_name(doc: Doc, end: int) -> int:
    """A title and the name after it, parsed as two arguments of one verb ("met his counterpart
    Austrian Chancellor Karl Nehammer", "The rebel Southern Front said"), are one phrase."""
    if end >= len(doc) or doc[end].pos_ not in ("PROPN", "ADJ"):
        return end
    top = _phrase_head(doc[end - 1])
    name = doc[end]
    while name.dep_ in ("compound", "amod", "flat") and name.head.i > name.i:
        name = name.head
    if name.pos_ == "PROPN" and name.dep_ == top.dep_ and name.head.i == top.head.i and name.left_edge.i == end:
        return name.i + 1
    return end


def _with_name_tail(doc: Doc, end: int) -> int:
    """The "for" or "of" part of a name that the parser hung elsewhere ("Zairian Association for
    the Defence of Human Rights", "the Department for International Development")."""
    if end + 1 >= len(doc) or doc[end - 1].pos_ != "PROPN" or doc[end].lower_ not in ("for", "of"):
        return end
    tail = end + 1 + (doc[end + 1].lower_ == "the")
    if tail >= len(doc) or not _is_name_word(doc[tail]):
        return end
    while tail + 1 < len(doc) and (doc[tail + 1].ent_iob_ == "I" or _is_name_word(doc[tail + 1])):
        tail += 1
    return tail + 1


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _with_possessive(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Owner, possessive and possessed are one phrase: a span the parse ends at the marker ("the
    government army 's" with "sites" cut off) takes in the possessed words."""
    last = doc[end - 1]
    if end - start > 1 and last.tag_ == "POS" and last.lower_ != "s":
        end = _possessed_end(doc, end) or end
    return start, end


def _possessed_end(doc: Doc, start: int) -> int | None:
    """The end of the possessed noun and its modifiers from start ("internationally recognized
    government"), None if no noun follows."""
    last = None
    for token in doc[start:]:
        if token.ent_type_ in ("DATE", "TIME") or token.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV", "VERB"):
            break
        if token.pos_ == "VERB" and token.tag_ != "VBN" or token.pos_ == "ADV" and not token.lower_.endswith("ly"):
            break
        if token.pos_ in ("NOUN", "PROPN"):
            last = token
    if last is None:
        return None
    of = [t.i for c in last.children if c.dep_ == "prep" and c.lower_ == "of" for t in phrase_tokens(c)]
    return max([last.i, *of]) + 1  # with its "of" phrase: "China ’ s expansion of reefs"


def _with_abbreviation(doc: Doc, start: int) -> int:
    """A title or initial cut off by its full stop ("Sen . Mitch McConnell", "John R . Bass") and
    the name words before it; only known titles and single letters, as the full stop of "… with
    Iraq . Police said" ends a sentence (the parser splits at both)."""
    while start >= 2 and doc[start - 1].text == "." and (
            doc[start - 2].lower_ in TITLE_ABBREVIATIONS or len(doc[start - 2]) == 1 and doc[start - 2].is_upper):
        start -= 2
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].pos_ in ("PROPN", "ADJ") \
                and start <= doc[start - 1].head.i < start + 4:
            start -= 1
    return start


def _with_quantity(doc: Doc, start: int) -> int:
    """The rest of a number spaced at its thousands ("2 , 374 migrants") and the words that
    hedge it ("about", "nearly", "more than")."""
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].like_num and doc[start].like_num \
            and len(doc[start].text) == 3 and doc[start].text.isdigit():
        start -= 2
    elif start >= 1 and doc[start - 1].like_num and doc[start - 1].ent_type_ not in ("DATE", "TIME") \
            and doc[start].pos_ in ("ADJ", "NOUN", "PROPN"):
        start -= 1  # "30 , 000 Irish soldiers": the number hangs elsewhere in the parse
        return _with_quantity(doc, start)
    if doc[start].like_num:
        while start >= 1 and doc[start - 1].lower_ in QUANTITY_WORDS:
            start -= 1
    return start


def _with_parenthesis(doc: Doc, end: int) -> int:
    """An abbreviation in brackets right after the name ("the Eurasian Economic Union ( EAEU )")."""
    if end < len(doc) and doc[end].text == "(":
        for close in range(end + 2, min(end + 12, len(doc))):
            if doc[close].text == ")":
                inside = doc[end + 1:close]
                if all(t.pos_ in ("PROPN", "NOUN", "PUNCT") or t.is_upper for t in inside):
                    return close + 1
                break
    return end


def _without_time(doc: Doc, start: int, end: int) -> int:
    """The end before a time that closes the span ("the families of the migrants found near London
    last month", "the ambassador on Monday"): when is the event's, not the actor's."""
    if doc[start].ent_type_ in ("DATE", "TIME"):
        return end
    while end - start > 1 and doc[end - 1].ent_type_ in ("DATE", "TIME"):
        end -= 1
        if end - start > 1 and doc[end - 1].dep_ == "prep":
            end -= 1
    return end


def _same_mention(mentions: dict[int, Mention], left: int, right: int) -> bool:
    mention = mentions.get(left)
    return mention is not None and mention is mentions.get(right)


def _describes(participle: Token) -> bool:
    """Whether a participle after a noun says which one it is ("the proposal submitted by the UN",
    "the coalition fighting the rebels"), rather than reporting an event of its own: a clause set
    off by a comma (", arrested last week"), one with a time ("proposed in late February"), or a
    past tense with an object that the parser took for a participle ("Trump called Erdogan")."""
    if participle.nbor(-1).text == "," or any(t.ent_type_ in ("DATE", "TIME") for t in participle.subtree):
        return False
    return participle.tag_ != "VBN" or not any(c.dep_ in ("dobj", "oprd", "dative") for c in participle.children)


def _qualifies(child: Token) -> bool:
    """A place ("in Mosul", "near Damascus"), an origin ("from the Times"), or a participle
    ("submitted by the UN", "carrying employees") right after the noun; not a time ("on Sunday")
    or an aim ("to visit")."""
    if child.dep_ == "acl":
        return child.tag_ in ("VBN", "VBG") and _describes(child)
    if child.dep_ != "prep" or child.lower_ not in EXTENT_PREPS or child.nbor(-1).text == ",":
        return False  # a phrase set off by a comma adds to the clause, not to the noun
    return not any(g.ent_type_ in ("DATE", "TIME") for g in child.children)


def role_in(tokens: list[Token]) -> tuple[str, int] | None:
    """The highest-ranked role word or phrase among the tokens ("defense ministry" beats "ministry")."""
    knowledge = load_knowledge()
    best = None
    lemmas = {t.i: t.lemma_.lower() for t in tokens}
    # PETRARCH's agent phrases are words, not lemmas ("media", "human rights activists"); with the
    # dictionaries alone only their words match, as in PETRARCH ("polices" is no plural of POLICE {})
    lowers = {t.i: t.lower_ for t in tokens}
    if config.active().only_dictionaries:
        forms = (lowers,)
    else:
        forms = (lemmas, lowers) if lowers != lemmas else (lemmas,)  # most phrases: one lookup each
    for t in tokens:
        for words in forms:
            for length in knowledge.role_lengths.get(words[t.i], ()):  # only the phrases this word starts
                key = tuple(words.get(t.i + k, "") for k in range(length))
                found = knowledge.roles.get(key)
                if found and (best is None or found[1] >= best[1]):
                    best = found
    return (best[0].rstrip("~"), best[1]) if best else None  # a PETRARCH prefix agent (`[NGO~]`) is its sector


@dataclass
class ActorMemory:
    """What a document has said about its actors so far: for surnames, pronouns and descriptions."""

    by_surname: dict[str, Actor] = field(default_factory=dict)
    by_head: dict[str, Actor] = field(default_factory=dict)
    by_name_word: dict[str, Actor] = field(default_factory=dict)  # "Council" after "the Security Council"
    last_person: Actor | None = None
    last_body: Actor | None = None  # the last state, organisation or group: what "it" can be
    last_plural: Actor | None = None  # the last actor named by a plural: what "they" can be
    last_speaker: Actor | None = None
    by_kind: dict[str, Actor] = field(default_factory=dict)  # "armed", "igo", "org", "country" -> last one


def _subject_above(pronoun: Token) -> Token | None:
    """The nominal subject of the nearest clause above a pronoun ("the ministry said it would")."""
    for clause in pronoun.ancestors:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
        if subject is not None:
            return subject if subject.pos_ != "PRON" else None
    return None


def _plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)


class ActorResolver:
    """Resolves argument head words to actors for one document."""

    def __init__(self, doc: Doc, published: date | None):
        self.doc = doc
        self.mentions = find_mentions(doc, published)
        self.memory = ActorMemory()
        self.cache: dict[int, Actor | None] = {}
        # Resolve every phrase head in reading order, so that surnames, pronouns and "the ministry"
        # refer back to what came before them, whatever order the event stage asks in.
        for token in doc:
            if token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ not in NON_HEAD_DEPS:
                self.resolve(token)

    def resolve(self, head: Token) -> Actor | None:
        if head.i not in self.cache:
            self.cache[head.i] = self._resolve(head)
        return self.cache[head.i]

    def _resolve(self, head: Token) -> Actor | None:
        lower = head.lower_
        if head.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                # "Senator Ruiz says he is pessimistic": the person whose clause it hangs in
                above = _subject_above(head) if head.dep_ in ("nsubj", "nsubjpass", "poss") else None
                if above is not None and self._personal(above):
                    return self._refer(head, self.resolve(above) or self.words(above))
                return self._refer(head, self.memory.last_person)
            if lower in SPEAKER_PRONOUNS:
                return self._refer(head, self.speaker_of(head) or self.memory.last_speaker)
            if lower in BODY_PRONOUNS or lower in PLURAL_PRONOUNS:
                return self._refer(head, self._antecedent(head))
            return None
        tokens = sorted(phrase_tokens(head), key=lambda t: t.i)
        before = tokens[0].i - 1
        if before >= 0 and before in self.mentions and self.doc[before].dep_ in ("aux", "auxpass"):
            tokens.insert(0, self.doc[before])  # "IS fighters": the tagger took "IS" for a verb
        found = [self.mentions[t.i] for t in tokens if t.i in self.mentions]
        found = list({id(m): m for m in found}.values())
        head_mention = self.mentions.get(head.i)
        role = role_in(tokens)
        person = next((m.known for m in found if m.known.kind in ("person", "surname")), None)
        if head_mention and head_mention.known.kind == "surname":
            person = head_mention.known
        org = next((m.known for m in found if m.known.kind in ("org", "region")), None)  # a region is coded as one
        countries = [m.known for m in found if m.known.kind in ("country", "adjective", "capital")]
        text_span = _Lazy(lambda: self.text_span(head))  # only an actor needs its words' extent
        description = load_knowledge().descriptions.get(head.lemma_.lower())
        if description and not found and any(t.lower_ in DEFINITE for t in head.children):
            earlier = self._earlier(tokens) or self.memory.by_kind.get(description)
            if earlier is not None or role is None:  # "the state broadcaster" with no antecedent: its role
                return self._refer(head, earlier, text_span.value)  # "the group", "the coalition"

        actor = Actor(text="", start=head.idx, end=head.idx)  # its words are set once it is known to be one
        if person is None and not countries and not org and head.pos_ == "PROPN":
            earlier = self.memory.by_surname.get(head.lower_)
            if earlier is not None:  # "Konashenkov said" after "spokesman Igor Konashenkov"
                return self._refer(head, earlier, text_span.value)
        if person is not None:
            actor.name, actor.country, actor.role, org_code = person.name, person.country, person.role, person.code
            if org_code:
                actor.code = org_code
        elif org is not None:
            actor.name, actor.country, actor.role, actor.code = org.name, org.country, org.role, org.code
            if role and role[0] in ARMED_ROLES and org.role in ("IGO", "NGO"):
                actor.role = role[0]
            if org.code is None and org.country:  # a state body's name that another state uses too
                actor.country = _owner(found, org) or org.country  # "Canada's Department of Justice"
        if countries and actor.country is None:
            actor.country = countries[0].country
            if actor.name is None and head_mention is not None and head_mention.known.kind in ("country", "capital"):
                actor.name = countries[0].name
        if role and not found and role_in([head]) is None and load_lexicon().match(head):
            return None  # "military aid", "humanitarian assistance": an act or thing, not its doer
        if role and person is None and (org is None or actor.role == role[0]):
            actor.role = role[0]
        if actor.role in STATE_ROLES and any(t.lemma_.lower() in FORMER for t in tokens):
            actor.role = "ELI"
        elif actor.role is None and head_mention is not None and head_mention.known.kind == "capital":
            actor.role = "GOV"
        if head.ent_type_ == "PERSON" and actor.name is None:
            actor.name = _entity_text(head)
        elif actor.name is None and _organisation_name(head):
            actor.name = self.text_span(head).text
        if actor.country is None and actor.code is None and actor.role is None and actor.name is None:
            if any(t.lower_ in DEFINITE for t in head.children):  # "the convoy" after "a UN convoy"
                return self._refer(head, self._earlier(tokens), text_span.value)
            return None
        if actor.country is None and actor.code is None:
            actor = self._complete_from_memory(actor, tokens)
        span = text_span.value
        actor.text, actor.start, actor.end = span.text, span.start_char, span.end_char
        if actor.name is None:
            actor.name = span.text
        self._remember(head, tokens, actor, person is not None or head.ent_type_ == "PERSON")
        for kind in _kinds(org, actor, head_mention):
            # a country named only as a place ("refugees from Somalia") is not what a later "the
            # country" most likely means when another was the subject
            if kind != "country" or head.dep_ in ("nsubj", "nsubjpass") or kind not in self.memory.by_kind:
                self.memory.by_kind[kind] = actor
        composed = _dictionary_code(actor, org, person, tokens)
        if composed is not None:
            return replace(actor, code=composed)
        if org is not None and org.code and actor.code == org.code and actor.role == org.role:
            return actor  # "Islamic State fighters" are the group itself
        return replace(actor, code=actor_code(actor))

    def words(self, head: Token) -> Actor | None:
        """The noun phrase of an argument that names no known actor, as words only; for "it" or
        "they", the words of an unknown subject above ("the bureau said it is doubtful")."""
        if head.pos_ == "PRON" and head.dep_ in ("nsubj", "nsubjpass") \
                and head.lower_ in BODY_PRONOUNS | PLURAL_PRONOUNS:
            above = _subject_above(head)
            unknown = above is not None and above.pos_ != "PRON" and self.resolve(above) is None
            return self.words(above) if unknown else None
        if head.pos_ not in ("NOUN", "PROPN", "NUM") or head.ent_type_ in ("DATE", "TIME"):
            return None
        span = self.text_span(head)
        return Actor(text=span.text, start=span.start_char, end=span.end_char)

    def text_span(self, head: Token) -> Span:
        """The words of the whole noun phrase an argument word stands in, as a reader (and the
        CAMEO actor gold) marks it: a modifier picked as the actor ("Taliban" in "Taliban suicide
        bombers") spans its phrase; the parse's cuts through names, possessives, titles and
        numbers are mended from the words themselves."""
        top = _phrase_head(head)
        tokens = extent(top)
        if self._named(top, tokens):
            tokens = self._without_charges(top, _without_places(top, tokens))
        tokens = self._without_descriptions(top, tokens)
        start, end = tokens[0].i, tokens[-1].i + 1
        start, end = self._whole_names(start, end)
        start, end = _with_possessive(self.doc, start, end)
        end = _with_juxtaposed_name(self.doc, end)
        end = _with_name_tail(self.doc, end)
        start = self._whole_names(_with_abbreviation(self.doc, start), end)[0]
        start = _with_quantity(self.doc, start)
        end = _with_parenthesis(self.doc, end)
        if end - start > 1 and self.doc[start].lower_ in PAIRING and not any(t.dep_ == "cc" for t in self.doc[start:end]):
            start += 1  # "both India and Pakistan": "both" belongs to the pair, not to India alone
        return self._trimmed(start, _without_time(self.doc, start, end))

    def joined(self, source: Actor | None, target: Actor | None) -> tuple[Actor | None, Actor | None]:
        """A source and target named in one coordination, as the parties of a mutual act are
        ("Armenia and Azerbaijan agreed to a truce"), both span the whole of it: the text gives no
        phrase to either one alone."""
        heads = [self._head_of(a) for a in (source, target) if a is not None]
        if len(heads) < 2 or None in heads or heads[1].i not in {t.i for t in heads[0].conjuncts}:
            return source, target
        first, last = sorted(heads, key=lambda t: t.i)
        start = min([self.text_span(first).start] + [c.i for c in first.children if c.dep_ == "preconj"])
        span = self.doc[start:self.text_span(last).end]
        words = {"text": span.text, "start": span.start_char, "end": span.end_char}
        return replace(source, **words), replace(target, **words)

    def _head_of(self, actor: Actor) -> Token | None:
        """The word an actor's span hangs from."""
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _without_descriptions(self, top: Token, tokens: list[Token]) -> list[Token]:
        """The phrase without an apposition set off by commas that describes a place or a thing
        ("Mombasa, Kenya's second largest city"); a person's title or name in apposition ("Angela
        Merkel, the German chancellor", "the Kenyan ambassador, Jane Wambui") stays."""
        described = set()
        for child in top.children:
            if child.dep_ == "appos" and child.i > top.i and child.left_edge.nbor(-1).text == "," \
                    and (not self._personal(top) and not self._personal(child) or _speaker_after_place(top, child)):
                described.update(t.i for t in child.subtree)
        return [t for t in tokens if t.i not in described] if described else tokens

    def _without_charges(self, top: Token, tokens: list[Token]) -> list[Token]:
        """A named actor's phrase without an "of" that names no one ("accused the Nigerian
        military of mass slaughter", "accused the US of genocide"): the parser hung the charge
        on the actor. "the President of the Senate", "leader of the opposition" stay."""
        charges = set()
        for child in top.children:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > top.i and objects \
                    and not any(self._names_someone(t) for t in objects[0].subtree if t.i <= objects[0].i):
                charges.update(t.i for t in child.subtree)
        return [t for t in tokens if t.i not in charges] if charges else tokens

    def _names_someone(self, token: Token) -> bool:
        """Whether a word names an actor: a known name, a named entity, or a role noun."""
        return (token.i in self.mentions or token.ent_type_ in NAME_ENTITIES
                or token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in ROLE_WORDS())

    def _personal(self, token: Token) -> bool:
        """Whether a word names a person or a person's office."""
        mention = self.mentions.get(token.i)
        return (token.ent_type_ == "PERSON" or token.lemma_.lower() in ROLE_WORDS()
                or mention is not None and mention.known.kind in ("person", "surname"))

    def _named(self, top: Token, tokens: list[Token]) -> bool:
        """Whether the phrase names its actor outright: a name ("Trump", "ICE"), or a role word with
        its country or body ("the Chinese ambassador", "Ukrainian forces")."""
        if top.pos_ == "PROPN":
            return True
        return top.lemma_.lower() in ROLE_WORDS() and any(
            t.i in self.mentions and t.i < top.i and self.mentions[t.i].known.kind != "surname" for t in tokens)

    def _whole_names(self, start: int, end: int) -> tuple[int, int]:
        """Widened so that no name is cut: a span that reaches into a named entity or a known name
        covers all of it ("the United States" when the parser made "United" a word of its own)."""
        doc = self.doc
        while start > 0 and (doc[start].ent_iob_ == "I" or _same_mention(self.mentions, start - 1, start)):
            start -= 1
        while end < len(doc) and (doc[end].ent_iob_ == "I" or _same_mention(self.mentions, end - 1, end)):
            end += 1
        return start, end

    def _trimmed(self, start: int, end: int) -> Span:
        """The tokens without punctuation at either edge, but with a parenthesis that closes one."""
        if end < len(self.doc) and self.doc[end].text == ")" and "(" in self.doc[start:end].text:
            end += 1  # "the Nigerian Air Force (NAF)": the parenthesis closes inside the phrase
        while end - start > 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space) and not (
                self.doc[end - 1].text == ")" and "(" in self.doc[start:end - 1].text):
            end -= 1
        while end - start > 1 and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        return self.doc[start:end]

    def _refer(self, head: Token, earlier: Actor | None, span: Span | None = None) -> Actor | None:
        if earlier is None:
            return None
        described = head.lemma_.lower() in load_knowledge().descriptions
        if (head.pos_ == "PRON" or described) and head.sent.start_char <= earlier.start < head.sent.end_char:
            # "called President Erdogan and urged him", "Kenya said ..., and the country
            # threatened": the name itself is in the sentence
            return replace(earlier, reciprocal=False, code=actor_code(earlier))
        span = span or self.doc[head.i : head.i + 1]
        return replace(earlier, text=span.text, start=span.start_char, end=span.end_char, reciprocal=False,
                       code=actor_code(earlier))

    def _earlier(self, tokens: list[Token]) -> Actor | None:
        """The last actor named with one of these nouns ("troops", "coalition", "convoy")."""
        for token in sorted(tokens, key=lambda t: t.dep_ != "ROOT" and t is not tokens[0]):
            if token.pos_ in ("NOUN", "PROPN"):
                earlier = self.memory.by_head.get(token.lemma_.lower())
                if earlier is None and token.text[:1].isupper():  # "humanitarian aid" is not "Flying Aid"
                    earlier = self.memory.by_name_word.get(token.lemma_.lower())
                if earlier is not None:
                    return earlier
        return None

    def _complete_from_memory(self, actor: Actor, tokens: list[Token]) -> Actor:
        """"government troops" after "Syrian government troops"; "coalition aircraft" after the
        US-led coalition: take the earlier actor's country and organisation, keep this role."""
        earlier = self._earlier(tokens)
        if earlier is None:
            return actor
        # "President Okonkwo" after "the Ghanaian president" is someone else: a name of its own
        # that the earlier actor's name lacks says so
        earlier_words = set(f"{earlier.name or ''} {earlier.text}".lower().replace("-", " ").split())
        if any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in self.mentions and t.lower_ not in earlier_words
               and t.lemma_.lower() not in ROLE_WORDS() for t in tokens):
            return actor
        return replace(actor, country=earlier.country, code=earlier.code,
                       name=earlier.name if earlier.role == actor.role or actor.role is None else actor.name,
                       role=actor.role or earlier.role)

    def _remember(self, head: Token, tokens: list[Token], actor: Actor, is_person: bool) -> None:
        if actor.country or actor.code:
            for token in tokens:
                if token.pos_ in ("NOUN", "PROPN") and (token == head or token.lemma_.lower() in ROLE_WORDS()):
                    self.memory.by_head[token.lemma_.lower()] = actor
            if actor.name:
                for word in actor.name.lower().replace("-", " ").split():
                    if len(word) > 3:
                        self.memory.by_name_word.setdefault(word, actor)
        if is_person:
            self.memory.last_person = actor
            name = actor.name or actor.text
            self.memory.by_surname[name.split()[-1].lower()] = actor
        elif head.dep_ in ("nsubj", "nsubjpass"):  # the subjects a later "it" or "they" picks up
            if _plural(head):
                self.memory.last_plural = actor
            else:
                self.memory.last_body = actor

    def _antecedent(self, pronoun: Token) -> Actor | None:
        """What a subject or possessive "it" or "they" stands for: the subject of a clause above it
        ("the air force says it has killed", "troops shelled the town after they came under fire"),
        else the last subject of its number in this sentence or the one before. An object pronoun
        is as often a thing ("destroyed them"), and "it is clear that" stands for nothing."""
        plural = pronoun.lower_ in PLURAL_PRONOUNS
        if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        subject = _subject_above(pronoun)
        if subject is not None and _plural(subject) == plural and not self._personal(subject):
            return self.resolve(subject) or self.words(subject)  # a body the coder doesn't know
        if not plural and pronoun.head.lemma_ == "be":
            return None
        earlier = self.memory.last_plural if plural else self.memory.last_body
        if earlier is None or earlier.start >= pronoun.idx:
            return None
        sentence = pronoun.sent
        previous = self.doc[sentence.start - 1].sent if sentence.start else sentence
        return earlier if earlier.start >= previous.start_char else None

    def speaker_of(self, token: Token) -> Actor | None:
        """Who speaks a quote: the subject of the reporting verb the token's clause hangs from."""
        reporting = load_lexicon().reporting
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in reporting:
                subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.i != token.i and subject.lower_ not in SPEAKER_PRONOUNS:
                    return self.resolve(subject)
        return None

    def note_speaker(self, actor: Actor | None) -> None:
        if actor is not None:
            self.memory.last_speaker = actor


def _dictionary_code(actor: Actor, org: Known | None, person: Known | None, tokens: list[Token]) -> str | None:
    """With the dictionaries alone, the code PETRARCH composes where it differs from one sector
    appended: a prefix agent, or agents on an organisation's code (petrarch/agents.py)."""
    if not config.active().only_dictionaries or person is not None or not (org or actor.country):
        return None
    from .petrarch.agents import agents_in, composed_code, is_prefix

    knowledge = load_knowledge()
    agents = agents_in(tokens, knowledge.roles, knowledge.role_lengths)
    if actor.role == "ELI" and any(t.lemma_.lower() in FORMER for t in tokens):
        agents.append("ELI")  # "former officials of the White House": USAGOV's elites, USAGOVELI
    if not any(map(is_prefix, agents)) and (org is None or all(a == org.role for a in agents)):
        return None
    base = (org.code or (org.country or "") + (org.role or "")) if org is not None else actor.country
    return composed_code(base, agents)


def ROLE_WORDS() -> frozenset[str]:  # noqa: N802 - a cached constant
    return _role_words(load_knowledge())


@functools.cache
def _role_words(knowledge: Knowledge) -> frozenset[str]:
    return frozenset(word for phrase in knowledge.roles for word in phrase)


ARMED_GROUP_ROLES = {"REB", "INS", "SEP", "RAD", "UAF", "CRM"}


def _kinds(org: Known | None, actor: Actor, head_mention: Mention | None) -> list[str]:
    """What definite descriptions may later stand for this actor (descriptions.csv)."""
    if org is not None and org.kind == "region":
        return []
    if org is not None:
        return ["org", "armed" if org.role in ARMED_GROUP_ROLES else "igo"]
    if head_mention is not None and head_mention.known.kind == "country" and actor.role is None:
        return ["country"]
    return []


def _owner(found: list[Mention], org: Known) -> str | None:
    """The state named before a state body's name ("Kenya's", "Philippine"), if any."""
    body = next(m.span.start for m in found if m.known is org)
    return next((m.known.country for m in found
                 if m.known.kind in ("country", "adjective", "capital") and m.span.end <= body), None)


def _organisation_name(head: Token) -> bool:
    """Whether a word ends the capitalised name of an organisation no list knows ("the Junior
    Doctors Association"); in all-lowercase text only the lists can say."""
    return head.pos_ == "PROPN" and head.text[:1].isupper() \
        and head.lemma_.lower() in load_knowledge().organisation_words


def _entity_text(token: Token) -> str:
    """The named entity the token is in (read off its IOB tags: scanning doc.ents costs more)."""
    if not token.ent_type_:
        return token.text
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text.replace("\u00a0", " ")


def actor_code(actor: Actor) -> str | None:
    """CAMEO-style code: the organisation's or country's code with the sector role appended."""
    base = actor.code or actor.country or ""
    role = actor.role or ""
    segments = {base[i:i + 3] for i in range(0, len(base), 3)}
    if role in segments or (actor.code and role in ("IGO", "NGO")):  # "AFGREBTAL" is already a rebel code
        return base or None
    return (base + role) or None
