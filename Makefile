# Two commands on a fresh machine: `make bench` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= test,offline,report

.PHONY: setup bench baseline test lint perf clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs when pyproject.toml changes; the registries are used here only.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[$(EXTRAS)]'
	touch $@

setup: $(STAMP)

# The benchmark: validate the gold, run every available backend (each isolated),
# score, write reports/ (summary.md, results.json, index.html, errors/), then the gate.
# A failed backend (bench run exits 1) still gets its reports and the gate; make bench
# then fails with bench run's status.
bench: setup
	$(BIN)/bench validate
	status=0; $(BIN)/bench run --out reports/runs || status=$$?; \
	$(BIN)/bench report --runs reports/runs --out reports && \
	$(BIN)/bench check --baseline reports/baseline.json --results reports/results.json && \
	exit $$status

baseline: setup
	$(BIN)/bench baseline update --baseline reports/baseline.json --results reports/results.json

test: setup
	$(BIN)/python -m pytest -q

# Speed and memory beside nervaluate, printed (never asserted): the scoring core in one
# process, then whole commands as users run them (perf/scoring.py, perf/process.py --help)
perf: setup
	$(BIN)/python perf/scoring.py
	$(BIN)/python perf/process.py

lint: setup
	$(BIN)/ruff check bench tests perf

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
