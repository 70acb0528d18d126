"""Optional signal: a cross-encoder NLI model reads two claims as contradicting.

Input: any sentence-transformers `CrossEncoder` trained for natural language
inference (a name or a local path; nothing is downloaded unless the name
asks for it). The label order differs between NLI models, so it is read
from the model's `config.id2label`, never assumed. Output of `compare`: a
conflict `Finding` when the contradiction probability, averaged over both
directions, reaches `min_contradiction`; otherwise None.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal

NLI_LABELS = ("entailment", "neutral", "contradiction")


def label_columns(id2label: dict) -> dict[str, int]:
    """{"entailment": i, "neutral": j, "contradiction": k} from a model's id2label (names matched by prefix).

    Raises ValueError when the labels are not recognisably NLI labels.
    """
    columns: dict[str, int] = {}
    for index, label in id2label.items():
        name = str(label).lower()
        for wanted in NLI_LABELS:
            if name.startswith(wanted[:6]):  # "entail", "neutra", "contra": also "contradict", "entails"
                columns[wanted] = int(index)
    if set(columns) != set(NLI_LABELS):
        raise ValueError(f"not an NLI model: labels {dict(id2label)} lack one of {', '.join(NLI_LABELS)}")
    return columns


class NLISignal(Signal):
    """Contradiction from a cross-encoder NLI model, both directions averaged."""

    name = "nli"

    def __init__(self, model_name_or_path: str, min_contradiction: float = 0.7, min_similarity: float = 0.3,
                 batch_size: int = 32) -> None:
        from sentence_transformers import CrossEncoder

        from reconcile.embed import resolve_model

        self.model_name_or_path = str(model_name_or_path)  # the cache's key for its findings (identity)
        self.model = CrossEncoder(resolve_model(model_name_or_path, option="--nli-model"), device="cpu")
        self.columns = label_columns(self.model.model.config.id2label)
        self.min_contradiction = min_contradiction
        self.min_similarity = min_similarity
        self.batch_size = batch_size

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(premise, hypothesis) pairs (n,) -> (n, 3) probabilities, columns entailment, neutral, contradiction."""
        if not pairs:
            return np.zeros((0, 3))
        scores = self.model.predict([list(pair) for pair in pairs], batch_size=self.batch_size,
                                    apply_softmax=True, convert_to_numpy=True, show_progress_bar=False)
        scores = np.atleast_2d(np.asarray(scores, dtype=np.float64))
        return scores[:, [self.columns[label] for label in NLI_LABELS]]

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        # Unrelated claims are "neutral" at best; skipping them saves the model call.
        if similarity < self.min_similarity:
            return None
        both = self.probabilities([(first.text, second.text), (second.text, first.text)]).mean(axis=0)
        contradiction = float(both[NLI_LABELS.index("contradiction")])
        if contradiction < self.min_contradiction:
            return None
        return Finding(CONFLICT, round(contradiction, 3),
                       f"an NLI model reads them as contradicting (p={contradiction:.2f})")
