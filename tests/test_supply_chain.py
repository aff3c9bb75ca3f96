"""Supply chain: every dependency is pinned to one version, the pins cover everything the declared
packages pull in, and Tacitus imports nothing it did not declare."""
import importlib.metadata as metadata
import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# What `make install` installs: the package with its test extra, and the model (pinned by hash).
INSTALLED_EXTRAS = ("test",)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(path: Path) -> dict[str, str]:
    """{name: version} of a requirements file whose every line must be `name==version` (options after it)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()  # a hash option is "--hash=sha256:...", without "#"
        if not line:
            continue
        requirement = Requirement(line.split(" --")[0])
        (specifier,) = requirement.specifier  # exactly one
        assert specifier.operator == "==" and "*" not in specifier.version, f"{path.name}: {line!r} is not pinned"
        found[canonical(requirement.name)] = specifier.version
    return found


def closure(roots: list[Requirement]) -> set[str]:
    """The installed distributions `roots` need, recursively, by their declared requirements and
    markers (a requirement's extras bring in the dependencies of those extras)."""
    seen: set[tuple[str, frozenset]] = set()
    names: set[str] = set()
    todo = list(roots)
    while todo:
        requirement = todo.pop()
        key = (canonical(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(key[0])
        for line in metadata.distribution(requirement.name).requires or []:
            needed = Requirement(line)
            extras = ("", *requirement.extras)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(needed)
    return names


def model_requirements() -> list[Requirement]:
    return [Requirement(f"{name}=={version}") for name, version in pins(ROOT / "requirements-model.txt").items()]


def test_every_declared_dependency_is_pinned_to_the_version_of_constraints_txt():
    constraints = pins(ROOT / "constraints.txt")
    declared = project()["dependencies"] + [r for extra in project()["optional-dependencies"].values() for r in extra]
    assert declared
    for line in declared:
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"pyproject.toml: {line!r} is not pinned"
        assert constraints.get(canonical(requirement.name)) == specifier.version, \
            f"constraints.txt does not pin {requirement.name} at {specifier.version}"


def test_constraints_pin_everything_installed_for_tacitus_at_the_installed_version():
    constraints = pins(ROOT / "constraints.txt")
    models = pins(ROOT / "requirements-model.txt")
    needed = closure([Requirement(f"tacitus[{','.join(INSTALLED_EXTRAS)}]"), *model_requirements()]) - {"tacitus"}
    unpinned = sorted(needed - set(constraints) - set(models))
    assert not unpinned, f"installed for Tacitus but not in constraints.txt: {unpinned}"
    stale = {name: (metadata.version(name), version) for name, version in {**constraints, **models}.items()
             if name in needed and metadata.version(name) != version}
    assert not stale, f"installed version differs from the pin (installed, pinned): {stale}"


# Imports every module of the package, then codes an HTML page, so that lazy imports (trafilatura,
# lxml, the spaCy model) load too; prints what came from outside the
# standard library, as {module: file}.
PROBE = """
import json, pkgutil, sys, sysconfig
before = set(sys.modules)
import tacitus
for module in pkgutil.walk_packages(tacitus.__path__, "tacitus."):
    __import__(module.name)
page = ("<html><head><title>Clashes</title></head><body><article><p>DAMASCUS, March 3 (AP) -- Syrian troops "
        "shelled rebel positions near Idlib on Thursday, killing at least 12 fighters, the Syrian Observatory "
        "said.</p></article></body></html>")
tacitus.code(page, published="2019-03-03")
tacitus.quotes('"We will not give up," the Syrian defence minister said.')
stdlib = {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}
loaded = {}
for name in set(sys.modules) - before:
    path = getattr(sys.modules[name], "__file__", None) or ""
    if path and not any(path.startswith(p + "/") and "site-packages" not in path for p in stdlib):
        loaded[name] = path
print(json.dumps(loaded))
"""


def test_tacitus_imports_nothing_outside_its_declared_dependencies(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    source = str(ROOT / "src" / "tacitus")
    outside = {name: os.path.normpath(path) for name, path in loaded.items() if not path.startswith(source)}
    site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    assert all(any(path.startswith(s) for s in site) for path in outside.values()), outside
    allowed = closure([Requirement("tacitus"), *model_requirements()])
    owner = owners()
    undeclared = {name: owner.get(path, "no distribution") for name, path in outside.items()
                  if owner.get(path) not in allowed}
    assert {"spacy", "duckdb", "trafilatura", "lxml"} <= {n.split(".")[0] for n in outside}
    assert not undeclared, f"imported but not declared (module: distribution): {undeclared}"


def owners() -> dict[str, str]:
    """{installed file: its distribution}, from the distributions' RECORD files: module names alone
    miss compiled modules outside the package folder (duckdb's _duckdb)."""
    found = {}
    for distribution in metadata.distributions():
        name = canonical(distribution.metadata["Name"])
        for file in distribution.files or []:
            found[os.path.normpath(distribution.locate_file(file))] = name
    return found
