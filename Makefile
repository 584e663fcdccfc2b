# The two set-up commands of README: `make run` (portal on http://127.0.0.1:8000 plus its background worker)
# and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check bench scaleout clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet '.[dev]'
	touch $(STAMP)

# A first look: SQLite unless DATABASE_URL is set, DEBUG on, demo data and logins printed.
# It also writes a development .env (DEBUG=True) when there is none, so plain `manage.py` commands work after it.
# The seed queues no e-mail; the logins are printed again once the worker is up (its start-up lines come before
# them), so they are the last lines before the server's own.
run: $(STAMP)
	@test -f .env || printf 'DEBUG=True\n' > .env
	DEBUG=True $(PY) manage.py migrate --noinput
	DEBUG=True $(PY) manage.py seed_demo
	@echo "Portal: http://127.0.0.1:$(PORT) dan pekerja latar (Ctrl+C menghentikan keduanya)"
	@DEBUG=True $(PY) manage.py db_worker --no-reload --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' INT TERM EXIT; \
	DEBUG=True $(PY) manage.py demo_logins --after-worker $$worker; \
	DEBUG=True $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite; browser tests run where Chromium is installed (E2E_REQUIRED=1 makes them mandatory).
# In parallel (pytest-xdist, one worker per core, each on its own test database); the browser journeys with the
# real-worker tests stay on one worker, the site checks likewise (tests/conftest.py). PYTEST_ARGS adds options:
# .ci/run passes --durations=30.
PYTEST_ARGS ?=
test: $(STAMP)
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# Target-scale benchmark on PostgreSQL (database opop_bench); writes bench/RESULTS.md.
bench: $(STAMP)
	$(VENV)/bin/pip install --quiet '.[bench]'
	./bench/run

# Scale-out run for real (docs/DEPLOY.md §7): nginx, two app servers, two workers, PgBouncer, one server and one
# worker killed under load; installs nginx and PgBouncer when missing; appends its section to bench/RESULTS.md.
scaleout: $(STAMP)
	$(VENV)/bin/pip install --quiet '.[bench]'
	./bench/scaleout --output bench/RESULTS.md

check: $(STAMP)
	DEBUG=True $(PY) manage.py check
	DEBUG=True $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) build *.egg-info staticfiles test-artifacts .pytest_cache
