"""Figures compared by their own clauses, and figures a tally moved from. Invented sentences."""

from __future__ import annotations

import numpy as np
import pytest

from reconcile import nlp
from reconcile.embed import SentenceTransformerEmbedder
from reconcile.relate.base import ClaimView
from reconcile.relate.numbers import NumberSignal, counts_alike, extract_quantities, figure_clauses


def quantities(sentence: str):
    return extract_quantities(nlp.parser()(sentence))


def view(text: str, source: str = "S") -> ClaimView:
    return ClaimView(f"{source}-1", text, source, nlp.parser()(text))


@pytest.fixture(scope="module")
def signal_with_vectors():
    """A number signal given the clause vectors of the views it will compare, as relate gives them."""

    def make(*views: ClaimView) -> NumberSignal:
        clauses = sorted({clause for v in views for clause in figure_clauses(v)})
        vectors = SentenceTransformerEmbedder().encode(clauses)
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        signal = NumberSignal()
        signal.use_phrase_vectors(dict(zip(clauses, vectors)))
        return signal

    return make


def test_a_figures_clause_leaves_out_the_figure_its_bound_and_other_statements():
    [trains] = quantities("More than 300 trains were cancelled across the region on Friday, as the strike spread to the ports.")
    assert trains.clause == "trains were cancelled across the region on Friday"
    assert "friday" in trains.scope


def test_the_doer_of_a_counted_act_bounds_the_count():
    [trains] = quantities("The operator cancelled 120 trains.")
    assert "operator" in trains.scope
    [passive] = quantities("About 300 trains were cancelled.")
    assert passive.scope == ()


def test_figures_of_alike_clauses_conflict_however_unlike_the_sentences(signal_with_vectors):
    first = view("Some 40 houses were flooded in the lower town, where the river burst its banks before dawn "
                 "and the fire brigade spent the morning pumping out cellars.")
    second = view("At least 90 houses were flooded in the lower town.", "T")
    signal = signal_with_vectors(first, second)
    finding = signal.compare(first, second, 0.3)  # the sentences are far apart: only the clauses are alike
    assert finding is not None and finding.relation == "conflict"
    assert "houses were flooded in the lower town" in finding.reason
    assert NumberSignal().compare(first, second, 0.3) is None  # without the clauses' vectors: nothing


def test_figures_of_alike_clauses_with_another_scope_are_no_rivals(signal_with_vectors):
    monday = view("Some 40 houses were flooded on Monday.")
    tuesday = view("At least 90 houses were flooded on Tuesday.", "T")
    assert signal_with_vectors(monday, tuesday).compare(monday, tuesday, 0.3) is None


def test_a_sum_of_money_is_never_a_head_count():
    [money] = quantities("The council paid 40 million crowns for the repairs.")
    [houses] = quantities("The council paid for 40 houses to be repaired.")
    assert not counts_alike(money, houses)


@pytest.mark.parametrize("sentence", [
    "The toll rose to 17 from nine on Friday.",
    "The toll now stands at 17, up from nine.",
])
def test_the_figure_a_tally_moved_from_is_not_read_as_a_count(sentence):
    assert [(q.low, q.counts) for q in quantities(sentence)] == [(17.0, "dead")]


def test_a_tally_named_by_a_relative_clause():
    [missing] = quantities("The number of missing, which reached 14 on Friday, is expected to fall.")
    assert missing.counts == "missing" and missing.low == 14.0


def test_others_take_the_outcome_of_their_verb():
    counts = [q.counts for q in quantities("The blast killed seven workers and injured 15 others.")]
    assert counts == ["dead", "injured"]


@pytest.mark.parametrize("sentence, counts", [
    ("Eleven people are now known to have died.", "dead"),  # the state is the raised verb's complement
    ("Twelve people were reported missing.", "missing"),
    ("The storm claimed 12 lives.", "dead"),
    ("The early warning saved thousands of lives.", "life"),  # lives saved are no toll
])
def test_what_a_count_of_people_counts(sentence, counts):
    assert [q.counts for q in quantities(sentence)] == [counts]


def test_a_figure_of_an_average_year_is_no_rival_of_the_events_toll():
    toll = view("Five people died in the avalanche.")
    average = view("Avalanches kill around 20 people in an average winter.", "T")
    assert NumberSignal().compare(toll, average, 0.6) is None


def test_stretches_of_time_are_not_compared_by_clause():
    [nine] = quantities("She was picked when she was nine months old.")
    [older] = quantities("The letter came when she was 18 months old.")
    assert not counts_alike(nine, older)
