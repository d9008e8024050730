# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip configuration names index folders that may be absent; their warnings are noise.
# What installing prints goes to stderr, so that `TOKEN=$(make -s token ...)` reads only the token even on a first run.
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' >&2 || true; }
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt | md5sum | cut -c1-12)
PORT ?= 8000
# The `make run` stack that token, emails, dlq, redrive and replay talk to: the PORT it was started with.
LOCAL_API = http://127.0.0.1:$(PORT)
# The web apps (staff app and client portal): installed from its lock file and built only when the lock file or a source changed.
WEB := web
WEB_INSTALLED := $(WEB)/node_modules/.installed
WEB_BUILT := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/portal $(WEB)/shared $(WEB)/public -type f 2>/dev/null) \
	$(addprefix $(WEB)/,index.html package.json tsconfig.json vite.config.ts)
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# The CDK CLI pinned in infra/package-lock.json (it must match aws-cdk-lib in requirements-dev.txt).
CDK_STAMP := infra/node_modules/.installed-$(shell cat infra/package-lock.json | md5sum | cut -c1-12)
CDK_ENV := CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
DEPLOY_OPTIONS = $(if $(SERVICE),--service $(SERVICE)) $(if $(SENDER_EMAIL),--sender-email $(SENDER_EMAIL))
# make dlq, redrive and replay: the local stack on PORT, or a deployed STAGE with your AWS credentials.
RECOVERY_ON = $(if $(STAGE),--stage $(STAGE),--api $(LOCAL_API))

.PHONY: run clock test test-fast fuzz fuzz-properties lint bench token emails openapi venv clean web web-test web-lint \
	chromium synth diff deploy stage-given dlq redrive replay

venv: $(STAMP)

$(STAMP): requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) ..." >&2
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip<26.3" $(QUIET_PIP)  # chalice 1.34 needs it
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt $(QUIET_PIP)
	@rm -f $(VENV)/.installed-* && touch $@

$(WEB_INSTALLED): $(WEB)/package-lock.json
	@echo "Installing the web client's packages (npm ci) ..."
	@cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	@echo "Building the web client ..."
	@cd $(WEB) && npm run --silent build -- --logLevel warn

## The staff web client's static build (web/dist), served by `make run` at /.
web: $(WEB_BUILT)

## The web client's unit tests (Vitest).
web-test: $(WEB_INSTALLED)
	@cd $(WEB) && ./node_modules/.bin/vitest run --reporter=dot

## ESLint on the web apps: the hooks rules (rules-of-hooks, exhaustive-deps) as errors (web/eslint.config.js).
web-lint: $(WEB_INSTALLED)
	@cd $(WEB) && npm run --silent lint

## Debian's Chromium for the browser tests (Playwright drives it; it cannot download its own here).
chromium: $(CHROMIUM)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests ..."
	@$(SUDO) apt-get update -qq
	@DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null

$(CDK_STAMP): infra/package-lock.json
	@echo "Installing the CDK CLI into infra/node_modules ..."
	@cd infra && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Start the whole system locally: embedded AWS (moto), the four services, demo data, the web client at /.
## NOW=2026-03-08T06:00 starts its clock there (no offset: the demo agency's zone, America/New_York).
run: venv web
	@$(PY) -m infra.local.run --port $(PORT) $(if $(NOW),--now "$(NOW)")

## Read the running stack's clock, or move it: make clock [NOW=2026-03-08T06:00] [PORT=8000]
clock: venv
	@$(PY) -m infra.local.clock $(if $(NOW),"$(NOW)") --api $(LOCAL_API)

## Install what is needed and run every test.
test: venv web chromium
	@$(PY) -m ruff check .
	@$(MAKE) -s web-lint
	@$(MAKE) -s web-test
	@$(PY) -m pytest

## The kit's and the domain's tests only (no local stack, no browser): under a minute, for the edit-test loop.
test-fast: venv
	@$(PY) -m pytest -q tests/kit tests/domain

## Everything that explores at random: every property test, then schemathesis on a fresh local stack.
fuzz: fuzz-properties fuzz-api

## Every property test (Hypothesis) with random seeds and ten times the examples; a failure it finds becomes an @example.
fuzz-properties: venv
	@HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -m hypothesis

lint: venv
	@$(PY) -m ruff check .

## Each service's OpenAPI document (services/<name>/openapi.json), rebuilt from its routes, and the web clients'
## TypeScript types generated from it (web/shared/api/generated/<name>.ts); commit the result.
openapi: venv $(WEB_INSTALLED)
	@$(PY) -m infra.openapi
	@cd $(WEB) && npm run --silent types

## Schemathesis on every route of every service as an admin, a worker and a client, random seed (printed), on a
## fresh local stack: make fuzz-api [EXAMPLES=100] [SEED=n]. Fails on any 5xx or undocumented status.
.PHONY: fuzz-api
fuzz-api: venv
	@$(PY) -m tests.e2e.fuzz_api --max-examples $(or $(EXAMPLES),100) $(if $(SEED),--seed $(SEED))

## Figures: cold-start import time per app, package size, and (later) calls per operation.
bench: venv
	@$(PY) bench/bench.py

## An ID token for a demo user of a running `make run`: make token USER=client@demo.test [PORT=8000]
token: venv
	@if [ "$(origin USER)" != "command line" ]; then echo "usage: make token USER=client@demo.test" >&2; exit 2; fi
	@$(PY) -m infra.local.token $(USER) --api $(LOCAL_API)

## The emails the running `make run` stack has sent (its SES): make emails [TO=client@demo.test] [LAST=5] [PORT=]
emails: venv
	@$(PY) -m infra.local.emails --api $(LOCAL_API) $(if $(TO),--to $(TO)) $(if $(LAST),--last $(LAST))

## What waits in the DLQs and why it failed: make dlq [SERVICE=billing] [PORT=8000 | STAGE=dev|prod]
dlq: venv
	@$(PY) -m infra.recovery dlq $(RECOVERY_ON) $(if $(SERVICE),--service $(SERVICE))

## Once the fix is deployed, a DLQ's messages back to their queue: make redrive SERVICE=billing [EVENTS=<id>,...]
redrive: venv
	@if [ -z "$(SERVICE)" ]; then echo "usage: make redrive SERVICE=billing [EVENTS=<event id>,...] [STAGE=dev|prod]" >&2; exit 2; fi
	@$(PY) -m infra.recovery redrive $(RECOVERY_ON) --service $(SERVICE) $(if $(EVENTS),--events $(EVENTS))

## The bus's archived events of a window again, to a consumer (or all): make replay [SERVICE=billing] FROM=... [TO=...]
replay: venv
	@if [ -z "$(FROM)" ]; then echo "usage: make replay [SERVICE=billing] FROM=2026-06-10T09:00Z [TO=2026-06-10T12:00Z] [STAGE=dev|prod]" >&2; exit 2; fi
	@$(PY) -m infra.recovery replay $(RECOVERY_ON) $(if $(SERVICE),--service $(SERVICE)) --from $(FROM) $(if $(TO),--to $(TO))

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
	rm -rf $(VENV) build test-output $(WEB)/node_modules $(WEB)/dist infra/node_modules
