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
	@echo "### tests/data/dev_set.jsonl (written with the lexicons)"
	$(BIN)/python -m dictionaries.evaluate tests/data/dev_set.jsonl
	@echo "### tests/data/blind_set.jsonl (written blind to the lexicons)"
	$(BIN)/python -m dictionaries.evaluate tests/data/blind_set.jsonl
	@echo "### tests/data/danger_dev.jsonl (danger signs and near misses; the danger rules were tuned on it)"
	$(BIN)/python -m dictionaries.evaluate tests/data/danger_dev.jsonl
	@echo "### tests/data/blind_set_2.jsonl (tuned on since the third session; its one split is named 'holdout')"
	$(BIN)/python -m dictionaries.evaluate tests/data/blind_set_2.jsonl
	@echo "### tests/data/blind_set_3.jsonl (long consultations written blind; do not tune on its holdout half)"
	$(BIN)/python -m dictionaries.evaluate tests/data/blind_set_3.jsonl
	@echo "### tests/data/danger_blind.jsonl (danger signs written blind; do not tune on its holdout half)"
	$(BIN)/python -m dictionaries.evaluate tests/data/danger_blind.jsonl
	@echo "### tests/data/danger_train.jsonl and consult_train.jsonl (written blind, to tune on)"
	$(BIN)/python -m dictionaries.evaluate tests/data/danger_train.jsonl
	$(BIN)/python -m dictionaries.evaluate tests/data/consult_train.jsonl
	@echo "### summary: every set (holdout rows are the honest numbers)"
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
