"""Actor codes composed as PETRARCH composes them, with the dictionaries alone: every agent of the
noun phrase joins the code, a prefix agent (`MSF [NGO~]`) before it and the others after it, and
an organisation's code takes them too ("an MSF Arnor envoy": NGOARNGOV; "rights activists of a
Gondor NGO" take the NGO's code with OPP). Tacitus's own reading keeps one sector per actor."""
from __future__ import annotations

from spacy.tokens import Token

PREFIX = "~"  # an agent read from `[NGO~]` keeps the mark: it goes before the actor's code


def agents_in(tokens: list[Token], roles: dict[tuple[str, ...], tuple[str, int]],
              lengths: dict[str, tuple[int, ...]]) -> list[str]:
    """The agents of the phrase in reading order, the longest where two overlap ("foreign minister",
    not "minister"); matched by their words, as PETRARCH matches them."""
    ordered = sorted(tokens, key=lambda t: t.i)
    forms = [{t.i: t.lower_ for t in ordered}]
    found, after = [], -1
    for token in ordered:
        if token.i <= after:
            continue
        best = None
        for words in forms:
            for length in lengths.get(words[token.i], ()):
                key = tuple(words.get(token.i + k, "") for k in range(length))
                if key in roles and (best is None or length > best[1]):
                    best = (roles[key][0], length)
        if best is not None:
            found.append(best[0])
            after = token.i + best[1] - 1
    return found


def composed_code(base: str, agents: list[str]) -> str:
    """`base` with its prefix agents before it and its other agents after it, each once."""
    code = base
    for agent in agents:
        if agent.endswith(PREFIX):
            agent = agent[: -len(PREFIX)]
            code = code if code.startswith(agent) else agent + code
        elif agent not in [code[i : i + len(agent)] for i in range(0, len(code), 3)]:
            code += agent
    return code


def is_prefix(role: str) -> bool:
    return role.endswith(PREFIX)
