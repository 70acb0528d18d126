# `make run` and `make test` work on a fresh machine: they create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.9

.PHONY: install lock run test judge clean

install: $(STAMP)

# Every package at the version and hash in requirements.lock, torch's CPU build included
# (pip takes it from the machine's wheel directory); then the project itself, without
# letting pip resolve anything more.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Re-resolve the lock from pyproject.toml's ranges and requirements.in, with hashes of every
# wheel of each chosen version. Run it after changing a dependency, then commit requirements.lock.
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml requirements.in --extra test --generate-hashes --python-version 3.11 \
	    --find-links /opt/wheels --annotation-style line -q -o requirements.lock

# The two sample corpora, then the seventy-one written blind as held-out tests (see their README.md).
CORPORA := cairo-talks harlow-derailment westbrook-plant-fire drevenport-rent-march brennock-cyberattack \
           marlowe-food-outbreak brindlemere-count river-flood bank-outage port-strike-talks ferry-and-mine-accidents \
           wildfire drug-recall stadium-crush tram-and-factory prison-escape bridge-collapse referendum-count \
           art-theft-and-doctors-strike grid-blackout gas-blast-and-helicopter hostage-negotiation volcano-eruption \
           cyclone-landfall ceasefire-talks marathon-heat-and-exchange-halt vaccine-trial trawler-search \
           bootleg-alcohol airport-drone doping-case bird-flu-and-crane trade-ban-talks \
           quake-aftermath tapwater-contamination strait-tanker-spill coalition-talks landslide-and-merger \
           rocket-launch-failure air-traffic-outage diplomat-expulsions apartment-collapse-and-drought nurses-pay-strike \
           avalanche-ski-resort club-takeover-talks emergency-landing bus-crash-and-rate-decision plant-closure-layoffs \
           cave-rescue sinkhole-street exam-paper-leak ship-hijacking locust-swarm-and-zoo-escape \
           road-tunnel-fire algae-bloom-beaches journalist-kidnapping airline-collapse balloon-crash-and-bank-robbery \
           dam-spillway-evacuation embassy-storming lottery-fraud-scandal satellite-debris-village \
           hospital-blackout-and-shark-attack pipeline-sabotage prisoner-swap fishing-boat-clash \
           wildlife-smuggling-seizure fuel-truck-blast-and-council-raid \
           opposition-leader-arrest hailstorm-crop-damage festival-stage-collapse tax-office-data-leak \
           cable-car-stranding-and-toxic-smog

run: $(STAMP)
	$(BIN)/reconcile run $(addprefix corpora/,$(CORPORA))

test: $(STAMP)
	$(BIN)/pytest -q

# Rebuild the shipped judge from the data in training/ (about 35 minutes on two cores; run it in the
# background with its output to a file): pairs cut from the training corpora, then the judge.
judge: $(STAMP)
	$(BIN)/python training/corpus_pairs.py training/corpora --out training/pairs/corpora
	$(BIN)/reconcile train-judge --pairs training/pairs --out reconcile/data/judge

clean:
	rm -rf $(VENV) build *.egg-info
