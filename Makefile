# The single entry point. `make run` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: install install-run run seed migrate test test-browser lint format migrations-check schema schema-check bench bench-web ci superuser clean backup restore

# Two stamps: `make run` installs what the app needs to run (requirements.txt) and nothing more;
# test, lint, schema and benchmark targets add the tools of requirements-dev.txt.
$(BIN)/.installed-run: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed: $(BIN)/.installed-run requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## install-run: create .venv and install the runtime dependencies only (what `make run` uses)
install-run: $(BIN)/.installed-run

## install: create .venv and install the runtime and the test/lint dependencies
install: $(BIN)/.installed

migrate: install-run
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

## seed: load reference data and every article under seeds/articles/ (idempotent)
seed: migrate
	$(MANAGE) load_seeds

## run: install the runtime dependencies, migrate, seed, and serve on 127.0.0.1:$(PORT) (keeps the terminal; Ctrl-C stops it)
run: seed
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: /admin/, API: /api/). This terminal stays with the server; Ctrl-C stops it."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## superuser: create an admin login (asks for a password)
superuser: migrate
	$(MANAGE) createsuperuser

## test: install and run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-browser: only the browser tests (needs /usr/bin/chromium: `apt-get install chromium`); screenshots in test-artifacts/
test-browser: install
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

## lint: ruff, formatting, types of services, selectors, the extractor, API, views and admin (mypy), migrations check
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

## backup: back up the database of DATABASE_URL (or db.sqlite3) to BACKUP, by default a new file under backups/
backup: install-run
	$(MANAGE) backup_db $(BACKUP)

## restore: replace the database of DATABASE_URL (or db.sqlite3) with the backup BACKUP=path (asks first)
restore: install-run
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<file>" >&2; exit 2; }
	$(MANAGE) restore_db $(BACKUP)

## bench: print extraction and ingest throughput figures
bench: install
	$(BIN)/python -m benchmarks

## bench-web: time every page and API endpoint under gunicorn at 10,000 and 100,000 meetings (BENCH_WEB_SIZES=2000 for a quick try; needs PostgreSQL and wrk)
bench-web: install
	@command -v wrk >/dev/null || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
		echo "bench-web: installing wrk (Debian package) for the load test" && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		echo "bench-web: no wrk (apt-get install wrk): the load figures are skipped"
	$(BIN)/python -m benchmarks.web $(BENCH_WEB_ARGS)

## ci: what .ci/run does, against the DATABASE_URL in the environment
ci: lint test

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles

## schema: write and validate the OpenAPI schema (schema.yml)
schema: install
	$(MANAGE) spectacular --validate --fail-on-warn --file schema.yml

schema-check: schema
