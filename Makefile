# Two entry points: `make run` (set up and start the app) and `make test` (set up and run the tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
CONSTRAINTS := constraints.txt

.PHONY: run test install install-dev index corpus bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python -m ui $(ARGS)

test: install-dev
	$(BIN)/python -m pytest $(ARGS)

index: install
	$(BIN)/python -m index build

corpus: install
	$(BIN)/python -m corpus build

bench: install-dev
	$(BIN)/python -m index bench
	$(BIN)/python -m evals run --out runs/bench
	$(BIN)/python -m ui.bench --users 50
	$(BIN)/python -m ui.http.bench all --soak-seconds 300 --out runs/bench/serving.json

clean:
	rm -rf $(VENV) data
