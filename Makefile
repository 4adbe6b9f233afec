# Two commands on a fresh machine:
#   make demo   set up .venv and run `planner demo` (the whole pipeline, embedded emulator)
#   make test   set up .venv (plus headless Chromium for the HTML test) and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/planner demo --out demo-output

test: $(STAMP)
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -n 2 --dist loadfile tests

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo-output .pytest_cache
