"""What every relation signal sees and returns.

A signal compares two claims from different sources and returns a `Finding`
(relation, score in [0, 1], reason a reader can check) or None when it has
nothing to say. Signals never see the whole corpus: pairs come to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

CONFLICT = "conflict"
CORROBORATE = "corroborate"


@dataclass(frozen=True)
class Finding:
    relation: str
    score: float
    reason: str


@dataclass
class ClaimView:
    """One claim as the signals see it: text, parse and source."""

    id: str
    text: str
    source: str
    doc: Doc
    asserted: bool = True  # False when the claim only passes on what others say ("reportedly")
    words: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = re.findall(r"[\w'-]+", self.text.lower())

    @cached_property
    def quantities(self) -> list:
        """The claim's quantities, extracted once however many pairs it is in."""
        from reconcile.relate.numbers import extract_quantities  # numbers imports this module

        return extract_quantities(self.doc)


class Signal:
    """(ClaimView, ClaimView, cosine similarity) -> Finding | None."""

    name = "signal"

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        raise NotImplementedError


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
