"""Linking: the mentions of one real-world event, within a report and across reports, merged into
one linked event.

Two mentions can be one event when nothing in them disagrees:
- same PLOVER type (untyped CAMEO 01x statements never link), and both realis asserted or
  alleged (a hypothetical or a denial is not the act it talks about; a threat links only with
  other mentions of the threat, as THREATEN);
- dates overlap once precision is taken into account: a day is a day (give or take one, for time
  zones and "yesterday"), a month or a year is every day in it, a publication-date fallback is
  the few days before publication (any day of the month before, within one report, which dates
  the incident elsewhere);
- places agree: unknown, the same place, one inside the other, or within NEARBY_KM;
- actors agree slot by slot (either order for reciprocal events): unknown, the same code, a more
  specific code (USA ~ USAGOV), or a bare sector that the other actor has (REB ~ IMGMUSISIREB).
and they must agree on something positive: an actor code, or the PLOVER mode their triggers give
("air raid" and "bombed" are both aerial).

Mentions are clustered greedily in a canonical order (earliest report first), each joining the
cluster it agrees with most if it disagrees with no member of it. The order depends only on the
mentions, so the result does not depend on the order or batches in which reports arrive; and a
cluster never spans two connected components of the "can be one event" graph, so after new
mentions arrive only their components are re-clustered (store.py). A linked event's id comes
from its first mention's event id, so it stays put as later reports attach to it.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

LINKABLE_REALIS = ("asserted", "alleged")
DAY_SLACK = timedelta(days=1)
PUBLICATION_WINDOW = timedelta(days=3)
SAME_REPORT_WINDOW = timedelta(days=31)
NEARBY_KM = 50.0
# The widest distance two linkable dates can be apart: bounds the candidate search.
_REACH = SAME_REPORT_WINDOW + DAY_SLACK
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "publication": 3}


@dataclass
class Mention:
    """One event record as a mention of a (possibly larger) linked event."""

    record: dict[str, Any]
    document: dict[str, Any] = field(default_factory=dict)  # title, published, source, url
    start: date | None = field(init=False, default=None)  # the date as an interval of days (None: unbounded)
    end: date | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.start, self.end = date_interval(self.record.get("date"))
        # Read once: agreement() compares each mention with many others.
        self.key = block_key(self.record)
        self.source, self.target = self.record.get("source"), self.record.get("target")
        self.location, self.mode = self.record.get("location"), self.record.get("mode")
        self.publication = self.record.get("date_precision") == "publication"
        self.reciprocal = bool((self.source or {}).get("reciprocal") or (self.target or {}).get("reciprocal"))

    @property
    def event_id(self) -> str:
        return self.record["event_id"]

    @property
    def doc_id(self) -> str:
        return self.record["doc_id"]

    @property
    def outlet(self) -> str:
        # A report without a named outlet counts as a source of its own.
        return self.document.get("source") or self.doc_id

    def order_key(self) -> tuple:
        published = self.document.get("published")
        trigger = self.record["evidence"]["trigger"]
        return (published is None, str(published or ""), self.doc_id, self.record["sentence_index"],
                trigger["start"], self.event_id)


def date_interval(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of an ISO date, month ("2016-09") or year ("2016")."""
    if not value:
        return None, None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            first = date(int(value[:4]), int(value[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        day = date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None, None


def block_key(record: dict[str, Any]) -> str | None:
    """Mentions can only link within one block (their PLOVER type); None for records that never link:
    threats, hypotheticals and denials, and untyped CAMEO 01x statements, which differ by what was
    said (not coded) and would otherwise merge every "X said" of a week into one."""
    realis = record.get("realis")
    if realis not in LINKABLE_REALIS and not (realis == "threatened" and record.get("type") == "THREATEN"):
        return None  # a threat coded as THREATEN is itself an act, told again in other reports
    return record.get("type")


def link_id_for(event_id: str) -> str:
    return f"L{event_id}"


# -- can two mentions be one event? -------------------------------------------------------------

def _span(m: Mention, other: Mention) -> tuple[date | None, date | None]:
    if not m.publication or m.end is None:
        return m.start, m.end
    window = SAME_REPORT_WINDOW if m.doc_id == other.doc_id else PUBLICATION_WINDOW
    return m.end - window, m.end


def _dates_agree(a: Mention, b: Mention) -> bool:
    (a0, a1), (b0, b1) = _span(a, b), _span(b, a)
    if a0 is None or b0 is None:
        return True
    return a0 <= b1 + DAY_SLACK and b0 <= a1 + DAY_SLACK


def _km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def places_agree(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return True
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid") or a.get("name") == b.get("name"):
        return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    for outer, inner in ((a, b), (b, a)):
        if outer.get("precision") == "country" and outer.get("country") == inner.get("country"):
            return True
        if outer.get("precision") == "admin1" and outer.get("admin1") and outer["admin1"] == inner.get("admin1"):
            return True
    if None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return _km(a, b) <= NEARBY_KM
    return False


def actors_relation(a: dict | None, b: dict | None) -> int | None:
    """None: different actors; 0: nothing known to compare; 1: the same actor."""
    code_a, code_b = (a or {}).get("code"), (b or {}).get("code")
    if not code_a or not code_b:
        return 0
    short, long = sorted((code_a, code_b), key=len)
    if long.startswith(short) and len(short) % 3 == 0:  # CAMEO codes nest in 3-letter steps
        return 1
    for bare, other in ((a, b), (b, a)):
        # "rebels" (REB, no country) may be any rebel group the other report names.
        if not bare.get("country") and bare.get("code") == bare.get("role") and other.get("role") == bare.get("role"):
            return 1
    return None


def agreement(a: Mention, b: Mention) -> int | None:
    """None when a and b cannot be one event, else the number of positive agreements (matching
    actor codes, the same mode)."""
    if a.key is None or a.key != b.key:
        return None
    if not _dates_agree(a, b) or not places_agree(a.location, b.location):
        return None
    orders = [((a.source, b.source), (a.target, b.target))]
    if a.reciprocal or b.reciprocal:  # "A met B" and "B met A" are one meeting
        orders.append(((a.source, b.target), (a.target, b.source)))
    best = None
    for pairs in orders:
        relations = [actors_relation(x, y) for x, y in pairs]
        if None not in relations:
            best = max(best or 0, sum(relations))
    if best is None:
        return None
    return best + (1 if a.mode and a.mode == b.mode else 0)


# -- clustering ---------------------------------------------------------------------------------

class _DateIndex:
    """Finds the mentions whose dates may agree with a mention's, without comparing all pairs."""

    def __init__(self, mentions: list[Mention]):
        self.undated = [m for m in mentions if m.start is None]
        dated = [m for m in mentions if m.start is not None]
        # Days (and publication dates) sorted for bisection; the few months and years scanned.
        self.days = sorted((m for m in dated if m.start == m.end), key=lambda m: m.start)
        self.day_starts = [m.start for m in self.days]
        self.spans = [m for m in dated if m.start != m.end]

    def candidates(self, m: Mention) -> list[Mention]:
        if m.start is None:
            return self.undated + self.days + self.spans
        lo, hi = m.start - _REACH, m.end + _REACH
        near = self.days[bisect_left(self.day_starts, lo):bisect_right(self.day_starts, hi)]
        return near + [n for n in self.spans if n.start <= hi and n.end >= lo] + self.undated


def components(mentions: list[Mention], seeds: set[str] | None = None) -> list[list[Mention]]:
    """Connected groups of mentions that might be one event (only those holding a seed, if
    given): mentions are connected when they can be one event and agree on something."""
    index = _DateIndex(mentions)
    seen: set[str] = set()
    groups = []
    for start in mentions:
        if start.event_id in seen or (seeds is not None and start.event_id not in seeds):
            continue
        group, stack = [], [start]
        seen.add(start.event_id)
        while stack:
            m = stack.pop()
            group.append(m)
            for n in index.candidates(m):
                if n.event_id not in seen and agreement(m, n):
                    seen.add(n.event_id)
                    stack.append(n)
        groups.append(group)
    return groups


def _reach(m: Mention, hull: tuple[date, date] | None) -> bool:
    """Whether m's date can agree with any member's of a cluster spanning `hull` (a cheap test
    before comparing each)."""
    if m.start is None or hull is None:
        return True
    return m.start <= hull[1] + _REACH and m.end >= hull[0] - _REACH


def cluster(mentions: list[Mention]) -> list[list[Mention]]:
    """Greedy complete-link clustering in canonical order; each cluster's first mention anchors it."""
    clusters: list[list[Mention]] = []
    hulls: list[tuple[date, date] | None] = []  # the dated members' span; None when one is undated
    for m in sorted(mentions, key=Mention.order_key):
        best, best_score = None, None
        for i, members in enumerate(clusters):
            if not _reach(m, hulls[i]):
                continue
            support, same_report = 0, False
            for other in members:
                score = agreement(m, other)
                if score is None:
                    break
                support = max(support, score)
                same_report = same_report or other.doc_id == m.doc_id
            else:
                score = (support, same_report)
                if support and (best_score is None or score > best_score):
                    best, best_score = i, score
        if best is None:
            clusters.append([m])
            hulls.append((m.start, m.end) if m.start else None)
        else:
            clusters[best].append(m)
            hull = hulls[best]
            hulls[best] = None if hull is None or m.start is None else (min(hull[0], m.start), max(hull[1], m.end))
    return clusters


def link(mentions: list[Mention], seeds: set[str] | None = None) -> dict[str, list[Mention]]:
    """Linked events ({link_id: mentions}) of these mentions (those connected to seeds, if given).
    Mentions that never link (threats, denials, ...) are linked events of their own."""
    linked: dict[str, list[Mention]] = {}
    linkable = []
    for m in mentions:
        if m.key is None:
            if seeds is None or m.event_id in seeds:
                linked[link_id_for(m.event_id)] = [m]
        else:
            linkable.append(m)
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for m in linkable:
        by_block[m.key].append(m)
    for block in by_block.values():
        for group in components(block, seeds):
            for members in cluster(group):
                linked[link_id_for(members[0].event_id)] = members
    return linked


def link_records(records: list[dict], documents: dict[str, dict] | None = None) -> dict[str, str]:
    """{event_id: link_id} for event records (documents: doc_id → title, published, source, url)."""
    mentions = [Mention(r, (documents or {}).get(r["doc_id"], {})) for r in records]
    return {m.event_id: link_id for link_id, members in link(mentions).items() for m in members}


# -- the linked-event record --------------------------------------------------------------------

def _pick(values: list, prefer=None):
    """The most reported value; ties go to `prefer` (smallest key first), then first seen."""
    counts = Counter(values)
    top = max(counts.values())
    tied = [v for v in dict.fromkeys(values) if counts[v] == top]
    return min(tied, key=prefer) if prefer else tied[0]


def _actor_summary(actors: list[dict]) -> dict | None:
    actors = [a for a in actors if a and a.get("code")] or [a for a in actors if a]
    if not actors:
        return None
    # The most reported code, the most specific on a tie.
    code = _pick([a.get("code") for a in actors], prefer=lambda c: -len(c or ""))
    first = next(a for a in actors if a.get("code") == code)
    return {key: first.get(key) for key in ("name", "code", "country", "role")}


def _location_key(location: dict) -> str:
    return str(location.get("geonameid") or location.get("name"))


def _conflict(mentions: list[Mention], value_of) -> list[dict]:
    by_value: dict[Any, list[Mention]] = defaultdict(list)
    for m in mentions:
        value = value_of(m.record)
        if value is not None:
            by_value[value].append(m)
    if len(by_value) < 2:
        return []
    return [{"value": value, "event_ids": [m.event_id for m in ms], "doc_ids": sorted({m.doc_id for m in ms}),
             "outlets": sorted({m.outlet for m in ms}),
             "attributed_to": sorted({(m.record.get("attributed_to") or {}).get("code") or
                                      (m.record.get("attributed_to") or {}).get("name") or ""
                                      for m in ms if m.record.get("attributed_to")})}
            for value, ms in sorted(by_value.items(), key=lambda item: item[0])]  # one field's values: one type


def summarize(link_id: str, mentions: list[Mention]) -> dict[str, Any]:
    """The linked-event record: best-supported values, every mention, outlet and attribution, and
    the details reports disagree on, side by side."""
    mentions = sorted(mentions, key=Mention.order_key)
    records = [m.record for m in mentions]
    best = min((r.get("date_precision") for r in records if r.get("date")), key=lambda p: _PRECISION_RANK.get(p, 9),
               default=None)
    dates = [r["date"] for r in records if r.get("date") and r.get("date_precision") == best]
    when = _pick(dates, prefer=lambda d: d) if dates else None
    locations = [r["location"] for r in records if r.get("location")]
    if locations:
        specific = [loc for loc in locations if loc.get("precision") != "country"] or locations
        key = _pick([_location_key(loc) for loc in specific])
        place = next(loc for loc in specific if _location_key(loc) == key)
        place = {k: v for k, v in place.items() if k not in ("text", "start", "end")}
    else:
        place = None

    def number(name: str) -> int | None:
        values = [r[name] for r in records if r.get(name) is not None]
        return _pick(values, prefer=lambda v: v) if values else None  # ties: the lower count, as ACLED does

    conflicts = {}
    for name, value_of in (
            ("date", lambda r: r["date"] if r.get("date_precision") == "day" else None),
            ("location", lambda r: (r.get("location") or {}).get("name")
             if (r.get("location") or {}).get("precision") != "country" else None),
            ("fatalities", lambda r: r.get("fatalities")),
            ("injuries", lambda r: r.get("injuries")),
            ("realis", lambda r: r.get("realis"))):
        if entries := _conflict(mentions, value_of):
            conflicts[name] = entries

    outlets: dict[str, dict] = {}
    for m in mentions:
        entry = outlets.setdefault(m.outlet, {"outlet": m.outlet, "documents": []})
        if m.doc_id not in [d["doc_id"] for d in entry["documents"]]:
            published = m.document.get("published")
            entry["documents"].append({"doc_id": m.doc_id, "title": m.document.get("title"),
                                       "published": str(published) if published else None,
                                       "url": m.document.get("url")})
    attributions: dict[tuple, dict] = {}
    for m in mentions:
        who = m.record.get("attributed_to")
        if who:
            key = (who.get("code"), who.get("name"))
            entry = attributions.setdefault(key, {k: who.get(k) for k in ("name", "code", "country", "role")}
                                            | {"event_ids": []})
            entry["event_ids"].append(m.event_id)

    first = records[0]
    return {
        "link_id": link_id,
        "type": first["type"],
        # Ties go to the most specific code: 195 (aerial) over 190 (force, not specified).
        "cameo": _pick([r["cameo"] for r in records], prefer=lambda c: (-len(c), c.endswith("0"), c)),
        "mode": _pick([r["mode"] for r in records if r.get("mode")]) if any(r.get("mode") for r in records) else None,
        "date": when,
        "date_precision": best if when else None,
        "source": _actor_summary([r.get("source") for r in records]),
        "target": _actor_summary([r.get("target") for r in records]),
        "location": place,
        "fatalities": number("fatalities"),
        "injuries": number("injuries"),
        "realis": "asserted" if any(r.get("realis") == "asserted" for r in records) else first.get("realis"),
        "confidence": max(r.get("confidence") or 0 for r in records),
        "mention_count": len(mentions),
        "outlet_count": len(outlets),
        "document_count": len({m.doc_id for m in mentions}),
        "mentions": [{
            "event_id": r["event_id"], "doc_id": r["doc_id"], "sentence_index": r["sentence_index"],
            "outlet": m.outlet, "cameo": r["cameo"], "date": r.get("date"), "date_precision": r.get("date_precision"),
            "source": (r.get("source") or {}).get("code"), "target": (r.get("target") or {}).get("code"),
            "location": (r.get("location") or {}).get("name"), "fatalities": r.get("fatalities"),
            "injuries": r.get("injuries"), "realis": r.get("realis"),
            "attributed_to": (r.get("attributed_to") or {}).get("code") or (r.get("attributed_to") or {}).get("name"),
            "trigger": r["evidence"]["trigger"]["text"]} for m, r in zip(mentions, records)],
        "outlets": list(outlets.values()),
        "attributions": list(attributions.values()),
        "conflicts": conflicts,
    }
