"""The event lexicon (data/event_lexicon.yaml): entries, word lists, and matching a trigger word."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from . import config
from .ontology import check_mode, lookup
from .resources import read_yaml

CONSTRAINTS = ("particle", "prep", "object", "of", "head", "needs_actor")


@dataclass(frozen=True)
class Entry:
    id: str
    pos: str  # "VERB", "NOUN" or "ADJ"
    lemmas: tuple[str, ...]  # the phrase; the last lemma is the trigger word
    code: str
    mode: str | None = None
    plover_type: str | None = None  # where PLOVER splits what one CAMEO code lumps (convictions)
    particle: str | None = None
    prep: str | None = None
    object: frozenset[str] = frozenset()
    of: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    needs_actor: bool = False
    secondary: bool = False
    # Entries read from PETRARCH dictionaries (tacitus.petrarch) are coded as PETRARCH reads them
    # (`petrarch`, see events.py); they hold the word forms the trigger may take (the dictionary
    # lists forms, not lemmas), the words the pattern wants around the trigger (an object with
    # `matches(token)` and `size`), and the code of the mirrored event, the target acting on the
    # source ("032:033": visit, and receive a visit).
    petrarch: bool = False
    forms: frozenset[str] = frozenset()
    pattern: object | None = None
    reverse_code: str | None = None

    @property
    def specificity(self) -> int:
        given = [self.particle, self.prep, self.object, self.of, self.head]
        return len(self.lemmas) + sum(1 for g in given if g) + (self.pattern.size if self.pattern else 0)

    def matches(self, token: Token) -> bool:
        """Whether the trigger word `token` meets this entry's phrase and constraints."""
        doc = token.doc
        if self.forms and token.lower_ not in self.forms:
            return False
        if self.pattern is not None and not self.pattern.matches(token):
            return False
        if len(self.lemmas) > 1:
            start = token.i - len(self.lemmas) + 1
            if start < 0 or tuple(t.lemma_.lower() for t in doc[start : token.i + 1]) != self.lemmas:
                return False
        if self.particle and not any(
            c.dep_ in ("prt", "advmod", "prep") and c.lower_ == self.particle for c in token.children
        ):
            return False
        # The preposition follows its verb: "On Nov. 2, X called Y" is no "called on".
        if self.prep and not any(c.dep_ in ("prep", "agent") and c.lower_ == self.prep and c.i > token.i
                                 for c in token.children):
            return False
        if self.object and not (object_lemmas(token) & self.object):
            return False
        if self.of and not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in self.of for g in c.children)
            for c in token.children
        ):
            return False
        if self.head and governing_verb(token).lemma_.lower() not in self.head:
            return False
        return True


def object_lemmas(token: Token) -> set[str]:
    """Lemmas of a verb's objects (and their conjuncts, and the subject of a passive)."""
    # "found him guilty" parses the adjective as a clausal complement
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
               or c.dep_ == "ccomp" and c.pos_ == "ADJ"]
    preps = [c for c in token.children if c.dep_ == "prep"]
    if token.dep_ == "dobj":  # "opened an investigation into X": the parser hangs "into" on the verb
        preps.extend(c for c in token.head.children if c.dep_ == "prep")
    preps.extend(g for p in list(preps) for g in p.children if g.dep_ == "prep")  # "pulled out of talks"
    for prep in preps:
        objects.extend(g for g in prep.children if g.dep_ == "pobj")
    lemmas = set()
    for obj in objects:
        lemmas.add(obj.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in obj.conjuncts)
        if obj.pos_ == "PROPN":  # "released journalist Mahmoud Hussein": the name's title says who
            lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN")
    return lemmas


def fronted_report(verb: Token) -> Token | None:
    """The reported clause before a verb of saying that a participle after it continues, as the
    parser hangs it on the verb of saying ("X stormed the village, police said, wounding four")."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head.lemma_.lower() not in load_lexicon().reporting:
        return None
    return next((c for c in verb.head.children if c.dep_ == "ccomp" and c.i < verb.head.i), None)


def governing_verb(token: Token) -> Token:
    """The verb a noun hangs from, through a preposition if need be ("came under attack" -> came)."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    return head


WORD_CLASSES = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
PREDICATE_DEPS = {"acomp", "ROOT", "ccomp", "xcomp", "conj", "advcl"}  # "is skeptical of", "said it was wary"


@dataclass(frozen=True)
class Lexicon:
    by_word: dict[tuple[str, str], tuple[Entry, ...]]
    light_source: frozenset[str]
    light_target: frozenset[str]
    reporting: frozenset[str]
    embedding: frozenset[str]
    threat_frames: frozenset[str]
    modal_hypothetical: frozenset[str]
    alleged_markers: frozenset[str]
    negation_verbs: frozenset[str]
    frame_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    object_control: frozenset[str]
    recipient_verbs: frozenset[str]
    # PETRARCH discard phrases (lowercase words): "story" ones drop the document's events, "sentence"
    # ones the sentence's ("+TYPHOON", "BASEBALL": not political events).
    discards: tuple[tuple[tuple[str, ...], str], ...] = ()

    def discarded(self, tokens) -> str | None:
        """"story" or "sentence" when a discard phrase occurs among `tokens`."""
        if not self.discards:
            return None
        words = [t.lower_ for t in tokens]
        for phrase, scope in self.discards:
            if any(tuple(words[i : i + len(phrase)]) == phrase for i in range(len(words) - len(phrase) + 1)):
                return scope
        return None

    def names_act(self, noun: Token) -> bool:
        """Whether a noun is one the lexicon knows as an act ("strike", "ceasefire", "curfew"), wherever it stands."""
        return any(len(e.lemmas) == 1 for e in self.by_word.get(("NOUN", noun.lemma_.lower()), ()))

    def match(self, token: Token) -> Entry | None:
        """The most specific entry that `token` triggers, if any."""
        pos = WORD_CLASSES.get(token.pos_)
        if pos == "NOUN" and any(c.dep_ == "prt" for c in token.children):
            pos = "VERB"  # "WHO and UNICEF hand over vaccines": the tagger's noun has a verb's particle
        if pos is None or pos == "ADJ" and token.dep_ not in PREDICATE_DEPS:
            return None  # "the parties concerned" is no concern: only a predicate adjective acts
        candidates = self.by_word.get((pos, token.lemma_.lower()), ())
        if token.lower_ != token.lemma_.lower():
            # Nouns the tagger lemmatised oddly; the word forms a dictionary lists ("left" is not "leave").
            others = self.by_word.get((pos, token.lower_), ())
            candidates += tuple(e for e in others if e.forms or (not candidates and pos == "NOUN"))
        for entry in candidates:  # sorted most specific first
            if entry.matches(token):
                return entry
        return None

    def triggers(self, tokens) -> list[tuple[Token, Entry]]:
        """Every trigger word among `tokens` with the entry it matches."""
        found = []
        for token in tokens:
            entry = self.match(token)
            if entry is not None and entry.code:  # a dictionary pattern coded "---" matches to code nothing
                found.append((token, entry))
        return found


def load_lexicon() -> Lexicon:
    """The event lexicon of the active configuration: the built-in patterns and the verb patterns of
    the user's PETRARCH dictionaries."""
    return _lexicon(config.active())


@functools.cache
def _lexicon(settings: config.Config) -> Lexicon:
    data = read_yaml("event_lexicon.yaml")
    index: dict[tuple[str, str], list[Entry]] = {}
    entries = [] if settings.only_dictionaries else [_entry(raw) for raw in data["entries"]]
    discards = []
    # Added to the built-in lexicon, a dictionary brings the verbs it lacks: the built-in patterns
    # were tuned with the rest of the coder (the reporting verbs report the events around them; a
    # toll goes to the nearest event word), and a second reading of the same verb would undo that.
    known = {e.lemmas[-1] for e in entries} | set(data["reporting_verbs"])
    for path in settings.dictionaries:
        from .petrarch import dictionary_discards, dictionary_entries

        entries.extend(e for e in dictionary_entries(path) if settings.only_dictionaries or e.lemmas[-1] not in known)
        discards.extend(dictionary_discards(path))
    for entry in entries:
        for word in {entry.lemmas[-1], *entry.forms}:
            index.setdefault((entry.pos, word), []).append(entry)
    return Lexicon(
        # Most specific first; built-in entries before dictionary ones, which add what the built-in
        # lexicon lacks rather than overrule what it was tuned to read.
        by_word={k: tuple(sorted(v, key=lambda e: (e.petrarch, -e.specificity))) for k, v in index.items()},
        light_source=frozenset(data["light_verbs"]["source"]),
        light_target=frozenset(data["light_verbs"]["target"]),
        reporting=frozenset(data["reporting_verbs"]),
        embedding=frozenset(data["embedding_verbs"]),
        threat_frames=frozenset(data["threat_frames"]),
        modal_hypothetical=frozenset(data["modal_hypothetical"]),
        alleged_markers=frozenset(data["alleged_markers"]),
        negation_verbs=frozenset(data["negation_verbs"]),
        frame_nouns=frozenset(data["frame_nouns"]),
        partitive_nouns=frozenset(data["partitive_nouns"]),
        object_control=frozenset(data["object_control"]),
        recipient_verbs=frozenset(data["recipient_verbs"]),
        discards=tuple(discards),
    )


def _entry(raw: dict) -> Entry:
    """A lexicon entry from its YAML form, checked against the codebook and PLOVER's modes."""
    code = lookup(raw["code"])  # fail loudly on a code that is not in the codebook
    check_mode(raw.get("type") or code.plover_type, raw.get("mode"), f"lexicon entry {raw['id']}")
    pos, phrase = next((pos, raw[key]) for key, pos in (("verb", "VERB"), ("noun", "NOUN"), ("adj", "ADJ")) if key in raw)
    return Entry(
        id=raw["id"],
        pos=pos,
        lemmas=tuple(phrase.lower().split()),
        code=raw["code"],
        mode=raw.get("mode"),
        plover_type=raw.get("type"),
        particle=raw.get("particle"),
        prep=raw.get("prep"),
        object=frozenset(raw.get("object", ())),
        of=frozenset(raw.get("of", ())),
        head=frozenset(raw.get("head", ())),
        needs_actor=bool(raw.get("needs_actor", False)),
        secondary=bool(raw.get("secondary", False)),
    )
