# Stancewatch: the two commands a new user needs.
#   make run    install what the dashboard needs and start it on the seed articles
#   make test   install what the tests need (Python packages, Debian's chromium and
#               postgresql when missing) and run every test
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint evaluate bench profile clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

test: $(VENV)/.dev
	scripts/system-deps
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

evaluate: $(VENV)/.runtime
	$(PY) -m lib evaluate

bench: $(VENV)/.dev
	$(PY) -m bench

profile: $(VENV)/.dev
	$(PY) -m bench --profile 300

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
