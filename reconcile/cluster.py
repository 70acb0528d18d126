"""Stage 4, cluster: claim vectors (and texts) -> groups of claims about the same point.

Input: an (n, dim) array of unit vectors and, optionally, the n claim texts.
Output: `Clustering(points, topics)`, two integer arrays of shape (n,):
- `points`: claims making the same point (average-linkage agglomerative
  clustering, cut at `distance_threshold`). The similarity it cuts is a blend:
  `(1 - lexical_weight) * embedding cosine + lexical_weight * TF-IDF cosine`
  of character 3-5-grams, the TF-IDF fitted on the block's own texts. The
  embedding alone groups claims on the same theme ("ISIS beheaded X" with
  "ISIS beheaded Y"); shared names and wording tell the stories apart. Without
  texts, or with `lexical_weight=0`, the embedding cosine alone is used.
- `topics`: the coarse blocks the points were found in. Up to `block_size` (5,000)
  claims form a single block; larger corpora are first split by k-means on the
  vectors into blocks of about `block_size` claims, so time and memory grow with
  n * block_size, never with n squared. Relate looks for opposite assessments
  across a whole topic, which is why the blocks are kept.
Labels are renumbered in order of first appearance, so the same input always
gives the same numbers.

The defaults (weight 0.6, threshold 0.65) are the medians of the values chosen
on the training folds of the Emergent benchmark (`benchmarks/emergent.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from reconcile.defaults import DISTANCE_THRESHOLD, LEXICAL_WEIGHT


@dataclass
class Clustering:
    points: np.ndarray
    topics: np.ndarray


class Clusterer:
    """Vectors (n, dim) and optionally n texts in, `Clustering` out."""

    def fit_predict(self, embeddings: np.ndarray, texts: Sequence[str] | None = None) -> Clustering:
        raise NotImplementedError


class BlockedAgglomerativeClusterer(Clusterer):
    def __init__(self, distance_threshold: float = DISTANCE_THRESHOLD, lexical_weight: float = LEXICAL_WEIGHT,
                 block_size: int = 5000, random_state: int = 0) -> None:
        if not 0.0 <= lexical_weight <= 1.0:
            raise ValueError(f"lexical_weight must be between 0 and 1, got {lexical_weight}")
        self.distance_threshold = distance_threshold
        self.lexical_weight = lexical_weight
        self.block_size = block_size
        self.random_state = random_state

    def fit_predict(self, embeddings: np.ndarray, texts: Sequence[str] | None = None) -> Clustering:
        n = len(embeddings)
        if texts is not None and len(texts) != n:
            raise ValueError(f"{len(texts)} texts for {n} vectors")
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
                block_texts = [texts[m] for m in members] if texts is not None else None
                labels = AgglomerativeClustering(
                    n_clusters=None, metric="precomputed", linkage="average",
                    distance_threshold=self.distance_threshold,
                ).fit_predict(self.distances(embeddings[members], block_texts))
            points[members] = labels + next_label
            next_label += labels.max() + 1
        return Clustering(first_appearance_order(points), first_appearance_order(topics))

    def distances(self, embeddings: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """(m, dim) unit vectors and m texts -> (m, m) distances, 1 - the blended cosine, 0 on the diagonal."""
        vectors = np.asarray(embeddings, dtype=np.float32)
        similarity = vectors @ vectors.T  # one (m, m) float32 matrix, updated in place from here on
        lexical = _char_tfidf(texts) if texts is not None and self.lexical_weight > 0 else None
        if lexical is not None:
            similarity *= 1 - self.lexical_weight
            # Row chunks keep the sparse product small: a full one holds nearly m * m entries.
            for start in range(0, len(similarity), 1000):
                chunk = (lexical[start:start + 1000] @ lexical.T).toarray()
                similarity[start:start + 1000] += self.lexical_weight * chunk
        distance = np.subtract(1.0, similarity, out=similarity)
        np.clip(distance, 0.0, 2.0, out=distance)
        np.fill_diagonal(distance, 0.0)
        return distance

    def _blocks(self, embeddings: np.ndarray) -> np.ndarray:
        n = len(embeddings)
        if n <= self.block_size:
            return np.zeros(n, dtype=int)
        n_blocks = int(np.ceil(n / self.block_size))
        kmeans = MiniBatchKMeans(n_clusters=n_blocks, random_state=self.random_state, n_init=3,
                                 batch_size=4096)
        return kmeans.fit_predict(embeddings)


def _char_tfidf(texts: Sequence[str]):
    """Sparse L2-normalised TF-IDF rows of character 3-5-grams (within word boundaries), or None when
    no text has a single n-gram, so there is no lexical evidence to blend in."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return None


def first_appearance_order(labels) -> np.ndarray:
    """Labels renumbered 0, 1, ... in order of first appearance."""
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(label), len(order)) for label in labels], dtype=int)
