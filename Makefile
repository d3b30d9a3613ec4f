# United Neighbourhoods learning site. Two commands do everything on a fresh machine:
#   make serve   preview at http://127.0.0.1:8000 with live reload
#   make test    run every test (content, build, accessibility and privacy in Chromium)
# Each target creates .venv from requirements.lock (pinned, with hashes) when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ADDR   ?= 127.0.0.1:8000
N      ?= 500 1000 2000 5000
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build check test test-fast lint fuzz case-study bench lock clean

help:
	@echo "make serve       preview the site at http://$(ADDR) (live reload)"
	@echo "make test        run the whole test suite (includes browser checks)"
	@echo "make build       strict production build into site/"
	@echo "make check       validate content only (fast; no site build)"
	@echo "make lint        ruff (lint and format check) and mypy"
	@echo "make fuzz        the property-based tests with many more examples (minutes)"
	@echo "make case-study  start a new case study from the template"
	@echo "make bench       build and reader-side benchmark (N='500 2000' to choose sizes)"
	@echo "make lock        refresh requirements.lock from requirements.in"

$(STAMP): requirements.lock pyproject.toml scripts/check_python.py
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "This site needs Python 3.11 or newer, and '$(PYTHON)' was not found: install Python 3.11+ or run 'make PYTHON=/path/to/python3.11 ...'." >&2; exit 1; }
	@$(PYTHON) scripts/check_python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install Python's venv module (on Debian or Ubuntu: apt-get install python3-venv)." >&2; rm -rf $(VENV); exit 1; }
	@echo "Installing pinned dependencies into $(VENV) (first run only)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m mkdocs serve --dev-addr $(ADDR) --livereload --dirty

build: $(STAMP)
	$(BIN)/python -m mkdocs build --strict --clean

check: $(STAMP)
	$(BIN)/python scripts/check_content.py

test: lint
	$(BIN)/python -m pytest

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/content/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

case-study: $(STAMP)
	$(BIN)/python scripts/new_case_study.py

bench: $(STAMP)
	$(BIN)/python -m scripts.bench $(N) $(BENCH_ARGS)

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.in

clean:
	rm -rf site .pytest_cache
