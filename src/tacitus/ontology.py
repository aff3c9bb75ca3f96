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
    return book


def lookup(code: str) -> CameoCode:
    try:
        return codebook()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
