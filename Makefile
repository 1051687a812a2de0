# The two commands of the README's quick start:
#   make demo   sets up graphbuild and builds the seed articles into out/
#   make test   sets up everything the tests need and runs lint, types and the test suite
# .ci/run calls `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .

demo: setup
	$(BIN)/graphbuild build seeds --out out

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	bash scripts/install-test-services.sh

test: setup-test
	$(BIN)/ruff check graphbuild tests benchmarks
	$(BIN)/ruff format --check graphbuild tests benchmarks
	$(BIN)/mypy
	$(BIN)/graphbuild rules test
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pytest
