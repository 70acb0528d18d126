"""Stage 4, cluster: claim vectors -> groups of claims about the same point.

Input: an (n, dim) array of unit vectors. Output: `Clustering(points, topics)`,
two integer arrays of shape (n,):
- `points`: claims making the same point (average-linkage agglomerative
  clustering on cosine distance, cut at `distance_threshold`);
- `topics`: the coarse blocks the points were found in. Up to `block_size` (5,000)
  claims form a single block; larger corpora are first split by k-means into
  blocks of about `block_size` claims, so time and memory grow with
  n * block_size, never with n squared. Relate looks for opposite assessments
  across a whole topic, which is why the blocks are kept.
Labels are renumbered in order of first appearance, so the same input always
gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans


@dataclass
class Clustering:
    points: np.ndarray
    topics: np.ndarray


class Clusterer:
    """Vectors (n, dim) in, `Clustering` out."""

    def fit_predict(self, embeddings: np.ndarray) -> Clustering:
        raise NotImplementedError


class BlockedAgglomerativeClusterer(Clusterer):
    def __init__(self, distance_threshold: float = 0.45, block_size: int = 5000, random_state: int = 0) -> None:
        self.distance_threshold = distance_threshold
        self.block_size = block_size
        self.random_state = random_state

    def fit_predict(self, embeddings: np.ndarray) -> Clustering:
        n = len(embeddings)
        if n == 0:
            empty = np.zeros(0, dtype=int)
            return Clustering(empty, empty)
        topics = self._blocks(embeddings)
        points = np.full(n, -1, dtype=int)
        next_label = 0
        for block in np.unique(topics):
            members = np.flatnonzero(topics == block)
            if len(members) == 1:
                labels = np.zeros(1, dtype=int)
            else:
                labels = AgglomerativeClustering(
                    n_clusters=None, metric="cosine", linkage="average",
                    distance_threshold=self.distance_threshold,
                ).fit_predict(embeddings[members])
            points[members] = labels + next_label
            next_label += labels.max() + 1
        return Clustering(_first_appearance_order(points), _first_appearance_order(topics))

    def _blocks(self, embeddings: np.ndarray) -> np.ndarray:
        n = len(embeddings)
        if n <= self.block_size:
            return np.zeros(n, dtype=int)
        n_blocks = int(np.ceil(n / self.block_size))
        kmeans = MiniBatchKMeans(n_clusters=n_blocks, random_state=self.random_state, n_init=3,
                                 batch_size=4096)
        return kmeans.fit_predict(embeddings)


def _first_appearance_order(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(label), len(order)) for label in labels], dtype=int)
