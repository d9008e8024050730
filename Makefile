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
# The CDK CLI pinned in infra/package-lock.json (it must match aws-cdk-lib in requirements-dev.txt).
CDK_STAMP := infra/node_modules/.installed-$(shell cat infra/package-lock.json | md5sum | cut -c1-12)
CDK_ENV := CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
DEPLOY_OPTIONS = $(if $(SERVICE),--service $(SERVICE)) $(if $(SENDER_EMAIL),--sender-email $(SENDER_EMAIL))

.PHONY: run test lint bench token venv clean synth diff deploy stage-given

venv: $(STAMP)

$(STAMP): requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip $(QUIET_PIP)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt $(QUIET_PIP)
	@rm -f $(VENV)/.installed-* && touch $@

$(CDK_STAMP): infra/package-lock.json
	@echo "Installing the CDK CLI into infra/node_modules ..."
	@cd infra && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

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

## CloudFormation templates of every stack into build/cdk.out, offline (STAGE=dev|prod for one stage).
synth: venv $(CDK_STAMP)
	@cd infra && $(CDK_ENV) node_modules/.bin/cdk synth --no-notices --quiet $(if $(filter command line,$(origin STAGE)),-c stage=$(STAGE))
	@echo "Templates in build/cdk.out/ (portal-<stage>-shared, portal-<stage>-<service>)."

## What a deploy would change in the account of your AWS credentials: make diff STAGE=dev
diff: stage-given venv $(CDK_STAMP)
	@$(CDK_ENV) $(PY) -m infra.deploy diff --stage $(STAGE) $(DEPLOY_OPTIONS)

## Deploy to the account of your AWS credentials: make deploy STAGE=dev|prod [SERVICE=requests]
deploy: stage-given venv $(CDK_STAMP)
	@$(CDK_ENV) $(PY) -m infra.deploy deploy --stage $(STAGE) $(DEPLOY_OPTIONS)

stage-given:
	@if [ -z "$(STAGE)" ]; then echo "usage: make $(MAKECMDGOALS) STAGE=dev|prod [SERVICE=requests]" >&2; exit 2; fi

clean:
	rm -rf $(VENV) build test-output infra/node_modules
