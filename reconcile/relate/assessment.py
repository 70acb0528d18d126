"""Opposite assessments of the same thing: "no sign of progress" vs "the atmosphere was positive".

An assessment is a word or phrase from a small lexicon, on one dimension
(how talks are going, how an operation was run), with a polarity that a
nearby negator flips ("no sign of progress" is negative). Two claims
conflict when they assess the same dimension with opposite polarities and
neither is mixed. These claims are often far apart in embedding space
("the team heads home with nothing" / "the mood was positive"), so relate
compares assessments across a whole topic, not just within a point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.relate.base import CONFLICT, NEGATORS, ClaimView, Finding, Signal

LEXICON: dict[str, dict[str, int]] = {
    "talks": {
        "progress": 1, "headway": 1, "breakthrough": 1, "positive": 1, "constructive": 1, "productive": 1,
        "fruitful": 1, "optimistic": 1, "optimism": 1, "encouraging": 1, "cordial": 1, "successful": 1,
        "promising": 1, "upbeat": 1,
        "stalled": -1, "stall": -1, "deadlock": -1, "deadlocked": -1, "impasse": -1, "hit a wall": -1,
        "collapsed": -1, "collapse": -1, "failed": -1, "fruitless": -1, "tense": -1, "negative": -1,
        "pessimistic": -1, "pessimism": -1, "unproductive": -1, "empty-handed": -1, "went nowhere": -1,
        "dead end": -1, "breakdown": -1,
    },
    "operation": {
        "swift": 1, "efficient": 1, "well coordinated": 1, "well-coordinated": 1, "orderly": 1,
        "effective": 1, "smooth": 1,
        "chaotic": -1, "slow": -1, "disorganised": -1, "disorganized": -1, "botched": -1, "sluggish": -1,
        "confused": -1, "shambolic": -1,
    },
    "use of force": {
        "proportionate": 1, "proportionately": 1, "restrained": 1,
        "disproportionate": -1, "disproportionately": -1, "heavy-handed": -1, "excessive force": -1,
    },
}
#: "little progress", "a lack of progress" and "without progress" flip a polarity too
POLARITY_FLIPPERS = NEGATORS | {"without", "little", "lack", "nothing"}
NEGATION_WINDOW = 3


@dataclass(frozen=True)
class Assessment:
    dimension: str
    polarity: int
    phrase: str


def assessments(words: list[str]) -> list[Assessment]:
    """Assessments found in a claim's lower-cased words, negation applied."""
    found = []
    text = " ".join(words)
    for dimension, entries in LEXICON.items():
        for term, polarity in entries.items():
            for match in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text):
                before = text[: match.start()].split()[-NEGATION_WINDOW:]
                negators = [w for w in before if w in POLARITY_FLIPPERS]
                if negators:
                    start = len(before) - before.index(negators[0])
                    phrase = " ".join(before[-start:] + [term])
                    found.append(Assessment(dimension, -polarity, phrase))
                else:
                    found.append(Assessment(dimension, polarity, term))
    return found


def stance(found: list[Assessment], dimension: str) -> Assessment | None:
    """The claim's one polarity on a dimension, or None when it has none or both."""
    on_dimension = [a for a in found if a.dimension == dimension]
    if not on_dimension or len({a.polarity for a in on_dimension}) > 1:
        return None
    return on_dimension[0]


def compare_assessments(first_found: list[Assessment], second_found: list[Assessment]
                        ) -> tuple[list[tuple[Assessment, Assessment]], list[tuple[Assessment, Assessment]]]:
    """(opposed, agreeing) pairs of the two claims' stances, one per dimension both take, in lexicon order."""
    opposed, agreeing = [], []
    for dimension in LEXICON:
        a, b = stance(first_found, dimension), stance(second_found, dimension)
        if a and b:
            (opposed if a.polarity != b.polarity else agreeing).append((a, b))
    return opposed, agreeing


class AssessmentSignal(Signal):
    name = "assessment"

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        opposed, _ = compare_assessments(first.feature(view_assessments), second.feature(view_assessments))
        if not opposed:
            return None
        a, b = opposed[0]
        return Finding(CONFLICT, 0.7, f"opposite assessments: “{a.phrase}” vs “{b.phrase}”")


def view_assessments(view: ClaimView) -> list[Assessment]:
    return assessments(view.words)


def has_assessment(words: list[str]) -> bool:
    return bool(assessments(words))
