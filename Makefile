# wiredesk — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/include
export AIRFLOW_HOME ?= $(CURDIR)/.airflow

.PHONY: install demo test test-fast airflow lint format typecheck bench lock clean

# The venv is (re)built whenever the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (or run: make PYTHON=python3 …)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# A fresh venv's bundled pip is too old for lxml_html_clean; uv installs the pins in seconds.
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip >/dev/null
	$(BIN)/python -m pip install -q --upgrade pip uv
	$(BIN)/uv pip install -q -p $(BIN)/python -r requirements.txt
	$(BIN)/uv pip install -q -p $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not integration and not slow"

airflow: $(STAMP)
	$(BIN)/python scripts/airflow_ui.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

lock:
	$(BIN)/uv pip compile -q -p 3.11 requirements.in -o requirements.txt

clean:
	rm -rf data .airflow .pytest_cache .ruff_cache .mypy_cache
