# The CeCTO Portal's interface: `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# pytest-xdist workers: two cores here; `make test PYTEST_WORKERS=0` runs serially.
PYTEST_WORKERS ?= auto

# Regenerates requirements.lock from pyproject.toml in a throwaway environment.
lock: ## Re-resolve pyproject.toml's dependencies into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[dev,opensearch]'
	{ echo '# Pinned by `make lock` from pyproject.toml; install with `make install`.'; .lock-venv/bin/python -m pip freeze --exclude cecto-portal | sed '/^-e /d'; } > requirements.lock
	rm -rf .lock-venv build *.egg-info

.PHONY: lock help install run test test-browser lint docs docs-serve format migrate demo serve-prod check-deploy bench bench-growth bench-roster fault backup restore clean vendor

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput -v 0

demo: migrate ## Load the demo content (idempotent: adds nothing the second time)
	$(BIN)/python manage.py move_documents_private -v0
	$(BIN)/python manage.py seed_demo

# The e-mail worker (manage.py email_worker) runs beside the web server and stops
# with it: the EXIT trap ends it however the server ends (Ctrl-C included).
WITH_WORKER = trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(BIN)/python manage.py email_worker & worker=$$!;

# Links in e-mails and feeds use the served address: PORT's unless PORTAL_BASE_URL is given.
run: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
run: demo ## Install, migrate, load demo content and serve at http://127.0.0.1:$(PORT), with the e-mail worker
	@$(BIN)/python manage.py sync_site -v0
	@$(BIN)/python manage.py demo_sign_ins --port $(PORT)
	$(WITH_WORKER) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Install and run the test suite (browser tests: make test-browser)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

# Serial (no xdist) against one live server; needs /usr/bin/chromium and `npm ci`
# (axe-core), skipping with a reason without them unless CI is set.
test-browser: install ## Browser and accessibility tests (Playwright + Chromium + axe-core)
	$(BIN)/python -m pytest -p no:xdist -m browser --liveserver 127.0.0.1 $(PYTEST_ARGS) tests/browser

# The participant form's rich-text editor, pinned in package.json: `npm ci`, then its
# dist files copied into static/vendor/trix/ with its version and licence. The copy is
# committed, so `make run` needs no npm; run this after changing the pinned version.
TRIX_DIST := node_modules/trix/dist
vendor: ## Copy the pinned front-end libraries (Trix) from npm into static/vendor/
	npm ci --no-audit --no-fund
	rm -rf static/vendor/trix && mkdir -p static/vendor/trix
	cp $(TRIX_DIST)/trix.umd.min.js $(TRIX_DIST)/trix.css node_modules/trix/LICENSE static/vendor/trix/
	@# npm ships no trix.umd.min.js.map: drop the comment pointing at it, or collectstatic's
	@# manifest storage refuses the missing file.
	sed -i '/^\/\/# sourceMappingURL=/d' static/vendor/trix/trix.umd.min.js
	node -p '"trix " + require("./node_modules/trix/package.json").version + " from npm (MIT licence: LICENSE)"' > static/vendor/trix/VERSION

lint: install ## ruff (lint and formatting), import-linter (the layers) and mypy (types)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy .

# Material for MkDocs: the guides per role, the operator's and the developer's guide.
docs: install ## Build the documentation site strictly into build/docs (broken links fail)
	$(BIN)/mkdocs build --strict --site-dir build/docs

docs-serve: install ## Serve the documentation at http://127.0.0.1:8001 while editing it
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8001

format: install ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install ## Django's deployment checks under production settings
	DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=$${SECRET_KEY:-check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-cecto.example.org} \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3} \
	CREDENTIAL_SIGNING_KEY="$${CREDENTIAL_SIGNING_KEY:-$$(LOG_LEVEL=WARNING DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py credential_signing_key | tail -n 1)}" \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

serve-prod: migrate ## Serve with gunicorn and production settings, with the e-mail worker (needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL)
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py sync_workflows
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py sync_roles
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py move_documents_private -v0
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py collectstatic --noinput -v0
	export DJANGO_SETTINGS_MODULE=portal.settings.production; \
	$(WITH_WORKER) $(BIN)/gunicorn portal.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

# BENCH_ARGS passes options to bench/run.py, e.g. BENCH_ARGS="--engines sqlite --duration 5".
bench: install ## Benchmark at scale: seed_scale, gunicorn + wrk on SQLite and PostgreSQL (about 20 min)
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	bash .ci/ensure-postgres
	bash .ci/ensure-redis
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# GROWTH_ARGS passes options to bench/growth.py, e.g. GROWTH_ARGS="--engines sqlite".
bench-growth: install ## Growth run: the three slowest pages' server time at 1x and 3x the standard size, both engines; bench/results/growth.md (about 15 min, seeding included)
	bash .ci/ensure-postgres
	bash .ci/ensure-redis
	$(BIN)/python -m bench.growth $(GROWTH_ARGS)

# Throwaway PostgreSQL, Redis and SMTP servers of its own on free ports: the machine's
# shared ones are only installed if missing, never stopped. FAULT_ARGS passes
# options to bench/fault.py, e.g. FAULT_ARGS="--phase-seconds 4 --keep".
fault: install ## Fault run: Redis, SMTP, PostgreSQL and a web worker fail under load; checks and bench/results/fault.md (about 3 min)
	bash .ci/ensure-postgres >/dev/null
	bash .ci/ensure-redis >/dev/null
	$(BIN)/python -m bench.fault $(FAULT_ARGS)

# ROSTER_BENCH_ARGS passes options to bench/roster_import.py, e.g.
# ROSTER_BENCH_ARGS="--engines sqlite,postgresql --rows 10000".
bench-roster: install ## Roster import benchmark: a 5,000-row CSV into a scratch database, timed; bench/results/roster_import.md (about 2 min)
	$(BIN)/python -m bench.roster_import $(ROSTER_BENCH_ARGS)

backup: install ## Back up the database and every file storage (manage.py backup; docs/operators/backups.md)
	$(BIN)/python manage.py backup

restore: install ## Restore the newest backup set, after asking (manage.py restore --latest)
	$(BIN)/python manage.py restore --latest

clean: ## Remove the virtualenv, collected static files and caches (keeps db.sqlite3 and media/)
	rm -rf $(VENV) staticfiles build .pytest_cache .ruff_cache .mypy_cache
