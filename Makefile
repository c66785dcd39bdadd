# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
# Both install the pinned versions of the lock files (`make lock` refreshes them from pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOWEST := .venv-lowest
DATA ?=
PORT ?= 8501
ADDRESS ?= 127.0.0.1
WORKERS ?= 2
LOCK_ARGS ?=
UV_VERSION := 0.13.9
UV := $(BIN)/uv
# uv uses the Python it is given and never downloads one.
export UV_PYTHON_DOWNLOADS := never
UV_COMPILE := $(UV) pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 --python-platform linux

.PHONY: run serve test test-lowest lock lint validate bench load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Install exactly the lock, then the project itself; pip check fails when pyproject.toml names a
# package the lock lacks.
define install_locked
	$(BIN)/python -m pip install --quiet --require-hashes -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check || { echo "$(1) lacks what pyproject.toml asks for: run make lock" >&2; exit 1; }
endef

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(call install_locked,requirements.lock)
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(call install_locked,requirements-test.lock)
	touch $(VENV)/.installed $@

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

## Start the dashboard on the bundled data (or DATA=path/to/folder) at http://127.0.0.1:8501;
## ADDRESS=0.0.0.0 serves other machines too, PORT=… another port.
run: $(VENV)/.installed
	$(if $(DATA),TIMELINE_DATA_DIR=$(abspath $(DATA)),) $(BIN)/streamlit run dashboard.py \
		--server.address $(ADDRESS) --server.port $(PORT)

## Serve many users: WORKERS Streamlit processes (about one core each) behind HAProxy on PORT, each
## browser pinned to a worker by a cookie the proxy sets; Ctrl-C or SIGTERM stops all of it.
## Needs Debian's haproxy (apt-get install haproxy). See docs/deploy.md.
serve: $(VENV)/.installed
	$(if $(DATA),TIMELINE_DATA_DIR=$(abspath $(DATA)),) $(BIN)/python deploy/serve.py --workers $(WORKERS) \
		--port $(PORT) --address $(ADDRESS)

## Lint, then run every test (browser tests skip without Chromium unless REQUIRE_E2E=1).
test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests dashboard.py benchmarks deploy
	$(BIN)/python -m pytest

## Run every test on the lowest versions pyproject.toml allows for each direct dependency, in a new
## venv of its own: proves the lower bounds (CI runs it after `make test`).
test-lowest: $(UV)
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(UV) pip compile pyproject.toml --quiet --extra test --resolution lowest-direct \
		--python $(LOWEST)/bin/python -o $(LOWEST)/requirements.txt
	$(UV) pip install --quiet --python $(LOWEST)/bin/python -r $(LOWEST)/requirements.txt
	$(UV) pip install --quiet --python $(LOWEST)/bin/python --no-deps -e .
	$(LOWEST)/bin/python -m pytest

## Pin every package pyproject.toml needs, with hashes, for Python 3.11 on Linux. Keeps the pins
## still allowed and adds what is new; LOCK_ARGS=--upgrade moves everything to the newest release.
lock: $(UV)
	$(UV_COMPILE) $(LOCK_ARGS) --extra test -o requirements-test.lock
	$(UV_COMPILE) $(LOCK_ARGS) -c requirements-test.lock -o requirements.lock

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests dashboard.py benchmarks deploy

## Check a data folder: make validate DATA=path (default data/).
validate: $(VENV)/.installed
	$(BIN)/python -m timeline validate $(or $(DATA),data)

## The load benchmark: simulated users over the websocket, one process against N behind the proxy and
## the bare app; prints the capacity table (about 15 minutes; see benchmarks/load.py for single runs).
load: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) $(LOWEST) .pytest_cache .ruff_cache

.PHONY: mutation
## Mutation testing of the core modules (mutmut, config in pyproject.toml), then the kill rate per module.
mutation: $(VENV)/.installed-test
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results --all true | awk -F'[.:]' '{ total[$$2]++ } / (killed|timeout)$$/ { killed[$$2]++ } \
	  END { for (m in total) printf "%-9s %4d of %4d killed  %5.1f%%\n", m, killed[m], total[m], 100 * killed[m] / total[m] }' | sort
