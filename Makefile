# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?=
PORT ?= 8501

.PHONY: run test lint validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

## Start the dashboard on the bundled data (or DATA=path/to/folder).
run: $(VENV)/.installed
	$(if $(DATA),TIMELINE_DATA_DIR=$(abspath $(DATA)),) $(BIN)/streamlit run dashboard.py --server.port $(PORT)

## Lint, then run every test (browser tests skip without Chromium unless REQUIRE_E2E=1).
test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests dashboard.py benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests dashboard.py benchmarks

## Check a data folder: make validate DATA=path (default data/).
validate: $(VENV)/.installed
	$(BIN)/python -m timeline validate $(or $(DATA),data)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

.PHONY: mutation
## Mutation testing of the core modules (mutmut, config in pyproject.toml), then the kill rate per module.
mutation: $(VENV)/.installed-test
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results --all true | awk -F'[.:]' '{ total[$$2]++ } / (killed|timeout)$$/ { killed[$$2]++ } \
	  END { for (m in total) printf "%-9s %4d of %4d killed  %5.1f%%\n", m, killed[m], total[m], 100 * killed[m] / total[m] }' | sort
