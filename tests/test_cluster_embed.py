import numpy as np
import pytest

from reconcile.cluster import BlockedAgglomerativeClusterer
from reconcile.embed import Embedder, EmbeddingCache, SentenceTransformerEmbedder, embed_texts


def blobs(n_per_blob: int, centres: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(centres, 32))
    points = np.repeat(base, n_per_blob, axis=0) + rng.normal(scale=0.05, size=(centres * n_per_blob, 32))
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def test_clusters_are_found_and_numbered_in_order_of_appearance():
    result = BlockedAgglomerativeClusterer().fit_predict(blobs(5, 3))
    assert result.points.tolist() == [0] * 5 + [1] * 5 + [2] * 5
    assert result.topics.tolist() == [0] * 15


def test_large_inputs_are_split_into_blocks_deterministically():
    vectors = blobs(40, 10)
    clusterer = BlockedAgglomerativeClusterer(block_size=100, random_state=0)
    first, second = clusterer.fit_predict(vectors), clusterer.fit_predict(vectors)
    assert len(set(first.topics)) == 4
    assert np.array_equal(first.points, second.points) and np.array_equal(first.topics, second.topics)
    # every true blob still ends up in exactly one point
    for blob in range(10):
        assert len(set(first.points[blob * 40:(blob + 1) * 40])) == 1


def test_shared_wording_separates_stories_the_embedding_cannot_tell_apart():
    # Two stories on one theme: their vectors are as close as the vectors within a story.
    vectors = blobs(4, 1, seed=3)
    texts = ["Aid worker David Haines beheaded", "David Haines: family of Scottish aid worker speaks",
             "Cameron condemns killing of David Haines", "Tributes paid to David Haines",
             "Journalist Steven Sotloff beheaded", "Steven Sotloff: mother had pleaded for her son",
             "Obama vows justice for Steven Sotloff", "Friends remember Steven Sotloff"]
    vectors = np.vstack([vectors, vectors])
    embedding_only = BlockedAgglomerativeClusterer(lexical_weight=0.0).fit_predict(vectors, texts)
    blended = BlockedAgglomerativeClusterer(distance_threshold=0.43, lexical_weight=0.5).fit_predict(vectors, texts)
    assert len(set(embedding_only.points)) == 1
    assert blended.points.tolist() == [0] * 4 + [1] * 4
    # without texts the blend has nothing to add
    assert len(set(BlockedAgglomerativeClusterer(lexical_weight=0.5).fit_predict(vectors).points)) == 1


def test_texts_without_any_character_ngram_fall_back_to_the_embedding():
    vectors, texts = blobs(2, 2), ["", "", "", ""]
    blended = BlockedAgglomerativeClusterer(lexical_weight=0.6)
    assert np.allclose(blended.distances(vectors, texts), BlockedAgglomerativeClusterer(lexical_weight=0).distances(vectors))
    assert blended.fit_predict(vectors, texts).points.tolist() == [0, 0, 1, 1]


def test_texts_must_match_vectors():
    with pytest.raises(ValueError, match="3 texts for 2 vectors"):
        BlockedAgglomerativeClusterer().fit_predict(blobs(1, 2), ["a", "b", "c"])


class CountingEmbedder(Embedder):
    cache_key = "counting"

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_cache_means_a_second_run_embeds_nothing(tmp_path):
    embedder = CountingEmbedder()
    cache = EmbeddingCache(tmp_path)
    first = embed_texts(["b", "a", "b"], embedder, cache)
    assert sorted(embedder.seen) == ["a", "b"]
    embedder.seen.clear()
    second = embed_texts(["a", "b", "c"], embedder, cache)
    assert embedder.seen == ["c"]
    assert np.array_equal(first[0], second[1])


def test_packaged_minilm_embeds_offline():
    vectors = SentenceTransformerEmbedder().encode(["The talks collapsed.", "Negotiations broke down.", "It rained."])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
