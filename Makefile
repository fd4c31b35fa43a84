# Partyline — the two commands of the quick start are `make up` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NODE_OPTIONS ?= --max-old-space-size=4096

# The browser tests open the app where scripts/app.sh serves it.
PARTYLINE_CLIENT_PORT ?= 5173
export PARTYLINE_APP_URL ?= http://localhost:$(PARTYLINE_CLIENT_PORT)

STACK_ENV := .stack/stack.env
WITH_STACK_ENV := set -a && . ./$(STACK_ENV) && set +a &&

.PHONY: help up down test deps stack-up stack-down stack-status app-up app-down status logs build lint typecheck unit e2e e2e-scale bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

up: deps stack-up build app-up ## install what is missing, start the stack and the app, print the URL (SCALE=3: three messages-service instances behind HAProxy)

down: app-down stack-down ## stop everything `make up` started

test: deps stack-up ## lint, type-check and every test against the real stack (what CI runs)
	@scripts/install-system.sh
	npm run lint
	npm run format:check
	npm run typecheck
	scripts/checkov.sh
	scripts/promtool-test.sh
	@mkdir -p .stack/reports
	$(WITH_STACK_ENV) npx vitest run --reporter=default --reporter=json --outputFile.json=.stack/reports/vitest.json
	$(MAKE) --no-print-directory build app-up
	npm run e2e -w client -- --reporter=default --reporter=json --outputFile.json=../.stack/reports/e2e.json
	$(MAKE) --no-print-directory e2e-scale
	@# After the browser tests: its fuzzed dev sign-ins spend the per-address sign-in limit they need. Its
	@# failures are counted by the summary below (which then fails the target), so it may not stop make here.
	-scripts/schemathesis.sh
	@node scripts/test-summary.mjs .stack/reports/vitest.json .stack/reports/e2e.json .stack/reports/e2e-scale.json .stack/reports/schemathesis.json

deps: ## npm ci when node_modules does not match package-lock.json
	@node scripts/deps-ok.mjs 2>/dev/null || npm ci --no-audit --no-fund

stack-up: ## start PostgreSQL, Redis, Kafka and FerretDB (installs them when missing)
	@scripts/stack.sh up

stack-down: ## stop the stack
	@scripts/stack.sh down

stack-status: ## is each server answering?
	@scripts/stack.sh status

app-up: ## start accounts-service, messages-service (SCALE=N: N of them behind HAProxy) and the client
	@$(if $(SCALE),PARTYLINE_SCALE=$(SCALE) )scripts/app.sh up

app-down: ## stop the app
	@scripts/app.sh down

status: stack-status ## the stack and the app
	@scripts/app.sh status

logs: ## the tail of every log
	@scripts/stack.sh logs

build: deps ## compile every workspace
	npm run build

lint: deps ## ESLint and Prettier
	npm run lint
	npm run format:check

typecheck: deps ## TypeScript, sources and tests
	npm run typecheck

unit: deps stack-up ## the Vitest projects only
	$(WITH_STACK_ENV) npx vitest run

e2e: deps ## the browser tests against a running `make up`
	npm run e2e -w client

# A SCALE=3 app of its own beside the default one (ports 4301/4302/5373, instances 4312-4332, ops +5400),
# started, tested and stopped again, also when the test fails.
E2E_SCALE_ENV := PARTYLINE_ACCOUNTS_PORT=4301 PARTYLINE_MESSAGES_PORT=4302 PARTYLINE_CLIENT_PORT=5373
e2e-scale: deps stack-up build ## SCALE=3 on its own ports, two users on two instances, one killed mid-chat (~1 min)
	@mkdir -p .stack/reports
	@trap '$(E2E_SCALE_ENV) $(CURDIR)/scripts/app.sh down >/dev/null' EXIT; \
	  $(E2E_SCALE_ENV) PARTYLINE_SCALE=3 scripts/app.sh up && \
	  cd client && $(E2E_SCALE_ENV) PARTYLINE_APP_URL=http://localhost:5373 npx vitest run \
	    --config vitest.e2e-scale.config.ts --reporter=default --reporter=json --outputFile.json=../.stack/reports/e2e-scale.json

bench: deps stack-up ## the performance benchmarks of DESIGN.md section 7 (not part of make test; ~5 min)
	$(WITH_STACK_ENV) npx tsx bench/run.ts

clean: ## remove build output (not the stack's data)
	npm run clean

.PHONY: test-redis-cluster test-kafka-cluster
test-redis-cluster: deps stack-up ## the realtime tests, a primary failover and accounts' limits on a 3+3 Redis Cluster (opt-in; ~2.5 min; not in make test)
	scripts/stack.sh cluster-up redis
	$(WITH_STACK_ENV) PARTYLINE_TEST_REDIS_CLUSTER=1 npx vitest run --project messages messages-service/test/realtime
	$(WITH_STACK_ENV) PARTYLINE_TEST_REDIS_CLUSTER=1 npx vitest run --project accounts accounts-service/test/redis-cluster-rate-limits.test.ts

test-kafka-cluster: deps stack-up ## kill -9 one of 3 KRaft brokers under load: 0 lost, 0 applied twice (opt-in; not in make test)
	scripts/stack.sh cluster-up kafka
	$(WITH_STACK_ENV) PARTYLINE_TEST_KAFKA_CLUSTER=1 npx vitest run --project events common/events/test/kafka-cluster.test.ts
