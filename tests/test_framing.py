"""The frame model and its fusion with the pair-feature model (reconcile.relate.framing)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import f1_score

from reconcile.relate.framing import FrameModel, FusedRelationModel, choose_fusion, frame_text, macro_f1
from reconcile.relate.stance import RelationModel

SUBJECTS = ["shark", "burger", "comet", "robot", "bridge", "whale", "statue", "drone", "tiger", "volcano",
            "satellite", "glacier"]
FRAMES = {"conflict": "{} story is a hoax, police say", "corroborate": "{} confirmed by officials",
          "discuss": "{} reportedly spotted, claims blogger"}


def _stories():
    """(claims, texts, labels, groups): one story per subject, one text per stance, its wording the only cue."""
    claims, texts, labels, groups = [], [], [], []
    for group, subject in enumerate(SUBJECTS):
        for label, template in FRAMES.items():
            claims.append(f"A giant {subject} appeared downtown")
            texts.append(template.format(f"Giant {subject} downtown"))
            labels.append(label)
            groups.append(group)
    return claims, texts, labels, groups


def test_frame_text_masks_the_claims_words_and_collapses_runs():
    assert frame_text("A giant shark appeared downtown", "Giant shark downtown is a hoax, police say") == \
        "_ is _ hoax police say"
    assert frame_text("Talks stalled", "Talks stalled?") == "_ ?"
    assert frame_text("Talks stalled", "") == ""


def test_frame_model_round_trip_keeps_probabilities():
    claims, texts, labels, _ = _stories()
    model = FrameModel().fit(claims, texts, labels)
    loaded = FrameModel.from_dict(json.loads(json.dumps(model.to_dict())))
    np.testing.assert_allclose(loaded.predict_proba(claims, texts), model.predict_proba(claims, texts), atol=1e-3)
    # unseen subject, same frames: the masked wording alone decides
    unseen = "A giant octopus appeared downtown"
    held_out = [template.format("Giant octopus downtown") for template in FRAMES.values()]
    predicted = model.predict_proba([unseen] * 3, held_out).argmax(axis=1)
    assert [model.classes[i] for i in predicted] == list(FRAMES)


def test_fusion_leans_on_the_frame_when_the_features_carry_nothing(tmp_path):
    claims, texts, labels, groups = _stories()
    noise = np.random.default_rng(0).normal(size=(len(labels), 3))
    fused = FusedRelationModel(folds=4).fit(noise, claims, texts, labels, groups, ["x", "y", "z"])
    assert fused.frame_weight > 0
    path = tmp_path / "fused.json"
    fused.save(path)
    loaded = FusedRelationModel.load(path)
    assert loaded.classes == sorted(FRAMES) and loaded.frame_weight == fused.frame_weight
    np.testing.assert_allclose(loaded.predict_proba(noise, claims, texts), fused.predict_proba(noise, claims, texts),
                               atol=1e-3)
    predicted = [loaded.classes[i] for i in loaded.predict_proba(noise, claims, texts).argmax(axis=1)]
    assert predicted == labels


def test_a_plain_feature_model_file_loads_as_features_only(tmp_path):
    features = np.array([[0.0, 1.0], [1.0, 0.0], [0.1, 0.9], [0.9, 0.1]])
    labels = ["conflict", "corroborate", "conflict", "corroborate"]
    path = tmp_path / "plain.json"
    RelationModel().fit(features, labels).save(path)
    loaded = FusedRelationModel.load(path)
    assert loaded.frame_model is None and loaded.frame_weight == 0
    np.testing.assert_allclose(loaded.predict_proba(features, [""] * 4, [""] * 4),
                               RelationModel.load(path).predict_proba(features), atol=1e-9)


def test_fit_needs_two_groups():
    claims, texts, labels, _ = _stories()
    with pytest.raises(ValueError, match="two groups"):
        FusedRelationModel().fit(np.zeros((len(labels), 1)), claims, texts, labels, [0] * len(labels))


def test_choose_fusion_prefers_the_informative_table_and_offsets_fix_a_bias():
    gold = np.array(["a", "b", "c"] * 20)
    truth = np.eye(3)[np.searchsorted(["a", "b", "c"], gold)] * 0.9 + 0.033
    uniform = np.full_like(truth, 1 / 3)
    weight, offsets = choose_fusion(uniform, truth, gold, ["a", "b", "c"])
    assert weight > 0 and offsets[0] == 0
    # a table that always leans to "a" by a little is fixed by offsets alone
    leaning = truth * 0.2 + np.array([0.6, 0.1, 0.1]) * 0.8
    weight, offsets = choose_fusion(leaning, uniform, gold, ["a", "b", "c"])
    fused = np.log(leaning + 1e-9) * (1 - weight) + np.log(uniform + 1e-9) * weight + offsets
    assert macro_f1(np.searchsorted(["a", "b", "c"], gold), fused.argmax(axis=1), 3) == 1.0


def test_macro_f1_matches_sklearn():
    generator = np.random.default_rng(1)
    gold, predicted = generator.integers(0, 4, 200), generator.integers(0, 4, 200)
    assert macro_f1(gold, predicted, 4) == pytest.approx(f1_score(gold, predicted, average="macro"))


@pytest.mark.parametrize("content", ['{"format": "reconcile-fused-relation-model/1", "frame_weight": 0.5}',
                                     '[1, 2]', '{"format": "reconcile-fused-relation-model/1", "features_model":'])
def test_cli_rejects_a_damaged_relation_model_in_one_line(tmp_path, content):
    from typer.testing import CliRunner

    from reconcile.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Outlet: Example News\n\nThe talks ended.\n")
    model = tmp_path / "damaged.json"
    model.write_text(content)
    report = tmp_path / "out.md"
    result = CliRunner().invoke(app, ["run", str(corpus), "--relation-model", str(model), "--report", str(report)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and str(model) in result.output and "cannot load the model" in result.output
    assert not report.exists()
