# Tsunagu: `make chat` to talk to the intake, `make test` to run the whole suite.
# Both set up a local .venv first when it is missing or out of date.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
USERDIC_SRC := dictionaries/data/userdict.csv

.PHONY: setup chat test eval bench lint flow-diagram clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml $(wildcard $(USERDIC_SRC))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m dictionaries.userdict build
	touch $(STAMP)

chat: setup
	$(BIN)/tsunagu chat --db var/tsunagu.db

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	@# each set's per-category scores (what each set is: tests/data/README.md), then one line a set
	@for set in tests/data/*.jsonl; do \
		echo "### $$set"; $(BIN)/python -m dictionaries.evaluate $$set || exit 1; done
	@echo "### summary (holdout rows are the honest numbers; tests/data/final/ is scored only at a session's end)"
	$(BIN)/python -m dictionaries.evaluate --summary tests/data/*.jsonl

bench: setup
	$(BIN)/python -m bench

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

flow-diagram: setup
	$(BIN)/tsunagu flow --mermaid --write-readme README.md

clean:
	rm -rf $(VENV) var/sudachi
