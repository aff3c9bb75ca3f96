"""Death and injury counts stated in a sentence ("left 62 troops killed", "killing two")."""
from __future__ import annotations

from spacy.tokens import Span, Token

KILLED = {"kill", "die", "dead", "death", "slay", "massacre", "execute", "behead", "fatality", "perish"}
INJURED = {"injure", "wound", "hurt", "injury", "injured", "wounded"}
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def parse_number(text: str) -> int | None:
    """An integer from digits ("1,200") or English number words ("twenty-two", "a dozen")."""
    cleaned = text.lower().replace(",", "").strip()
    if cleaned.isdigit():
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
        elif word.isdigit():
            current += int(word)
        else:
            return None
        seen = True
    return total + current if seen else None


def number_of(noun: Token) -> int | None:
    """The count a noun phrase states: its numeric modifier, or the noun itself when it is a number."""
    if noun.like_num or noun.pos_ == "NUM":
        words = [t.text for t in noun.subtree if t.like_num or t.lower_ in SCALES or t.lower_ in ("a", "-")]
        return parse_number(" ".join(words) or noun.text)
    for child in noun.children:
        if child.dep_ == "nummod":
            words = [t.text for t in child.subtree if t.like_num or t.lower_ in SCALES or t.text == "-"]
            return parse_number(" ".join(words))
    return None


def victims_of(word: Token) -> list[Token]:
    """Noun phrases that a kill/injure word counts."""
    candidates = [c for c in word.children if c.dep_ in ("nsubjpass", "dobj", "nsubj", "attr")]
    if word.dep_ in ("acl", "amod", "relcl") or (word.dep_ == "conj" and word.head.pos_ in ("NOUN", "PROPN")):
        candidates.append(word.head)
    if word.pos_ == "NOUN":
        candidates.append(word)
    return candidates


def find_casualties(sentence: Span) -> tuple[int | None, int | None, Token | None]:
    """(fatalities, injuries, the killed group's head word) stated in the sentence."""
    killed = injured = None
    victims = None
    for token in sentence:
        lemma = token.lemma_.lower()
        kind = "killed" if lemma in KILLED else "injured" if lemma in INJURED or token.lower_ in INJURED else None
        if kind is None:
            continue
        for noun in victims_of(token):
            count = number_of(noun)
            if count is None:
                continue
            if kind == "killed":
                killed = max(killed or 0, count)
                victims = victims or noun
            else:
                injured = max(injured or 0, count)
            break
    return killed, injured, victims
