"""PETRARCH/TABARI verb dictionaries (CAMEO.2.0.txt, CAMEO.verbpatterns.*.txt, PETR.Validate.verbs.txt)
read into lexicon entries.

A verb block opens with `--- NAME [code] ---`; its verb lines (`BREAK {BROKE BROKEN}`,
`+BREAK_DOWN`, `WIRE_+TAP`, each with an optional own code) share the block's patterns
(`- SAID * TO ATTEND [082]`). `&NAME` opens a synonym set of `+member` lines, which patterns and
other sets name. In a pattern `*` is the verb; words joined by `_` (or grouped in `{}`) must be
consecutive, words apart may have others between them. `$` and `+` say where the source and the
target stand and `^` a phrase passed over (WordPattern.regions gives the words each stands for;
events.py picks the actors there); `%` wants a compound subject, whose members act on each other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from ..lexicon import Entry
from ..ontology import codebook
from .text import CODE_RE, Problems, lines

MARKERS = {"$", "+", "%", "^"}
GENERIC_CODE = "010"  # for a code with no ancestor in the codebook (the test dictionary's WEIS codes)


@dataclass(frozen=True)
class Slot:
    """One place in a pattern: any of `choices` (each a run of consecutive words), and whether it
    must follow the previous place (or the verb) directly."""

    choices: tuple[tuple[str, ...], ...]
    joined: bool


@dataclass(frozen=True)
class Marker:
    """Where a pattern puts an actor: `$` the source, `+` the target, `^` a phrase passed over. It
    stands for the words up to the pattern's next word (or the sentence's end)."""

    kind: str
    joined: bool = False


Place = tuple[Slot | Marker, int]  # a pattern's place and where in the words it was found


@dataclass(frozen=True)
class WordPattern:
    """The words a pattern wants around its verb, in order, within the sentence."""

    before: tuple[Slot | Marker, ...]  # nearest the verb first, each choice's words read backwards
    after: tuple[Slot | Marker, ...]  # nearest the verb first
    compound: bool = False  # `%`: the verb's subject is a compound actor ("Gondor and Osgiliath agree")

    @property
    def size(self) -> int:
        return sum(min(len(c) for c in slot.choices) for slot in self.before + self.after
                   if isinstance(slot, Slot)) + self.compound

    @property
    def words(self) -> frozenset[str]:
        """Every word the pattern names."""
        return frozenset(w for s in self.before + self.after if isinstance(s, Slot) for c in s.choices for w in c)

    @property
    def places_actors(self) -> bool:
        """Whether the pattern says where its source or target stands (`$`, `+`)."""
        return any(isinstance(s, Marker) and s.kind in "$+" for s in self.before + self.after)

    def matches(self, token: Token) -> bool:
        return self.regions(token) is not None

    def regions(self, token: Token) -> list[tuple[str, list[Token]]] | None:
        """None if the pattern does not match around `token`; else each marker with the words it
        stands for, nearest the verb first (`^ $`: both stand for the same words, in that order)."""
        if self.compound and not any(c.dep_ in ("nsubj", "nsubjpass") and c.conjuncts for c in token.children):
            return None
        sentence = token.sent
        offset = token.i - sentence.start
        words = [t.lower_ for t in sentence]
        before = _fit(self.before, words[:offset][::-1], 0)
        after = _fit(self.after, words[offset + 1 :], 0) if before is not None else None
        if after is None:
            return None
        return ([(kind, [sentence[offset - 1 - i] for i in span]) for kind, span in _marker_spans(before, offset)]
                + [(kind, [sentence[offset + 1 + i] for i in span])
                   for kind, span in _marker_spans(after, len(words) - offset - 1)])


def _fit(slots: tuple[Slot | Marker, ...], words: list[str], start: int) -> list[Place] | None:
    """Where `slots` occur in order in `words` from `start` (a joined slot exactly there), or None."""
    if not slots:
        return []
    slot, rest = slots[0], slots[1:]
    if isinstance(slot, Marker):
        found = _fit(rest, words, start)
        return None if found is None else [(slot, start), *found]
    for at in [start] if slot.joined else range(start, len(words)):
        for choice in slot.choices:
            if tuple(words[at : at + len(choice)]) == choice:
                found = _fit(rest, words, at + len(choice))
                if found is not None:
                    return [(slot, at), *found]
    return None


def _marker_spans(places: list[Place], length: int) -> list[tuple[str, range]]:
    """Each marker's kind and the word positions it stands for: up to the next word placed."""
    spans = []
    for n, (slot, at) in enumerate(places):
        if isinstance(slot, Marker):
            end = next((a for s, a in places[n + 1 :] if isinstance(s, Slot)), length)
            spans.append((slot.kind, range(at, end)))
    return spans


@dataclass
class Verb:
    words: tuple[str, ...]  # the verb with the words it always comes with ("break down", "wire tap")
    at: int  # which of them is the verb
    forms: frozenset[str]
    code: str | None  # its own code, else the block's
    line: int


@dataclass
class Block:
    code: str
    line: int
    verbs: list[Verb]
    patterns: list[tuple[int, str]]


def read_verbs(path: Path, problems: Problems) -> list[Entry]:
    """Lexicon entries from a verb dictionary: one for each verb (its block's or its own code) and
    one for each verb and pattern of its block."""
    synsets, blocks = _read_structure(path, problems)
    codes = _CodeReader(problems)
    entries = []
    for block in blocks:
        patterns = []
        for number, text in block.patterns:
            code_text = CODE_RE.findall(text)
            if not code_text:
                problems.add(number, f"pattern without a [code]: {text!r}")
                continue
            code = codes.read(code_text[-1], number)
            slots = _pattern_slots(text[1 : text.rindex("[")], synsets, problems, number)
            if code is not None and slots is not None:
                patterns.append((number, slots, code))
        for verb in block.verbs:
            default = codes.read(verb.code or block.code, verb.line)
            if default and default[0]:
                entries.append(_entry(path, verb, verb.line, ((), (), False), default))
            for number, slots, code in patterns:
                entries.append(_entry(path, verb, number, slots, code))
    return entries


def _read_structure(path: Path, problems: Problems) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> member texts) and the verb blocks of a file."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    synset: list[str] | None = None  # the set being read, until a blank line
    for number, text in lines(path):
        if not text:
            synset = None
        elif text.startswith("&"):
            synset = synsets.setdefault(_synset_name(text.split()[0]), [])
        elif text.startswith("---"):
            synset = None
            found = CODE_RE.findall(text)
            if not found:
                problems.add(number, f"verb block without a [code]: {text!r}")
            elif len(found) > 1:
                problems.add(number, f"verb block with several codes, the first is used: {text!r}")
            blocks.append(Block(found[0] if found else "---", number, [], []))
        elif text.startswith("-"):
            if not blocks:
                problems.add(number, f"pattern outside a verb block: {text!r}")
            else:
                blocks[-1].patterns.append((number, text))
        elif synset is not None and text.startswith("+"):
            synset.append(text[1:].strip())
        elif text.startswith("~"):
            problems.add(number, f"PETRARCH2 transformation rules are not supported: {text!r}")
        elif blocks:
            verb = _verb(text, number, problems)
            if verb is not None:
                blocks[-1].verbs.append(verb)
        else:
            problems.add(number, f"line outside a verb block or synonym set: {text!r}")
    return synsets, blocks


def _synset_name(text: str) -> str:
    return text.lstrip("&").rstrip("_").upper()


def _verb(text: str, number: int, problems: Problems) -> Verb | None:
    """`BREAK {BROKE BROKEN}`, `+BREAK_DOWN {+BROKE_DOWN}`, `KLM_NOP_+RST [002]`, `LASH OUT`."""
    own = CODE_RE.findall(text)
    listed = re.search(r"\{([^}]*)\}", text)
    phrase = re.split(r"[\[{]", text, maxsplit=1)[0].strip()
    parts = [p for p in re.split(r"[\s_]+", phrase) if p]
    if not parts or not all(re.fullmatch(r"\+?[A-Za-z'.-]+", p) for p in parts):
        problems.add(number, f"cannot read verb line: {text!r}")
        return None
    at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = tuple(p.lstrip("+").lower() for p in parts)
    forms = set(regular_forms(words[at]))
    for item in (listed.group(1).split() if listed else ()):
        marked = re.search(r"\+([A-Za-z'.-]+)", item)
        forms.add((marked.group(1) if marked else item.split("_")[0]).lower())
    return Verb(words, at, frozenset(forms), own[0] if own else None, number)


def regular_forms(verb: str) -> list[str]:
    """A verb's regular forms, as PETRARCH makes them: "departes" is no form of DEPART."""
    forms = [verb, verb + ("es" if verb.endswith(("s", "x", "z", "ch", "sh", "o")) else "s"), verb + "ing"]
    if verb.endswith("e"):
        forms += [verb + "d", verb[:-1] + "ing"]
    else:
        forms += [verb + "ed"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms += [verb[:-1] + "ies", verb[:-1] + "ied"]
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":  # stop -> stopped
        forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return forms


class _CodeReader:
    """Dictionary codes to (code, reverse code): "064", "032:033", "---" (codes nothing) -> ("", None).
    A code the codebook lacks becomes its nearest parent ("1717" -> "171"), reported once a file."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.reported: set[str] = set()

    def read(self, text: str, number: int) -> tuple[str, str | None, str] | None:
        text = text.strip()
        if set(text) <= {"-"}:
            return "", None, text
        forward, _, backward = text.partition(":")
        if not forward:
            self._report(text, number, f"code [{text}] (the mirrored event alone) is not supported; skipped")
            return None
        code = self._code(forward, number)
        reverse = self._code(backward, number) if backward else None
        if code is None or (backward and reverse is None):
            return None
        return code, reverse, text

    def _code(self, text: str, number: int) -> str | None:
        digits = re.match(r"\d+", text)
        if digits is None:
            self._report(text, number, f"[{text}] is not a CAMEO code; skipped")
            return None
        code = digits.group()
        book = codebook()
        while len(code) > 3 and code not in book:
            code = code[:-1]
        if code not in book:
            self._report(text, number, f"code {text} has no parent in the CAMEO codebook; coded {GENERIC_CODE}")
            return GENERIC_CODE
        if code != text:
            self._report(text, number, f"code {text} is not in the CAMEO codebook; coded {code}")
        return code

    def _report(self, text: str, number: int, message: str) -> None:
        if text not in self.reported:
            self.reported.add(text)
            self.problems.add(number, message)


def _entry(path: Path, verb: Verb, number: int, slots: tuple[tuple[Slot, ...], tuple[Slot, ...], bool],
           code: tuple[str, str | None, str]) -> Entry:
    before, after, compound = slots
    # The verb's companion words ("wire" tap, break "down") sit next to it, inside the pattern's.
    own_before = tuple(Slot(((w,),), True) for w in reversed(verb.words[: verb.at]))
    own_after = tuple(Slot(((w,),), True) for w in verb.words[verb.at + 1 :])
    slots_before, slots_after = own_before + before, own_after + after
    pattern = WordPattern(slots_before, slots_after, compound) if slots_before or slots_after or compound else None
    forward, reverse, text = code
    return Entry(id=f"{path.name}:{number} [{text}]", pos="VERB", lemmas=(verb.words[verb.at],), code=forward,
                 petrarch=True, forms=verb.forms, pattern=pattern, reverse_code=reverse)


def _pattern_slots(text: str, synsets: dict[str, list[str]], problems: Problems,
                   number: int) -> tuple[tuple[Slot, ...], tuple[Slot, ...], bool] | None:
    """A pattern's text (between `-` and its code) as the slots before and after the verb, and
    whether it wants a compound actor (`%`) before the verb."""
    text = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), text)  # {ARMS SHIPMENT}: one phrase
    text = text.replace("(", " ").replace(")", " ")  # CAMEO.2.0's (PREP phrase) groups
    items: list[tuple[str, bool]] = []  # (part, joined to the previous)
    for chunk in text.split():
        joined = chunk.startswith("_")
        for part in chunk.split("_"):
            if part:
                items.append((part, joined))
            joined = True
    if [p for p, _ in items].count("*") != 1:
        problems.add(number, f"a pattern needs one `*` (the verb): {text.strip()!r}")
        return None
    slots: list[Slot | Marker | str] = []
    gap = False
    for part, joined in items:
        if part in MARKERS:
            gap = True  # an actor or a skipped phrase stands here: the next word need not be adjacent
            if part != "%":  # a compound actor is asked of the parse (WordPattern.compound)
                slots.append(Marker(part))
            continue
        if part == "*":
            slots.append("*" if not (joined and not gap) else "*joined")
        else:
            choices = _choices(part, synsets, problems, number)
            if choices is None:
                return None
            slots.append(Slot(choices, joined and not gap))
        gap = False
    star = next(i for i, s in enumerate(slots) if isinstance(s, str))
    before, after = slots[:star], slots[star + 1 :]
    # Read backwards from the verb: a slot's "joined" is whether the slot after it (or the verb) touches it.
    touching = [s.joined for s in before[1:]] + [slots[star] == "*joined"]
    mirrored = tuple(s if isinstance(s, Marker) else Slot(tuple(c[::-1] for c in s.choices), t)
                     for s, t in zip(reversed(before), reversed(touching)))
    return mirrored, tuple(after), "%" in [p for p, _ in items[: [p for p, _ in items].index("*")]]


def _choices(part: str, synsets: dict[str, list[str]], problems: Problems, number: int,
             seen: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...] | None:
    if not part.startswith("&"):
        return (word_parts(part),)
    name = _synset_name(part)
    if name not in synsets or name in seen:
        problems.add(number, f"unknown synonym set &{name}")
        return None
    choices = []
    for member in synsets[name]:
        if member.startswith("&"):
            nested = _choices(member.split()[0], synsets, problems, number, seen | {name})
            choices.extend(nested or ())
        else:
            choices.append(tuple(w for word in re.split(r"[\s_]+", member) if word for w in word_parts(word)))
    return tuple(c for c in choices if c) or None


def word_parts(word: str) -> tuple[str, ...]:
    """A dictionary word as the tokens spaCy makes of it: "peace-keeping" is three, "don't" two."""
    word = word.lower()
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3], "n't")
    return tuple(p for p in re.split(r"(?<=[a-z])(-)(?=[a-z])", word) if p)
