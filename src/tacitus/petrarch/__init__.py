"""PETRARCH/TABARI dictionaries (verb patterns, actors, agents, discards, issues) read into Tacitus's
lexicon and actor knowledge, and PETRARCH's validation records (`tacitus petrarch-validate`).

`lexicon._lexicon` and `actors._knowledge` call `dictionary_entries(path)` and
`dictionary_actors(path)` for each `--dictionaries` path; `read_dictionaries(path)` holds all that
was read, with every problem found (file and line). See docs/PETRARCH.md.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .. import config, places
from ..actors import Known
from ..lexicon import Entry
from .names import read_actors, read_agents, read_discards, read_issues
from .text import Problem, Problems
from .verbs import read_verbs

__all__ = ["Dictionaries", "Problem", "dictionary_actors", "dictionary_discards", "dictionary_entries", "dictionary_kind",
           "read_dictionaries"]


@dataclass
class Dictionaries:
    files: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    actors: list[tuple[str, Known]] = field(default_factory=list)
    roles: list[tuple[tuple[str, ...], tuple[str, int]]] = field(default_factory=list)
    discards: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    issues: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def dictionary_kind(path: Path) -> str | None:
    """What a dictionary file holds, by PETRARCH's file names: verbs, actors, agents, discards, issues."""
    name = path.name.lower()
    if path.suffix.lower() != ".txt":
        return None
    for kind, marks in (("verbs", ("verbs", "verbpatterns")), ("actors", ("actors",)), ("agents", ("agents",)),
                        ("discards", ("discards",)), ("issues", ("issue",))):
        if any(mark in name for mark in marks):
            return kind
    return "verbs" if name.startswith("cameo") else None


def _directory_files(folder: Path) -> list[Path]:
    """The dictionaries of a directory. PETRARCH's unit-test dictionaries (`*.Validate.*`) and working
    copies (`*_unsorted*`) are left out: they are read when named as files (or by a records file)."""
    return [p for p in sorted(folder.iterdir())
            if p.is_file() and dictionary_kind(p) and ".validate." not in p.name.lower()
            and "unsorted" not in p.name.lower()]


@functools.cache
def read_dictionaries(path: str) -> Dictionaries:
    """Everything in the dictionary file or directory `path`."""
    source = Path(path)
    files = _directory_files(source) if source.is_dir() else [source]
    result = Dictionaries()
    for file in files:
        kind = dictionary_kind(file)
        problems = Problems(file)
        if kind is None:
            problems.add(0, "not a dictionary PETRARCH names (*verbs*, CAMEO*, *actors*, *agents*, *discards*, "
                            "*issue*.txt)")
        elif kind == "verbs":
            result.entries.extend(read_verbs(file, problems))
        elif kind == "actors":
            result.actors.extend(read_actors(file, problems))
        elif kind == "agents":
            result.roles.extend(read_agents(file, problems))
        elif kind == "discards":
            result.discards.extend(read_discards(file, problems))
        else:
            result.issues.extend(read_issues(file, problems))
        result.files.append(str(file))
        result.problems.extend(problems)
    return result


def dictionary_entries(path: str) -> list[Entry]:
    """The lexicon entries of the verb dictionaries in `path`."""
    return read_dictionaries(str(path)).entries


def dictionary_discards(path: str) -> list[tuple[tuple[str, ...], str]]:
    """(words, "story" or "sentence") of the discard dictionaries in `path`."""
    return read_dictionaries(str(path)).discards


def dictionary_actors(path: str):
    """(entries, roles) of the actor and agent dictionaries in `path`, as `actors._knowledge` takes them.

    Added to the built-in knowledge (without --only-dictionaries), they leave the names and role
    words the built-in data already knows to it: "Moscow" stays the Russian government, not Russia,
    and "troops" the military; a city or province PETRARCH counts as its country ("Deir ez-Zor" is
    SYRIA) stays a place; their role words rank below the built-in ones."""
    found = read_dictionaries(str(path))
    if config.active().only_dictionaries:
        return found.actors, found.roles
    names, roles = _builtin_names()
    return ([(alias, known) for alias, known in found.actors if alias.lower() not in names
             and not (known.kind == "country" and places.lookup(alias) is not None)],
            [(phrase, (role, 0)) for phrase, (role, _) in found.roles if phrase not in roles])


@functools.cache
def _builtin_names() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    from ..actors import _builtin_entries, _builtin_roles

    return (frozenset(alias.lower() for alias, _ in _builtin_entries()),
            frozenset(phrase for phrase, _ in _builtin_roles()))
