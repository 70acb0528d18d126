"""Experiment (not shipped): can a model on frozen MiniLM embeddings of claim contents rank a story's
gold conflicts among every pair a run gives relate? Leave-corpus-out (five folds by corpus).

    python training/frozen_pair_ranker.py        # reads reports/ and corpora/*/gold.json; ~15 min

Every cross-source pair of non-background claims within one run story of each development corpus is
labelled from the gold file (conflict, corroborate, other). Features: u*v and |u-v| of the two
content embeddings, their cosine, word overlap, shared and differing numbers, negation on one or both
sides. Logistic regression (balanced classes, negatives subsampled with random_state 0) for "conflict"
and for "gold pair" (conflict or corroborate). Prints ROC AUC, average precision and the gold pairs
among each corpus's top k pairs, against cosine alone. The figures are in training/experiments.md
(measured on the 63 corpora of sets 1 to 12).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reconcile.embed import SentenceTransformerEmbedder  # noqa: E402
from reconcile.score import claim_holding  # noqa: E402

FOLDS = 5
NEGATIVES_PER_CORPUS = 4000  # training negatives kept: this many per corpus of the training folds
WORD = re.compile(r"[a-z]+|\d+")
STOP = set("the a an of to in on at for and or that this with by as is was were be been has had have it its said "
           "says say told reported would will any also from after before their they he she his her we our who "
           "which".split())
NEGATION = re.compile(r"\b(not|no|never|n't|none|nobody|nothing|denied|denies|deny|without|rejected|dismissed)\b", re.I)


def story_pairs() -> tuple[list[dict], dict[tuple[str, str], str]]:
    """Every cross-source pair of one run story, labelled from gold; and (corpus, claim id) -> content."""
    rows, texts = [], {}
    for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
        name = gold_path.parent.name
        run_path = ROOT / "reports" / f"{name}.json"
        if not run_path.exists():
            print("skip", name)
            continue
        run, gold = json.loads(run_path.read_text()), json.loads(gold_path.read_text())
        labelled = {}
        for label in ("conflict", "corroborate"):
            for item in gold.get("conflicts" if label == "conflict" else "corroborations", []):
                a, b = claim_holding(run["claims"], item["a"]), claim_holding(run["claims"], item["b"])
                if a and b and a != b:
                    labelled[frozenset((a, b))] = label
        flagged = {frozenset((p["a"], p["b"])) for p in run["pairs"] if p["relation"] == "conflict"}
        claims = [c for c in run["claims"] if not c.get("background")]
        texts.update(((name, c["id"]), c["content"]) for c in claims)
        corpus_rows = [dict(corpus=name, a=x["id"], b=y["id"], label=labelled.get(frozenset((x["id"], y["id"])), "other"),
                            rules=frozenset((x["id"], y["id"])) in flagged)
                       for x, y in itertools.combinations(claims, 2)
                       if x["source"] != y["source"] and x["story"] == y["story"]]
        rows += corpus_rows
        print(name, len(claims), len(corpus_rows), "conflicts paired", sum(r["label"] == "conflict" for r in corpus_rows),
              "of", len(gold.get("conflicts", [])), flush=True)
    return rows, texts


def features(rows: list[dict], texts: dict) -> np.ndarray:
    """One row per pair: u*v, |u-v| (768) and ten small features, the cosine first (column 768)."""
    keys = sorted(texts)
    vectors = np.asarray(SentenceTransformerEmbedder().encode([texts[k] for k in keys]), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = {k: i for i, k in enumerate(keys)}
    words = {k: {w for w in WORD.findall(t.lower()) if w not in STOP and (len(w) > 2 or w.isdigit())}
             for k, t in texts.items()}
    numbers = {k: {w for w in words[k] if w.isdigit()} for k in texts}
    negative = {k: bool(NEGATION.search(t)) for k, t in texts.items()}

    def pair(row: dict) -> np.ndarray:
        ka, kb = (row["corpus"], row["a"]), (row["corpus"], row["b"])
        u, v = vectors[index[ka]], vectors[index[kb]]
        wa, wb, na, nb = words[ka], words[kb], numbers[ka], numbers[kb]
        shared = len(wa & wb)
        small = [float(u @ v), shared / max(1, min(len(wa), len(wb))), shared / max(1, len(wa | wb)), min(shared, 6) / 6,
                 float(bool(na) and bool(nb)), float(bool(na & nb)), float(bool(na) and bool(nb) and not (na & nb)),
                 float(negative[ka] != negative[kb]), float(negative[ka] and negative[kb]),
                 abs(len(wa) - len(wb)) / max(len(wa), len(wb), 1)]
        return np.concatenate([u * v, np.abs(u - v), small]).astype(np.float32)

    return np.stack([pair(row) for row in rows])


def cross_validated(X, target, groups, name: str, rng) -> np.ndarray:
    """Out-of-fold P(target) from logistic regression, folds by corpus."""
    y = target.astype(int)
    score = np.zeros(len(y))
    # negatives kept per training set: NEGATIVES_PER_CORPUS for each corpus of the FOLDS - 1 training folds
    kept = NEGATIVES_PER_CORPUS * len(set(groups)) // FOLDS * (FOLDS - 1)
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        positives, negatives = train[y[train] == 1], train[y[train] == 0]
        negatives = rng.choice(negatives, min(len(negatives), kept), replace=False)
        chosen = np.concatenate([positives, negatives])
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000).fit(X[chosen], y[chosen])
        score[test] = model.predict_proba(X[test])[:, 1]
    print(f"{name}: AUC {roc_auc_score(y, score):.3f} AP {average_precision_score(y, score):.3f} (base rate {y.mean():.4f})")
    return score


def main() -> None:
    rows, texts = story_pairs()
    print("pairs", len(rows), "conflict", sum(r["label"] == "conflict" for r in rows),
          "corroborate", sum(r["label"] == "corroborate" for r in rows))
    X = features(rows, texts)
    print("X", X.shape, flush=True)
    groups = np.array([r["corpus"] for r in rows])
    label = np.array([r["label"] for r in rows])
    rules = np.array([r["rules"] for r in rows])
    conflict, gold = label == "conflict", label != "other"
    cosine = X[:, 768]
    print("cosine for conflict: AUC %.3f AP %.3f" % (roc_auc_score(conflict, cosine), average_precision_score(conflict, cosine)))
    print("cosine for gold pair: AUC %.3f AP %.3f" % (roc_auc_score(gold, cosine), average_precision_score(gold, cosine)))
    rng = np.random.RandomState(0)
    scores = {"cosine": cosine,
              "LR gold": cross_validated(X, gold, groups, "LR gold pair (conflict|corroborate)", rng),
              "LR conflict": cross_validated(X, conflict, groups, "LR conflict", rng)}
    for name, score in scores.items():
        for k in (1, 3, 5, 10):
            conflicts = golds = total = 0
            for corpus in sorted(set(groups)):
                rows_of = np.where(groups == corpus)[0]
                top = rows_of[np.lexsort((rows_of, -score[rows_of]))][:k]  # ties by row, the same on any CPU
                conflicts += conflict[top].sum()
                golds += gold[top].sum()
                total += len(top)
            print(f"  {name} top-{k}/corpus: conflicts {conflicts}/{total} gold pairs {golds}/{total}")
    print("rules found", (rules & conflict).sum(), "flagged", rules.sum())


if __name__ == "__main__":
    main()
