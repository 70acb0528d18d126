"""The frame of a stance: what a text says around a claim once the claim's own words are masked.

"ISIS leader killed in US airstrike" and "Reports that ISIS leader killed in
US airstrike are a hoax" share the claim's content; what tells them apart is
the frame left when that content is masked: "_" versus "reports that _ are a
hoax". `FrameModel` reads frames with character n-grams, so it learns
stance templates ("_ is fake", "_ claims", "did _ ?") rather than topics.

`FusedRelationModel` combines it with the `RelationModel` over
`pair_features`: a weighted mean of the two models' log-probabilities plus a
per-class offset, both chosen by grouped cross-validation on the training
data to maximise macro F1. Shapes: features (n, d) float; firsts, seconds
(n,) strings (the claim, the text taking a stance on it); probabilities
(n, len(classes)).
"""

from __future__ import annotations

import itertools
import re
from typing import Sequence

import numpy as np

from reconcile.relate.base import WORD, SavedAsJson, words_in
from reconcile.relate.stance import RelationModel, one_row_per_class, softmax

MASK = "_"
FRAME_CHARACTERS = 300  # FNC-1 focus passages are long; the frame of a stance sits in its first sentences
FUSION_WEIGHTS = np.round(np.arange(0.0, 1.01, 0.1), 2)  # weight of the frame model's log-probabilities
CLASS_OFFSETS = np.round(np.arange(-0.6, 0.61, 0.2), 2)  # added to a class's fused log-probability
FORMAT = "reconcile-fused-relation-model/1"


def frame_text(first: str, second: str) -> str:
    """The words and question marks of second, lower-cased, those shared with first as "_" (a run as one)."""
    claim_words = set(words_in(first))
    framed: list[str] = []
    for word in re.findall(WORD + r"|\?", second[:FRAME_CHARACTERS].lower()):  # "?" marks a question headline
        token = MASK if word in claim_words else word
        if not (token == MASK and framed and framed[-1] == MASK):
            framed.append(token)
    return " ".join(framed)


class FrameModel:
    """Logistic regression over character 2-5-gram TF-IDF of `frame_text(first, second)`.

    The fitted vocabulary, idf and coefficients are kept as plain lists, so
    the model saves to JSON and loads without pickles.
    """

    def __init__(self, regularization: float = 2.0, max_features: int = 20000) -> None:
        self.regularization = regularization
        self.max_features = max_features
        self.classes: list[str] = []
        self._vectorizer = None
        self._coefficients = np.zeros((0, 0))
        self._intercepts = np.zeros(0)

    def _new_vectorizer(self, vocabulary=None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                               max_features=self.max_features, vocabulary=vocabulary, dtype=np.float64)

    def fit(self, firsts: Sequence[str], seconds: Sequence[str], labels: Sequence[str]) -> "FrameModel":
        """firsts, seconds, labels (n,) -> self, fitted."""
        from sklearn.linear_model import LogisticRegression

        self._vectorizer = self._new_vectorizer()
        matrix = self._vectorizer.fit_transform([frame_text(a, b) for a, b in zip(firsts, seconds)])
        classifier = LogisticRegression(C=self.regularization, class_weight="balanced", max_iter=3000)
        classifier.fit(matrix, np.asarray(labels))
        self.classes = [str(label) for label in classifier.classes_]
        self._coefficients, self._intercepts = one_row_per_class(classifier)
        return self

    def predict_proba(self, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
        """firsts, seconds (n,) -> probabilities (n, len(classes))."""
        matrix = self._vectorizer.transform([frame_text(a, b) for a, b in zip(firsts, seconds)])
        return softmax(matrix @ self._coefficients.T + self._intercepts)

    @property
    def vocabulary_size(self) -> int:
        return len(self._vectorizer.vocabulary_)

    def to_dict(self) -> dict:
        vocabulary = sorted(self._vectorizer.vocabulary_, key=self._vectorizer.vocabulary_.get)
        return {"classes": self.classes, "regularization": self.regularization, "max_features": self.max_features,
                "vocabulary": vocabulary, "idf": [float(f"{v:.4g}") for v in self._vectorizer.idf_],
                "coefficients": [[float(f"{v:.3g}") for v in row] for row in self._coefficients],
                "intercepts": [float(f"{v:.6g}") for v in self._intercepts]}

    @classmethod
    def from_dict(cls, data: dict) -> "FrameModel":
        model = cls(regularization=data["regularization"], max_features=data["max_features"])
        model.classes = list(data["classes"])
        model._vectorizer = model._new_vectorizer(vocabulary={gram: i for i, gram in enumerate(data["vocabulary"])})
        model._vectorizer.idf_ = np.asarray(data["idf"], dtype=np.float64)
        model._coefficients = np.asarray(data["coefficients"], dtype=np.float64)
        model._intercepts = np.asarray(data["intercepts"], dtype=np.float64)
        return model


class FusedRelationModel(SavedAsJson):
    """A `RelationModel` over pair features, optionally fused with a `FrameModel` over the texts.

    `FusedRelationModel(kind, folds, random_state).fit(...)` trains both and
    chooses the fusion; `load(path)` reads a saved one. Without a frame model
    (`frame_weight` 0) it is the feature model itself; files written by
    `RelationModel.save` load as such.
    """

    def __init__(self, kind: str = "logistic", folds: int = 5, random_state: int = 0) -> None:
        self.kind = kind
        self.folds = folds
        self.random_state = random_state
        self.features_model: RelationModel | None = None
        self.frame_model: FrameModel | None = None
        self.frame_weight = 0.0
        self.classes: list[str] = []
        self.class_offsets = np.zeros(0)

    def fit(self, features: np.ndarray, firsts: Sequence[str], seconds: Sequence[str], labels: Sequence[str],
            groups: Sequence, feature_names: Sequence[str] | None = None) -> "FusedRelationModel":
        """Fit both models on all rows; choose the fusion on out-of-fold predictions grouped by `groups`.

        features (n, d); firsts, seconds, labels, groups (n,). Rows of one
        group (a claim, a headline) never sit on both sides of a split, so
        the chosen weight reflects unseen claims. Returns self.
        """
        from sklearn.model_selection import GroupKFold

        features, labels = np.asarray(features, dtype=np.float64), np.asarray(labels)
        firsts, seconds = list(firsts), list(seconds)

        def fit_both(rows):
            features_model = RelationModel(kind=self.kind, random_state=self.random_state).fit(
                features[rows], labels[rows], feature_names)
            frame_model = FrameModel().fit([firsts[r] for r in rows], [seconds[r] for r in rows], labels[rows])
            return features_model, frame_model

        folds = min(self.folds, len(set(groups)))
        if folds < 2:
            raise ValueError("choosing the fusion needs rows from at least two groups")
        classes = sorted(set(labels.tolist()))
        feature_oof, frame_oof = np.zeros((len(labels), len(classes))), np.zeros((len(labels), len(classes)))
        for train_rows, test_rows in GroupKFold(n_splits=folds).split(features, groups=np.asarray(groups)):
            features_model, frame_model = fit_both(train_rows)
            feature_oof[test_rows] = _in_order(features_model.predict_proba(features[test_rows]),
                                               features_model.classes, classes)
            frame_oof[test_rows] = _in_order(frame_model.predict_proba([firsts[r] for r in test_rows],
                                                                       [seconds[r] for r in test_rows]),
                                             frame_model.classes, classes)
        weight, offsets = choose_fusion(feature_oof, frame_oof, labels, classes)
        return self._set(*fit_both(np.arange(len(labels))), weight, offsets)

    def _set(self, features_model: RelationModel, frame_model: FrameModel | None, frame_weight: float,
             class_offsets: Sequence[float] | None) -> "FusedRelationModel":
        self.features_model, self.frame_model = features_model, frame_model
        self.frame_weight = float(frame_weight) if frame_model is not None else 0.0
        self.classes = list(features_model.classes)
        self.class_offsets = np.zeros(len(self.classes)) if class_offsets is None else np.asarray(class_offsets, float)
        return self

    def predict_proba(self, features: np.ndarray, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
        """features (n, d), firsts, seconds (n,) -> probabilities (n, len(classes))."""
        feature_probabilities = self.features_model.predict_proba(features)
        if self.frame_model is None or self.frame_weight == 0:
            frame_probabilities = feature_probabilities
        else:
            frame_probabilities = _in_order(self.frame_model.predict_proba(firsts, seconds), self.frame_model.classes,
                                            self.classes)
        return fuse(feature_probabilities, frame_probabilities, self.frame_weight, self.class_offsets)

    def to_dict(self) -> dict:
        return {"format": FORMAT, "features_model": self.features_model.to_dict(),
                "frame_model": self.frame_model.to_dict() if self.frame_model is not None else None,
                "frame_weight": self.frame_weight, "class_offsets": self.class_offsets.tolist()}

    @classmethod
    def from_dict(cls, data: dict) -> "FusedRelationModel":
        if not isinstance(data, dict):
            raise ValueError("not a reconcile relation model file")
        try:
            if data.get("format") != FORMAT:  # a plain feature model
                plain = RelationModel.from_dict(data)
                return cls(kind=plain.kind)._set(plain, None, 0.0, None)
            features_model = RelationModel.from_dict(data["features_model"])
            frame = FrameModel.from_dict(data["frame_model"]) if data.get("frame_model") else None
            return cls(kind=features_model.kind)._set(features_model, frame, data["frame_weight"],
                                                      data["class_offsets"])
        except (KeyError, TypeError, IndexError) as error:
            raise ValueError(f"relation model file is incomplete or damaged ({type(error).__name__}: {error})") \
                from None


def fuse(first: np.ndarray, second: np.ndarray, second_weight: float, class_offsets: np.ndarray) -> np.ndarray:
    """Two probability tables (n, k) -> softmax((1 - w)·log first + w·log second + offsets)."""
    scores = (1 - second_weight) * np.log(first + 1e-9) + second_weight * np.log(second + 1e-9) + class_offsets
    return softmax(scores)


def choose_fusion(first: np.ndarray, second: np.ndarray, labels: Sequence[str],
                  classes: Sequence[str]) -> tuple[float, np.ndarray]:
    """(weight of second, per-class offsets) with the best macro F1 of the fused argmax on these rows.

    The first class's offset stays 0 (only differences matter). Of settings
    that tie, the smallest weight and then the smallest offsets win, so the
    choice is deterministic and departs from plain averaging only when that pays.
    """
    gold = np.searchsorted(np.asarray(classes), np.asarray(labels))
    tails = sorted(itertools.product(CLASS_OFFSETS, repeat=len(classes) - 1), key=lambda tail: (np.abs(tail).sum(), tail))
    grid = [np.array((0.0, *tail)) for tail in tails]
    best_score, best = -1.0, (0.0, np.zeros(len(classes)))
    for weight in FUSION_WEIGHTS:
        scores = (1 - weight) * np.log(first + 1e-9) + weight * np.log(second + 1e-9)
        for offsets in grid:
            score = macro_f1(gold, (scores + offsets).argmax(axis=1), len(classes))
            if score > best_score + 1e-12:
                best_score, best = score, (float(weight), offsets)
    return best


def macro_f1(gold: np.ndarray, predicted: np.ndarray, class_count: int) -> float:
    """Macro F1 of integer labels, by counting (the grid search calls it thousands of times)."""
    confusion = np.bincount(gold * class_count + predicted, minlength=class_count ** 2).reshape(class_count,
                                                                                                 class_count)
    true_positive = np.diag(confusion).astype(float)
    denominator = confusion.sum(axis=0) + confusion.sum(axis=1)
    f1 = np.divide(2 * true_positive, denominator, out=np.zeros(class_count), where=denominator > 0)
    return float(f1.mean())


def _in_order(probabilities: np.ndarray, have: Sequence[str], want: Sequence[str]) -> np.ndarray:
    """Columns of probabilities reordered from class order `have` to `want` (absent classes get 0)."""
    out = np.zeros((len(probabilities), len(want)))
    for j, label in enumerate(want):
        if label in have:
            out[:, j] = probabilities[:, list(have).index(label)]
    return out
