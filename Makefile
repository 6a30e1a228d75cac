# Readouts: the two everyday commands are `make run` and `make test` (see README.md).
#
# The virtual environment in .venv is built from uv.lock and rebuilt only when uv.lock
# (or the pinned uv) changes: the stamp file below records the last successful sync.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced-uv-$(UV_VERSION)
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core; JOBS=0 runs the tests in this process.
JOBS ?= auto

# uv never fetches a Python of its own: it uses the one the venv was made with.
export UV_PYTHON_DOWNLOADS := never
# The environment is .venv; a shell's activated virtualenv must not redirect uv.
unexport VIRTUAL_ENV

.PHONY: help venv run test migrate sample editor lock clean

help:
	@echo "make run     set up .venv, migrate, load the sample archive, serve http://$(HOST):$(PORT)/"
	@echo "make test    run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)"
	@echo "make venv    only set up .venv from uv.lock (also done by run and test)"
	@echo "make editor  create an editor account (asks for the username and password)"
	@echo "make lock    maintainers: re-resolve uv.lock after changing pyproject.toml"
	@echo "make clean   remove .venv and generated files (keeps db.sqlite3)"

# uv itself, pinned. PIP_CONFIG_FILE=/dev/null makes pip skip every pip.conf (global, user,
# site), so a machine's constraints or extra indexes cannot change what is installed;
# PIP_INDEX_URL in the environment still works for a machine that needs a mirror.
$(BIN)/uv:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONFIG_FILE=/dev/null $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Everything else, exactly as uv.lock says (--frozen: never re-resolve; --inexact: keep uv).
$(STAMP): uv.lock | $(BIN)/uv
	@$(BIN)/uv --version | grep -qx "uv $(UV_VERSION)" || PIP_CONFIG_FILE=/dev/null $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	rm -f $(VENV)/.synced-uv-*
	touch $@

venv: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

# loaddata updates the fixture's rows in place (they carry their primary keys), so loading
# it again neither duplicates nor fails. It saves rows raw, which the write path of derived
# data (appearances, counts, search index) does not follow: they are rebuilt after it.
sample: migrate
	$(BIN)/python manage.py loaddata fixtures/sample_archive.json
	$(BIN)/python manage.py rebuild_derived

# The site writes its absolute addresses (canonical links, feeds) with the address it is served at.
run: sample
	READOUTS_BASE_URL=$${READOUTS_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/pytest -n $(JOBS) $(PYTEST_ARGS)

# `make editor` asks for the username; `make editor NAME=alice` does not.
editor: migrate
	@name="$(NAME)"; \
	if [ -z "$$name" ]; then read -r -p "Editor's username: " name; fi; \
	$(BIN)/python manage.py create_editor "$$name"

lock: | $(BIN)/uv
	$(BIN)/uv lock --python $(BIN)/python
	$(MAKE) $(STAMP)

clean:
	rm -rf $(VENV) staticfiles test-results
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +
