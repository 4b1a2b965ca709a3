# Two entry points for a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= eurasia-kg-store
HOST   ?= 127.0.0.1
PORT   ?= 7878

.PHONY: demo test test-fast setup bench eval lock clean

$(BIN)/eurasia-kg: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

setup: $(BIN)/eurasia-kg

## build the graph from the embedded corpus, then serve it
demo: setup
	$(BIN)/eurasia-kg build --store $(STORE)
	$(BIN)/eurasia-kg serve --store $(STORE) --host $(HOST) --port $(PORT)

## run the whole test suite
test: setup
	$(BIN)/python -m pytest

## the pipeline and unit tests alone, for the inner loop (under a minute; CI runs everything)
test-fast: setup
	$(BIN)/python -m pytest -m "not slow" -q

bench: setup
	$(BIN)/python -m bench
	$(BIN)/pip install --quiet -c constraints.txt -e '.[bench]'
	$(BIN)/python -m bench.endpoint

## score the extraction: the real texts (../shared/real-texts) first, then the regression suites; SPLIT=real for one
eval: setup
	$(BIN)/python -m evaluation $(if $(SPLIT),--split $(SPLIT))

## re-pin constraints.txt from a fresh resolve of pyproject's ranges
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet '.[test,bench]'
	.lock-venv/bin/pip freeze --exclude eurasia-kg > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
