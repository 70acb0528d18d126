"""Shared wording: a phrase one claim quotes that the other uses too.

Tom Fenwick said the rescue had been "chaotic and slow"; a councillor said the
operation had been "chaotic and slow". Two sources putting the same quoted
words on one point back each other, even when the rest of the sentences
differ too much for the embedding cosine alone. A denial that repeats the
quote ("denied it had been 'chaotic and slow'") is caught as a conflict by
the negation signal, and conflicts win over corroboration in `judge`.
"""

from __future__ import annotations

import re

from reconcile.relate.base import CORROBORATE, ClaimView, Finding, Signal, words_in

_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def quoted_phrases(text: str) -> list[tuple[str, ...]]:
    """The phrases text puts in quotation marks, as tuples of lower-cased words (`words_in`)."""
    return [tuple(words_in(match)) for match in _QUOTED.findall(text)]


def _view_quoted(view: ClaimView) -> list[tuple[str, ...]]:
    return quoted_phrases(view.sentence)  # quotation marks may lie in the frame


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    """phrase occurs in words as a contiguous run."""
    length = len(phrase)
    return any(tuple(words[i:i + length]) == phrase for i in range(len(words) - length + 1))


class SharedQuoteSignal(Signal):
    """Corroboration when a phrase one claim quotes (two words or more) appears word for word in the other."""

    name = "shared-quote"

    def __init__(self, min_similarity: float = 0.4, min_words: int = 2) -> None:
        self.min_similarity = min_similarity
        self.min_words = min_words

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        for quoting, other in ((first, second), (second, first)):
            for phrase in quoting.feature(_view_quoted):
                if len(phrase) >= self.min_words and _contains(other.words, phrase):
                    return Finding(CORROBORATE, round(0.5 + similarity / 2, 3), f"same words: “{' '.join(phrase)}”")
        return None
