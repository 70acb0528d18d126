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


def quoted_phrases(text: str, min_words: int = 2) -> list[str]:
    """The phrases text puts in quotation marks, lower-cased words joined by spaces, min_words or longer."""
    phrases = (" ".join(words_in(match)) for match in _QUOTED.findall(text))
    return [phrase for phrase in phrases if len(phrase.split()) >= min_words]


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
            other_words = f" {' '.join(words_in(other.text))} "
            for phrase in quoted_phrases(quoting.text, self.min_words):
                if f" {phrase} " in other_words:
                    return Finding(CORROBORATE, round(0.5 + similarity / 2, 3), f"same words: “{phrase}”")
        return None
