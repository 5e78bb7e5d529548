# The README's commands. `make run` starts the portal on SQLite with the five seed
# strategies and demo users (load_demo); `make test` runs every test. `make seed` loads
# the strategies only (load_seeds), as a production portal may.
SHELL := /bin/bash
# The quick start is a development server: DEBUG on, said explicitly (the settings'
# default is off, for production). Production runs the Procfile or docker-compose.
export DEBUG ?= 1
VENV ?= .venv
# `make run PORT=8001` if 8000 is taken.
PORT ?= 8000
PY := $(VENV)/bin/python
# Find a Python >= 3.12 (Django 6 needs it); pyenv's .python-version is honoured.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)

.PHONY: run test test-fast install install-test seed lint worker check-python messages

# Compiled catalogues (.mo) are committed, so a laptop without gettext still gets the
# translated interface; with gettext installed they are rebuilt from the .po files.
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null; \
	else echo "gettext (msgfmt) not found: using the committed compiled translations"; fi

check-python:
	@if [ -z "$(PYTHON)" ]; then echo "Strategy Portal needs Python 3.12 or newer (Django 6). Install it, or set PYTHON=/path/to/python3.12." >&2; exit 1; fi

$(VENV)/.installed: pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	@$(MAKE) --no-print-directory messages
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

seed: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seeds

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

# Two test processes (pytest-xdist): each has its own test database, Celery queue and
# cache, so the full suite runs in about half the time. `make test TEST_PROCESSES=0`
# runs in one process.
TEST_PROCESSES ?= 2
test: install node_modules/.installed messages
	$(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

# The quick loop while working: no browser, no real worker or stack, no crawls.
test-fast: install messages
	$(PY) -m pytest -n $(TEST_PROCESSES) -m "not browser and not worker and not stack and not slow" $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A strategy_portal worker --loglevel=info --concurrency=1

# Lint: ruff, and no import circle between the project's modules (a few seconds).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -p no:cacheprovider -q tests/test_import_cycles.py
	DEBUG=1 $(VENV)/bin/mypy
