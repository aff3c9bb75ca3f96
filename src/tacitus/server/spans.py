"""The labelled character spans of an event, for highlighting it in its report's text.

The record carries the offsets of its trigger, actors and place. Its date and casualty counts are
values without offsets, so their words are found again in the event's sentence with the coder's
own readers (dates.find_dates, casualties.find_casualties): the expression that resolves to the
event's date, and the casualty phrase that states its count. When none does (a date carried over
from an earlier sentence, a count the sentence-alone parse reads differently), the value is still
given, with no span.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from ..casualties import find_casualties
from ..dates import find_dates
from ..nlp import load_nlp

ACTOR_LABELS = (("source", "source"), ("target", "target"), ("attributed_to", "according to"))


def sentence_of(record: dict, text: str) -> Span:
    """The event's sentence, parsed alone: its character offsets are relative to evidence.start."""
    evidence = record["evidence"]
    return load_nlp()(text[evidence["start"]:evidence["end"]])[:]


def event_spans(record: dict, sentence: Span, offset: int, published: date | None) -> list[dict]:
    """[{kind, label, start, end}] in document offsets; `sentence` is the event's sentence, parsed,
    whose character offsets plus `offset` are document offsets."""
    trigger = record["evidence"]["trigger"]
    spans = [_span("trigger", f"{record['type'] or 'event'} {record['cameo']}", trigger["start"], trigger["end"])]
    for slot, name in ACTOR_LABELS:
        actor = record.get(slot)
        if actor:
            spans.append(_span(slot, f"{name}: {actor.get('code') or '?'}", actor["start"], actor["end"]))
    location = record.get("location")
    if location:
        spans.append(_span("place", f"place: {location['name']}", location["start"], location["end"]))
    if record.get("date") and record.get("date_precision") != "publication":
        spans += _date_span(record, sentence, offset, published)
    for kind, field, label in (("killed", "fatalities", "killed"), ("injured", "injuries", "injured")):
        if record.get(field) is not None:
            spans += _casualty_span(kind, record[field], label, sentence, offset, trigger["start"])
    return spans


def _span(kind: str, label: str, start: int, end: int) -> dict:
    return {"kind": kind, "label": label, "start": start, "end": end}


def _date_span(record: dict, sentence: Span, offset: int, published: date | None) -> list[dict]:
    trigger = record["evidence"]["trigger"]["start"] - offset
    matching = [d for d in find_dates(sentence, published) if d.value == record["date"]]
    if not matching:
        return []
    best = min(matching, key=lambda d: abs(d.start - trigger))  # the one nearest the event word
    return [_span("date", f"date: {record['date']}", best.start + offset, best.end + offset)]


def _casualty_span(kind: str, count: int, label: str, sentence: Span, offset: int, trigger: int) -> list[dict]:
    phrases = []
    for mention in find_casualties(sentence).mentions:
        if mention.kind != kind or mention.count != count:
            continue
        # "killing 12 civilians", "62 troops killed": the counted phrase from its first word, and the casualty word.
        tokens = [mention.word] + ([mention.victims.left_edge, mention.victims] if mention.victims is not None else [])
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        phrases.append((start + offset, end + offset))
    if not phrases:
        return []
    start, end = min(phrases, key=lambda p: abs(p[0] - trigger))
    return [_span(kind, f"{label}: {count}", start, end)]
