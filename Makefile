# Kelola — the two commands: `make run` (set up and start the demo) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
AREA ?=
PYTEST_ARGS ?=
# gunicorn processes for `make serve`: one single-threaded worker per core. Kelola's requests keep
# the CPU busy, so more processes than cores only took turns on them (5 workers on 2 cores filed
# 20-25% fewer tickets a second than 2), and threads share one core per process; see bench/README.md.
WEB_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
WEB_THREADS ?= 1
# Parallel test processes (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

.PHONY: run setup install assets locale static migrate demo serve test lint format bench clean

run: setup demo serve

setup: install assets locale static migrate

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Kelola needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

locale: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

static: install assets
	$(PY) manage.py collectstatic --noinput -v0

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: install
	$(PY) manage.py demo --url http://$(HOST):$(PORT)/

serve:
	@echo "Kelola: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py run_huey --quiet & \
	$(VENV)/bin/gunicorn kelola.wsgi --bind $(HOST):$(PORT) --workers $(WEB_WORKERS) --threads $(WEB_THREADS) --access-logfile - --log-level warning

test: install assets locale
	@mkdir -p $${KELOLA_VAR_DIR:-var}/staticfiles  # WhiteNoise warns on every request without it; tests find static files themselves
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install assets locale
	$(PY) bench/run.py $(AREA)

clean:
	rm -rf $(VENV) node_modules var
