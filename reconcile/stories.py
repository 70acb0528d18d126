"""Stage: articles and their claims -> stories, one event each.

Input: the claims table (needs `article`, `text`, and `background` where known), the claims' unit
vectors (n, dim), and the articles table. Output: `Stories(of_claims, table)`:
- `of_claims`: (n,) story ids ("s1", "s2", ... in order of first appearance), one per claim;
- `table`: one row per story, columns `STORY_COLUMNS`: id, label, articles, claims.

A folder may hold several events. Articles are grouped by what tells one event from another of
its kind: the names they share (places, people, vessels, companies, weighted by how rare they are
in the corpus, TF-IDF) and, less, what they say (the mean of their claims' vectors); average-linkage
clustering cuts that similarity at `min_similarity`. A roundup covering two events is then split
sentence by sentence: a claim whose names belong clearly to another story joins it, and a claim
that names nothing stays with the sentence before it. Claims are only ever compared within a story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from reconcile.lexicons import lexicon
from reconcile.tables import frame

STORY_COLUMNS = ["id", "label", "articles", "claims"]
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b|\b[A-Z]{2,}\b")


@dataclass
class Stories:
    of_claims: list[str]
    table: pd.DataFrame


def names_in(text: str) -> list[str]:
    """Capitalised words that name something: not the sentence's first word, not a month, weekday,
    title or other word capitalised by convention (lexicon `not_names`)."""
    stop = lexicon("not_names")
    found = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", "\"", "“", ":", "(", "-", "—", "–")):
            continue  # opens a sentence, a quotation or a dateline: capitalised whatever it is
        if word.lower() in stop:
            continue
        found.append(word.lower())
    return found


class StoryFinder:
    """Articles (with claims and vectors) in, `Stories` out.

    Parameters: `min_similarity`, the least average similarity of two groups of articles to be one
    story; `name_weight`, the share of name overlap in that similarity (the rest is the cosine of
    the articles' mean claim vectors); `reassign_margin`, how much more a roundup's sentence must
    share with another story's names than with its own article's story to move there.
    """

    def __init__(self, min_similarity: float = 0.3, name_weight: float = 0.7, reassign_margin: float = 0.1) -> None:
        self.min_similarity = min_similarity
        self.name_weight = name_weight
        self.reassign_margin = reassign_margin

    def fit_predict(self, claims: pd.DataFrame, embeddings: np.ndarray, articles: pd.DataFrame) -> Stories:
        article_ids = articles["id"].tolist()
        if not len(claims):
            return Stories([], frame([], STORY_COLUMNS))
        rows_of = {a: np.flatnonzero(claims["article"].to_numpy() == a) for a in article_ids}
        present = [a for a in article_ids if len(rows_of[a])]
        texts = claims["text"].tolist()
        vectorizer = TfidfVectorizer(analyzer=names_in, sublinear_tf=True, min_df=1)
        try:
            article_names = vectorizer.fit_transform([" ".join(texts[r] + "." for r in rows_of[a]) for a in present])
        except ValueError:  # no names anywhere
            article_names = None
        groups = self._group_articles(present, rows_of, embeddings, article_names)
        story_of_article = dict(zip(present, groups))
        of_claims = [story_of_article[a] for a in claims["article"]]
        if article_names is not None and len(set(groups)) > 1:
            of_claims = self._split_roundups(claims, texts, of_claims, vectorizer, article_names, present, groups)
        return self._table(claims, articles, of_claims)

    def _group_articles(self, present, rows_of, embeddings, article_names) -> list[int]:
        if len(present) == 1:
            return [0]
        vectors = np.stack([embeddings[rows_of[a]].mean(axis=0) for a in present])
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        similarity = (1 - self.name_weight) * (vectors @ vectors.T)
        if article_names is not None:
            similarity += self.name_weight * (article_names @ article_names.T).toarray()
        distance = np.clip(1.0 - similarity, 0.0, 2.0)
        np.fill_diagonal(distance, 0.0)
        # Rounded so that float noise from another CPU cannot reorder near-equal merges.
        distance = np.round(distance, 6)
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1.0 - self.min_similarity).fit_predict(distance)
        return _first_appearance(labels)

    def _split_roundups(self, claims, texts, of_claims, vectorizer, article_names, present, groups) -> list[int]:
        """A sentence naming another story's things clearly more than its own story's joins that story;
        a sentence that names nothing follows the sentence before it."""
        groups = np.asarray(groups)
        result = list(of_claims)
        previous_article, carried = None, None
        for row, (article, text) in enumerate(zip(claims["article"], texts)):
            if article != previous_article:
                previous_article, carried = article, None
            own = of_claims[row]
            names = vectorizer.transform([text])
            if names.nnz == 0:
                if carried is not None:
                    result[row] = carried  # "The toll rose to nine": the story of the sentence before
                continue
            others = [i for i, a in enumerate(present) if a != article]
            scores = {}
            for story in sorted(set(groups[others].tolist())):
                members = [i for i in others if groups[i] == story]
                profile = np.asarray(article_names[members].mean(axis=0))
                scores[story] = round(float((names @ profile.T).item()), 6)  # rounded: no float noise decides
            best = max(sorted(scores), key=lambda story: scores[story])  # ties: the lower story number
            if best != own and scores[best] > scores.get(own, 0.0) + self.reassign_margin:
                result[row] = carried = best
            else:
                carried = None
        return result

    def _table(self, claims: pd.DataFrame, articles: pd.DataFrame, of_claims: list[int]) -> Stories:
        numbering = {story: f"s{n + 1}" for n, story in enumerate(dict.fromkeys(of_claims))}
        ids = [numbering[s] for s in of_claims]
        titles = dict(zip(articles["id"], articles["title"]))
        rows = []
        for story in numbering.values():
            members = [claims["id"].iat[i] for i, s in enumerate(ids) if s == story]
            in_story = [claims["article"].iat[i] for i, s in enumerate(ids) if s == story]
            story_articles = list(dict.fromkeys(in_story))
            # Labelled by the article that gives it most claims (ties: first), by its title where it has one.
            main = max(story_articles, key=lambda a: (in_story.count(a), -story_articles.index(a)))
            first_claim = claims["text"].iat[ids.index(story)]
            rows.append({"id": story, "label": titles.get(main) or first_claim, "articles": story_articles,
                         "claims": members})
        return Stories(ids, frame(rows, STORY_COLUMNS))


def _first_appearance(labels) -> list[int]:
    order: dict[int, int] = {}
    return [order.setdefault(int(label), len(order)) for label in labels]
