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

from reconcile.cluster import first_appearance_order
from reconcile.lexicons import lexicon
from reconcile.tables import column, frame

STORY_COLUMNS = ["id", "label", "articles", "claims"]
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b|\b[A-Z]{2,}\b")


@dataclass
class Stories:
    of_claims: list[str]
    table: pd.DataFrame


def rows_by_story(claims: pd.DataFrame) -> dict:
    """Story id -> the rows (in order) of its claims that are about the current event (not background):
    the claims relate may pair."""
    background = column(claims, "background", False)
    by_story: dict = {}
    for row, story in enumerate(column(claims, "story")):
        if not background[row]:
            by_story.setdefault(story, []).append(row)
    return by_story


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
    the articles' mean claim vectors); `min_move_score`, the least name similarity between a
    sentence and a story for the sentence to count clearly as that story's; `min_roundup_share`, the least
    share of an article's named sentences that must belong to another story for it to be a roundup.
    The defaults were chosen on FNC-1 bodies (`benchmarks/real_news.py`), never on a test corpus.
    """

    def __init__(self, min_similarity: float = 0.4, name_weight: float = 0.5, min_move_score: float = 0.2,
                 min_roundup_share: float = 0.25, name_idf: bool = False) -> None:
        self.min_similarity = min_similarity
        self.name_weight = name_weight
        self.min_move_score = min_move_score
        self.min_roundup_share = min_roundup_share
        self.name_idf = name_idf

    def fit_predict(self, claims: pd.DataFrame, embeddings: np.ndarray, articles: pd.DataFrame) -> Stories:
        article_ids = articles["id"].tolist()
        if not len(claims):
            return Stories([], frame([], STORY_COLUMNS))
        rows_of = {a: np.flatnonzero(claims["article"].to_numpy() == a) for a in article_ids}
        present = [a for a in article_ids if len(rows_of[a])]
        texts = claims["text"].tolist()
        vectorizer = TfidfVectorizer(analyzer=names_in, sublinear_tf=True, use_idf=self.name_idf)
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
        similarity = vectors @ vectors.T
        if article_names is not None:
            # Names count only between articles that both name something: an article without names
            # is no evidence of another event.
            named = np.asarray(article_names.getnnz(axis=1) > 0)
            both = np.outer(named, named)
            blended = (1 - self.name_weight) * similarity + self.name_weight * (article_names @ article_names.T).toarray()
            similarity = np.where(both, blended, similarity)
        distance = np.clip(1.0 - similarity, 0.0, 2.0)
        np.fill_diagonal(distance, 0.0)
        # Rounded so that float noise from another CPU cannot reorder near-equal merges.
        distance = np.round(distance, 6)
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1.0 - self.min_similarity).fit_predict(distance)
        return first_appearance_order(labels).tolist()

    def _split_roundups(self, claims, texts, of_claims, vectorizer, article_names, present, groups) -> list[int]:
        """Split the articles that are roundups: named sentences that share no name with their own
        story but do with another make up at least `min_roundup_share` of the article's named
        sentences (and two, clearly: `min_move_score`). Each such sentence joins the story whose
        names it shares most, and a
        sentence that names nothing follows the sentence before it. A single-event article citing a
        name known elsewhere is not split.

        A story's profile is the mean of its articles' name vectors; the sentence's own article is
        left out, so an article never vouches for itself.
        """
        groups = np.asarray(groups)
        stories = sorted(set(groups.tolist()))
        sums = np.vstack([np.asarray(article_names[np.flatnonzero(groups == s)].sum(axis=0)) for s in stories])
        sizes = np.array([int((groups == s).sum()) for s in stories], dtype=float)
        names = vectorizer.transform(texts)
        result = list(of_claims)
        article_column = claims["article"].to_numpy()
        for position, article in enumerate(present):
            rows = np.flatnonzero(article_column == article)
            own_row = np.asarray(article_names[position].todense()).ravel()
            own = groups[position]
            profiles = sums.copy()
            profiles[own] -= own_row
            counts = sizes.copy()
            counts[own] -= 1
            with np.errstate(invalid="ignore", divide="ignore"):
                profiles = np.where(counts[:, None] > 0, profiles / np.maximum(counts, 1)[:, None], 0.0)
            scores = np.round(np.asarray(names[rows] @ profiles.T), 6)  # rounded: float noise decides nothing
            named = [k for k, row in enumerate(rows) if names[row].nnz]
            # A sentence leans to another story when it shares names with it and none with its own
            # article's story: a roundup of one event names that event's people, known to its other articles.
            leaning = {k: int(np.argmax(scores[k])) for k in named if scores[k].max() > 0 and scores[k][own] == 0.0}
            # The article is a roundup of another story when at least `min_roundup_share` of its named
            # sentences (and two) lean to it, two of them clearly (`min_move_score`); then every sentence
            # leaning to it joins it, however few of its names it holds ("Mayor Viktor Halm said ...").
            shares = np.bincount(list(leaning.values()), minlength=len(stories))
            clear = np.bincount([story for k, story in leaning.items() if scores[k].max() >= self.min_move_score],
                                minlength=len(stories))
            needed = max(2, self.min_roundup_share * len(named))
            roundup = (shares >= needed) & (clear >= 2)
            if not roundup.any():
                continue  # one event, perhaps with a name from elsewhere: not a roundup
            carried = None
            for k, row in enumerate(rows):
                if k in leaning and roundup[leaning[k]]:
                    carried = result[row] = leaning[k]
                elif not names[row].nnz and carried is not None:
                    result[row] = carried
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

