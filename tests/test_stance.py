"""The learned stance signal: each feature function, `hedged`, the model and the training command."""

from __future__ import annotations

import json

import numpy as np
import pytest

from reconcile import nlp
from reconcile.relate import stance
from reconcile.relate.framing import FusedRelationModel
from reconcile.relate.stance import (
    FEATURE_NAMES, RelationModel, TfidfSimilarity, assessment_relation, body_sentences, coverage, hedged,
    hedging_cues, jaccard, most_similar, negation_asymmetry, negation_count, number_relation, pair_features,
    quantities, refutation_cues,
)

from conftest import bag_of_letters_embed, write_tiny_emergent


def test_refutation_cues_count_denials_and_debunking():
    assert refutation_cues("Viral photo of shark on highway is a hoax") == 1
    assert refutation_cues("Police deny report; there is no evidence the video is real") == 2
    assert refutation_cues("Apple will sell 19 million watches") == 0


def test_hedging_cues_count_reporting_without_vouching():
    assert hedging_cues("Man reportedly finds rat in soup, according to rumours") >= 2
    assert hedging_cues("Did ISIS capture the town?") == 1
    assert hedging_cues("ISIS captured the town") == 0


@pytest.mark.parametrize("text, expected", [
    ("Woman reportedly gets third breast", True),
    ("Kim Jong-un allegedly executed his uncle with dogs", True),
    ("Blogger claims Apple will release a gold watch", True),
    ("Is this the world's oldest burger?", True),
    ("According to rumours, the band will split", True),
    ("The band splits after 20 years", False),
    ("Police arrest two men over bank robbery", False),
])
def test_hedged(text, expected):
    assert hedged(text) is expected


def test_negation_count_and_asymmetry():
    assert negation_count("The train wasn't speeding and never left the rails") == 2
    assert negation_asymmetry("The train was not speeding.", "The train was speeding.") == 1.0
    assert negation_asymmetry("No one was hurt.", "Nobody was hurt.") == 0.0
    assert negation_asymmetry("Ten were hurt.", "The mayor visited.") == 0.0


def test_lexical_overlap():
    assert jaccard("Apple will sell watches", "Apple sells watches") == pytest.approx(2 / 4)  # no stemming
    assert coverage("Apple will sell watches", "Apple watches are popular") == pytest.approx(2 / 3)
    assert jaccard("", "anything") == 0.0 and coverage("the of", "x") == 0.0


def test_numbers_clash_and_agree():
    parse = nlp.parser()
    twelve = quantities(parse("Officials said 12 people were killed."))
    nineteen = quantities(parse("The hospital said 19 people had died."))
    at_least = quantities(parse("At least 10 people were killed."))
    assert number_relation(twelve, nineteen) == (1, 0)
    assert number_relation(twelve, at_least) == (0, 1)
    assert number_relation(twelve, []) == (0, 0) and quantities(None) == []


def test_assessment_relation():
    assert assessment_relation("The talks made no progress.", "The talks were positive.") == (1, 0)
    assert assessment_relation("The talks were constructive.", "Progress was made at the meeting.") == (0, 1)
    assert assessment_relation("The talks went on.", "The talks were positive.") == (0, 0)


def test_pair_features_shape_and_named_entries():
    features = pair_features("Apple will sell 19 million watches", "Report that Apple will sell watches is fake",
                             0.8, tfidf_similarity=0.4)
    named = dict(zip(FEATURE_NAMES, features))
    assert features.shape == (len(FEATURE_NAMES),) and np.isfinite(features).all()
    assert named["similarity"] == 0.8 and named["tfidf_similarity"] == 0.4
    assert named["second_refutation"] >= 1 and named["first_refutation"] == 0
    assert named["second_hedging"] >= 1 and named["number_clashes"] == 0


def test_tfidf_similarity_uses_the_fitted_vocabulary():
    tfidf = TfidfSimilarity().fit(["shark on highway", "apple watch sales", "burger kept for years"])
    scores = tfidf.similarity(["shark on the highway", "apple watch"], ["highway shark photo", "oldest burger"])
    assert scores[0] > 0.5 and scores[1] == 0.0


def test_body_sentences_and_most_similar():
    body = "First sentence here. Second one!\n\nA new paragraph.\n"
    assert body_sentences(body) == ["First sentence here.", "Second one!", "A new paragraph."]
    assert body_sentences(body, limit=2) == ["First sentence here.", "Second one!"]
    candidates = np.eye(3, dtype=np.float32)
    assert most_similar(np.array([0, 1, 0.5], dtype=np.float32), candidates, 2).tolist() == [1, 2]


def _synthetic(size: int = 90) -> tuple[np.ndarray, list[str]]:
    generator = np.random.default_rng(0)
    labels = [stance.RELATIONS[i % 3] for i in range(size)]
    features = generator.normal(size=(size, 4))
    for row, label in enumerate(labels):
        features[row, stance.RELATIONS.index(label)] += 3.0  # one informative column per class
    return features, labels


@pytest.mark.parametrize("kind", ["logistic", "boosting"])
def test_relation_model_round_trip(tmp_path, kind):
    features, labels = _synthetic()
    model = RelationModel(kind=kind, max_iterations=20).fit(features, labels, ["a", "b", "c", "d"])
    assert model.predict(features[:3]) == labels[:3]
    path = tmp_path / "model.json"
    model.save(path)
    loaded = RelationModel.load(path)
    assert loaded.classes == model.classes and loaded.feature_names == ["a", "b", "c", "d"]
    np.testing.assert_allclose(loaded.predict_proba(features), model.predict_proba(features), atol=1e-4)
    assert path.stat().st_size < 1_000_000
    assert json.loads(path.read_text())["format"] == "reconcile-relation-model/1"


def test_boosted_model_matches_sklearn(tmp_path):
    """The JSON tree walk must give sklearn's own probabilities."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    features, labels = _synthetic()
    model = RelationModel(kind="boosting", max_iterations=15).fit(features, labels)
    reference = HistGradientBoostingClassifier(max_iter=15, max_leaf_nodes=15, learning_rate=0.1,
                                               class_weight="balanced", random_state=0, early_stopping=False)
    reference.fit(features, labels)
    np.testing.assert_allclose(model.predict_proba(features), reference.predict_proba(features), atol=1e-6)


def test_relation_model_rejects_other_files(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"format": "something else"}')
    with pytest.raises(ValueError):
        RelationModel.load(path)


def test_train_command_writes_model_and_card(tmp_path, monkeypatch):
    from reconcile.relate import train

    csv = write_tiny_emergent(tmp_path / "emergent.csv")
    monkeypatch.setattr(train, "embed", bag_of_letters_embed)
    out = tmp_path / "data" / "relation_model.json"
    from typer.testing import CliRunner

    from reconcile.cli import app

    result = CliRunner().invoke(app, ["train", "--emergent", str(csv), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = FusedRelationModel.load(out)
    assert model.classes == ["conflict", "corroborate", "discuss"]
    assert model.frame_model is not None
    card = out.with_suffix(".md").read_text()
    assert "Ferreira & Vlachos" in card and "licence not stated" in card
    claim = "A great white shark was seen at Lisbon harbour"
    denied = pair_features(claim, "Great white shark at Lisbon harbour a hoax, police deny", 0.7)
    asserted = pair_features(claim, "Great white shark seen at Lisbon harbour, photos show", 0.7)
    conflict = model.classes.index("conflict")
    texts = ["Great white shark at Lisbon harbour a hoax, police deny", "Great white shark seen at Lisbon harbour, photos show"]
    probabilities = model.predict_proba(np.vstack([denied, asserted]), [claim, claim], texts)
    assert probabilities[:, conflict].argmax() == 0


@pytest.mark.parametrize("text, expected", [
    ("Senator: Detainees swapped for Bergdahl have contacted militants", True),
    ("Hewlett-Packard Plans To Break Into Two Companies: Report", True),
    ("Apple Watch Edition to cost $950", False),
])
def test_attributed(text, expected):
    assert stance.attributed(text) is expected
