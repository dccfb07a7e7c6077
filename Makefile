# Two commands a new user needs: `make run` and `make test`. Everything else follows.
PYTHON ?= $(shell scripts/find_python)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install run test lint browser system-deps messages bench bench-library bench-reports bench-load clean

install: system-deps $(VENV)/.installed messages

## Pango and fonts for certificate PDFs (WeasyPrint), gettext for the translation
## catalogues, redis-server for the tests of several app servers sharing one cache;
## installed from Debian if missing.
system-deps:
	@{ ldconfig -p | grep -q libpango-1.0 && fc-list 2>/dev/null | grep -q DejaVuSans \
		&& command -v msgfmt >/dev/null && command -v redis-server >/dev/null; } || { \
		echo "Installing Pango, DejaVu fonts, gettext and Redis..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig gettext \
			redis-server >/dev/null; }

## The interface in every site language: compile locales/*/LC_MESSAGES/django.po (the
## .mo files are build output, not committed). Update the .po files with
## `manage.py makemessages --all` after changing strings.
PO_FILES := $(wildcard locales/*/LC_MESSAGES/django.po)
messages: $(PO_FILES:.po=.mo)

locales/%/LC_MESSAGES/django.mo: locales/%/LC_MESSAGES/django.po | system-deps
	@msgfmt --check -o $@ $<

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	@touch $@

## Run the site with demo content at http://127.0.0.1:$(PORT)/
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/      Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Debian's Chromium, which the end-to-end tests drive through Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the end-to-end tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

## The whole test suite: lint, import contracts, migrations check, unit, integration and
## browser tests.
test: install browser lint
	$(BIN)/pytest

## Benchmark: production settings under gunicorn on loopback (see README).
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/library.py
	$(BIN)/python bench/reports.py

## The e-library part of the benchmark alone: search and facets at 60 and 10,000 resources.
bench-library: install
	$(BIN)/python bench/library.py

## The training reports alone: every screen and export at 10,000 learners (SQLite, or
## the PostgreSQL database in BENCH_DATABASE_URL).
bench-reports: install
	$(BIN)/python bench/reports.py

## Load and faults: 200 learners (locust) on two gunicorn servers, PostgreSQL and Redis
## started here; plain, then an app server killed, PostgreSQL and Redis restarted (see
## README). Installs locust (the `bench` extra) if it is missing.
bench-load: install
	@$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/python -m pip install --quiet ".[bench]"
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) build *.egg-info
