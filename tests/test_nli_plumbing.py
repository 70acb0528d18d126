"""The NLI signal reads its label order from the model, on a tiny random cross-encoder built here."""

from __future__ import annotations

import pytest
import torch

from reconcile import nlp
from reconcile.relate.base import ClaimView
from reconcile.relate.nli import NLISignal, label_columns

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "train", "was", "not", "speeding", "talks", "failed"]


def tiny_cross_encoder(directory, id2label: dict[int, str], favoured: int):
    """A 2-layer, hidden-32 BERT classifier whose output always favours label index `favoured`."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    directory.mkdir()
    (directory / "vocab.txt").write_text("\n".join(VOCABULARY) + "\n")
    config = BertConfig(vocab_size=len(VOCABULARY), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=37, max_position_embeddings=64, num_labels=3,
                        id2label=id2label, label2id={label: index for index, label in id2label.items()})
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    with torch.no_grad():  # constant logits: the winner is decided by the bias alone
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([4.0 if i == favoured else 0.0 for i in range(3)]))
    model.save_pretrained(directory)
    BertTokenizer(str(directory / "vocab.txt")).save_pretrained(directory)
    return directory


def view(text: str, source: str) -> ClaimView:
    return ClaimView(id=source, text=text, source=source, doc=nlp.sentence_splitter()(text))


def test_label_columns_read_any_order():
    assert label_columns({0: "CONTRADICTION", 1: "entailment", 2: "Neutral"}) == {
        "contradiction": 0, "entailment": 1, "neutral": 2}
    with pytest.raises(ValueError):
        label_columns({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_shuffled_labels_reach_the_right_columns(tmp_path):
    shuffled = {0: "neutral", 1: "contradiction", 2: "entailment"}
    signal = NLISignal(str(tiny_cross_encoder(tmp_path / "contradicts", shuffled, favoured=1)))
    probabilities = signal.probabilities([("the train was speeding", "the train was not speeding")])
    assert probabilities.shape == (1, 3) and probabilities[0].argmax() == 2  # columns: entail, neutral, contra
    finding = signal.compare(view("the train was speeding", "A"), view("the train was not speeding", "B"), 0.9)
    assert finding is not None and finding.relation == "conflict" and "p=" in finding.reason
    assert signal.compare(view("the train", "A"), view("the talks failed", "B"), 0.1) is None  # too dissimilar


def test_neutral_model_flags_nothing(tmp_path):
    other_order = {0: "entailment", 1: "neutral", 2: "contradiction"}
    signal = NLISignal(str(tiny_cross_encoder(tmp_path / "neutral", other_order, favoured=1)))
    assert signal.probabilities([("the talks failed", "the talks failed")])[0].argmax() == 1
    assert signal.compare(view("the talks failed", "A"), view("the talks failed", "B"), 0.9) is None


def test_nli_model_option_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from reconcile.cli import app

    from conftest import read_json, write_article

    model = tiny_cross_encoder(tmp_path / "nli", {0: "contradiction", 1: "entailment", 2: "neutral"}, favoured=0)
    corpus = tmp_path / "c"
    write_article(corpus, "a.md", "The night train was speeding when it left the rails.", source="Courier")
    write_article(corpus, "b.md", "The night train was crawling when it left the rails.", source="Gazette")
    arguments = ["run", str(corpus), "--report", str(tmp_path / "r.md"), "--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(app, [*arguments, "--nli-model", str(model), "--no-relation-model"])
    assert result.exit_code == 0, result.output
    reasons = [p["reason"] for p in read_json(tmp_path / "r.json")["pairs"] if p["relation"] == "conflict"]
    assert reasons == ["an NLI model reads them as contradicting (p=0.96)"]  # no rule signal fires on this pair

    missing = CliRunner().invoke(app, [*arguments, "--nli-model", str(tmp_path / "no-such-model")])
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1 and "no such model" in missing.stderr
