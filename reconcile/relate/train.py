"""Train the shipped relation model: `python -m reconcile.relate.train --emergent PATH.csv [...] --out PATH.json`.

Inputs: the Emergent training CSV (claimHeadline vs articleHeadline, stance
for/against/observing) and optionally the FNC-1 training bodies and stances
(headline vs body, agree/disagree/discuss/unrelated). Each labelled row
becomes one (first text, second text) pair: for Emergent the claim headline
and the article headline, for FNC-1 the headline and the body sentences most
similar to it. Output: the model as JSON (`FusedRelationModel.save`) and a model
card `relation_model.md` next to it naming the data, its origin and licence.

The loaders and featurisers here are shared with `benchmarks/emergent.py`
and `benchmarks/fnc1.py`, so the benchmarks measure exactly what ships.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from reconcile.embed import EmbeddingCache, SentenceTransformerEmbedder, embed_texts
from reconcile.relate.framing import FusedRelationModel
from reconcile.relate.stance import (
    FEATURE_NAMES, STANCE_TO_RELATION, RelationModel, TfidfSimilarity, body_sentences, content_words, hedging_cues,
    negation_count, pair_features, parse_quantities, refutation_cues,
)

TFIDF_COLUMN = FEATURE_NAMES.index("tfidf_similarity")
FOCUS_SENTENCES = 3  # body sentences most similar to the headline that stand for the body
EMERGENT_COLUMNS = ["claimId", "claimHeadline", "articleHeadline", "articleHeadlineStance", "source"]


def embed(texts: list[str], cache_dir: Path | str | None) -> np.ndarray:
    """texts (n,) -> unit MiniLM vectors (n, 384), cached under cache_dir when given."""
    cache = EmbeddingCache(cache_dir) if cache_dir else None
    return embed_texts(list(texts), SentenceTransformerEmbedder(), cache)


# -- Emergent -------------------------------------------------------------------------------------
def load_emergent(path: Path | str) -> pd.DataFrame:
    """The Emergent CSV, checked for the columns we use; headlines stripped."""
    frame = pd.read_csv(path)
    missing = [column for column in EMERGENT_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    for column in ("claimHeadline", "articleHeadline"):
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    return frame.reset_index(drop=True)


def emergent_features(frame: pd.DataFrame, cache_dir: Path | str | None) -> np.ndarray:
    """One `pair_features` row per headline: (claim headline, article headline); TF-IDF column left 0.

    The TF-IDF cosine needs a vocabulary fitted on training rows only, so
    `fill_tfidf` sets that column per fold.
    """
    claims, headlines = frame["claimHeadline"].tolist(), frame["articleHeadline"].tolist()
    vectors = dict(zip(sorted(set(claims + headlines)), embed(sorted(set(claims + headlines)), cache_dir)))
    found = parse_quantities(claims + headlines)
    rows = [pair_features(claim, headline, float(vectors[claim] @ vectors[headline]),
                          first_quantities=found[claim], second_quantities=found[headline])
            for claim, headline in zip(claims, headlines)]
    return np.vstack(rows)


def fill_tfidf(features: np.ndarray, firsts: list[str], seconds: list[str], fit_texts: list[str]) -> np.ndarray:
    """A copy of features with the TF-IDF column computed from a vocabulary fitted on fit_texts."""
    filled = features.copy()
    filled[:, TFIDF_COLUMN] = TfidfSimilarity().fit(fit_texts).similarity(firsts, seconds)
    return filled


# -- FNC-1 ----------------------------------------------------------------------------------------
FNC_EXTRA_NAMES = (
    "body_top1_similarity", "body_top3_mean_similarity", "body_first_sentence_similarity",
    "body_mean_vector_similarity", "body_refutation_rate", "body_hedging_rate", "body_negation_rate",
    "body_coverage", "body_tfidf_similarity", "focus_refutation_weighted",
)
BODY_TFIDF_COLUMN = len(FEATURE_NAMES) + FNC_EXTRA_NAMES.index("body_tfidf_similarity")


@dataclass
class FncData:
    """FNC-1 rows with everything the featuriser needs, in row order."""

    stances: pd.DataFrame  # Headline, Body ID, Stance
    bodies: dict[int, str]  # Body ID -> text
    focus: list[str]  # per row: the body sentences most similar to the headline, in body order
    features: np.ndarray  # (n, len(FEATURE_NAMES) + len(FNC_EXTRA_NAMES)), TF-IDF columns 0


def load_fnc(bodies_path: Path | str, stances_path: Path | str) -> tuple[pd.DataFrame, dict[int, str]]:
    """The FNC-1 stances table and a Body ID -> body text map."""
    bodies = pd.read_csv(bodies_path)
    stances = pd.read_csv(stances_path)
    for frame, columns, path in ((bodies, ["Body ID", "articleBody"], bodies_path),
                                 (stances, ["Headline", "Body ID"], stances_path)):
        missing = [column for column in columns if column not in frame.columns]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    stances["Headline"] = stances["Headline"].fillna("").astype(str).str.strip()
    return stances.reset_index(drop=True), dict(zip(bodies["Body ID"].astype(int), bodies["articleBody"].fillna("")))


def fnc_features(stances: pd.DataFrame, bodies: dict[int, str], cache_dir: Path | str | None,
                 log=None) -> FncData:
    """Features of every FNC-1 row: `pair_features(headline, focus sentences)` plus body-level extras.

    The focus is the `FOCUS_SENTENCES` body sentences most similar to the
    headline; only headlines and focus sentences are parsed for numbers,
    which keeps parsing to a few thousand sentences.
    """
    started = time.time()
    say = log or (lambda message: None)
    body_ids = sorted({int(b) for b in stances["Body ID"]})
    sentences = {body: body_sentences(bodies[body]) or [bodies[body][:300] or "."] for body in body_ids}
    all_sentences = sorted({s for body in body_ids for s in sentences[body]})
    headlines = sorted(set(stances["Headline"]))
    vectors = embed(headlines + all_sentences, cache_dir)
    vector_of = dict(zip(headlines + all_sentences, vectors))
    say(f"embedded {len(headlines)} headlines, {len(all_sentences)} sentences ({time.time() - started:.0f}s)")

    body_matrix = {body: np.stack([vector_of[s] for s in sentences[body]]) for body in body_ids}
    body_mean = {}
    for body, matrix in body_matrix.items():
        mean = matrix.mean(axis=0)
        body_mean[body] = mean / max(np.linalg.norm(mean), 1e-9)
    # Per sentence once; the rows of a body (often dozens) share them.
    refutations = {body: [min(refutation_cues(s), 3) for s in sentences[body]] for body in body_ids}
    body_rates = {}
    for body in body_ids:
        count = len(sentences[body])
        body_rates[body] = (sum(refutations[body]) / count,
                            sum(min(hedging_cues(s), 3) for s in sentences[body]) / count,
                            sum(min(negation_count(s), 3) for s in sentences[body]) / count)

    focus_indices, similarities = [], []
    for headline, body in zip(stances["Headline"], stances["Body ID"].astype(int)):
        scores = body_matrix[body] @ vector_of[headline]
        top = np.argsort(-scores, kind="stable")[:FOCUS_SENTENCES]
        focus_indices.append(sorted(top.tolist()))
        similarities.append(scores)
    focus_texts = [" ".join(sentences[body][i] for i in indices)
                   for body, indices in zip(stances["Body ID"].astype(int), focus_indices)]
    to_parse = headlines + sorted({sentences[body][i] for body, indices in
                                   zip(stances["Body ID"].astype(int), focus_indices) for i in indices})
    found = parse_quantities(to_parse)
    say(f"parsed numbers in {len(to_parse)} texts ({time.time() - started:.0f}s)")

    body_words = {body: content_words(bodies[body]) for body in body_ids}
    rows = []
    for row, (headline, body) in enumerate(zip(stances["Headline"], stances["Body ID"].astype(int))):
        indices, scores = focus_indices[row], similarities[row]
        focus_quantities = [q for i in indices for q in found[sentences[body][i]]]
        base = pair_features(headline, focus_texts[row], float(scores.max()),
                             first_quantities=found[headline], second_quantities=focus_quantities)
        top_scores = np.sort(scores)[::-1][:FOCUS_SENTENCES]
        headline_words = content_words(headline)
        refutation, hedging, negation = body_rates[body]
        # refutation cues count for more in sentences close to the headline
        weighted = sum(max(0.0, float(scores[i])) * refutations[body][i] for i in indices)
        extra = [float(top_scores[0]), float(top_scores.mean()), float(scores[0]),
                 float(body_mean[body] @ vector_of[headline]), refutation, hedging, negation,
                 len(headline_words & body_words[body]) / max(1, len(headline_words)), 0.0, weighted]
        rows.append(np.concatenate([base, extra]))
    say(f"features for {len(rows)} rows ({time.time() - started:.0f}s)")
    return FncData(stances, bodies, focus_texts, np.vstack(rows))


def fill_fnc_tfidf(data: FncData, rows: np.ndarray, fit_rows: np.ndarray) -> np.ndarray:
    """Features of `rows` with both TF-IDF columns from a vocabulary fitted on the texts of `fit_rows`."""
    headlines = data.stances["Headline"].tolist()
    body_ids = data.stances["Body ID"].astype(int).tolist()
    fit_texts = sorted({headlines[i] for i in fit_rows}) + [data.bodies[b] for b in sorted({body_ids[i] for i in fit_rows})]
    tfidf = TfidfSimilarity().fit(fit_texts)
    features = data.features[rows].copy()
    firsts = [headlines[i] for i in rows]
    features[:, TFIDF_COLUMN] = tfidf.similarity(firsts, [data.focus[i] for i in rows])
    features[:, BODY_TFIDF_COLUMN] = tfidf.similarity(firsts, [data.bodies[body_ids[i]] for i in rows])
    return features


# -- the shipped model ----------------------------------------------------------------------------
MODEL_CARD = """# relation_model.json

A `reconcile.relate.framing.FusedRelationModel`: two models whose
log-probabilities are averaged with weight {frame_weight} on the second, plus
per-class offsets {class_offsets} (both chosen by 5-fold cross-validation
grouped by claim, for the best macro F1). Classes: {classes}.
`first` is the claim being checked, `second` the text taking a stance on it.

- A `RelationModel` ({kind}) over `pair_features` ({n_features} features:
  embedding cosine, lexical overlap, refutation/hedging/negation cues,
  clashing and agreeing numbers, opposed assessments; the TF-IDF column is 0
  in training and at run time, since no vectoriser ships).
- A `FrameModel`: logistic regression over character 2-5-grams of `second`
  with the words it shares with `first` masked ({vocabulary} n-grams kept).

Written by `python -m reconcile.relate.train` on {date}, {rows} training pairs:

{sources}

## Training data

- **Emergent** (Ferreira & Vlachos, "Emergent: a novel data-set for stance
  classification", NAACL 2016): rumoured claims and news headlines about
  them, each labelled for / against / observing. Used: `{emergent_name}`
  ({emergent_rows} rows, sha256 prefix `{emergent_hash}`), claim headline vs article
  headline; for -> corroborate, against -> conflict, observing -> discuss.
{fnc_section}
## Licence

The copy we have (`/work/shared/`, see its README) does not state a licence for
either data set: licence not stated in the copy we have. The model file holds
learned coefficients / tree thresholds and the frame model's character
n-gram vocabulary (fragments of up to five characters), no sentence from the data. Check the
original distributions' terms before redistributing.
"""

FNC_SECTION = """- **FNC-1** (Fake News Challenge stage 1, 2017, built from Emergent's
  articles): headline vs article body, agree / disagree / discuss / unrelated.
  Used: `{bodies_name}` + `{stances_name}` ({fnc_rows} rows after
  subsampling unrelated to {unrelated_share:.0%}, sha256 prefix of stances `{fnc_hash}`),
  headline vs the {focus} body sentences most similar to it; agree ->
  corroborate, disagree -> conflict, discuss -> discuss, unrelated -> unrelated.
"""


def _sha256(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def train(emergent_path: Path | str, output: Path | str, fnc_bodies: Path | str | None = None,
          fnc_stances: Path | str | None = None, cache_dir: Path | str | None = None, kind: str = "logistic",
          unrelated_share: float = 0.1, random_state: int = 0, log=None) -> FusedRelationModel:
    """Fit the shipped model on Emergent (plus FNC-1 when given), write it and its model card; return it."""
    say = log or (lambda message: None)
    emergent = load_emergent(emergent_path)
    features = emergent_features(emergent, cache_dir)
    firsts, seconds = emergent["claimHeadline"].tolist(), emergent["articleHeadline"].tolist()
    labels = [STANCE_TO_RELATION[s] for s in emergent["articleHeadlineStance"]]
    groups = [f"emergent:{claim}" for claim in emergent["claimId"]]  # one claim's headlines stay on one side
    say(f"emergent: {len(labels)} pairs")
    fnc_section = ""
    if fnc_bodies and fnc_stances:
        stances, bodies = load_fnc(fnc_bodies, fnc_stances)
        # Unrelated FNC rows are plentiful and easy; a sample is enough and keeps training fast.
        generator = np.random.default_rng(random_state)
        unrelated = stances["Stance"] == "unrelated"
        keep = ~unrelated | (generator.random(len(stances)) < unrelated_share)
        stances = stances[keep].reset_index(drop=True)
        data = fnc_features(stances, bodies, cache_dir, log=say)
        features = np.vstack([features, data.features[:, : len(FEATURE_NAMES)]])
        firsts += stances["Headline"].tolist()
        seconds += data.focus
        labels += [STANCE_TO_RELATION[s] for s in stances["Stance"]]
        groups += [f"fnc:{headline}" for headline in stances["Headline"]]
        fnc_section = FNC_SECTION.format(bodies_name=Path(fnc_bodies).name, stances_name=Path(fnc_stances).name,
                                         fnc_rows=len(stances), unrelated_share=unrelated_share,
                                         fnc_hash=_sha256(fnc_stances), focus=FOCUS_SENTENCES)
        say(f"fnc-1: {len(stances)} pairs")
    # The shipped model sees TF-IDF fitted on all its training texts; at run time the same vectoriser
    # cannot be shipped cheaply, so the column is zeroed and the model learns without it.
    features[:, TFIDF_COLUMN] = 0.0
    model = FusedRelationModel(kind=kind, random_state=random_state).fit(features, firsts, seconds, labels, groups,
                                                                          FEATURE_NAMES)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    model.save(output)
    counts = pd.Series(labels).value_counts()
    card = MODEL_CARD.format(
        kind=kind, n_features=len(FEATURE_NAMES), classes=", ".join(model.classes),
        frame_weight=model.frame_weight, class_offsets=model.class_offsets.round(2).tolist(),
        vocabulary=model.frame_model.vocabulary_size,
        date=time.strftime("%Y-%m-%d"), rows=len(labels),
        sources="\n".join(f"- {label}: {count}" for label, count in counts.items()),
        emergent_name=Path(emergent_path).name, emergent_rows=len(emergent), emergent_hash=_sha256(emergent_path),
        fnc_section=fnc_section)
    output.with_suffix(".md").write_text(card, encoding="utf-8")
    say(f"wrote {output} ({output.stat().st_size / 1024:.0f} KiB) and {output.with_suffix('.md')}")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reconcile.relate.train", description=__doc__.split("\n")[0])
    parser.add_argument("--emergent", required=True, help="Emergent CSV (claimHeadline, articleHeadline, ...)")
    parser.add_argument("--fnc-bodies", help="FNC-1 bodies CSV (Body ID, articleBody)")
    parser.add_argument("--fnc-stances", help="FNC-1 stances CSV (Headline, Body ID, Stance)")
    parser.add_argument("--out", default="reconcile/data/relation_model.json", help="where the model JSON goes")
    parser.add_argument("--kind", choices=["logistic", "boosting"], default="logistic")
    parser.add_argument("--cache-dir", default=None, help="embedding cache directory (default: none)")
    parser.add_argument("--unrelated-share", type=float, default=0.1,
                        help="share of FNC-1 unrelated rows kept for training")
    arguments = parser.parse_args(argv)
    if bool(arguments.fnc_bodies) != bool(arguments.fnc_stances):
        parser.error("--fnc-bodies and --fnc-stances go together")
    train(arguments.emergent, arguments.out, arguments.fnc_bodies, arguments.fnc_stances, arguments.cache_dir,
          arguments.kind, arguments.unrelated_share, log=lambda message: print(message, file=sys.stderr))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
