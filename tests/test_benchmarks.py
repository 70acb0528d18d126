"""The benchmark scripts run end to end on a tiny Emergent-format file and print the keys the issue names."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT, bag_of_letters_embed, write_tiny_emergent


def load_benchmark(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("mode", ["cross-validation", "train and test"])
def test_emergent_benchmark_prints_every_key(tmp_path, monkeypatch, capsys, mode):
    from reconcile.relate import train

    emergent = load_benchmark("emergent")
    monkeypatch.setattr(train, "embed", bag_of_letters_embed)  # no model load in a unit test
    monkeypatch.setattr(emergent, "embed", bag_of_letters_embed)
    csv = write_tiny_emergent(tmp_path / "emergent.csv")
    arguments = ["--train", str(csv), "--folds", "3"]
    if mode == "train and test":
        arguments += ["--test", str(write_tiny_emergent(tmp_path / "test.csv"))]
    assert emergent.main(arguments) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ("stance_accuracy", "stance_macro_f1", "pair_conflict_precision", "pair_conflict_recall",
                "pair_conflict_f1", "pair_macro_f1", "cluster_ari"):
        assert -1.0 <= result[key] <= 1.0, key
    assert result["rows"] == 18
    # The cue words separate the three stances perfectly in this file.
    assert result["stance_macro_f1"] == 1.0
    # "shark", "burger", ... are told apart by their wording, one story per claim.
    assert result["cluster_ari"] == 1.0
    assert result["cluster_lexical_weight"] > 0


def test_throughput_benchmark_measures_cold_warm_and_incremental_runs(tmp_path, capsys):
    """Tiny sizes, real CLI runs in child processes: every figure the issue names is there, and a
    warm rerun embeds nothing, so it costs less than the cold run."""
    import pandas as pd

    sentences = ["The fire chief said {n} people were hurt in the blaze at the depot.",
                 "Police closed the road for {n} hours, a spokeswoman said.",
                 "The mayor called the response swift and said {n} crews had helped."]
    bodies = pd.DataFrame({"Body ID": range(6), "articleBody": [" ".join(s.format(n=n + 2) for s in sentences)
                                                                  for n in range(6)]})
    bodies.to_csv(tmp_path / "bodies.csv", index=False)
    throughput = load_benchmark("throughput")
    assert throughput.main(["--bodies", str(tmp_path / "bodies.csv"), "--sizes", "8", "--workers", "2"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    row = result["sizes"]["8"]
    assert row["cold"]["claims"] == 24 and row["incremental"]["claims"] == 54  # 8 articles, then 10 more
    for stage in ("startup", "load", "claims", "embed", "relate", "report", "write"):
        assert stage in row["cold"]["stages"], stage
    assert row["warm"]["stages"]["embed"] < row["cold"]["stages"]["embed"]
    assert row["cold_over_embed_alone"] > 0 and 0 < row["warm_over_cold"] and 0 < row["incremental_over_cold"]
    assert row["cold_workers"]["claims"] == 24 and row["per_article_speedup"] > 0 and row["workers"] == 2


def test_speaker_benchmark_gives_what_score_gives_for_the_claims_stage(capsys):
    from reconcile.score import read_gold, read_run, score_run

    speakers = load_benchmark("speakers")
    assert speakers.main([str(ROOT / "corpora" / "harlow-derailment")]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    gold = read_gold(ROOT / "corpora" / "harlow-derailment" / "gold.json")
    whole_run = score_run(read_run(ROOT / "reports" / "harlow-derailment.json"), gold)
    assert result["speakers"] == len(gold["speakers"]) == whole_run["speakers_gold"]
    assert result["accuracy"] == whole_run["speaker_accuracy"]  # the claims stage alone decides speakers


def test_number_slot_benchmark_labels_clashing_pairs_by_the_gold(capsys):
    number_slots = load_benchmark("number_slots")
    assert number_slots.main([str(ROOT / "corpora" / "river-flood")]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for part in ("event_measures", "other_counts"):
        counts = result[part]
        assert 0 <= counts["gold_conflicts"] <= counts["clashing_pairs"]
        assert all(bar["gold"] <= bar["flagged"] <= counts["clashing_pairs"] for bar in counts["at_cosine"].values())
    # river-flood's death-toll conflict (police 14 vs at least 17) is a clash of an event measure
    assert result["event_measures"]["gold_conflicts"] >= 1


def test_conflict_funnel_puts_each_gold_conflict_at_the_stage_that_loses_it():
    funnel = load_benchmark("conflict_funnel")
    claims = [{"id": "x:1", "article": "x", "text": "Twelve died in the blast.", "content": "Twelve died in the blast.",
               "source": "Police", "story": "s1"},
              {"id": "y:1", "article": "y", "text": "Nine died, the mayor said.", "content": "Nine died.",
               "source": "Mayor", "story": "s1"},
              {"id": "z:1", "article": "z", "text": "Nine died, the council said.", "content": "Nine died.",
               "source": "Council", "story": "s2"},
              {"id": "w:1", "article": "w", "text": "Twelve people died, the police said.", "content": "Twelve people died.",
               "source": "Police", "story": "s1"}]
    by_id = {claim["id"]: claim for claim in claims}

    def side(article, quote):
        return {"article": article, "quote": quote}

    twelve_nine = {"a": side("x", "Twelve died"), "b": side("y", "Nine died")}
    assert funnel.stage_of(twelve_nine, claims, by_id, {})[0] == "not paired"
    assert funnel.stage_of(twelve_nine, claims, by_id, {frozenset(("x:1", "y:1")): "conflict"})[0] == "found"
    assert funnel.stage_of(twelve_nine, claims, by_id, {frozenset(("x:1", "y:1")): "corroborate"})[0] == "as corroborate"
    assert funnel.stage_of({"a": side("x", "Twelve died"), "b": side("z", "Nine died")}, claims, by_id, {})[0] == "other story"
    assert funnel.stage_of({"a": side("x", "Twelve died"), "b": side("w", "Twelve people")}, claims, by_id, {})[0] == "same source"
    assert funnel.stage_of({"a": side("x", "Twelve died"), "b": side("y", "no such words")}, claims, by_id, {})[0] == "no claim"


def test_description_benchmark_times_the_naming_of_described_speakers(tmp_path, capsys):
    bodies = tmp_path / "bodies.csv"
    bodies.write_text('Body ID,articleBody\n1,"Crews took them to Marrowby Royal Hospital. The hospital said little."\n'
                      '2,"The mayor, Ruth Dolan, spoke."\n', encoding="utf-8")
    result = load_benchmark("descriptions").main(["--bodies", str(bodies), "--rows", "40"])
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == result
    assert result["articles"] == 2 and result["rows"] == 40 and 0 < result["resolved"] <= 40 and result["seconds"] >= 0
