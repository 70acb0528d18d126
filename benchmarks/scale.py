"""Cluster and candidate-pair cost as the corpus grows, on synthetic claims.

    python benchmarks/scale.py --sizes 10000 50000 100000

Vectors are drawn around n/20 random centres (384 dimensions, like MiniLM),
so points have about 20 claims; each claim's text names its centre's story
(two invented words) among words drawn from a shared vocabulary, so the
cluster stage's lexical blend has real character n-grams to work on. For each size it times the cluster stage and
the relate stage's candidate-pair generation and reports peak memory. It
shows that neither grows with n squared (a dense n x n float32 matrix at
100,000 claims alone would need 37 GiB). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import numpy as np
import pandas as pd

from reconcile.cluster import BlockedAgglomerativeClusterer
from reconcile.relate import candidate_pairs


def synthetic(n: int, random_state: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(random_state)
    centres = rng.normal(size=(max(1, n // 20), 384)).astype(np.float32)
    labels = rng.integers(0, len(centres), size=n)
    vectors = centres[labels] + rng.normal(scale=0.6, size=(n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dur", "el", "sin", "pra", "gol", "ost"]
    story_names = [" ".join("".join(rng.choice(syllables, 3)).capitalize() for _ in range(2))
                   for _ in range(len(centres))]
    vocabulary = ("officials said the talks were held on monday after a long delay while reports of damage "
                  "and injuries came from the site as police and witnesses described the scene").split()
    texts = []
    for i, label in enumerate(labels):
        words = " ".join(rng.choice(vocabulary, 8))
        cue = " The talks were positive." if i % 50 == 0 else ""
        texts.append(f"{story_names[label]} {words}.{cue}")
    claims = pd.DataFrame({"id": [f"a{i // 10}:{i % 10}" for i in range(n)], "text": texts,
                           "source": [f"outlet-{i % 37}" for i in range(n)]})
    return claims, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000, 100000])
    arguments = parser.parse_args()
    rows = []
    for n in arguments.sizes:
        claims, vectors = synthetic(n)
        start = time.perf_counter()
        clustering = BlockedAgglomerativeClusterer().fit_predict(vectors, claims["text"].tolist())
        cluster_seconds = time.perf_counter() - start
        start = time.perf_counter()
        pairs = candidate_pairs(claims, clustering)
        pair_seconds = time.perf_counter() - start
        rows.append({"claims": n, "cluster_seconds": round(cluster_seconds, 1), "points": int(clustering.points.max() + 1),
                     "blocks": int(clustering.topics.max() + 1), "candidate_pairs": len(pairs),
                     "pair_seconds": round(pair_seconds, 2),
                     "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
        print(rows[-1], flush=True)
    print(json.dumps({"sizes": rows}))


if __name__ == "__main__":
    main()
