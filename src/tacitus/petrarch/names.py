"""PETRARCH/TABARI actor, agent, discard and issue dictionaries, read into Tacitus's actor knowledge.

Actors: a name (`NEW_ZEALAND`), its synonyms (`+AOTEAROA`) and one or more codes, each perhaps
restricted in time (`[RUSGOV 19991231-20080507]`, `[HOB < 950601]`, `[HOBREB > 990816]`).
Agents: a phrase, its plurals (`{GEESE}`, `{}` for none) and a role appended to the actor's code
(`[~GOV]`); `!PERSON! = MAN, WOMAN` sets stand in for a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from ..actors import Known
from ..resources import read_csv
from .text import CODE_RE, Problems, lines, words

# CAMEO sector codes beyond data/roles.csv that a dictionary code may end with.
MORE_ROLES = {"ELI", "AGR", "MOD", "RAD", "UAF", "ENV", "HRI", "SET", "IMG", "NGM", "MNC", "CHR", "MUS", "JEW",
              "BUD", "HIN", "SEP", "DEV", "TOP", "MID", "LOW", "SPY"}


def known_roles() -> set[str]:
    return {row["role"] for row in read_csv("roles.csv")} | {"IGO", "NGO"} | MORE_ROLES


@dataclass
class _Name:
    line: int
    names: list[str]
    codes: list[tuple[str, str]]  # (code, date restriction text)


def read_actors(path: Path, problems: Problems) -> list[tuple[str, Known]]:
    """(alias, Known) pairs: one Known for each of a name's codes and each stretch of days it holds."""
    result = []
    roles = known_roles()
    for name in _names(path, problems):
        if not name.codes:
            problems.add(name.line, f"actor {name.names[0]!r} has no [code]")
            continue
        for known in _knowns(name, roles, problems):
            for alias in dict.fromkeys(name.names):
                result.append((alias_text(alias), known))
    return result


def _names(path: Path, problems: Problems) -> list[_Name]:
    found: list[_Name] = []
    for number, text in lines(path):
        if not text:
            continue
        codes = [_split_code(c) for c in CODE_RE.findall(text)]
        bare = CODE_RE.sub(" ", text).strip()
        if text.startswith("["):
            if not found:
                problems.add(number, f"code before any actor name: {text!r}")
            else:
                found[-1].codes.extend(codes)
        elif text.startswith("+"):
            if not found:
                problems.add(number, f"synonym before any actor name: {text!r}")
            elif bare[1:].strip():
                found[-1].names.append(bare[1:].strip())
                found[-1].codes.extend(codes)
        elif bare:
            found.append(_Name(number, [bare], codes))
        else:
            problems.add(number, f"cannot read actor line: {text!r}")
    return found


def _split_code(text: str) -> tuple[str, str]:
    parts = text.strip().split(None, 1)
    return (parts[0] if parts else "", parts[1].strip() if len(parts) > 1 else "")


def alias_text(name: str) -> str:
    """A dictionary name as Tacitus matches it: words apart, capitalised (so that "turkey" in running
    text is not TURKEY); short all-capital words ("UN", "IMF") and dotted ones ("U.S.") keep their
    capitals and match only so."""
    out = []
    for word in words(name):
        if "." in word or (len(words(name)) == 1 and len(word) <= 3):
            out.append(word.upper())
        elif word == "the" and not out:
            out.append(word)
        else:
            out.append(word.title() if word.isalpha() or "-" in word else word.upper())
    return " ".join(out)


def _knowns(name: _Name, roles: set[str], problems: Problems) -> list[Known]:
    """One Known for each code and stretch of days. Dated codes are taken in the order given, each
    for the days no earlier one holds; an undated code holds on the days left."""
    dated, undated = [], []
    for code, restriction in name.codes:
        if not re.fullmatch(r"[A-Za-z0-9]+(/[A-Za-z0-9]+)*", code):
            continue  # [---], [+++], [###]: a name known not to be coded
        if "/" in code and not re.fullmatch(r"[A-Za-z]{3}(/[A-Za-z]{3})+", code):
            problems.add(name.line, f"{name.names[0]}: several codes [{code}]: only the first is used")
            code = code.split("/")[0]
        span = _days(restriction, problems, name.line) if restriction else None
        if restriction and span is None:
            continue
        (dated if span else undated).append((code.upper(), span or (None, None)))
    taken: list[tuple[date | None, date | None]] = []
    knowns = []
    # Office-holders are the names with dated codes: a person, whom the phrase's role words do not recode.
    kind = "person" if dated else None
    for code, span in dated + undated[:1]:
        for first, last in _subtract(span, taken):
            known = _known(name.names[0], code, roles, (first, last))
            knowns.append(replace(known, kind=kind) if kind else known)
        taken.append(span)
    if len(undated) > 1:
        problems.add(name.line, f"{name.names[0]}: several undated codes: only {undated[0][0]} is used")
    return knowns


def _known(name: str, code: str, roles: set[str], valid) -> Known:
    """RUSGOV is Russia's government (country RUS, role GOV); IGOUNO an organisation's code; a bare
    three-letter code a country; a longer one keeps its whole code, with the role it ends with."""
    display = alias_text(name)
    if len(code) == 3 or "/" in code:  # THE_SHIRE [FRO/BIL/SAM]: one name for several (events.several_countries)
        return Known("country", display, country=code, valid=valid)
    if code[:3] in ("IGO", "NGO"):
        return Known("org", display, role=code[:3], code=code, valid=valid)
    if code[:3] in ("IMG", "NGM", "MNC"):  # armed groups, NGOs and companies with no country
        return Known("org", display, role=code[-3:] if code[-3:] in roles else None, code=code, valid=valid)
    if len(code) == 6 and code[3:] in roles:
        return Known("org", display, country=code[:3], role=code[3:], valid=valid)
    role = code[-3:] if code[-3:] in roles else None
    return Known("org", display, country=code[:3], role=role, code=code, valid=valid)


def _day(text: str) -> date:
    """TABARI's YYMMDD (years 30-99 are the 1900s) or YYYYMMDD."""
    if len(text) == 6:
        year = int(text[:2])
        return date(1900 + year if year >= 30 else 2000 + year, int(text[2:4]), int(text[4:]))
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    raise ValueError(text)


def _days(restriction: str, problems: Problems, line: int) -> tuple[date | None, date | None] | None:
    """`< D` the days before D, `> D` from D on, `D1-D2` both days included."""
    text = restriction.replace(" ", "")
    try:
        if text.startswith("<"):
            return None, _day(text[1:]) - timedelta(days=1)
        if text.startswith(">"):
            return _day(text[1:]), None
        first, last = text.split("-")
        return _day(first), _day(last)
    except ValueError:
        problems.add(line, f"cannot read date restriction {restriction!r}")
        return None


def _subtract(span, taken):
    """The parts of `span` that none of `taken` covers (None is an open end)."""
    low, high = date.min, date.max
    pieces = [(span[0] or low, span[1] or high)]
    for first, last in taken:
        first, last = first or low, last or high
        cut = []
        for a, b in pieces:
            if last < a or first > b:
                cut.append((a, b))
                continue
            if a < first:
                cut.append((a, first - timedelta(days=1)))
            if b > last:
                cut.append((last + timedelta(days=1), b))
        pieces = cut
    return [(None if a == low else a, None if b == high else b) for a, b in pieces]


def read_agents(path: Path, problems: Problems) -> list[tuple[tuple[str, ...], tuple[str, int]]]:
    """(phrase, (role, rank)) pairs: the phrase and its plurals as words, as PETRARCH matches them
    ("human rights activists", not the lemmas "human right activist"); longer phrases rank higher
    ("foreign minister" over "minister")."""
    substitutions: dict[str, list[str]] = {}
    result = []
    for number, text in lines(path):
        if not text:
            continue
        sets = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", text)
        if sets:
            substitutions[sets.group(1).upper()] = [w.strip() for w in sets.group(2).split(",") if w.strip()]
            continue
        codes = CODE_RE.findall(text)
        if len(codes) != 1 or "~" not in codes[0]:
            problems.add(number, f"cannot read agent line (a phrase and one [~CODE]): {text!r}")
            continue
        role = codes[0].replace(" ", "").upper()  # `[~GOV]` is appended, `[NGO~]` goes first (agents.py)
        role = role[1:] if role.startswith("~") else role
        plurals = re.search(r"\{([^}]*)\}", text)
        phrase = re.split(r"[\[{]", text, maxsplit=1)[0].strip()
        for form in _substituted(phrase, substitutions, problems, number):
            variants = {words(form)}
            if plurals:
                variants.update(words(p) for p in plurals.group(1).split())
            else:
                variants.add(_plural(words(form)))
            result.extend((variant, (role, len(variant) + 1)) for variant in variants if variant)
    return result


def _plural(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """PETRARCH's regular plural of a phrase's last word, for an agent that lists none."""
    if not phrase:
        return phrase
    last = phrase[-1]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return phrase[:-1] + (last,)


def _substituted(phrase: str, substitutions: dict[str, list[str]], problems: Problems, number: int) -> list[str]:
    found = re.search(r"!(\w+)!", phrase)
    if not found:
        return [phrase]
    name = found.group(1).upper()
    if name not in substitutions:
        problems.add(number, f"unknown substitution set !{name}!")
        return []
    return [p for word in substitutions[name]
            for p in _substituted(phrase[: found.start()] + word + phrase[found.end() :], substitutions, problems, number)]


def read_discards(path: Path, problems: Problems) -> list[tuple[tuple[str, ...], str]]:
    """(words, "story" or "sentence"): a `+` phrase discards the whole story, others the sentence."""
    result = []
    for number, text in lines(path):
        if text:
            story = text.startswith("+")
            phrase = words(text.lstrip("+"))
            if phrase:
                result.append((phrase, "story" if story else "sentence"))
            else:
                problems.add(number, f"empty discard phrase: {text!r}")
    return result


def read_issues(path: Path, problems: Problems) -> list[tuple[tuple[str, ...], str]]:
    """(words, issue code) of an issue file's `phrase [CODE]` lines; `~phrase` exclusions and the
    `<ISSUE ...>` category lines are recognised and left out."""
    result = []
    for number, text in lines(path):
        if not text or text.startswith("~") or re.fullmatch(r"</?ISSUE[^>]*>", text):
            continue
        codes = CODE_RE.findall(text)
        phrase = CODE_RE.sub(" ", text).strip()
        if len(codes) != 1 or not phrase:
            problems.add(number, f"cannot read issue line (a phrase and one [CODE]): {text!r}")
            continue
        result.append((words(re.sub(r"\b\w:", "", phrase).replace("+", "-")), codes[0].strip()))
    return result
