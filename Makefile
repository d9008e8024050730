# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip configuration names index folders that may be absent; their warnings are noise.
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt | md5sum | cut -c1-12)
PORT ?= 8000

.PHONY: run test lint bench token emails venv clean

venv: $(STAMP)

$(STAMP): requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip $(QUIET_PIP)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt $(QUIET_PIP)
	@rm -f $(VENV)/.installed-* && touch $@

## Start the whole system locally: embedded AWS (moto), the four services, demo data.
run: venv
	@$(PY) -m infra.local.run --port $(PORT)

## Install what is needed and run every test.
test: venv
	@$(PY) -m ruff check .
	@$(PY) -m pytest

lint: venv
	@$(PY) -m ruff check .

## Figures: cold-start import time per app, package size, and (later) calls per operation.
bench: venv
	@$(PY) bench/bench.py

## An ID token for a demo user of a running `make run`: make token USER=client@demo.test
token: venv
	@if [ "$(origin USER)" != "command line" ]; then echo "usage: make token USER=client@demo.test" >&2; exit 2; fi
	@$(PY) -m infra.local.token $(USER)

## The emails the running `make run` stack has sent (its SES): make emails [TO=client@demo.test] [LAST=5]
emails: venv
	@$(PY) -m infra.local.emails $(if $(TO),--to $(TO)) $(if $(LAST),--last $(LAST))

clean:
	rm -rf $(VENV) build test-output
