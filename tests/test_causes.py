"""Causes that cannot both be the cause. Invented sentences."""

from __future__ import annotations

import numpy as np
import pytest

from reconcile import nlp
from reconcile.embed import SentenceTransformerEmbedder
from reconcile.relate.base import ClaimView
from reconcile.relate.causes import CauseSignal, cause_phrases, causes_in


def view(text: str, source: str = "S") -> ClaimView:
    return ClaimView(f"{source}-1", text, source, nlp.parser()(text))


@pytest.mark.parametrize("sentence, cause", [
    ("The fire was started by a discarded cigarette.", "a discarded cigarette"),
    ("A faulty heater sparked the blaze.", "A faulty heater"),
    ("Investigators traced the outage to a faulty software update.", "a faulty software update"),
    ("The captain blamed the capsize on a violent squall.", "a violent squall"),
    ("Police blamed a drunk driver for the crash.", "a drunk driver"),
    ("Early findings pointed to an illegal gas connection.", "an illegal gas connection"),
    ("The delay was due to a signal failure near the station.", "a signal failure near the station"),
    ("The avalanche was set off by a group of skiers.", "a group of skiers"),
])
def test_the_cause_a_claim_gives(sentence, cause):
    assert [c.phrase for c in causes_in(nlp.parser()(sentence))] == [cause]


@pytest.mark.parametrize("sentence", [
    "The blast was not caused by a gas leak.",  # negated: a denial's matter
    "The line tripped on overload rather than because of storm damage.",  # set against another
    "Airlines will be paid for costs incurred because of the outage.",  # the story's event, cause of another effect
    "The fire started on the third floor.",  # "start" with no cause
    "It was not clear whether the fire was the result of arson or an electrical fault.",  # a question
    "The council dismissed a report that a burst main had caused the collapse.",  # a report it rejects
    "The inquiry is due to report before the new year.",  # a plan
    "Four people died as a result of the collapse near the station.",  # the story's event
])
def test_no_cause_where_the_claim_gives_none(sentence):
    assert causes_in(nlp.parser()(sentence)) == []


def signal_for(*views: ClaimView) -> CauseSignal:
    phrases = sorted({p for v in views for p in cause_phrases(v)})
    vectors = SentenceTransformerEmbedder().encode(phrases)
    signal = CauseSignal()
    signal.use_phrase_vectors(dict(zip(phrases, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))))
    return signal


def test_unlike_causes_of_one_happening_conflict_and_alike_ones_do_not():
    cigarette = view("The warehouse fire was started by a discarded cigarette, the fire service said.")
    wiring = view("The warehouse fire was caused by faulty electrical wiring, the owner said.", "T")
    smoking = view("A cigarette dropped by a worker started the warehouse fire.", "U")
    signal = signal_for(cigarette, wiring, smoking)
    finding = signal.compare(cigarette, wiring, 0.7)
    assert finding is not None and finding.relation == "conflict"
    assert "a discarded cigarette" in finding.reason and "faulty electrical wiring" in finding.reason
    assert signal.compare(cigarette, smoking, 0.7) is None  # one cause in other words


def test_causes_of_unlike_claims_are_not_compared():
    cigarette = view("The warehouse fire was started by a discarded cigarette.")
    delay = view("The delay to the trains was due to a signal failure.", "T")
    assert signal_for(cigarette, delay).compare(cigarette, delay, 0.2) is None


def test_causes_of_two_effects_are_not_compared():
    dropped = view("The health features were dropped due to consistency problems.")
    delayed = view("The watch launch was delayed due to technical challenges.", "T")
    assert signal_for(dropped, delayed).compare(dropped, delayed, 0.55) is None


def test_the_storys_event_named_two_ways_is_one_effect():
    update = view("The outage was caused by a faulty software update.")
    attack = view("The failure was caused by a ransomware attack.", "T")
    finding = signal_for(update, attack).compare(update, attack, 0.5)
    assert finding is not None and finding.relation == "conflict"


def test_a_cause_offered_as_a_possibility_is_none():
    assert causes_in(nlp.parser()("The symptoms could also be attributed to malaria.")) == []
