"""reconcile.score: gold pairs located by quote; missed and unexpected pairs listed by name."""

from __future__ import annotations

from reconcile.score import score_run

CLAIMS = [
    {"id": "a:1", "article": "a", "text": "The talks ended with no sign of progress.", "speaker": None},
    {"id": "b:1", "article": "b", "text": "The atmosphere of the talks was positive.", "speaker": "an Egyptian source"},
    {"id": "c:1", "article": "c", "text": "The delegation flew home on Tuesday.", "speaker": None},
    {"id": "d:1", "article": "d", "text": "The delegation left on Tuesday.", "speaker": None},
]
GOLD = {
    "conflicts": [{"a": {"article": "a", "quote": "no sign of progress"}, "b": {"article": "b", "quote": "positive"},
                   "why": "progress vs positive"}],
    "corroborations": [{"a": {"article": "c", "quote": "flew home"}, "b": {"article": "d", "quote": "left"},
                        "why": "left on Tuesday"}],
    "speakers": [{"article": "b", "quote": "positive", "speaker": "Egyptian source"}],
}


def test_a_pair_outside_the_gold_list_is_unexpected_and_a_gold_pair_not_predicted_is_missed():
    run = {"claims": CLAIMS, "pairs": [
        {"a": "a:1", "b": "b:1", "relation": "conflict"},
        {"a": "a:1", "b": "c:1", "relation": "corroborate"},
    ]}
    result = score_run(run, GOLD)
    assert result["conflict_precision"] == 1.0 and result["conflict_unexpected"] == []
    assert result["corroboration_precision"] == 0.0 and result["corroboration_recall"] == 0.0
    assert result["corroboration_missed"] == ["left on Tuesday"]
    assert result["corroboration_unexpected"] == [
        "a: “The talks ended with no sign of progress.” vs c: “The delegation flew home on Tuesday.”"]
    assert result["speaker_accuracy"] == 1.0


def test_long_claims_are_cut_in_the_listing():
    long_claim = {"id": "e:1", "article": "e", "text": "word " * 40, "speaker": None}
    run = {"claims": CLAIMS + [long_claim], "pairs": [{"a": "e:1", "b": "d:1", "relation": "conflict"}]}
    [listed] = score_run(run, GOLD)["conflict_unexpected"]
    assert listed.startswith("d: ") and "…”" in listed and len(listed) < 180
