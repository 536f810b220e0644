# Two commands on a fresh machine: `make bench` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXTRAS ?= test,offline,report
comma  := ,
STAMP  := $(VENV)/.installed-$(subst $(comma),-,$(EXTRAS))

.PHONY: setup bench baseline test test-slow lint perf perf-detail clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs when pyproject.toml changes; the registries are used here only.
# With the models extra (EXTRAS=test,offline,report,models, as .ci/run sets), torch is
# installed first at an exact version: a CPU build, instead of a multi-GB CUDA one.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	case ",$(EXTRAS)," in *,models,*) $(BIN)/python -m pip install -q torch==2.13.0;; esac
	$(BIN)/python -m pip install -q -e '.[$(EXTRAS)]'
	touch $@

setup: $(STAMP)

# The benchmark: validate the gold, then a suite (default: the seed article): every
# available backend on every task it fits (each isolated, predictions cached), scores,
# reports, then the gate. A failed backend (exit 1) still gets its reports and the gate;
# make bench then fails with that status. make bench SUITE=suites/arabic-dev.toml runs
# the development corpora of ../shared/corpora (reports/arabic-dev/).
SUITE ?= suites/seed.toml
ifeq ($(SUITE),suites/seed.toml)
OUT ?= reports
BASELINE ?= reports/baseline.json
else
OUT ?= reports/$(basename $(notdir $(SUITE)))
BASELINE ?= $(basename $(SUITE)).baseline.json
endif

bench: setup
	$(BIN)/bench validate
	status=0; $(BIN)/bench suite run $(SUITE) --out $(OUT) || status=$$?; \
	$(BIN)/bench check --baseline $(BASELINE) --results $(OUT)/results.json && \
	exit $$status

baseline: setup
	$(BIN)/bench baseline update --baseline $(BASELINE) --results $(OUT)/results.json

# The tests, without those marked slow (a killed-and-resumed run, a plugin package
# installed with pip), on every core (pytest-xdist); make test-slow runs those, one at a
# time (they time kills and start clusters); .ci/run runs both. PYTEST_FLAGS: -rfEs lists
# every skipped test with its reason (and failures and errors, pytest's default).
# --dist worksteal: an idle worker takes tests queued for the other, so none waits at the
# end. Slow: property tests over hundreds of generated files, whole suites, spaCy.
PYTEST_FLAGS ?= -rfEs
test: setup
	$(BIN)/python -m pytest -q $(PYTEST_FLAGS) -m "not slow" -n auto --dist worksteal

test-slow: setup
	$(BIN)/python -m pytest -q $(PYTEST_FLAGS) -m slow

# Every speed and memory target beside its peer, printed as one table (never asserted):
# start-up, bench score vs nervaluate at 200k and 1M spans, CoNLL vs seqeval, make bench
# and the dev suite warm, make test (perf/summary.py --help; PERF_FLAGS=--write
# docs/performance.md rewrites its generated part). perf-detail: the scoring core in one
# process, whole commands, a suite cold and warm, the hf backend's windows, sharding.
# make perf PERF_FLAGS="--write docs/performance.md --readme README.md" regenerates both.
PERF_FLAGS ?=
perf: setup
	$(BIN)/python perf/summary.py $(PERF_FLAGS)

perf-detail: setup
	$(BIN)/python perf/scoring.py
	$(BIN)/python perf/process.py
	$(BIN)/python perf/conll.py
	$(BIN)/python perf/suite.py
	$(BIN)/python perf/models.py
	$(BIN)/python perf/sharding.py

# ruff, then the import layers of pyproject.toml (lint-imports; docs/architecture.md)
lint: setup
	$(BIN)/ruff check bench tests perf
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
