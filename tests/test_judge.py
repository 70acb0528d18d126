"""The judge's plumbing: train on a handful of pairs through the CLI, save only the retrained part,
load it and score pairs in both orders; and the judge as a signal with its reason."""

import json

import numpy as np
import pytest

from reconcile.judge import LABELS
from reconcile.relate.judged import JudgeSignal, contrast

PAIRS = [
    ("Nine miners were killed in the collapse, the mine operator said.", "Only two miners died, the union said.", "conflict", "number"),
    ("The plant was evacuated shortly after noon.", "Workers left the plant soon after midday.", "corroborate", None),
    ("The fire started in the paint store.", "Forty firefighters fought the blaze.", "same-topic", None),
    ("The central bank held rates at 4 per cent.", "The ferry sank in a storm on the lake.", "unrelated", None),
] * 3


@pytest.fixture(scope="module")
def tiny_judge(tmp_path_factory):
    from typer.testing import CliRunner

    from reconcile.cli import app

    directory = tmp_path_factory.mktemp("judge")
    pairs = directory / "pairs.jsonl"
    lines = [json.dumps({"id": f"t-{n}", "event_kind": "test", "label": label, "conflict_kind": kind, "a": a, "b": b,
                         "why": "", "split": "heldout" if n >= 10 else "train"}) for n, (a, b, label, kind) in enumerate(PAIRS)]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train-judge", "--pairs", str(pairs), "--out", str(directory / "judge"),
                                      "--epochs", "1", "--layers", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["benchmark"] == "judge_heldout"
    return directory / "judge"


def test_only_the_retrained_layers_and_head_are_saved(tiny_judge):
    from safetensors.torch import load_file

    names = set(load_file(str(tiny_judge / "judge.safetensors")))
    assert names and all(n.startswith(("bert.encoder.layer.5.", "bert.pooler.", "classifier.")) for n in names)
    card = json.loads((tiny_judge / "judge.json").read_text(encoding="utf-8"))
    assert card["labels"] == list(LABELS) and "heldout" in card and (tiny_judge / "judge.md").exists()


def test_the_judge_scores_pairs_the_same_in_either_order(tiny_judge):
    from reconcile.judge.model import Judge

    judge = Judge(tiny_judge)
    a, b = PAIRS[0][0], PAIRS[0][1]
    forward, backward = judge.probabilities([(a, b)]), judge.probabilities([(b, a)])
    assert forward.shape == (1, len(LABELS)) and np.allclose(forward.sum(axis=1), 1.0)
    assert np.allclose(forward, backward, atol=1e-6)


def test_train_judge_names_a_missing_pairs_file(tmp_path):
    from typer.testing import CliRunner

    from reconcile.cli import app

    result = CliRunner().invoke(app, ["train-judge", "--pairs", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_the_judge_signal_quotes_what_sets_the_claims_apart(tiny_judge):
    from reconcile import nlp
    from reconcile.relate.base import ClaimView

    signal = JudgeSignal(tiny_judge, min_conflict=0.0)
    first, second = (ClaimView(f"x:{n}", text, f"S{n}", nlp.parser()(text)) for n, text in enumerate(PAIRS[0][:2]))
    finding = signal.compare(first, second, 0.5)
    assert finding.relation == "conflict" and "the judge reads them as contradicting (p=" in finding.reason
    assert JudgeSignal(tiny_judge, min_conflict=1.01).compare(first, second, 0.5) is None
    assert contrast("Not one patient was moved from the ward.", "The ward was emptied overnight.") == (
        "Not one patient", "emptied overnight")


def test_run_takes_a_judge_directory(tiny_judge, cli, tmp_path):
    from conftest import write_article

    corpus = tmp_path / "corpus"
    write_article(corpus, "a.md", "Nine miners were killed in the collapse, the mine operator said.", source="Wire")
    write_article(corpus, "b.md", "Only two miners died in the collapse, the union said.", source="Post")
    result = cli("run", corpus, "--report", tmp_path / "out.md", "--judge-model", tiny_judge)
    assert result.exit_code == 0, result.stderr


def test_a_lora_judge_ships_only_its_adapter_and_loads_without_an_adapter_library(tmp_path):
    """The adapter's factors are folded into the base weights on loading: the loaded judge must give
    what the trained model in memory gives (up to the fp16 the factors are shipped in)."""
    import torch

    from reconcile.judge.model import Judge
    from reconcile.judge.train import save, train

    torch.manual_seed(0)
    pairs = [{"a": a, "b": b, "label": label} for a, b, label, _ in PAIRS]
    model, trainable, settings = train(pairs, epochs=1, method="lora", lora_rank=4, batch_size=4, log=lambda line: None)
    # One epoch leaves the adapter near zero; push it away so that folding it in is really tested.
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.add_(0.05 * torch.randn_like(parameter))
    save(model, trainable, settings, {}, {"train": 12, "heldout": 0, "train_kinds": 1, "heldout_kinds": 0,
                                          "from_corpora": 0}, tmp_path)
    from safetensors.torch import load_file

    names = set(load_file(str(tmp_path / "judge.safetensors")))
    assert any(n.endswith(".lora_A") for n in names) and all("default" not in n for n in names)
    assert (tmp_path / "judge.safetensors").stat().st_size < 1_000_000
    judge = Judge(tmp_path)
    texts = [(PAIRS[0][0], PAIRS[0][1]), (PAIRS[1][0], PAIRS[2][1])]
    both = texts + [(b, a) for a, b in texts]
    with torch.inference_mode():
        encoded = judge.tokenizer([a for a, _ in both], [b for _, b in both], padding=True, truncation=True,
                                  max_length=128, return_tensors="pt")
        in_memory = torch.softmax(model(**encoded).logits, dim=-1).numpy()
    expected = (in_memory[:2] + in_memory[2:]) / 2
    assert np.allclose(judge.probabilities(texts), expected, atol=2e-3)
    # And the factors do count: the same tensors loaded with the adapter left out give something else.
    card = json.loads((tmp_path / "judge.json").read_text(encoding="utf-8"))
    (tmp_path / "judge.json").write_text(json.dumps({**card, "lora_scale": 0.0}), encoding="utf-8")
    assert not np.allclose(Judge(tmp_path).probabilities(texts), expected, atol=2e-3)


def test_verdicts_are_cached_by_pair_and_judge_so_a_rerun_loads_no_model(tiny_judge, tmp_path, monkeypatch):
    from reconcile.embed import EmbeddingCache
    from reconcile.judge import model

    cache = EmbeddingCache(tmp_path / "cache")
    first = JudgeSignal(tiny_judge, cache=cache)
    a, b = PAIRS[0][0], PAIRS[0][1]
    fresh = first.conflict_probability(a, b)
    monkeypatch.setattr(model, "Judge", lambda *args, **kwargs: pytest.fail("the judge was loaded again"))
    again = JudgeSignal(tiny_judge, cache=cache)
    assert again.conflict_probability(b, a) == fresh  # either order, one entry
    # Another judge (its tensors changed) never reads this judge's verdicts.
    other = tmp_path / "other"
    other.mkdir()
    for name in ("judge.json", "judge.safetensors"):
        (other / name).write_bytes((tiny_judge / name).read_bytes() + (b"\n" if name == "judge.json" else b""))
    with pytest.raises(pytest.fail.Exception):
        JudgeSignal(other, cache=cache).conflict_probability(a, b)


def test_when_a_rule_and_the_judge_both_flag_a_conflict_the_rule_names_it(tiny_judge):
    from reconcile import nlp
    from reconcile.relate import judge as decide
    from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal

    class WeakRule(Signal):
        def compare(self, first, second, similarity):
            return Finding(CONFLICT, 0.5, "numbers differ: nine vs two")

    first, second = (ClaimView(f"x:{n}", text, f"S{n}", nlp.parser()(text)) for n, text in enumerate(PAIRS[0][:2]))
    sure = JudgeSignal(tiny_judge, min_conflict=0.0, min_similarity=0.0)
    assert decide(first, second, 0.9, [WeakRule(), sure], False, 0.65).reason == "numbers differ: nine vs two"
    assert decide(first, second, 0.9, [sure], False, 0.65).reason.startswith("the judge reads them as contradicting")


def test_judge_in_corpora_benchmark_ranks_the_gold_conflicts_of_a_run(tiny_judge, cli, tmp_path, capsys):
    import importlib.util

    from conftest import ROOT, write_article

    corpus = tmp_path / "crash"
    write_article(corpus, "courier.md", "Nine miners were killed in the collapse, the mine operator said.\n\n"
                                        "The shaft will stay closed all week.", source="Harlow Courier")
    write_article(corpus, "valley.md", "Only two miners died, the union said.\n\n"
                                       "Rescuers worked through the night.", source="Valley News")
    reports = tmp_path / "reports"
    assert cli("run", corpus, "--report", reports / "crash.md").exit_code == 0
    (corpus / "gold.json").write_text(json.dumps({"conflicts": [
        {"a": {"article": "courier", "quote": "Nine miners were killed"},
         "b": {"article": "valley", "quote": "Only two miners died"}, "kind": "number"}]}), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("judge_in_corpora", ROOT / "benchmarks" / "judge_in_corpora.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.main([str(corpus), "--judge-model", str(tiny_judge), "--reports", str(reports),
                           "--min-similarity", "-1"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    claims = json.loads((reports / "crash.json").read_text(encoding="utf-8"))["claims"]
    from itertools import combinations

    cross_source = sum(a["source"] != b["source"] for a, b in combinations(claims, 2))
    assert result["gold_conflicts"] == 1 and result["pairs"] == cross_source > 0  # every cross-source pair
    assert result["corpora"]["crash"]["gold_conflicts_read"] == 1 and 0 <= result["auc"] <= 1
    # Above every cosine, no pair is read and the gold conflict counts as missed.
    assert benchmark.main([str(corpus), "--judge-model", str(tiny_judge), "--reports", str(reports),
                           "--min-similarity", "1.01"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["corpora"]["crash"]["gold_conflicts_read"] == 0
