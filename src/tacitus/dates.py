"""Event dates: date expressions in a sentence, resolved against the publication date.

dateparser does the parsing; the news rules around it are ours: a bare weekday means the last
such day on or before publication ("said on Thursday" in a Thursday paper is that day), a date
without a year is the most recent past one, and the precision follows what the text states.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser
from spacy.tokens import Span, Token

MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": 1}
# Words around a date that dateparser should not see.
FILLER = re.compile(r"\b(on|in|at|by|since|until|late|early|earlier|later|this|the|of|last|past|around|about|from)\b", re.I)
EXPRESSION = re.compile(
    r"\b(?:(?:on|late on|early on)\s+)?(?:(?:" + "|".join(WEEKDAYS) + r")(?:,?\s+)?)?"
    r"(?:\d{1,2}\s+(?:" + "|".join(MONTHS[:12]) + r")|(?:" + "|".join(MONTHS[:12]) + r")\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,?\s+\d{4})?"
    r"|\b(?:" + "|".join(WEEKDAYS) + r"|yesterday|today|tonight)\b"
    r"|\b(?:" + "|".join(MONTHS[:12]) + r")\s+\d{4}\b"
    r"|\b(?:in|since|during)\s+(?:the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+)?\d{4}\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int  # character offsets in the document
    end: int
    value: str  # ISO date, YYYY-MM or YYYY
    precision: str  # day, month, year
    anchor: Token  # the word the expression hangs from in the parse


def find_dates(sentence: Span, published: date | None) -> list[DateMention]:
    found = []
    base = sentence.start_char
    for match in EXPRESSION.finditer(sentence.text):
        resolved = resolve(match.group(0), published)
        if resolved is None:
            continue
        start, end = base + match.start(), base + match.end()
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        found.append(DateMention(match.group(0), start, end, resolved[0], resolved[1], span.root.head))
    return found


def resolve(expression: str, published: date | None) -> tuple[str, str] | None:
    """(value, precision) for a date expression, or None when it names no calendar date."""
    words = expression.lower().replace(",", " ").split()
    if not words:
        return None
    base = published or date.today()
    for word, days in RELATIVE_DAYS.items():
        if word in words:
            return (base - timedelta(days=days)).isoformat(), "day"
    has_month = any(w.rstrip(".") in MONTHS for w in words)
    has_day = any(re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w) for w in words)
    year = next((int(w) for w in words if re.fullmatch(r"\d{4}", w)), None)
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if not has_month and weekday is not None:
        back = (base.weekday() - weekday) % 7
        return (base - timedelta(days=back)).isoformat(), "day"
    if not has_month:
        return (str(year), "year") if year and 1800 < year < 2200 else None
    if not has_day:
        month = next(MONTHS.index(w.rstrip(".")) % 12 + 1 for w in words if w.rstrip(".") in MONTHS)
        if year is None:
            year = base.year if month <= base.month else base.year - 1
        return f"{year:04d}-{month:02d}", "month"
    text = FILLER.sub(" ", expression)
    text = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b,?", " ", text, flags=re.I)
    parsed = dateparser.parse(
        text.strip(),
        languages=["en"],
        settings={"RELATIVE_BASE": datetime.combine(base, datetime.min.time()),
                  "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]},
    )
    if parsed is None:
        return None
    value = parsed.date()
    if year is None and value > base:  # a yearless date is the most recent past one
        value = value.replace(year=value.year - 1)
    return value.isoformat(), "day"
