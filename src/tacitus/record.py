"""The event record: the public contract of DESIGN.md, as dataclasses that serialise to JSON."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

CODER_VERSION = "0.2.0"  # bumped when the built-in coding changes, so stores code their documents again
ONTOLOGY_VERSION = "CAMEO 0.7b5 / PLOVER 0.8"


@dataclass
class Actor:
    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    role: str | None = None
    reciprocal: bool = False

    @property
    def identified(self) -> bool:
        """Whether anything is known of the actor beyond its words ("a car bomb" is only words)."""
        return any((self.name, self.code, self.country, self.role))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.reciprocal:
            del data["reciprocal"]
        return data


@dataclass
class Location:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # "point" (a base, crossing, camp), "city", "admin1", "country"


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Event:
    doc_id: str
    sentence_index: int
    sentence: Span
    trigger: Span
    rule: str
    cameo: str
    type: str | None
    mode: str | None
    context: list[str] = field(default_factory=list)
    quad_class: int | None = None
    penta_class: int | None = None
    goldstein: float | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    fatalities: int | None = None
    injuries: int | None = None
    attributed_to: Actor | None = None
    realis: str = "asserted"
    confidence: float = 0.5
    # The linked event this mention belongs to: set by the store (linking.py), null until stored.
    link_id: str | None = None
    # 0, or n for the nth further event of a compound actor ("the United States and Jordan").
    part: int = 0

    @property
    def event_id(self) -> str:
        key = f"{self.doc_id}|{self.sentence_index}|{self.trigger.start}|{self.cameo}|{CODER_VERSION}"
        if self.part:
            key += f"|{self.part}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        def actor(a: Actor | None) -> dict[str, Any] | None:
            return a.to_dict() if a else None

        return {
            "event_id": self.event_id,
            "link_id": self.link_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "evidence": {
                "start": self.sentence.start,
                "end": self.sentence.end,
                "trigger": asdict(self.trigger),
                "rule": self.rule,
            },
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "penta_class": self.penta_class,
            "goldstein": self.goldstein,
            "source": actor(self.source),
            "target": actor(self.target),
            "date": self.date,
            "date_precision": self.date_precision,
            "location": asdict(self.location) if self.location else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "attributed_to": actor(self.attributed_to),
            "realis": self.realis,
            "confidence": round(self.confidence, 3),
            "ontology_version": ONTOLOGY_VERSION,
            "coder_version": CODER_VERSION,
        }
