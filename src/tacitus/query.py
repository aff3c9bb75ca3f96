"""Filters over stored events, shared by `tacitus events`, `timeline`, `export` and the Python API."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .linking import date_interval


def parse_day(value: str | date | None, last: bool) -> date | None:
    """`2016`, `2016-09` or `2016-09-17` as its first (or, with last, its last) day."""
    if value is None or isinstance(value, date):
        return value
    start, end = date_interval(value.strip())
    if start is None or len(value.strip()) not in (4, 7, 10):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return end if last else start


@dataclass
class Filters:
    actor: str | None = None  # CAMEO actor code of the source or target, by prefix: RUS matches RUSMIL
    country: str | None = None  # ISO 3166 alpha-3 of the source or target
    type: str | None = None  # PLOVER event type
    cameo: str | None = None  # CAMEO event code and its children: 19 matches 190, 195, 1951
    since: str | date | None = None  # events whose date may fall on or after this day
    until: str | date | None = None  # ... on or before this day
    doc_id: str | None = None
    min_confidence: float | None = None  # events (for linked events: some mention) at least this confident

    def where(self, alias: str = "e", dates: bool = True) -> tuple[str, list]:
        """A SQL condition over the events (or, for the dates only, links) table as `alias`, and its
        parameters; `dates=False` leaves out --since and --until."""
        clauses, params = ["TRUE"], []
        if self.actor:
            clauses.append(f"(starts_with({alias}.source_code, ?) OR starts_with({alias}.target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.country:
            clauses.append(f"(? IN ({alias}.source_country, {alias}.target_country))")
            params.append(self.country.upper())
        if self.type:
            clauses.append(f"{alias}.type = ?")
            params.append(self.type.upper())
        if self.cameo:
            clauses.append(f"starts_with({alias}.cameo, ?)")
            params.append(self.cameo)
        if self.since and dates:
            # An event dated only "2016-09" may have happened on or after 2016-09-17.
            clauses.append(f"{alias}.date_end >= ?")
            params.append(parse_day(self.since, last=False))
        if self.until and dates:
            clauses.append(f"{alias}.date_start <= ?")
            params.append(parse_day(self.until, last=True))
        if self.doc_id:
            clauses.append(f"{alias}.doc_id = ?")
            params.append(self.doc_id)
        if self.min_confidence is not None:
            clauses.append(f"{alias}.confidence >= ?")
            params.append(self.min_confidence)
        return " AND ".join(clauses), params

    def dates_only(self) -> "Filters":
        return Filters(since=self.since, until=self.until)
