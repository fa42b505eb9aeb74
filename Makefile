# fogline: two commands on a fresh machine
#   make demo   create .venv, install pinned fogline, analyse examples/ into fogline.duckdb, print a summary
#   make test   the whole test suite (.ci/run calls exactly this)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval bench lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/fogline analyze examples/ --db fogline.duckdb --jsonl examples.jsonl

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/fogline eval

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) fogline.duckdb examples.jsonl .pytest_cache
