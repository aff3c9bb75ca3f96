"""PETRARCH dictionaries: the unit-test pass rate, and the seed reports coded with and without the
Phoenix dictionaries (they must code the events DESIGN.md expects at least as well).

    .venv/bin/python benchmarks/petrarch.py [../shared]
"""
from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from tacitus.config import Config, active, configure
from tacitus.pipeline import code


def _find(events, **where):
    def holds(event):
        for key, wanted in where.items():
            value = event
            for part in key.split("__"):
                value = (value or {}).get(part)
            if not (wanted(value) if callable(wanted) else value == wanted):
                return False
        return True
    return [e for e in events if holds(e)]


def _starts(prefix):
    return lambda code: (code or "").startswith(prefix)


def seed_checks(coded: dict[str, list[dict]]) -> dict[str, bool]:
    """The events of DESIGN.md's seed table (as tests/test_seeds.py asserts them): name -> found."""
    kerry, lavrov = coded["kerry-talks-2016"], coded["lavrov-truce-2017"]
    raid = _find(kerry, type="ASSAULT", date="2016-09-17", target__code="SYRMIL", location__name="Deir ez-Zor")
    return {
        "kerry threatens Russia": bool(_find(kerry, type="THREATEN", source__country="USA", target__country="RUS",
                                             date="2016-09-29")),
        "Geneva talks": bool(_find(kerry, type="CONSULT", source__country="RUS", target__country="USA",
                                   date="2016-09-10", location__name="Geneva", source__reciprocal=True)),
        "Deir ez-Zor raid toll": bool(raid) and raid[0]["fatalities"] == 62 and raid[0]["injuries"] == 100
        and raid[0]["mode"] == "aerial",
        "coalition strike": bool(_find(kerry, type="ASSAULT", source__code=_starts("IGOCOA"), target__code="SYRMIL")),
        "Islamic State attack": bool(_find(kerry, type="ASSAULT", source__code=_starts("IMGMUSISI"),
                                           target__code="SYRMIL")),
        "convoy attack": bool(_find(kerry, type="ASSAULT", date="2016-09-19", target__code="IGOUNO")),
        "convoy toll": bool(_find(kerry, type="ASSAULT", fatalities=20, realis="alleged")),
        "UN condemns": bool(_find(kerry, cameo="111", source__code="IGOUNO")),
        "UN requests": bool(_find(kerry, type="REQUEST", source__code="IGOUNO")),
        "defence ministry accuses": bool(_find(kerry, type="ACCUSE", source__code="RUSMIL", target__role="OPP")),
        "drone shot down": bool(_find(lavrov, type="ASSAULT", date="2017-06-20", target__country="SYR")),
        "Su-22 destroyed": bool(_find(lavrov, type="ASSAULT", date="2017-06-18", source__code="IGOCOAMIL")),
        "memorandum suspended": bool(_find(lavrov, type="SANCTION", source__code="RUSGOV", target__country="USA")),
        "explanation requested": bool(_find(lavrov, type="REQUEST", source__country="RUS")),
        "talks with France": bool(_find(lavrov, type="CONSULT", source__code="RUSGOV", target__code="FRAGOV")),
        "Lavrov accuses": bool(_find(lavrov, type="ACCUSE", source__code="RUSGOV")),
    }


def code_seeds(folder: Path, settings: Config) -> dict[str, list[dict]]:
    """The seed reports coded with the knowledge of `settings`."""
    before = active()
    configure(settings)
    try:
        coded = {}
        for line in (folder / "seeds.jsonl").read_text().splitlines():
            meta = json.loads(line)
            text = (folder / meta["file"]).read_text(encoding="utf-8")
            events = code(text, published=date.fromisoformat(meta["published"]), doc_id=meta["id"])
            coded[meta["id"]] = [e.to_dict() for e in events]
        return coded
    finally:
        configure(before)


def main(shared: Path) -> None:
    from tacitus.petrarch.validate import validate

    started = time.perf_counter()
    outcomes = validate(shared / "reference/petrarch2/PETR.UnitTest.records.xml")
    passed = sum(o.passed for o in outcomes)
    print(f"unit-test records: passed {passed} of {len(outcomes)} ({100 * passed / len(outcomes):.1f}%), "
          f"{time.perf_counter() - started:.0f} s")
    for label, settings in (("built-in", Config()),
                            ("+ Phoenix dictionaries", Config.of(dictionaries=[shared / "reference/petrarch2"]))):
        started = time.perf_counter()
        checks = seed_checks(code_seeds(shared / "seeds", settings))
        missed = [name for name, found in checks.items() if not found]
        print(f"seeds, {label}: {sum(checks.values())} of {len(checks)} expected events "
              f"({time.perf_counter() - started:.0f} s){'; missed: ' + ', '.join(missed) if missed else ''}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"))
