import json
import os
from datetime import date
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared: required in CI, skipped cleanly elsewhere."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is required in CI")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seeds():
    """The two seed reports coded once: {doc_id: (text, [event dicts])}."""
    from tacitus import code

    folder = shared_path("seeds")
    coded = {}
    for line in (folder / "seeds.jsonl").read_text().splitlines():
        meta = json.loads(line)
        text = (folder / meta["file"]).read_text(encoding="utf-8")
        events = code(text, published=date.fromisoformat(meta["published"]), doc_id=meta["id"])
        coded[meta["id"]] = [e.to_dict() for e in events]
    return coded


@pytest.fixture(scope="session")
def nlp():
    from tacitus.nlp import load_nlp

    return load_nlp()


@pytest.fixture(autouse=True)
def _restore_config():
    """A CLI run in-process (CliRunner) makes its options the process's knowledge; later tests
    must code with the built-in knowledge again."""
    from tacitus import config

    before = config.active()
    yield
    config.configure(before)
