"""Whether a happening happened: one source asserts it, another negates or denies it.

An event is a verb of a claim's content with its subject and object (lemmas), and whether the
claim negates it ("no document was signed", "the minister did not meet him", "never reopened") or
denies it ("denied that it had signed"). Two claims of one story conflict when they give the same
verb, compatible subjects and objects, and opposite polarity, whatever their similarity: "the two
sides signed a memorandum" against "no document was signed". Light and reporting verbs (lexicon
`light_verbs`) are no events; a general noun ("document", "one", "anything", lexicon
`general_nouns`) is compatible with any noun; two different named subjects are two events.

`event_verbs(doc)` gives the (verb, negated) keys relate uses to pair claims across a story.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from reconcile.lexicons import lexicon
from reconcile.relate.base import CONFLICT, NEGATORS, ClaimView, Finding, Signal
from reconcile.text import quote

SUBJECTS = ("nsubj", "nsubjpass")
OBJECTS = ("dobj", "pobj", "attr")
NEGATING_DETERMINERS = {"no", "none", "neither", "nobody", "nothing"}


@dataclass(frozen=True)
class Event:
    verb: str
    negated: bool
    subject: str | None
    object: str | None


def _noun(token: Token | None) -> str | None:
    return token.lemma_.lower() if token is not None else None


def _negated(verb: Token, subject: Token | None, obj: Token | None) -> bool:
    if any(child.dep_ == "neg" or child.lower_ in NEGATORS | {"never"} for child in verb.children):
        return True
    for noun in (subject, obj):
        if noun is not None and (noun.lower_ in NEGATING_DETERMINERS or any(
                child.dep_ == "det" and child.lower_ in NEGATING_DETERMINERS for child in noun.children)):
            return True
    return False


def events(doc: Doc) -> list[Event]:
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() in lexicon("light_verbs"):
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        obj = next((c for c in token.children if c.dep_ in ("dobj", "attr")), None)
        negated = _negated(token, subject, obj)
        # "denied that it had signed": the clause under a denial is negated
        if any(a.lemma_.lower() == "deny" and token in a.children and token.dep_ == "ccomp" for a in token.ancestors):
            negated = not negated
        if subject is not None and subject.pos_ == "PRON" and subject.lower_ not in NEGATING_DETERMINERS:
            subject = None  # "it", "they": no evidence either way
        found.append(Event(token.lemma_.lower(), negated, _noun(subject), _noun(obj)))
    return found


def event_verbs(doc: Doc) -> set[tuple[str, bool]]:
    return {(event.verb, event.negated) for event in events(doc)}


def _compatible(first: str | None, second: str | None) -> bool:
    general = lexicon("general_nouns")
    return first is None or second is None or first == second or first in general or second in general


def view_events(view: ClaimView) -> list[Event]:
    return events(view.doc)


class EventSignal(Signal):
    """Conflict when one claim asserts a happening and the other negates that very happening."""

    name = "events"

    def __init__(self, min_similarity: float = 0.0) -> None:
        self.min_similarity = min_similarity

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        for a in first.feature(view_events):
            for b in second.feature(view_events):
                if a.verb != b.verb or a.negated == b.negated:
                    continue
                if not (_compatible(a.subject, b.subject) and _compatible(a.object, b.object)):
                    continue
                if a.object is None and b.object is None and a.subject is None and b.subject is None:
                    continue  # a bare verb on both sides says too little to set one against the other
                negating, asserting = (first, second) if a.negated else (second, first)
                return Finding(CONFLICT, round(min(1.0, 0.6 + similarity / 3), 3),
                               f"one says it happened, the other that it did not ({a.verb}): "
                               f"{quote(asserting.text, 70)} vs {quote(negating.text, 70)}")
        return None
