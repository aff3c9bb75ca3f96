"""Death and injury counts stated in a sentence, and the event each belongs to.

A casualty word (data/casualty_words.csv: "killed", "died", "shot dead", "wounded", "death
toll") counts the noun phrase or number the parse hangs on it. Figures are read as stated:
"about 100" is 100, "at least 25" and "more than 300" are their lower bounds 25 and 300, "a
soldier" is 1; vague amounts ("dozens", "scores", "hundreds") are left uncounted.

A mention goes to the event of the casualty word itself (when it is an event trigger) and to
the nearest other event trigger in the parse ("an air raid left 62 troops killed": the raid);
a mention near no trigger belongs to every event of the sentence.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .resources import read_csv

# English numerals (the language's number words, not a lexicon to edit).
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {"a", "an", "and"}
# Singular nouns after "a" that name an amount, not one person ("a number of", "a handful").
AMOUNT_NOUNS = {"number", "lot", "group", "couple", "handful", "host", "series", "dozen", "score", "crowd", "total",
                "toll", "majority", "minority", "range", "few"}
# A trigger this many dependency steps or more away from a casualty word does not claim it.
MAX_DISTANCE = 5
# A larger figure is no casualty count (and would overflow the store's 32-bit columns).
MAX_COUNT = 1_000_000_000


@dataclass(frozen=True)
class CasualtyWord:
    lemma: str
    with_: str | None
    kind: str  # "killed" or "injured"
    counts: str  # "object", "subject", "self", "toll"


@dataclass
class Mention:
    kind: str
    count: int
    word: Token  # the casualty word
    victims: Token | None  # the counted noun phrase's head, when it is not a bare number


@dataclass
class Casualties:
    """The casualty mentions of one sentence."""

    mentions: list[Mention] = field(default_factory=list)

    def __iter__(self):  # (fatalities, injuries, victims) of the whole sentence
        return iter(_totals(self.mentions))

    def for_event(self, trigger: Token, triggers) -> tuple[int | None, int | None, Token | None]:
        """(fatalities, injuries, the killed group's head word) of the event at `trigger`;
        `triggers` are all the sentence's event words."""
        casualty_words = {m.word.i for m in self.mentions}
        others = [t for t in triggers if t.i not in casualty_words]
        mine = []
        for mention in self.mentions:
            if mention.word.i == trigger.i:
                mine.append(mention)
                continue
            nearest = min(others, key=lambda t: _distance(t, mention.word), default=None)
            if nearest is None or _distance(nearest, mention.word) >= MAX_DISTANCE:
                mine.append(mention)  # near no event word: the sentence's figure
            elif nearest.i == trigger.i:
                mine.append(mention)
        return _totals(mine)


def _totals(mentions: list[Mention]) -> tuple[int | None, int | None, Token | None]:
    killed = max((m.count for m in mentions if m.kind == "killed"), default=None)
    injured = max((m.count for m in mentions if m.kind == "injured"), default=None)
    victims = next((m.victims for m in mentions if m.kind == "killed" and m.victims is not None), None)
    return killed, injured, victims


def _distance(a: Token, b: Token) -> int:
    """Dependency steps between two words of one sentence."""
    up_a = [a] + list(a.ancestors)
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in depth:
            return n + depth[t.i]
    return 99


@functools.cache
def casualty_words() -> dict[str, tuple[CasualtyWord, ...]]:
    words: dict[str, list[CasualtyWord]] = {}
    for row in read_csv("casualty_words.csv"):
        entry = CasualtyWord(row["lemma"], row["with"] or None, row["kind"], row["counts"])
        words.setdefault(entry.lemma, []).append(entry)
    # Entries that need a companion word first: "shot dead" before anything "shot" might be.
    return {lemma: tuple(sorted(group, key=lambda e: e.with_ is None)) for lemma, group in words.items()}


def _figure(word: str) -> bool:
    """Digits that int() reads: isdigit() also holds for "²" and "①", which it refuses, and it
    refuses 4,300 digits and more."""
    return word.isdecimal() and len(word) <= 12


def parse_number(text: str) -> int | None:
    """An integer from digits ("1,200") or English number words ("twenty-two", "a dozen",
    "two dozen")."""
    cleaned = text.lower().replace(",", "").strip()
    if _figure(cleaned):
        return int(cleaned)
    total, current, seen = 0, 0, False
    for word in cleaned.replace("-", " ").split():
        if word in ("a", "an", "and"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif _figure(word):
            current += int(word)
        else:
            return None
        seen = True
    return total + current if seen else None


def _numeral(token: Token) -> bool:
    return token.like_num or token.lower_ in NUMBER_WORDS


def _number_words(head: Token) -> int | None:
    """The number a numeral and its own numeral modifiers state ("Two dozen", "twenty-two")."""
    words = [t.text for t in head.subtree if _numeral(t) or t.text == "-"]
    return parse_number(" ".join(words)) if words else None


def number_of(noun: Token) -> int | None:
    """The count a phrase states: a bare numeral, its numeral modifier, or "a"/"one" before a
    singular noun; vague amounts ("dozens of", "scores") give None."""
    if noun.pos_ == "NUM" or (noun.like_num and noun.pos_ != "NOUN"):
        return _number_words(noun)
    for child in noun.children:
        if child.dep_ == "nummod" and _numeral(child):
            return _number_words(child)
    if noun.tag_ in ("NN", "NNP") and noun.lemma_.lower() not in AMOUNT_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in noun.children
    ):
        return 1
    return None


def _with(word: Token, companion: str) -> bool:
    """A word of lemma `companion` within two steps below `word` ("shot ... dead", "lost their lives")."""
    for child in word.children:
        if child.lemma_.lower() == companion or any(g.lemma_.lower() == companion for g in child.children):
            return True
    return False


def _counted(word: Token, entry: CasualtyWord) -> list[Token]:
    """The phrases a casualty word counts, most likely first."""
    deps = {c.dep_: c for c in word.children}
    found = []
    if entry.counts == "object":
        found += [deps[d] for d in ("dobj", "nsubjpass") if d in deps]
        subject = deps.get("nsubj")
        if subject is not None and not found and (subject.pos_ == "NUM" or word.tag_ == "VBN"):
            # A past participle's subject is who it happened to ("... and about 100 other
            # people injured"), as is a headline's bare number ("3 killed, 12 injured").
            found.append(subject)
    elif entry.counts == "subject":
        found += [deps[d] for d in ("nsubj", "nsubjpass") if d in deps]
    elif entry.counts == "toll":
        found += _toll_figures(word)
    if entry.counts == "self" or word.pos_ in ("NOUN", "ADJ", "NUM"):
        found.append(word)
    if word.dep_ in ("acl", "amod", "relcl") and word.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(word.head)  # "62 troops killed", "dead protesters", "12 injured"
    if word.dep_ in ("oprd", "acomp", "xcomp"):
        found += [c for c in word.head.children if c.dep_ == "dobj"]  # "leaving eight soldiers dead"
    return found


def _toll_figures(toll: Token) -> list[Token]:
    """The numbers a toll stands at: "a death toll of 45", "the toll rose to 45", "reached 45"."""
    figures = [g for c in toll.children if c.dep_ == "prep" and c.lower_ in ("of", "at") for g in c.children]
    verb = toll.head
    if toll.dep_ in ("nsubj", "nsubjpass"):
        figures += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for g in c.children]
        figures += [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    return [f for f in figures if f.like_num or f.pos_ == "NUM"]


def _count(phrase: Token) -> tuple[int | None, Token | None]:
    """(count, head noun) of a counted phrase, conjoined groups summed ("five soldiers and two
    civilians")."""
    count = number_of(phrase)
    if count is None:
        return None, None
    for conjunct in phrase.conjuncts:
        extra = number_of(conjunct)
        if extra is not None and conjunct.i > phrase.i:
            count += extra
    return count, None if phrase.pos_ == "NUM" else phrase


def find_casualties(sentence: Span) -> Casualties:
    """Every stated death and injury count of a sentence."""
    words = casualty_words()
    found = Casualties()
    for token in sentence:
        entries = words.get(token.lemma_.lower()) or words.get(token.lower_)
        if not entries:
            continue
        entry = next((e for e in entries if e.with_ is None or _with(token, e.with_)), None)
        if entry is None:
            continue
        for phrase in _counted(token, entry):
            count, victims = _count(phrase)
            if count is not None and count <= MAX_COUNT:
                found.mentions.append(Mention(entry.kind, count, token, victims))
                break
    return found
