"""Substituted entities in otherwise parallel claims: "talks in Cairo" vs "talks in Doha",
"brokered by Egypt" vs "brokered by Qatar", "on June 30" vs "no date has been set".

Two claims that say nearly the same thing (high similarity, most content
words shared) but put a different place, organisation, person or date in the
same slot conflict. Precision first: exactly one entity of a type must
differ on each side, and the rest must match.
"""

from __future__ import annotations

import re

from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal
from reconcile.relate.negation import content_words

SUBSTITUTABLE = {"GPE", "LOC", "ORG", "PERSON", "DATE", "FAC", "NORP"}
_NO_DATE = re.compile(r"\bno (?:firm |fixed |new )?(?:date|time(?:table|line)?)\b|\bnot yet (?:been )?(?:set|fixed|scheduled)\b",
                      re.IGNORECASE)


_CALENDAR = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
                       re.IGNORECASE)


def entities(view: ClaimView) -> dict[str, set[str]]:
    """Named entities by type, lower-cased; dates only when they name a day ("all week" is not a date)."""
    found: dict[str, set[str]] = {}
    for entity in view.doc.ents:
        if entity.label_ == "DATE" and not _CALENDAR.search(entity.text):
            continue
        if entity.label_ in SUBSTITUTABLE:
            found.setdefault(entity.label_, set()).add(re.sub(r"^the\s+", "", entity.text.lower()))
    return found


class EntitySignal(Signal):
    name = "entities"

    def __init__(self, min_similarity: float = 0.75, min_overlap: float = 0.5) -> None:
        self.min_similarity = min_similarity
        self.min_overlap = min_overlap

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        a_words, b_words = first.feature(content_words), second.feature(content_words)
        a_entities, b_entities = first.feature(entities), second.feature(entities)
        for dated, undated in ((first, second), (second, first)):
            dates = [e.text for e in dated.doc.ents if e.label_ == "DATE" and _CALENDAR.search(e.text)]
            no_date = _NO_DATE.search(undated.text)
            if dates and no_date and not _NO_DATE.search(dated.text):
                return Finding(CONFLICT, 0.75, f"{dates[0]} vs {no_date.group(0).lower()}")
        entity_words = {w for group in (*a_entities.values(), *b_entities.values()) for e in group for w in e.split()}
        shared = (a_words & b_words) - entity_words
        rest = min(len(a_words - entity_words), len(b_words - entity_words))
        if not rest or len(shared) / rest < self.min_overlap:
            return None
        for label in sorted(set(a_entities) & set(b_entities)):
            only_a, only_b = a_entities[label] - b_entities[label], b_entities[label] - a_entities[label]
            if len(only_a) == 1 and len(only_b) == 1:
                x, y = next(iter(only_a)), next(iter(only_b))
                if x in y or y in x:  # "Cairo" and "the Egyptian capital, Cairo"
                    continue
                return Finding(CONFLICT, round(0.4 + similarity / 2, 3),
                               f"{_original(first, x)} vs {_original(second, y)}")
        return None


def _original(view: ClaimView, lowered: str) -> str:
    return next((e.text for e in view.doc.ents if re.sub(r"^the\s+", "", e.text.lower()) == lowered), lowered)
