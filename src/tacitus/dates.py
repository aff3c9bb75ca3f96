"""Event dates: date expressions in a sentence, resolved against the publication date.

The patterns below find the expressions; these news rules resolve them:

- a bare weekday is the last such day on or before publication ("said on Thursday" in a
  Thursday paper is that day); "last Thursday" is the one before that day; in a clause about
  the future ("will meet on Thursday") it is the next one on or after publication;
- a date or month without a year is the most recent past one (the next one in a future clause);
- "yesterday", "last night" are the day before publication, "today", "tonight" the day itself;
  "three days ago", "two weeks ago", "the day before yesterday" count back from publication;
- the record has no week precision, so "last week", "this week", "next week" give the month
  that holds most of that week (its Thursday), with precision `month`;
- "earlier this month", "last month" give month precision; "last year", "in 2014", "in early
  2015" give year precision;
- a season is its middle month, with precision `month`: spring April, summer July, autumn/fall
  October, winter January ("in the autumn of 2015" is 2015-10).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

MONTH_NAMES = ("January February March April May June July August September October November "
               "December").split()
# Abbreviations are read only next to a day number ("Sept. 17"), where they cannot be words.
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                       "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# A season is dated by its middle month (northern hemisphere, meteorological seasons).
SEASON_MONTHS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
# Words that make a clause about what is still to come: its weekdays and yearless dates look ahead.
FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
SCHEDULE_WORDS = {"schedule", "due", "plan"}  # not "set": "set fire to ... on Monday" is past


def _cased(words) -> str:
    """Month names as written in news copy: capitalised or in capitals (never "march", "may")."""
    return "|".join(f"{w}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


MONTH = rf"(?:{_cased(MONTH_NAMES)})"
MONTH_OR_ABBREVIATION = rf"(?:{MONTH}|(?:{_cased(MONTH_ABBREVIATIONS)})\.?)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[89]|20)\d\d(?!\d|,\d)"
WEEKDAY = rf"(?i:{'|'.join(WEEKDAYS)})"
SEASON = rf"(?i:{'|'.join(SEASON_MONTHS)})"
LEAD = r"(?i:(?:on|late\s+on|early\s+on|late|early|by|since)\s+)?"
IN = r"(?i:(?:in|during|since|by|of|from|until|last|this)\s+)"
PART = r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of)[-\s]+"
NUMBER = r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"

# (kind, pattern): the kinds `_resolve` knows. Overlaps go to the longest match.
PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in [
    ("iso", rf"\b\d{{4}}-\d\d-\d\d\b"),
    ("day_month", rf"\b{LEAD}(?:{WEEKDAY},?\s+)?(?i:the\s+)?{DAY}\s+(?i:of\s+)?{MONTH_OR_ABBREVIATION}(?:,?\s+{YEAR})?"),
    ("month_day", rf"\b{LEAD}(?:{WEEKDAY},?\s+)?{MONTH_OR_ABBREVIATION}\s+{DAY}(?:,?\s+{YEAR})?"),
    ("month_year", rf"\b{IN}?(?:{PART})?{MONTH}(?:\s+of)?,?\s+{YEAR}"),
    ("season", rf"\b{IN}?(?i:the\s+)?(?:{PART})?{SEASON}(?:\s+(?i:of\s+)?{YEAR})"),
    ("season", rf"\b(?i:(?:in|during|since|by|last|this|until)\s+(?:the\s+)?)(?:{PART})?{SEASON}\b"),
    ("month", rf"\b(?:{IN}|{PART})(?:{PART})?{MONTH}\b"),
    ("year", rf"\b(?:{IN}|{PART})(?:{PART})?{YEAR}"),
    ("week", r"\b(?i:(?:earlier|later)\s+this|this|last|next|the\s+previous|the\s+following)\s+(?i:week)\b"),
    ("month_rel", r"\b(?i:(?:earlier|later)\s+this|this|last|next|the\s+previous)\s+(?i:month)\b"),
    ("year_rel", r"\b(?i:(?:earlier|later)\s+this|this|last|next|the\s+previous)\s+(?i:year)\b"),
    ("ago", rf"\b(?i:the\s+day\s+before\s+yesterday|{NUMBER}\s+(?:days?|weeks?|fortnight)\s+ago)\b"),
    ("weekday", rf"\b(?i:(?:on|late\s+on|early\s+on|late|early|last|next|this|by|since)\s+)?{WEEKDAY}"
                rf"(?:\s+(?i:morning|afternoon|evening|night))?\b"),
    ("day_word", r"\b(?i:yesterday|today|tonight|tomorrow|last\s+night|earlier\s+today"
                 r"|this\s+(?:morning|afternoon|evening))\b"),
]]
DAY_WORDS = {"yesterday": -1, "last night": -1, "tomorrow": 1}
NUMBER_WORDS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)} | {
    "a": 1, "an": 1}
AGO_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}
# Every pattern needs a digit or one of these words.
HINT = re.compile(rf"\d|{MONTH_OR_ABBREVIATION}|(?i:{'|'.join(WEEKDAYS)}|{'|'.join(SEASON_MONTHS)}|yesterday|today"
                  r"|tonight|tomorrow|night|morning|afternoon|evening|week|month|year|ago)")


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
    for kind, match in _matches(sentence.text):
        start, end = base + match.start(), base + match.end()
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        anchor = span.root.head
        resolved = _resolve(kind, match.group(0), published or date.today(), _looks_ahead(anchor))
        if resolved is None:
            continue
        found.append(DateMention(match.group(0), start, end, resolved[0], resolved[1], anchor))
    return found


def resolve(expression: str, published: date | None, future: bool = False) -> tuple[str, str] | None:
    """(value, precision) for a date expression, or None when it names no calendar date."""
    expression = expression.strip()
    for kind, pattern in PATTERNS:
        if pattern.fullmatch(expression):
            return _resolve(kind, expression, published or date.today(), future)
    return None


def _matches(text: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping date expressions in reading order, the longest where two overlap."""
    if not HINT.search(text):
        return []  # most sentences name no date: one cheap test spares them every pattern
    found = [(kind, m) for kind, pattern in PATTERNS for m in pattern.finditer(text)]
    found.sort(key=lambda item: (item[1].start(), -(item[1].end() - item[1].start())))
    chosen, end = [], -1
    for kind, match in found:
        if match.start() >= end:
            chosen.append((kind, match))
            end = match.end()
    return chosen


def _looks_ahead(anchor: Token) -> bool:
    """Whether the clause the date hangs from is about the future ("will meet on Monday",
    "talks scheduled for October 3")."""
    for word in (anchor, anchor.head):
        if word.lemma_.lower() in SCHEDULE_WORDS and word.pos_ in ("VERB", "ADJ"):
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in word.children):
            return True
    return False


def _month_of(text: str) -> int | None:
    for word in re.findall(r"[A-Za-z]+", text):
        title = word.title()
        if title in MONTH_NAMES:
            return MONTH_NAMES.index(title) + 1
        if title in MONTH_ABBREVIATIONS:
            return MONTH_ABBREVIATIONS[title]
    return None


def _year_of(text: str) -> int | None:
    found = re.search(YEAR, text)
    return int(found.group(0)) if found else None


def _nearest_month(month: int, base: date, future: bool) -> str:
    """A yearless month: the most recent one up to the publication month (the next one ahead)."""
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return f"{year:04d}-{month:02d}"


def _week_thursday(day: date) -> date:
    """The Thursday of the Monday-to-Sunday week holding `day`: the day whose month the week
    belongs to (the ISO 8601 rule)."""
    return day - timedelta(days=day.weekday()) + timedelta(days=3)


def _resolve(kind: str, text: str, base: date, future: bool) -> tuple[str, str] | None:
    lower = " ".join(text.lower().split())
    if kind == "iso":
        try:
            return date.fromisoformat(text).isoformat(), "day"
        except ValueError:
            return None
    if kind in ("day_month", "month_day"):
        return _calendar_day(text, base, future)
    if kind == "month_year":
        return f"{_year_of(text):04d}-{_month_of(text):02d}", "month"
    if kind == "month":
        return _nearest_month(_month_of(text), base, future), "month"
    if kind == "year":
        return str(_year_of(text)), "year"
    if kind == "season":
        month = next(m for s, m in SEASON_MONTHS.items() if s in lower)
        year = _year_of(text)
        if year is not None:
            return f"{year:04d}-{month:02d}", "month"
        return _nearest_month(month, base, future or lower.startswith("next")), "month"
    if kind == "week":
        shift = {"last": -7, "the previous": -7, "next": 7, "the following": 7}.get(lower.rsplit(" ", 1)[0], 0)
        return _week_thursday(base + timedelta(days=shift)).strftime("%Y-%m"), "month"
    if kind == "month_rel":
        month = base.month + (-1 if lower.startswith(("last", "the previous")) else 1 if lower.startswith("next") else 0)
        year = base.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", "month"
    if kind == "year_rel":
        shift = -1 if lower.startswith(("last", "the previous")) else 1 if lower.startswith("next") else 0
        return str(base.year + shift), "year"
    if kind == "ago":
        if lower == "the day before yesterday":
            return (base - timedelta(days=2)).isoformat(), "day"
        count, unit = lower.split()[:2]
        try:
            return (base - timedelta(days=(NUMBER_WORDS.get(count) or int(count)) * AGO_DAYS[unit])).isoformat(), "day"
        except OverflowError:  # before the year 1
            return None
    if kind == "weekday":
        weekday = next(i for i, name in enumerate(WEEKDAYS) if name in lower)
        back = (base.weekday() - weekday) % 7
        if lower.startswith("last"):
            back = back or 7
        elif lower.startswith("next") or future:
            ahead = (weekday - base.weekday()) % 7
            return (base + timedelta(days=ahead or (7 if lower.startswith("next") else 0))).isoformat(), "day"
        return (base - timedelta(days=back)).isoformat(), "day"
    if kind == "day_word":
        return (base + timedelta(days=DAY_WORDS.get(lower, 0))).isoformat(), "day"
    return None


def _calendar_day(text: str, base: date, future: bool) -> tuple[str, str] | None:
    """A day of a month, with or without its year; weekdays and lead words only restate the date."""
    year = _year_of(text)
    month = _month_of(text)
    day = re.search(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?(?!\d)", re.sub(YEAR, " ", text))
    if month is None or day is None:
        return None
    try:
        parsed = date(year or base.year, month, int(day.group(1)))
    except ValueError:  # 31 June, 0 March
        return None
    if year is None:  # a yearless date is the most recent past one (the next one ahead)
        parsed = _shift_year(parsed, base, future)
    return parsed.isoformat(), "day"


def _shift_year(value: date, base: date, future: bool) -> date:
    try:
        if future and value < base:
            return value.replace(year=value.year + 1)
        if not future and value > base:
            return value.replace(year=value.year - 1)
    except ValueError:  # 29 February in a year without one
        return value
    return value
