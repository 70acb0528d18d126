# `make run` and `make test` work on a fresh machine: they create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test clean

install: $(STAMP)

# torch goes in first, pinned: pip takes the CPU wheel shipped on this machine;
# left to sentence-transformers' plain `torch` requirement it would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The two sample corpora, then the five written blind as held-out tests (see their README.md).
CORPORA := cairo-talks harlow-derailment westbrook-plant-fire drevenport-rent-march brennock-cyberattack \
           marlowe-food-outbreak brindlemere-count

run: $(STAMP)
	$(BIN)/reconcile run $(addprefix corpora/,$(CORPORA))

test: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
