"""Who did it to whom: actor country, role and code accuracy on tests/data/actor_roles.jsonl.

    .venv/bin/python benchmarks/actor_roles.py [CASES.jsonl] [--no-misses]

Each case is a news text written for the project with the source and target a careful CAMEO
coder would give the main event (the main assertion, not the "said"): `{"country", "role"}`, or
`{"code"}` for an organisation or armed group with its own code (organizations.csv), or both.
`"sentence": N` (0-based) names the sentence whose main event is meant; without it every
sentence counts. The main event is the most confident event among those.

Scoring, per actor (source, target) and per field the case gives:
  country  the coded country equals the expected one (null must be null);
  role     the coded role equals the expected one, or one listed in `role_also_ok`;
  code     the coded code starts with the expected code (a more specific code is fine);
  also     compound actors: each extra conjunct listed under the actor's `also` must be the
           same-side actor of some event of the chosen sentence(s).
A null expected target is not scored, but a coded target there is counted as spurious.
A case with no event at all counts wrong on every field it gives.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tacitus.pipeline import code_documents
from tacitus.readers import make_document

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "actor_roles.jsonl"
SIDES = ("source", "target")
FIELDS = ("country", "role", "code")


def load_cases(path: Path = DEFAULT) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def code_cases(cases: list[dict]) -> dict[str, list[dict]]:
    """Events (as dicts) of every case, by case id."""
    documents = (make_document(case["id"], case["text"], published=case.get("published")) for case in cases)
    events: dict[str, list[dict]] = {}
    for item in code_documents(documents):
        if hasattr(item, "events"):
            events[item.id] = [e.to_dict() for e in item.events]
        else:  # DocumentError
            events[item.doc_id] = []
    return events


def candidates(case: dict, events: list[dict]) -> list[dict]:
    if "sentence" in case:
        return [e for e in events if e["sentence_index"] == case["sentence"]]
    return events


def main_event(case: dict, events: list[dict]) -> dict | None:
    pool = candidates(case, events)
    return max(pool, key=lambda e: e["confidence"]) if pool else None


def field_right(field: str, expected: dict, got: dict | None) -> bool:
    got = got or {}
    if field == "code":
        return bool(got.get("code")) and got["code"].upper().startswith(expected["code"].upper())
    if field == "role":
        return got.get("role") in [expected["role"], *expected.get("role_also_ok", [])]
    return got.get(field) == expected[field]


def matches(expected: dict, got: dict | None) -> bool:
    return all(field_right(f, expected, got) for f in FIELDS if f in expected)


def judge(case: dict, events: list[dict]) -> dict:
    """{(side, field): bool} for every field the case gives, plus ('target', 'spurious')."""
    event = main_event(case, events)
    pool = candidates(case, events)
    result = {"event": event, "right": {}}
    for side in SIDES:
        expected = case.get(side)
        got = event[side] if event else None
        if expected is None:
            if side == "target" and event is not None:
                result["right"][(side, "spurious")] = got is None
            continue
        for field in FIELDS:
            if field in expected:
                result["right"][(side, field)] = field_right(field, expected, got)
        for n, extra in enumerate(expected.get("also", [])):
            result["right"][(side, f"also{n}")] = any(matches(extra, e[side]) for e in pool)
    return result


def run(cases: list[dict]) -> list[tuple[dict, dict]]:
    events = code_cases(cases)
    return [(case, judge(case, events.get(case["id"], []))) for case in cases]


def share(hits: int, total: int) -> str:
    return f"{hits / total:6.1%} ({hits}/{total})" if total else "     - (0/0)"


def summary(results) -> dict[str, tuple[int, int]]:
    """(hits, total) per side and field; 'also' folds all extra conjuncts together."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, result in results:
        for (side, field), ok in result["right"].items():
            key = f"{side} {'also' if field.startswith('also') else field}"
            tally[key][0] += ok
            tally[key][1] += 1
    return {k: (h, t) for k, (h, t) in tally.items()}


def describe(actor: dict | None) -> str:
    if not actor:
        return "-"
    parts = [f"{k}={actor[k]}" for k in ("code", "country", "role") if k in actor]
    if actor.get("also"):
        parts.append("also=[" + "; ".join(describe(a) for a in actor["also"]) + "]")
    if "text" in actor:
        parts.insert(0, repr(actor["text"]))
    return " ".join(parts)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    cases = load_cases(Path(args[0]) if args else DEFAULT)
    results = run(cases)
    no_event = sum(r["event"] is None for _, r in results)
    whole = sum(all(ok for (s, f), ok in r["right"].items() if f != "spurious") for _, r in results)
    print(f"{len(results)} cases, {no_event} with no event; every scored field right in {share(whole, len(results))}")

    tally = summary(results)
    print("\naccuracy")
    for side in SIDES:
        for field in (*FIELDS, "also"):
            if f"{side} {field}" in tally:
                print(f"  {side:<7}{field:<9}{share(*tally[f'{side} {field}'])}")
    if "target spurious" in tally:
        hits, total = tally["target spurious"]
        print(f"  target coded where the case has none: {total - hits}/{total}")

    # Per expected role: how often the role (and the country) came out right, both sides pooled.
    per_role: dict[str, Counter] = defaultdict(Counter)
    for case, result in results:
        for side in SIDES:
            expected = case.get(side)
            if expected is None:
                continue
            key = expected["role"] if "role" in expected else f"code:{expected['code'][:3]}"
            key = key or "(none)"
            counts = per_role[key]
            counts["n"] += 1
            if "role" in expected:
                counts["role"] += result["right"][(side, "role")]
            if "country" in expected:
                counts["country_n"] += 1
                counts["country"] += result["right"][(side, "country")]
            if "code" in expected:
                counts["code_n"] += 1
                counts["code"] += result["right"][(side, "code")]
    print("\nper expected role (source and target pooled)")
    print(f"  {'role':<10}{'n':>4}  {'role hits/misses':<18}{'country hits/n':<16}{'code hits/n':<12}")
    for key in sorted(per_role, key=lambda k: (k.startswith("code:"), k)):
        counts = per_role[key]
        role_col = (f"{counts['role']}/{counts['n'] - counts['role']}"
                    if not key.startswith("code:") else "-")
        country_col = f"{counts['country']}/{counts['country_n']}" if counts["country_n"] else "-"
        code_col = f"{counts['code']}/{counts['code_n']}" if counts["code_n"] else "-"
        print(f"  {key:<10}{counts['n']:>4}  {role_col:<18}{country_col:<16}{code_col:<12}")

    # Per kind of case (the id's middle part: gov, mil, low, moj, mt, cor, cmp ...).
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case, result in results:
        kind = case["id"].split("-")[1] if case["id"].count("-") >= 2 else "all"
        fields = [ok for (s, f), ok in result["right"].items() if f != "spurious"]
        per_kind[kind][0] += sum(fields)
        per_kind[kind][1] += len(fields)
    print("\nfields right per kind of case")
    print("  " + "  ".join(f"{k} {share(h, t).split()[0]}" for k, (h, t) in sorted(per_kind.items())))

    if "--no-misses" in sys.argv:
        return
    print("\nmisses")
    for case, result in results:
        wrong = [f"{s}.{f}" for (s, f), ok in result["right"].items() if not ok]
        if not wrong:
            continue
        event = result["event"]
        print(f"\n{case['id']} wrong: {', '.join(wrong)}  [{case.get('note', '')}]")
        print(f"  {case['text']}" + (f"  (sentence {case['sentence']})" if "sentence" in case else ""))
        print(f"  expected  {describe(case.get('source'))}  ->  {describe(case.get('target'))}")
        if event is None:
            print("  got       no event")
        else:
            print(f"  got       {describe(event['source'])}  ->  {describe(event['target'])}"
                  f"   [{event['cameo']} {event['evidence']['trigger']['text']!r}]")


if __name__ == "__main__":
    main()
