"""Emergent benchmark: headline stance, cross-outlet conflict pairs, story clustering.

    python benchmarks/emergent.py --train TRAIN.csv [--test TEST.csv] [--cache-dir DIR] [--kind logistic|boosting]
        [--no-frame-model]

Without --test: 5-fold GroupKFold by claimId (every TF-IDF vocabulary and
model is fitted on the training folds only). With --test: fit on TRAIN,
score TEST. The last printed line is one JSON object:

- stance_accuracy, stance_macro_f1: articleHeadline vs claimHeadline,
  for / against / observing (relations corroborate / conflict / discuss),
  by the `FusedRelationModel` that ships: pair features and the frame model,
  fused with a weight and class offsets chosen by an inner 5-fold split of
  each training part (`--no-frame-model`: the pair-feature model alone);
- pair_conflict_precision / recall / f1, pair_macro_f1: every pair of
  headlines of one claim from different `source`s, both labelled for or
  against (same label = corroborate, different = conflict), predicted from
  the two held-out stance distributions;
- cluster_ari: `BlockedAgglomerativeClusterer` on the article headlines
  alone (MiniLM vectors blended with character n-gram TF-IDF), against
  claimId. The lexical weight and the distance threshold are chosen together
  on the training folds (grid search, best ARI) and applied to the held-out
  claims; `cluster_ari` is the ARI of the whole file at the median chosen
  weight and threshold, `cluster_ari_heldout_mean` the mean ARI over
  held-out folds. `cluster_ari_defaults` is the whole file at the shipped
  defaults, `cluster_ari_embedding_only` with the lexical weight fixed at 0
  (its threshold chosen the same way).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score, precision_recall_fscore_support  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from reconcile.cluster import BlockedAgglomerativeClusterer  # noqa: E402
from reconcile.relate.framing import FusedRelationModel  # noqa: E402
from reconcile.relate.stance import CONFLICT, CORROBORATE, DISCUSS, FEATURE_NAMES, RelationModel  # noqa: E402
from reconcile.relate.train import embed, emergent_features, fill_tfidf, load_emergent  # noqa: E402

STANCE_OF = {"for": CORROBORATE, "against": CONFLICT, "observing": DISCUSS}
THRESHOLDS = np.round(np.arange(0.30, 0.86, 0.025), 3)
LEXICAL_WEIGHTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.8)


def stance_probabilities(train_frame, train_features, test_frame, test_features, kind: str,
                         frame_model: bool = True) -> tuple[np.ndarray, list]:
    """Fit on the training rows, return (held-out probabilities, class order).

    With frame_model, the fusion weight and class offsets are chosen by an
    inner 5-fold split of the training rows grouped by claimId (nested: the
    held-out claims play no part in any choice).
    """
    fit_texts = sorted(set(train_frame["claimHeadline"]) | set(train_frame["articleHeadline"]))
    train_x = fill_tfidf(train_features, train_frame["claimHeadline"].tolist(),
                         train_frame["articleHeadline"].tolist(), fit_texts)
    test_x = fill_tfidf(test_features, test_frame["claimHeadline"].tolist(),
                        test_frame["articleHeadline"].tolist(), fit_texts)
    labels = [STANCE_OF[s] for s in train_frame["articleHeadlineStance"]]
    if not frame_model:
        model = RelationModel(kind=kind).fit(train_x, labels, FEATURE_NAMES)
        return model.predict_proba(test_x), model.classes
    fused = FusedRelationModel(kind=kind).fit(train_x, train_frame["claimHeadline"].tolist(),
                                              train_frame["articleHeadline"].tolist(), labels,
                                              groups=train_frame["claimId"].to_numpy(), feature_names=FEATURE_NAMES)
    probabilities = fused.predict_proba(test_x, test_frame["claimHeadline"].tolist(),
                                        test_frame["articleHeadline"].tolist())
    return probabilities, fused.classes


def cross_outlet_pairs(frame) -> list[tuple[int, int, str]]:
    """(row, row, gold relation) for headlines of one claim from different sources, both for/against."""
    pairs = []
    for _, group in frame.groupby("claimId", sort=False):
        rows = [r for r in group.index if frame.at[r, "articleHeadlineStance"] in ("for", "against")]
        for i, j in combinations(rows, 2):
            if frame.at[i, "source"] == frame.at[j, "source"]:
                continue
            same = frame.at[i, "articleHeadlineStance"] == frame.at[j, "articleHeadlineStance"]
            pairs.append((i, j, CORROBORATE if same else CONFLICT))
    return pairs


def pair_predictions(pairs, probabilities: np.ndarray, classes: list) -> list[str]:
    """Conflict when the two headlines more likely take opposite sides than the same side."""
    supports, refutes = classes.index(CORROBORATE), classes.index(CONFLICT)
    predicted = []
    for i, j, _ in pairs:
        same = probabilities[i, supports] * probabilities[j, supports] + probabilities[i, refutes] * probabilities[j, refutes]
        opposite = probabilities[i, supports] * probabilities[j, refutes] + probabilities[i, refutes] * probabilities[j, supports]
        predicted.append(CONFLICT if opposite > same else CORROBORATE)
    return predicted


def cluster_labels(vectors: np.ndarray, texts: list[str], weight: float, threshold: float) -> np.ndarray:
    clusterer = BlockedAgglomerativeClusterer(distance_threshold=float(threshold), lexical_weight=float(weight))
    return clusterer.fit_predict(vectors, texts).points


def best_setting(vectors: np.ndarray, texts: list[str], gold: np.ndarray,
                 weights=LEXICAL_WEIGHTS) -> tuple[float, float]:
    """(lexical weight, distance threshold) with the best ARI on these rows.

    The search builds one average-linkage tree per weight (scipy, on the
    clusterer's own distances) and cuts it at every threshold, instead of
    refitting for each threshold.
    """
    ari_of = {}
    for weight in weights:
        distances = BlockedAgglomerativeClusterer(lexical_weight=weight).distances(vectors, texts)
        tree = linkage(squareform(distances, checks=False), method="average")
        for threshold in THRESHOLDS:
            labels = fcluster(tree, t=float(threshold), criterion="distance")
            ari_of[(weight, float(threshold))] = adjusted_rand_score(gold, labels)
    return max(ari_of, key=ari_of.get)


def cross_validated_clustering(vectors: np.ndarray, texts: list[str], claim_ids: np.ndarray, splits, scored,
                               weights=LEXICAL_WEIGHTS) -> dict:
    """Choose weight and threshold on each training part, score held-out parts and the whole file."""
    chosen, heldout = [], []
    for train_rows, test_rows in splits:
        weight, threshold = best_setting(vectors[train_rows], [texts[r] for r in train_rows], claim_ids[train_rows],
                                         weights)
        chosen.append((weight, threshold))
        labels = cluster_labels(vectors[test_rows], [texts[r] for r in test_rows], weight, threshold)
        heldout.append(adjusted_rand_score(claim_ids[test_rows], labels))
    weight = float(np.median([w for w, _ in chosen]))
    threshold = float(np.median([t for _, t in chosen]))
    labels = cluster_labels(vectors[scored], [texts[r] for r in scored], weight, threshold)
    return {"ari": adjusted_rand_score(claim_ids[scored], labels), "weight": weight, "threshold": threshold,
            "per_fold": chosen, "heldout_mean": float(np.mean(heldout))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test")
    parser.add_argument("--cache-dir", default="/tmp/reconcile-stance-cache")
    parser.add_argument("--kind", choices=["logistic", "boosting"], default="logistic")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-frame-model", action="store_true",
                        help="the pair-feature model alone, without the fused frame model")
    arguments = parser.parse_args(argv)
    started = time.time()

    train_frame = load_emergent(arguments.train)
    if arguments.test:
        test_frame = load_emergent(arguments.test)
        frame = pd.concat([train_frame, test_frame], ignore_index=True)
        splits = [(np.arange(len(train_frame)), np.arange(len(train_frame), len(frame)))]
        scored = np.arange(len(train_frame), len(frame))
    else:
        frame = train_frame
        splits = list(GroupKFold(n_splits=arguments.folds).split(frame, groups=frame["claimId"]))
        scored = np.arange(len(frame))
    features = emergent_features(frame, arguments.cache_dir)
    print(f"features {features.shape} ({time.time() - started:.0f}s)", file=sys.stderr)

    probabilities = np.zeros((len(frame), 3))
    classes = None
    for train_rows, test_rows in splits:
        fold_probabilities, classes = stance_probabilities(frame.iloc[train_rows], features[train_rows],
                                                           frame.iloc[test_rows], features[test_rows], arguments.kind,
                                                           frame_model=not arguments.no_frame_model)
        probabilities[test_rows] = fold_probabilities
    predicted = [classes[i] for i in probabilities.argmax(axis=1)]
    gold = [STANCE_OF[s] for s in frame["articleHeadlineStance"]]
    predicted_scored = [predicted[i] for i in scored]
    gold_scored = [gold[i] for i in scored]
    per_class = f1_score(gold_scored, predicted_scored, labels=[CORROBORATE, CONFLICT, DISCUSS], average=None)

    scored_frame = frame.iloc[scored]
    pairs = cross_outlet_pairs(scored_frame)
    pair_gold = [relation for _, _, relation in pairs]
    pair_predicted = pair_predictions(pairs, probabilities, classes)
    precision, recall, f1, _ = precision_recall_fscore_support(pair_gold, pair_predicted, labels=[CONFLICT],
                                                               zero_division=0)
    print(f"stance and pairs done ({time.time() - started:.0f}s)", file=sys.stderr)

    # Clustering sees the article headlines only, never the claim headline.
    headlines = frame["articleHeadline"].tolist()
    vectors = embed(headlines, arguments.cache_dir)
    claim_ids = frame["claimId"].to_numpy()
    blended = cross_validated_clustering(vectors, headlines, claim_ids, splits, scored)
    embedding_only = cross_validated_clustering(vectors, headlines, claim_ids, splits, scored, weights=(0.0,))
    defaults = BlockedAgglomerativeClusterer()
    default_ari = adjusted_rand_score(claim_ids[scored],
                                      defaults.fit_predict(vectors[scored], [headlines[r] for r in scored]).points)

    result = {
        "benchmark": "emergent", "mode": "test" if arguments.test else f"{arguments.folds}-fold GroupKFold by claimId",
        "model": arguments.kind + ("" if arguments.no_frame_model else " + frame model"), "rows": int(len(scored)),
        "stance_accuracy": round(accuracy_score(gold_scored, predicted_scored), 4),
        "stance_macro_f1": round(f1_score(gold_scored, predicted_scored, average="macro"), 4),
        "stance_f1_for": round(per_class[0], 4), "stance_f1_against": round(per_class[1], 4),
        "stance_f1_observing": round(per_class[2], 4),
        "pairs": len(pairs), "conflict_pairs": pair_gold.count(CONFLICT),
        "pair_conflict_precision": round(float(precision[0]), 4), "pair_conflict_recall": round(float(recall[0]), 4),
        "pair_conflict_f1": round(float(f1[0]), 4),
        "pair_macro_f1": round(f1_score(pair_gold, pair_predicted, average="macro"), 4),
        "cluster_ari": round(blended["ari"], 4), "cluster_lexical_weight": blended["weight"],
        "cluster_threshold": blended["threshold"], "cluster_settings_per_fold": blended["per_fold"],
        "cluster_ari_heldout_mean": round(blended["heldout_mean"], 4),
        "cluster_ari_defaults": round(default_ari, 4),
        "cluster_ari_embedding_only": round(embedding_only["ari"], 4),
        "cluster_ari_embedding_only_heldout_mean": round(embedding_only["heldout_mean"], 4),
        "seconds": round(time.time() - started, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
