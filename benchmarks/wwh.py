"""When, where, how many: the share right of each event argument on tests/data/wwh.jsonl.

    .venv/bin/python benchmarks/wwh.py [CASES.jsonl] [--misses]

Each case is a news sentence written for the project with its publication date and the event
a reader would code from it: one or more acceptable trigger words, the date and its precision,
the place (as named in the text or as the gazetteer names it) and its country, and the killed
and injured counts (null when the text gives none or only a vague amount). The event scored is
the first one whose trigger matches; a case with no such event counts wrong on every field.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tacitus import code
from tacitus.places import normalise

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wwh.jsonl"
FIELDS = ("event", "date", "place", "country", "fatalities", "injuries")


def load_cases(path: Path = DEFAULT) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pick_event(case: dict, events: list[dict]) -> dict | None:
    wanted = [w.lower() for w in case["trigger"]]
    for event in events:
        trigger = event["evidence"]["trigger"]["text"].lower()
        if any(w in trigger or trigger in w for w in wanted):
            return event
    return None


def same_place(expected: str | None, location: dict | None) -> bool:
    if expected is None or location is None:
        return expected is None and location is None
    key = normalise(expected)
    text = normalise(location["text"]).removeprefix("the ")
    return key in (text, normalise(location["name"])) or text.startswith(key + " ")


def judge(case: dict, event: dict | None) -> dict[str, bool]:
    """Which fields of one case the coder got right."""
    if event is None:
        return {field: False for field in FIELDS}
    location = event["location"]
    return {
        "event": True,
        "date": (event["date"], event["date_precision"]) == (case["date"], case["date_precision"]),
        "place": same_place(case["place"], location),
        "country": (location or {}).get("country") == case["country"],
        "fatalities": event["fatalities"] == case["fatalities"],
        "injuries": event["injuries"] == case["injuries"],
    }


def run(cases: list[dict]) -> list[tuple[dict, dict | None, dict[str, bool]]]:
    results = []
    for case in cases:
        events = [e.to_dict() for e in code(case["text"], published=case["published"], doc_id=case["id"])]
        event = pick_event(case, events)
        results.append((case, event, judge(case, event)))
    return results


def shares(results) -> dict[str, float]:
    return {field: sum(r[2][field] for r in results) / len(results) for field in FIELDS}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    results = run(load_cases(Path(args[0]) if args else DEFAULT))
    print(f"{len(results)} cases")
    for field, share in shares(results).items():
        print(f"{field:<12}{share:>7.1%}")
    if "--misses" in sys.argv:
        for case, event, right in results:
            wrong = [f for f, ok in right.items() if not ok]
            if not wrong:
                continue
            print(f"\n{case['id']} wrong: {', '.join(wrong)}\n  {case['text']} (published {case['published']})")
            if event is None:
                print("  no event with trigger", case["trigger"])
                continue
            location = event["location"] or {}
            print(f"  expected {case['date']} {case['date_precision']} | {case['place']} {case['country']} | "
                  f"{case['fatalities']} {case['injuries']}")
            print(f"  got      {event['date']} {event['date_precision']} | {location.get('text')} -> "
                  f"{location.get('name')} {location.get('country')} | {event['fatalities']} {event['injuries']}")


if __name__ == "__main__":
    main()
