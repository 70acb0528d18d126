"""What every relation signal sees and returns.

A signal compares two claims from different sources and returns a `Finding`
(relation, score in [0, 1], reason a reader can check) or None when it has
nothing to say. Signals never see the whole corpus: pairs come to them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

CONFLICT = "conflict"
CORROBORATE = "corroborate"
REVISION = "revision"  # a later report updates an earlier figure ("the toll has risen to 19")
#: words that negate a predicate; each signal adds the scope words it needs
NEGATORS = frozenset({"not", "n't", "never", "no"})
#: words that make a noun phrase say "none of it": "no document was signed", "nobody was hurt"
NEGATING_DETERMINERS = frozenset({"no", "none", "neither", "nobody", "nothing"})


@dataclass(frozen=True)
class Finding:
    relation: str
    score: float
    reason: str
    learned: bool = False  # from a model that reads whole claims (the judge): its reason only quotes


@dataclass
class ClaimView:
    """One claim as the signals see it: its content (`text`, without the reporting frame), the
    parse of that content, its source, and the whole sentence (`sentence`) for signals that need
    the frame's quotation marks."""

    id: str
    text: str
    source: str
    doc: Doc
    asserted: bool = True  # False when the claim only passes on what others say ("reportedly")
    when: tuple = ()  # (article date or "", article id, sentence number): which of two reports came later
    sentence: str = ""  # the whole sentence, frame and all; the content when not given
    words: list[str] = field(init=False)
    _features: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.words = words_in(self.text)
        self.sentence = self.sentence or self.text

    def feature(self, function: Callable[["ClaimView"], object]):
        """`function(self)`, computed once per claim however many pairs the claim is in."""
        if function not in self._features:
            self._features[function] = function(self)
        return self._features[function]


WORD = r"[\w'-]+"


def words_in(text: str) -> list[str]:
    """Lower-cased words, hyphens and apostrophes kept ("well-coordinated", "didn't")."""
    return re.findall(WORD, text.lower())


class Signal:
    """(ClaimView, ClaimView, cosine similarity) -> Finding | None.

    `prepare(pairs)` is called once with every (first, second, similarity) a run will compare,
    before any `compare`, so a signal that runs a model can do its work in batches.

    `story_similarity`: None, or a cosine from which this signal wants to read every pair of one
    story from different sources, beyond the candidates the rules pick (same point, measures, times).
    `reads_pairs`: which candidate pairs it reads (see the attribute).
    """

    name = "signal"
    story_similarity: float | None = None
    #: "rules": the candidate pairs the rules pick (plus `story_similarity`'s); "denials": only the
    #: pairs of a denial and the claims it answers (`relate.denials.denial_pairs`)
    reads_pairs: str = "rules"
    #: more pairs it reads, by name, beyond `reads_pairs`'s: "figures", the pairs of a story whose
    #: figures' clauses are alike (`relate.figure_pairs`); "causes", those of a story that both give
    #: a cause (`relate.story_pairs`)
    also_reads: tuple[str, ...] = ()

    def identity(self) -> str:
        """What a cached finding was computed with, beside the code version: the signal's name and
        its plain settings. A signal that loads a model from outside the package adds the model's
        identity."""
        settings = {key: value for key, value in sorted(vars(self).items())
                    if not key.startswith("_") and isinstance(value, (bool, int, float, str, type(None)))}
        return f"{self.name}{settings}"

    def prepare(self, pairs: list[tuple["ClaimView", "ClaimView", float]]) -> None:
        return None

    def use_phrase_vectors(self, vectors: dict) -> None:
        """Called by relate before any `compare` with the unit vectors of the phrases the run embedded
        for the signals (phrase text -> vector: the clauses of figures, the causes claims give), for
        a signal that compares parts of claims by meaning. Most signals ignore them."""
        return None

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        raise NotImplementedError


def phrase_text(tokens: list[Token]) -> str:
    """The words of a run of tokens cut from a parse (a figure's clause, a cause), punctuation left out."""
    return " ".join(t.text for t in tokens if not t.is_punct).strip()


def phrase_similarity(vectors: dict, first: str, second: str) -> float | None:
    """Cosine of two phrases' unit vectors (`Signal.use_phrase_vectors`), rounded to 1e-6 so that a
    cosine at a bar falls the same way on any CPU; None when either phrase has no vector."""
    if first not in vectors or second not in vectors:
        return None
    return round(float(vectors[first] @ vectors[second]), 6)


class SavedAsJson:
    """A model that writes itself as compact JSON: subclasses give `to_dict()` and `from_dict(data)`."""

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str):
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
