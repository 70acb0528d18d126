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

import yaml

from reconcile.lexicons import DIRECTORY
from reconcile.relate.base import CONFLICT, NEGATORS, ClaimView, Finding, Signal

def _load_lexicon() -> tuple[dict[str, dict[str, int]], dict[str, frozenset[str]]]:
    """The assessment lexicon (`reconcile/data/lexicons/assessments.yaml`): terms with polarity per
    dimension, and the words naming what each dimension assesses."""
    data = yaml.safe_load((DIRECTORY / "assessments.yaml").read_text(encoding="utf-8"))
    terms = {dimension: {**{t: 1 for t in entry["positive"]}, **{t: -1 for t in entry["negative"]}}
             for dimension, entry in data.items()}
    targets = {dimension: frozenset(entry["assesses"]) for dimension, entry in data.items()}
    return terms, targets


LEXICON, ASSESSED = _load_lexicon()
#: "little progress", "a lack of progress" and "without progress" flip a polarity too
POLARITY_FLIPPERS = NEGATORS | {"without", "little", "lack", "nothing"}
NEGATION_WINDOW = 3


@dataclass(frozen=True)
class Assessment:
    dimension: str
    polarity: int
    phrase: str


def assessments(words: list[str]) -> list[Assessment]:
    """Assessments found in a claim's lower-cased words, negation applied; a dimension counts only
    when the claim names something it assesses."""
    found = []
    text = " ".join(words)
    present = set(words)
    for dimension, entries in LEXICON.items():
        if not present & ASSESSED[dimension]:
            continue
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


#: clauses that date something by another episode: "the first meeting since the talks collapsed",
#: "after the breakdown", "before the session failed"
EPISODE_MARKS = {"since", "after", "before", "until", "till", "once"}


def _names_another_episode(token) -> bool:
    """The word sits in a clause that dates or identifies by another episode, not in what the claim
    judges: "the first meeting since the talks collapsed", "since the breakdown", "the round that
    collapsed at the weekend" (a restrictive relative clause; ", which collapsed" still asserts it)."""
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in EPISODE_MARKS for c in node.children):
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in EPISODE_MARKS:
            return True
        if node.dep_ == "relcl" and node.left_edge.i > 0 and node.doc[node.left_edge.i - 1].text != ",":
            return True
    return False


def view_assessments(view: ClaimView) -> list[Assessment]:
    """`assessments` of the claim, less those whose every occurrence names another episode
    (`_names_another_episode`)."""
    found = assessments(view.words)
    if not found or view.doc is None:
        return found
    kept = []
    for assessment in found:
        last = assessment.phrase.split()[-1]
        tokens = [t for t in view.doc if t.lower_ == last]
        if tokens and all(_names_another_episode(t) for t in tokens):
            continue
        kept.append(assessment)
    return kept


def has_assessment(words: list[str]) -> bool:
    return bool(assessments(words))
