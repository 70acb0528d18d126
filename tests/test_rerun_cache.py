"""Work done once (issue #13): an unchanged article costs a lookup, a pair seen before is not
judged again, and a rerun from the cache gives the very same result as the first run."""

import shutil

import pytest

from reconcile import claims as claims_stage
from reconcile import parses, versions
from reconcile.embed import EmbeddingCache, SentenceTransformerEmbedder
from reconcile.pipeline import run_pipeline
from reconcile.relate import default_signals

from conftest import SAMPLE


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "cairo-talks"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def counted_reads(monkeypatch):
    """Article ids read (sentences, attribution) and contents parsed during the test."""
    seen = {"articles": [], "parsed": 0}
    read, parser = claims_stage._read_article, parses.nlp.parser

    def counting_read(article, *rest):
        seen["articles"].append(article.id)
        return read(article, *rest)

    class CountingParser:
        def pipe(self, texts, **kwargs):
            texts = list(texts)
            seen["parsed"] += len(texts)
            return parser().pipe(texts, **kwargs)

    monkeypatch.setattr(claims_stage, "_read_article", counting_read)
    monkeypatch.setattr(parses.nlp, "parser", CountingParser)
    return seen


def tables(result):
    return [result.claims.to_json(), result.pairs.to_json(), result.facts.to_json(), result.stories.to_json()]


def test_a_rerun_reads_no_article_parses_nothing_judges_no_pair_and_gives_the_same_result(corpus, tmp_path, counted_reads):
    cache, embedder = EmbeddingCache(tmp_path / "cache"), SentenceTransformerEmbedder()
    first = run_pipeline(corpus, embedder, cache, signals=default_signals())
    assert counted_reads["articles"] and counted_reads["parsed"]
    counted_reads.update(articles=[], parsed=0)
    signals = default_signals()
    for signal in signals:
        signal.compare = lambda *args: pytest.fail("a pair was judged again")
    second = run_pipeline(corpus, embedder, cache, signals=signals)
    assert counted_reads == {"articles": [], "parsed": 0}
    assert tables(second) == tables(first)


def test_a_changed_article_is_the_only_one_read_again(corpus, tmp_path, counted_reads):
    cache, embedder = EmbeddingCache(tmp_path / "cache"), SentenceTransformerEmbedder()
    run_pipeline(corpus, embedder, cache)
    articles = sorted(p for p in corpus.glob("*.md") if p.name != "README.md")
    changed = articles[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe delegation is due back in Cairo next week.\n",
                       encoding="utf-8")
    counted_reads["articles"].clear()
    result = run_pipeline(corpus, embedder, cache)
    assert counted_reads["articles"] == [changed.stem]
    assert result.claims["text"].str.contains("due back in Cairo next week").any()
    fresh = run_pipeline(corpus, embedder, None)  # no cache at all: the same tables
    assert tables(result) == tables(fresh)


def test_a_new_code_version_reads_every_article_again(corpus, tmp_path, counted_reads, monkeypatch):
    cache, embedder = EmbeddingCache(tmp_path / "cache"), SentenceTransformerEmbedder()
    run_pipeline(corpus, embedder, cache)
    read_first = sorted(counted_reads["articles"])
    counted_reads["articles"].clear()
    monkeypatch.setattr(versions, "code_version", lambda: "another version of the code")
    run_pipeline(corpus, embedder, cache)
    assert sorted(counted_reads["articles"]) == read_first


def test_the_code_version_changes_with_a_lexicon(tmp_path, monkeypatch):
    package = tmp_path / "reconcile"
    shutil.copytree(versions.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "judge"))
    monkeypatch.setattr(versions, "PACKAGE", package)
    monkeypatch.setattr(versions, "_NOT_HASHED", set())
    versions.code_version.cache_clear()
    before = versions.code_version()
    with (package / "data" / "lexicons" / "doubt_cues.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("apocryphal\n")
    versions.code_version.cache_clear()
    try:
        assert versions.code_version() != before
    finally:
        versions.code_version.cache_clear()
