"""The pipeline: load -> claims -> embed -> stories -> cluster -> relate -> facts. It only wires the stages."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from reconcile.claims import extract_claims
from reconcile.cluster import BlockedAgglomerativeClusterer, Clusterer
from reconcile.embed import Embedder, EmbeddingCache, embed_texts
from reconcile.facts import FACT_COLUMNS, extract_facts
from reconcile.load import load_aliases, load_corpus
from reconcile.ordering import stable_argmax
from reconcile.readings import read_contents
from reconcile.relate import relate
from reconcile.relate.base import Signal
from reconcile.relate.denials import denial_pairs
from reconcile.stories import STORY_COLUMNS, StoryFinder
from reconcile.tables import frame
from reconcile.workers import Runner


@dataclass
class Result:
    """Everything a report needs; tables as built by the stages."""

    corpus: str
    articles: pd.DataFrame
    claims: pd.DataFrame  # with `cluster`
    clusters: pd.DataFrame  # id, label, claims
    pairs: pd.DataFrame
    skipped: pd.DataFrame
    timings: list[dict] = field(default_factory=list)
    stories: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STORY_COLUMNS))  # id, label, articles, claims
    facts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FACT_COLUMNS))  # story, slot, value, claim...


class _StageClock:
    """Wall time and peak resident memory after each stage, for `--profile`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._start = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.rows.append({"stage": stage, "seconds": round(now - self._start, 3), "peak_rss_mib": round(peak_mib, 1)})
        self._start = now


def run_pipeline(corpus: Path | str, embedder: Embedder, cache: EmbeddingCache | None = None,
                 clusterer: Clusterer | None = None, corroborate_similarity: float = 0.65,
                 signals: list[Signal] | None = None, runner: Runner | None = None) -> Result:
    """`runner`: where the per-article work (claims, embedding, readings) and the per-story relate run
    (`reconcile.workers`: here, or on Dask workers); the rest runs here. The result is the same."""
    clock = _StageClock()
    articles = load_corpus(corpus)
    aliases = load_aliases(corpus) if Path(corpus).is_dir() else {}
    clock.lap("load")
    extracted = extract_claims(articles, aliases, cache=cache, runner=runner)
    claims = extracted.claims
    clock.lap("claims")
    # Embedded, clustered and compared mostly on what they assert, less on how the report frames it.
    embeddings, contents = claim_vectors(claims, embedder, cache, runner)
    clock.lap("embed")
    stories = StoryFinder().fit_predict(claims, embeddings, articles)
    claims = claims.assign(story=stories.of_claims)
    clock.lap("stories")
    clustering = (clusterer or BlockedAgglomerativeClusterer()).fit_predict(embeddings, claims["content"].tolist())
    claims = claims.assign(cluster=[f"k{point + 1}" for point in clustering.points])
    clusters = describe_clusters(claims, embeddings)
    clock.lap("cluster")
    # Each content parsed at most once, and not at all when the cache has its readings and its pairs.
    readings = read_contents(claims, cache, runner, parses=extracted.parses)
    denials = denial_candidates(claims, readings.denied, contents, embedder, cache, runner, readings.accounts)
    pairs = relate(claims, embeddings, clustering, signals=signals, corroborate_similarity=corroborate_similarity,
                   docs=readings.docs, events=readings.events, cache=cache, runner=runner, denials=denials,
                   measures=readings.measures, clauses=readings.clauses, causes=readings.causes,
                   phrases=phrase_vectors([*readings.clauses.values(), *readings.causes.values()], embedder, cache, runner))
    clock.lap("relate")
    facts = extract_facts(claims, found=readings.facts)
    clock.lap("facts")
    return Result(Path(corpus).name, articles, claims, clusters, pairs, extracted.skipped, clock.rows, stories.table,
                  facts)


def content_embeddings(claims: pd.DataFrame, embedder: Embedder, cache: EmbeddingCache | None,
                       runner: Runner | None = None) -> np.ndarray:
    """(n, dim) unit vectors: the mean of each claim's content vector and its whole sentence's vector.

    The content alone loses what a stance-taking frame carries ("rejected that account, saying ...")
    and compares a bare clause with a whole sentence; the sentence alone lets a long frame ("the
    deputy minister told reporters at the airport") swamp a short fact. The mean keeps both.
    """
    return claim_vectors(claims, embedder, cache, runner)[0]


def claim_vectors(claims: pd.DataFrame, embedder: Embedder, cache: EmbeddingCache | None,
                  runner: Runner | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(`content_embeddings`, the contents' own unit vectors), both (n, dim), from one embedding pass."""
    contents, sentences = claims["content"].tolist(), claims["text"].tolist()
    vectors = embed_texts(contents + sentences, embedder, cache, runner)
    if not len(claims):
        return vectors, vectors
    blended = vectors[: len(claims)] + vectors[len(claims):]
    return _unit(blended).astype(np.float32), _unit(vectors[: len(claims)])


def phrase_vectors(phrases: list[list[str]], embedder: Embedder, cache: EmbeddingCache | None,
                   runner: Runner | None = None) -> dict[str, np.ndarray]:
    """Each phrase of the lists (a claim's figures' clauses, its causes: `Readings`) -> its unit
    vector, for the signals that compare parts of claims by meaning (`Signal.use_phrase_vectors`)."""
    texts = sorted({phrase for row_phrases in phrases for phrase in row_phrases})
    return dict(zip(texts, _unit(embed_texts(texts, embedder, cache, runner)))) if texts else {}


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def denial_candidates(claims: pd.DataFrame, denied: dict[int, str], contents: np.ndarray, embedder: Embedder,
                      cache: EmbeddingCache | None, runner: Runner | None = None,
                      accounts: dict[int, tuple[str, str]] | None = None) -> set[tuple[int, int]]:
    """The pairs of a denial and the claims it answers (`relate.denials.denial_pairs`): `denied`,
    row -> the proposition the claim denies, compared with every claim's content alone (`contents`,
    unit vectors from `claim_vectors`); `accounts`, row -> (party, counter-claim) of a denial of
    someone's account (no row of `denied`: `denials.denial_reading` gives one or the other), whose
    counter-claim is compared with that party's claims."""
    accounts = accounts or {}
    rows = sorted(denied) + sorted(accounts)
    if not rows:
        return set()
    texts = [denied[row] if row in denied else accounts[row][1] for row in rows]
    propositions = _unit(embed_texts(texts, embedder, cache, runner))
    return denial_pairs(claims, dict(zip(rows, propositions)), contents,
                        parties={row: party for row, (party, _) in accounts.items()})


def describe_clusters(claims: pd.DataFrame, embeddings: np.ndarray) -> pd.DataFrame:
    """One row per cluster: id, label (the claim nearest the cluster's centre, the first of those
    tied within `ordering.TOLERANCE`: both claims of a two-claim cluster are equally near), claim ids."""
    rows = []
    for cluster_id, members in claims.groupby("cluster", sort=False).groups.items():
        positions = claims.index.get_indexer(members)
        centre = embeddings[positions].mean(axis=0)
        label = claims["text"].iat[positions[stable_argmax(embeddings[positions] @ centre)]]
        rows.append({"id": cluster_id, "label": label, "claims": claims["id"].iloc[positions].tolist()})
    return frame(rows, ["id", "label", "claims"])
