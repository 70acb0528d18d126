"""Learned stance between two texts: corroborate, conflict, discuss or unrelated.

The rule-based signals (numbers, negation, assessment) each see one kind of
disagreement. This module turns those signals, plus cue words and overlap,
into one feature vector per pair (`pair_features`) and a small scikit-learn
model over it (`RelationModel`), trained on labelled data nobody on the team
wrote (Emergent headlines, Fake News Challenge stage 1; see
`reconcile.relate.train`).

Every feature is cheap and deterministic: word lists, counts, the quantities
`reconcile.relate.numbers` already extracts, the assessment lexicon, an
embedding cosine and a TF-IDF cosine the caller supplies. The pair is
directional: `first` is the claim being checked, `second` the text that
takes a stance on it (a headline about the claim, a claim from another
source).

Relations, as the rest of `relate` names them:
- `corroborate`: the second text asserts the first (Emergent `for`, FNC `agree`);
- `conflict`: it denies or refutes it (`against`, `disagree`);
- `discuss`: it reports the claim without taking a side (`observing`, `discuss`);
- `unrelated`: it is about something else (FNC `unrelated`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from reconcile import nlp
from reconcile.hedging import hedged
from reconcile.relate.assessment import assessments, compare_assessments
from reconcile.relate.base import CONFLICT, CORROBORATE, NEGATORS, SavedAsJson, Signal, words_in
from reconcile.relate.numbers import (
    Quantity,
    extract_quantities,
    match_quantities,
    view_quantities,
)

DISCUSS, UNRELATED = "discuss", "unrelated"
RELATIONS = (CORROBORATE, CONFLICT, DISCUSS, UNRELATED)
#: benchmark stance labels -> relation
STANCE_TO_RELATION = {
    "for": CORROBORATE, "against": CONFLICT, "observing": DISCUSS,  # Emergent
    "agree": CORROBORATE, "disagree": CONFLICT, "discuss": DISCUSS, "unrelated": UNRELATED,  # FNC-1
}

# Words and phrases that deny or debunk what the other text says.
REFUTATION_WORDS = (
    "fake", "fakes", "faked", "hoax", "hoaxes", "false", "falsely", "deny", "denies", "denied", "denial",
    "debunk", "debunks", "debunked", "debunking", "myth", "untrue", "refute", "refutes", "refuted", "rebut",
    "rebuts", "dismiss", "dismisses", "dismissed", "retract", "retracts", "retracted", "fabricated", "bogus",
    "satire", "satirical", "prank", "joke", "lie", "lies", "lied", "misleading", "wrong", "incorrect", "scam",
    "spoof", "parody", "photoshopped", "doctored", "fraud", "nope", "contrary", "disputes", "disputed",
    "rejects", "rejected", "doubt", "doubts", "dubious", "baseless", "unfounded", "nonsense", "busted",
)
REFUTATION_PHRASES = (
    "no evidence", "not true", "not real", "turns out", "fact check", "fact-check", "too good to be true",
    "no truth", "no proof", "isn't true", "is not", "was not", "did not", "didn't", "doesn't", "isn't", "wasn't",
    "not actually",
)
# Words and phrases that report a claim without vouching for it.
HEDGING_WORDS = (
    "reportedly", "report", "reports", "reported", "claim", "claims", "claimed", "claiming", "allegedly", "alleged",
    "alleges", "rumor", "rumors", "rumour", "rumours", "rumored", "rumoured", "may", "might", "could", "possibly",
    "possible", "apparently", "purportedly", "supposedly", "unconfirmed", "unverified", "says", "say", "said",
    "according", "suggests", "suspected", "believed", "likely", "seems", "appears", "speculation", "if",
    "whether", "sources", "source", "purported", "told", "insists", "wants", "plans", "reporting", "accuses",
    "accused", "sees", "predicts", "forecasts", "expects", "warns", "hints", "analyst", "analysts", "insider",
    "insiders", "expected", "rumor:", "report:",
)
HEDGING_PHRASES = ("according to", "is said to", "are said to", "said to be", "may have", "could be", "might be")
#: for the negation features: the shared negators and the negative pronouns and conjunctions
STANCE_NEGATORS = NEGATORS | {"nobody", "nothing", "none", "neither", "nor", "without", "cannot"}
STOPWORDS = frozenset(
    "the a an of to in on at for and or but that this these those with by as is was were be been being has had "
    "have it its it's from into after before over about than then so such he she they we you i his her their our "
    "your my him them us who whom which what when where why how will would can could may might shall should do "
    "does did just also more most very new says said say told report reports reported".split())
COUNT_CAP = 5  # counts saturate: the tenth "not" in a body says little more than the fifth

def words_of(text: str) -> list[str]:
    """Lower-cased word tokens, "n't" split off so "didn't" also counts as a negation."""
    return words_in(text.lower().replace("n't", " n't"))


def _tokens(text: str) -> list[str]:
    """Lower-cased word tokens with apostrophes kept ("didn't" stays one token), for cue matching."""
    return words_in(text.replace("\u2019", "'"))


def _count_cues(text: str, words: Iterable[str], phrases: Iterable[str]) -> int:
    """Distinct cue words present plus occurrences of cue phrases."""
    tokens = _tokens(text)
    joined = " " + " ".join(tokens) + " "
    token_set = set(tokens)
    return sum(1 for word in words if word in token_set) + sum(joined.count(f" {phrase} ") for phrase in phrases)


def refutation_cues(text: str) -> int:
    """How many refutation/denial cue words and phrases the text holds ("hoax", "fake", "no evidence")."""
    return _count_cues(text, REFUTATION_WORDS, REFUTATION_PHRASES)


def hedging_cues(text: str) -> int:
    """How many hedging cues the text holds ("reportedly", "claims", "may"), a question mark counting as one."""
    return _count_cues(text, HEDGING_WORDS, HEDGING_PHRASES) + (1 if "?" in text else 0)


_ATTRIBUTED = re.compile(
    r"^\s*[\w'.&-]+(?:\s+[\w'.&-]+){0,3}\s*:\s|:\s*(?:report|reports|sources?|analysts?|study)\s*[.!]?\s*$",
    re.IGNORECASE)


def attributed(text: str) -> bool:
    """True for a headline that hangs its claim on someone: "Analyst: ...", "Senator: ...", "...: report"."""
    return bool(_ATTRIBUTED.search(text))


def negation_count(text: str) -> int:
    """Negators in the text ("not", "n't", "never", "no", "without", ...)."""
    return sum(1 for word in words_of(text) if word in STANCE_NEGATORS)


def negation_asymmetry(first_text: str, second_text: str) -> float:
    """1.0 when exactly one of the texts is negated, else 0.0 (both or neither negated)."""
    return float((negation_count(first_text) > 0) != (negation_count(second_text) > 0))


def content_words(text: str) -> set[str]:
    """Words that carry content: no stopwords, no negators, at least three characters."""
    return {word for word in words_of(text) if word not in STOPWORDS and word not in STANCE_NEGATORS and len(word) > 2}


def jaccard(first_text: str, second_text: str) -> float:
    """Jaccard overlap of the two texts' content words (0 when either has none)."""
    first, second = content_words(first_text), content_words(second_text)
    return len(first & second) / len(first | second) if first and second else 0.0


def coverage(first_text: str, second_text: str) -> float:
    """Share of the first text's content words that the second text also uses."""
    first = content_words(first_text)
    return len(first & content_words(second_text)) / len(first) if first else 0.0


def number_relation(first: Sequence[Quantity], second: Sequence[Quantity]) -> tuple[int, int]:
    """(clashes, agreements) between two texts' quantities that count the same thing.

    Quantities come from `reconcile.relate.numbers.extract_quantities`; two
    count the same thing when `counts` and `rate` match. They agree when their
    ranges overlap ("at least 15" and "17"), clash otherwise.
    """
    clashes, agreements = match_quantities(list(first), list(second))
    return len(clashes), len(agreements)


def assessment_relation(first_text: str, second_text: str) -> tuple[int, int]:
    """(opposed, agreeing) assessment dimensions between the texts ("no progress" vs "positive" is opposed)."""
    opposed, agreeing = compare_assessments(assessments(words_in(first_text)), assessments(words_in(second_text)))
    return len(opposed), len(agreeing)


def quantities(doc: Doc | None) -> list[Quantity]:
    """Quantities of a parsed text; none for a missing parse."""
    return extract_quantities(doc) if doc is not None else []


SCALAR_FEATURES = (
    "similarity", "tfidf_similarity", "jaccard", "coverage", "reverse_coverage",
    "second_refutation", "first_refutation", "refutation_difference",
    "second_hedging", "first_hedging", "second_question", "first_question", "second_hedged", "first_hedged",
    "second_attributed", "hedging_difference",
    "second_negations", "first_negations", "negation_asymmetry",
    "number_clashes", "number_agreements", "assessments_opposed", "assessments_agreeing", "length_ratio",
)
# Per-cue-word indicators were tried and dropped: on Emergent cross-validation they overfit
# (stance macro F1 0.727 with them vs 0.755 without), the cue counts carry the signal.
FEATURE_NAMES = SCALAR_FEATURES


def pair_features(first_text: str, second_text: str, similarity: float, *,
                  first_quantities: Sequence[Quantity] | None = None,
                  second_quantities: Sequence[Quantity] | None = None,
                  tfidf_similarity: float = 0.0) -> np.ndarray:
    """The feature vector of one (claim, other text) pair, named by `FEATURE_NAMES`.

    first_text: the claim being checked; second_text: the text taking a stance
    on it; similarity: the cosine of their embeddings. Quantities (from
    `quantities(doc)`) are optional: without them the number features are 0.
    tfidf_similarity: a TF-IDF cosine the caller computed (`TfidfSimilarity`).
    Returns a float64 array of length `len(FEATURE_NAMES)`.
    """
    second_refutation = min(refutation_cues(second_text), COUNT_CAP)
    first_refutation = min(refutation_cues(first_text), COUNT_CAP)
    second_hedging = min(hedging_cues(second_text), COUNT_CAP)
    first_hedging = min(hedging_cues(first_text), COUNT_CAP)
    clashes, agreements = number_relation(first_quantities or [], second_quantities or [])
    opposed, agreeing = assessment_relation(first_text, second_text)
    first_words, second_words = max(1, len(words_of(first_text))), max(1, len(words_of(second_text)))
    scalars = [
        similarity, tfidf_similarity, jaccard(first_text, second_text), coverage(first_text, second_text),
        coverage(second_text, first_text),
        second_refutation, first_refutation, second_refutation - first_refutation,
        second_hedging, first_hedging,
        float("?" in second_text), float("?" in first_text), float(hedged(second_text)), float(hedged(first_text)),
        float(attributed(second_text)), second_hedging - first_hedging,
        min(negation_count(second_text), COUNT_CAP), min(negation_count(first_text), COUNT_CAP),
        negation_asymmetry(first_text, second_text),
        min(clashes, COUNT_CAP), min(agreements, COUNT_CAP), opposed, agreeing,
        math.log(second_words / first_words),
    ]
    return np.asarray(scalars, dtype=np.float64)


def parse_quantities(texts: Sequence[str], batch_size: int = 256) -> dict[str, list[Quantity]]:
    """Each distinct text -> its quantities, parsing with the packaged spaCy model in batches.

    Only texts with a digit or a number word can hold a quantity, so the rest
    are not parsed at all (most of a large benchmark).
    """
    number_word = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                             r"forty|fifty|hundred|thousand|million|dozens?|hundreds|thousands|millions)\b",
                             re.IGNORECASE)
    unique = list(dict.fromkeys(texts))
    found: dict[str, list[Quantity]] = {text: [] for text in unique}
    to_parse = [text for text in unique if number_word.search(text)]
    for text, doc in zip(to_parse, nlp.parser().pipe(to_parse, batch_size=batch_size)):
        found[text] = extract_quantities(doc)
    return found


class TfidfSimilarity:
    """TF-IDF cosine between texts, with a vocabulary fitted on training texts only.

    `fit(texts)` learns the vocabulary and idf; `similarity(firsts, seconds)`
    returns one cosine per pair (an array of length n).
    """

    def __init__(self, max_features: int = 50_000) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, max_features=max_features,
                                          token_pattern=r"(?u)\b\w\w+\b")

    def fit(self, texts: Sequence[str]) -> "TfidfSimilarity":
        self.vectorizer.fit(texts)
        return self

    def similarity(self, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(list(firsts) + list(seconds)))
        index = {text: row for row, text in enumerate(unique)}
        matrix = self.vectorizer.transform(unique)  # rows are L2-normalised
        a = matrix[[index[text] for text in firsts]]
        b = matrix[[index[text] for text in seconds]]
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()


class RelationModel(SavedAsJson):
    """A scikit-learn classifier over pair features, saved as a small JSON file.

    kind="logistic": standardised features, multinomial logistic regression
    with balanced class weights. kind="boosting": histogram gradient boosting
    (balanced class weights, fixed random_state); its trees are exported to
    JSON node lists, so loading needs no pickle and no particular sklearn.
    `classes` are relation names (`RELATIONS`) or any labels the caller uses.
    """

    def __init__(self, kind: str = "logistic", regularization: float = 0.05, max_iterations: int = 200,
                 max_leaf_nodes: int = 15, learning_rate: float = 0.1, random_state: int = 0) -> None:
        if kind not in ("logistic", "boosting"):
            raise ValueError(f"unknown model kind {kind!r}")
        self.kind = kind
        self.regularization = regularization
        self.max_iterations = max_iterations
        self.max_leaf_nodes = max_leaf_nodes
        self.learning_rate = learning_rate
        self.random_state = random_state
        self.classes: list[str] = []
        self.feature_names: list[str] = []
        self._state: dict = {}

    # -- training ---------------------------------------------------------
    def fit(self, features: np.ndarray, labels: Sequence[str], feature_names: Sequence[str] | None = None,
            sample_weight: np.ndarray | None = None) -> "RelationModel":
        """features (n, d) float, labels (n,) -> self, fitted."""
        features = np.asarray(features, dtype=np.float64)
        labels = np.asarray(labels)
        self.classes = sorted(set(labels.tolist()))
        self.feature_names = list(feature_names) if feature_names is not None else [f"f{i}" for i in
                                                                                      range(features.shape[1])]
        if self.kind == "logistic":
            self._fit_logistic(features, labels, sample_weight)
        else:
            self._fit_boosting(features, labels, sample_weight)
        return self

    def _fit_logistic(self, features: np.ndarray, labels: np.ndarray, sample_weight: np.ndarray | None) -> None:
        from sklearn.linear_model import LogisticRegression

        mean = features.mean(axis=0)
        scale = features.std(axis=0)
        scale[scale == 0] = 1.0  # a constant feature stays 0 after scaling instead of dividing by zero
        classifier = LogisticRegression(C=self.regularization, class_weight="balanced", max_iter=2000)
        classifier.fit((features - mean) / scale, labels, sample_weight=sample_weight)
        coefficients, intercepts = one_row_per_class(classifier)
        self._state = {"mean": mean.tolist(), "scale": scale.tolist(), "coefficients": coefficients.tolist(),
                       "intercepts": intercepts.tolist()}

    def _fit_boosting(self, features: np.ndarray, labels: np.ndarray, sample_weight: np.ndarray | None) -> None:
        from sklearn.ensemble import HistGradientBoostingClassifier

        classifier = HistGradientBoostingClassifier(
            max_iter=self.max_iterations, max_leaf_nodes=self.max_leaf_nodes, learning_rate=self.learning_rate,
            class_weight="balanced", random_state=self.random_state, early_stopping=False)
        classifier.fit(features, labels, sample_weight=sample_weight)
        # sklearn's fitted trees live in `_predictors` (iterations x trees per iteration); keep only
        # what prediction needs, as plain lists, so the file does not depend on sklearn's pickles.
        trees = []
        for iteration in classifier._predictors:
            trees.append([_tree_to_lists(predictor.nodes) for predictor in iteration])
        baseline = np.asarray(classifier._baseline_prediction, dtype=np.float64).ravel()
        self._state = {"baseline": baseline.tolist(), "trees": trees}

    # -- prediction -------------------------------------------------------
    def decision(self, features: np.ndarray) -> np.ndarray:
        """Raw scores (n, classes) before the softmax (or sigmoid for two boosted classes)."""
        features = np.atleast_2d(np.asarray(features, dtype=np.float64))
        if self.kind == "logistic":
            scaled = (features - np.asarray(self._state["mean"])) / np.asarray(self._state["scale"])
            return scaled @ np.asarray(self._state["coefficients"]).T + np.asarray(self._state["intercepts"])
        baseline = np.asarray(self._state["baseline"])
        raw = np.tile(baseline, (len(features), 1))
        for iteration in self._state["trees"]:
            for k, tree in enumerate(iteration):
                raw[:, k] += _tree_predict(tree, features)
        if raw.shape[1] == 1:  # binary boosting: one score for the second class
            raw = np.hstack([np.zeros_like(raw), raw])
        return raw

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """features (n, d) -> probabilities (n, len(classes)), columns in `classes` order."""
        return softmax(self.decision(features))

    def predict(self, features: np.ndarray) -> list[str]:
        """features (n, d) -> the most probable class of each row."""
        return [self.classes[i] for i in self.predict_proba(features).argmax(axis=1)]

    # -- persistence ------------------------------------------------------
    def to_dict(self) -> dict:
        return {"format": "reconcile-relation-model/1", "kind": self.kind, "classes": self.classes,
                "feature_names": self.feature_names, "state": _rounded(self._state)}

    @classmethod
    def from_dict(cls, data: dict) -> "RelationModel":
        if data.get("format") != "reconcile-relation-model/1":
            raise ValueError("not a reconcile relation model file")
        model = cls(kind=data["kind"])
        model.classes = list(data["classes"])
        model.feature_names = list(data["feature_names"])
        model._state = data["state"]
        return model


def one_row_per_class(classifier) -> tuple[np.ndarray, np.ndarray]:
    """A fitted sklearn LogisticRegression's (coefficients (k, d), intercepts (k,)), one row per class.

    sklearn keeps a single row for two classes; splitting it in two halves
    gives the same probabilities under one softmax rule for any k.
    """
    coefficients, intercepts = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:
        coefficients = np.vstack([-coefficients[0] / 2, coefficients[0] / 2])
        intercepts = np.array([-intercepts[0] / 2, intercepts[0] / 2])
    return coefficients, intercepts


def softmax(scores: np.ndarray) -> np.ndarray:
    """Raw scores (n, k) -> probabilities (n, k), rows summing to 1."""
    scores = np.asarray(scores, dtype=np.float64)
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def _tree_to_lists(nodes: np.ndarray) -> dict:
    """sklearn's node records -> {feature, threshold, left, right, value, leaf, missing_left} lists."""
    return {
        "feature": nodes["feature_idx"].astype(int).tolist(),
        "threshold": nodes["num_threshold"].astype(float).tolist(),
        "left": nodes["left"].astype(int).tolist(),
        "right": nodes["right"].astype(int).tolist(),
        "value": nodes["value"].astype(float).tolist(),
        "leaf": nodes["is_leaf"].astype(int).tolist(),
        "missing_left": nodes["missing_go_to_left"].astype(int).tolist(),
    }


def _tree_predict(tree: dict, features: np.ndarray) -> np.ndarray:
    """The leaf value each row reaches, walking all rows level by level (vectorised)."""
    feature = np.asarray(tree["feature"])
    threshold = np.asarray(tree["threshold"])
    left, right = np.asarray(tree["left"]), np.asarray(tree["right"])
    leaf = np.asarray(tree["leaf"], dtype=bool)
    missing_left = np.asarray(tree["missing_left"], dtype=bool)
    node = np.zeros(len(features), dtype=int)
    rows = np.arange(len(features))
    while True:
        active = ~leaf[node]
        if not active.any():
            break
        current = node[active]
        values = features[rows[active], feature[current]]
        go_left = np.where(np.isnan(values), missing_left[current], values <= threshold[current])
        node[active] = np.where(go_left, left[current], right[current])
    return np.asarray(tree["value"])[node]


def _rounded(value):
    """Floats to 6 significant digits, recursively, to keep the shipped file small."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def body_sentences(body: str, limit: int | None = None) -> list[str]:
    """An article body -> its sentences, in order (paragraphs split on line breaks first).

    `limit` keeps only the first `limit` sentences. Empty and one-character
    fragments are dropped, so index i is always a real sentence.
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", body):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        for sentence in nlp.sentence_splitter()(paragraph).sents:
            text = sentence.text.strip()
            if len(text) > 1:
                sentences.append(text)
                if limit is not None and len(sentences) >= limit:
                    return sentences
    return sentences


def most_similar(query: np.ndarray, candidates: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` rows of candidates (m, dim) most similar to query (dim,), best first."""
    if len(candidates) == 0:
        return np.zeros(0, dtype=int)
    scores = candidates @ query
    return np.argsort(-scores, kind="stable")[:count]


SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "data" / "relation_model.json"


class RelationModelSignal(Signal):
    """A `Signal` from a trained `RelationModel`: conflict when p(conflict), averaged over both
    directions (the model reads "claim, then a text taking a stance on it"), reaches `min_conflict`."""

    name = "relation-model"

    def __init__(self, model_path: Path | str = SHIPPED_MODEL, min_conflict: float = 0.8,
                 min_similarity: float = 0.3) -> None:
        from reconcile.relate.framing import FusedRelationModel

        self.model = FusedRelationModel.load(model_path)
        self._model_digest = hashlib.sha256(Path(model_path).read_bytes()).hexdigest()[:16]
        self.min_conflict = min_conflict
        self.min_similarity = min_similarity

    def identity(self) -> str:
        return f"{super().identity()}model:{self._model_digest}"

    def probability_of_conflict(self, first, second, similarity: float) -> float:
        first_quantities, second_quantities = first.feature(view_quantities), second.feature(view_quantities)
        features = np.stack([
            pair_features(first.text, second.text, similarity, first_quantities=first_quantities,
                          second_quantities=second_quantities),
            pair_features(second.text, first.text, similarity, first_quantities=second_quantities,
                          second_quantities=first_quantities),
        ])
        column = list(self.model.classes).index(CONFLICT)
        texts = [first.text, second.text]
        return float(self.model.predict_proba(features, texts, texts[::-1])[:, column].mean())

    def compare(self, first, second, similarity: float):
        from reconcile.relate.base import Finding

        if similarity < self.min_similarity:
            return None
        probability = self.probability_of_conflict(first, second, similarity)
        if probability < self.min_conflict:
            return None
        return Finding(CONFLICT, round(probability * 0.8, 3),
                       f"reads as a refutation to the relation model (p={probability:.2f})")
