"""The CAMEO codebook and its PLOVER counterparts (data/cameo.csv)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .resources import read_csv


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    quad_class: int
    penta_class: int
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    threat_code: str | None


@functools.cache
def codebook() -> dict[str, CameoCode]:
    book = {}
    for row in read_csv("cameo.csv"):
        book[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            quad_class=int(row["quad_class"]),
            penta_class=int(row["penta_class"]),
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=tuple(c for c in row["plover_context"].split(";") if c),
            threat_code=row["threat_code"] or None,
        )
        check_mode(book[row["code"]].plover_type, book[row["code"]].plover_mode, f"cameo.csv {row['code']}")
    return book


def lookup(code: str) -> CameoCode:
    try:
        return codebook()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


@functools.cache
def plover_modes() -> frozenset[tuple[str, str]]:
    """The (type, mode) pairs PLOVER allows (data/plover_modes.csv)."""
    return frozenset((row["type"], row["mode"]) for row in read_csv("plover_modes.csv"))


def check_mode(plover_type: str | None, mode: str | None, where: str) -> None:
    if mode and (plover_type, mode) not in plover_modes():
        raise ValueError(f"{where}: {mode!r} is not a PLOVER mode of {plover_type}")


@functools.cache
def _threat_modes() -> dict[str, str]:
    return {row["action_mode"]: row["threat_mode"] for row in read_csv("threat_modes.csv")}


def threat_mode(action_type: str | None, action_mode: str | None) -> str | None:
    """The THREATEN mode of a threat to carry out an action of this type and mode."""
    if action_mode and ("THREATEN", action_mode) in plover_modes():
        return action_mode
    if action_type == "ASSAULT":
        return "violence"
    return _threat_modes().get(action_mode or "")


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
