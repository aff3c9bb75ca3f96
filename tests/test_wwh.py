"""When, where and how many on the project's own test sentences (tests/data/wwh.jsonl), scored by
benchmarks/wwh.py: every field right in at least nine cases out of ten."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def results():
    spec = importlib.util.spec_from_file_location("wwh", ROOT / "benchmarks" / "wwh.py")
    wwh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wwh)
    cases = wwh.load_cases()
    assert len(cases) >= 100
    return wwh.shares(wwh.run(cases))


@pytest.mark.parametrize("field", ["date", "place", "country", "fatalities", "injuries"])
def test_field_right_in_nine_cases_out_of_ten(results, field):
    assert results[field] >= 0.9, results
