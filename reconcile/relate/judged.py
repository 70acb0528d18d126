"""The learned judge as a signal: a conflict when the cross-encoder is sure two claims contradict.

Input: two claims' contents. Output of `compare`: a conflict `Finding` when the judge's probability
of `conflict` (both orders averaged) reaches `min_conflict`, with a reason that quotes the words
each claim has and the other lacks; otherwise None. The judge is loaded on first use.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from reconcile.judge import LABELS
from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal
from reconcile.text import quote


def contrast(first: str, second: str) -> tuple[str, str]:
    """The longest run of words in each text that the other does not use: what sets them apart."""
    def runs(text: str, other: set[str]) -> str:
        words = re.findall(r"[\w'-]+|[^\w\s]", text)
        best, current = [], []
        for word in words:
            if word.lower() not in other and re.match(r"\w", word):
                current.append(word)
            else:
                if len(current) > len(best):
                    best = current
                current = []
        best = current if len(current) > len(best) else best
        return " ".join(best)

    a = {w.lower() for w in re.findall(r"[\w'-]+", first)}
    b = {w.lower() for w in re.findall(r"[\w'-]+", second)}
    return runs(first, b), runs(second, a)


class JudgeSignal(Signal):
    name = "judge"

    # Set on the eleven older development corpora (issue #12's notes): at p >= 0.95 among pairs of a
    # story with cosine >= 0.5 it added one true conflict and no false one; at 0.9 twelve false, at 0.8
    # thirty-one. Letting it overrule the rules' conflicts dropped half of the true ones. On unread real
    # news 12 of 16 sampled flags were false at these settings: so the CLI leaves it off by default.
    def __init__(self, directory: Path | str | None = None, min_conflict: float = 0.95, min_similarity: float = 0.5,
                 cache=None) -> None:
        """`cache`: an `EmbeddingCache`; the judge's verdicts are kept there by pair and judge version,
        so a rerun judges only pairs it has not seen."""
        self.directory = directory
        self.cache = cache
        self.min_conflict = min_conflict
        self.min_similarity = min_similarity
        self.story_similarity = min_similarity  # reads every pair of a story this alike, whatever the rules pick
        self._judge = None
        self._version: str | None = None
        self._memo: dict[tuple[str, str], float] = {}

    def identity(self) -> str:
        return f"{super().identity()}{self._identity()}"

    @staticmethod
    def _key(first: str, second: str) -> tuple[str, str]:
        return (first, second) if first <= second else (second, first)

    def _identity(self) -> str:
        """The judge's version for the cache: a digest of its tensors and card."""
        if self._version is not None:
            return self._version
        import hashlib

        from reconcile.judge.model import SHIPPED_JUDGE

        directory = Path(self.directory or SHIPPED_JUDGE)
        digest = hashlib.sha256()
        for name in ("judge.json", "judge.safetensors"):
            digest.update((directory / name).read_bytes())
        self._version = f"judge:{digest.hexdigest()[:16]}"
        return self._version

    def _score(self, keys: list[tuple[str, str]]) -> None:
        keys = [key for key in dict.fromkeys(keys) if key not in self._memo]
        if not keys:
            return
        texts = {f"{a}\x1f{b}": (a, b) for a, b in keys}  # one cache entry per pair: both contents, in order
        stored = self.cache.get(self._identity(), list(texts), dim=len(LABELS)) if self.cache is not None else {}
        missing = [texts[text] for text in texts if text not in stored]
        if missing:
            if self._judge is None:
                from reconcile.judge.model import SHIPPED_JUDGE, Judge

                self._judge = Judge(self.directory or SHIPPED_JUDGE)
            # Kept as float32, rounded, whichever way they came: a fresh and a cached verdict must fall
            # the same side of a threshold.
            fresh = {f"{a}\x1f{b}": row.astype(np.float32) for (a, b), row in zip(missing, self._judge.probabilities(missing))}
            if self.cache is not None:
                self.cache.put(self._identity(), fresh)
            stored = {**stored, **fresh}
        column = LABELS.index("conflict")
        for text, key in texts.items():
            self._memo[key] = round(float(stored[text][column]), 4)

    def prepare(self, pairs) -> None:
        """Judge, in batches, every pair that passes the cheap filter (similarity)."""
        self._score([self._key(a.text, b.text) for a, b, similarity in pairs if similarity >= self.min_similarity])

    def conflict_probability(self, first: str, second: str) -> float:
        key = self._key(first, second)
        self._score([key])
        return self._memo[key]

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        probability = self.conflict_probability(first.text, second.text)
        if probability < self.min_conflict:
            return None
        one, other = contrast(first.text, second.text)
        detail = f": one says {quote(one, 50)}, the other {quote(other, 50)}" if one and other else ""
        return Finding(CONFLICT, round(probability, 3), f"the judge reads them as contradicting (p={probability:.2f}){detail}",
                       learned=True)
