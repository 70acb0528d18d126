"""The judge where it works: how it ranks the gold conflicts among every pair a run would give it.

    python benchmarks/judge_in_corpora.py [--judge-model DIR] [--reports reports] [--min-similarity 0.3] CORPUS_DIR...

A pair set measures the judge on pairs written one by one, 40% of them conflicts. In a run it reads
every pair of claims from different sources within a story, and fewer than one in two hundred of
those conflict. For each corpus (its run export `REPORTS/NAME.json`, from `make run`, and its
`gold.json`) every such pair whose cosine (the pipeline's claim vectors, from the embedding cache)
reaches `--min-similarity` is scored (`run --judge` reads those at 0.5 and up; a gold conflict
below the bar counts as missed) and the gold conflicts' places in that ranking reported:
ROC AUC, average precision, and at probability thresholds the pairs flagged and the gold conflicts
among them. Corpora the judge was trained on measure nothing; give corpora it never saw.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np

THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.98)


def candidate_pairs(run: dict) -> list[tuple[dict, dict]]:
    """The pairs a run compares: claims (not background) of different sources in one story."""
    claims = [c for c in run["claims"] if not c.get("background")]
    return [(x, y) for x, y in itertools.combinations(claims, 2) if x["source"] != y["source"] and x["story"] == y["story"]]


def gold_conflicts(run: dict, gold: dict) -> set[frozenset]:
    from reconcile.score import claim_holding

    pairs = {frozenset((claim_holding(run["claims"], g["a"]), claim_holding(run["claims"], g["b"]))) for g in gold["conflicts"]}
    return {p for p in pairs if None not in p and len(p) == 2}


def main(argv: list[str] | None = None) -> int:
    from sklearn.metrics import average_precision_score, roc_auc_score

    from reconcile.judge import LABELS
    from reconcile.judge.model import SHIPPED_JUDGE, Judge

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--judge-model", type=Path, default=SHIPPED_JUDGE)
    parser.add_argument("--reports", type=Path, default=Path("reports"))
    parser.add_argument("--min-similarity", type=float, default=0.3)
    args = parser.parse_args(argv)
    import pandas as pd

    from reconcile.embed import EmbeddingCache, SentenceTransformerEmbedder, default_cache_dir
    from reconcile.pipeline import content_embeddings

    embedder, cache = SentenceTransformerEmbedder(), EmbeddingCache(default_cache_dir())
    judge = Judge(args.judge_model)
    column = LABELS.index("conflict")
    truth, scores, started, per_corpus = [], [], time.perf_counter(), {}
    for corpus in args.corpora:
        run = json.loads((args.reports / f"{corpus.name}.json").read_text(encoding="utf-8"))
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        vectors = content_embeddings(pd.DataFrame(run["claims"]), embedder, cache)
        row = {claim["id"]: n for n, claim in enumerate(run["claims"])}
        every = candidate_pairs(run)
        wanted = gold_conflicts(run, gold)
        pairs = [(x, y) for x, y in every
                 if round(float(vectors[row[x["id"]]] @ vectors[row[y["id"]]]), 6) >= args.min_similarity]
        probability = judge.probabilities([(x["content"], y["content"]) for x, y in pairs])[:, column]
        label = np.array([frozenset((x["id"], y["id"])) in wanted for x, y in pairs], dtype=bool)
        missed = len(wanted) - int(label.sum())  # gold conflicts under the similarity bar: never read
        truth.append(np.concatenate([label, np.ones(missed, dtype=bool)]))
        scores.append(np.concatenate([probability, np.full(missed, -1.0)]))  # ranked last
        found = int(label.sum())
        per_corpus[corpus.name] = {
            "pairs": len(pairs), "gold_conflicts": len(gold["conflicts"]), "gold_conflicts_read": found,
            "auc": round(float(roc_auc_score(label, probability)), 3) if 0 < found < len(label) else None,
            "average_precision": round(float(average_precision_score(label, probability)), 3) if found else None}
        print(corpus.name, json.dumps(per_corpus[corpus.name]), flush=True)
    truth, scores = np.concatenate(truth), np.concatenate(scores)
    at = {}
    for threshold in THRESHOLDS:
        flagged = scores >= threshold
        at[str(threshold)] = {"flagged": int(flagged.sum()), "gold_among_them": int((flagged & truth).sum())}
        print(f"p >= {threshold}: {flagged.sum()} pairs flagged, {(flagged & truth).sum()} of {truth.sum()} gold conflicts")
    both = 0 < truth.sum() < len(truth)
    print(json.dumps({"benchmark": "judge_in_corpora", "judge": str(args.judge_model),
                      "min_similarity": args.min_similarity, "pairs": sum(c["pairs"] for c in per_corpus.values()),
                      "gold_conflicts": int(truth.sum()),
                      "auc": round(float(roc_auc_score(truth, scores)), 4) if both else None,
                      "average_precision": round(float(average_precision_score(truth, scores)), 4) if both else None,
                      "at_threshold": at, "corpora": per_corpus,
                      "pairs_per_second": round(len(truth) / (time.perf_counter() - started), 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
