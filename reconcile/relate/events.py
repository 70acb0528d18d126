"""Whether a happening happened: one source asserts it, another negates or denies it.

An event is a verb of a claim's content with its subject and object (lemmas), and whether the
claim negates it ("no document was signed", "the minister did not meet him", "never reopened") or
denies it ("denied that it had signed"). Two claims of one story conflict when they give the same
verb, compatible subjects and objects, and opposite polarity, whatever their similarity: "the two
sides signed a memorandum" against "no document was signed". Light and reporting verbs (lexicon
`light_verbs`) are no events; a general noun ("document", "one", "anything", lexicon
`general_nouns`) is compatible with any noun; two subjects or objects with different proper names
are two events. A negation that dates the happening ("had not reopened until 13:30") is no
negation of it.

`event_verbs(doc)` gives the (verb, negated) keys relate uses to pair claims across a story.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from reconcile.lexicons import kin, lexicon
from reconcile.relate.base import CONFLICT, NEGATING_DETERMINERS, NEGATORS, ClaimView, Finding, Signal
from reconcile.relate.negation import _doubts
from reconcile.relate.reported import DENIED, MENTIONED, standing
from reconcile.text import quote

SUBJECTS = ("nsubj", "nsubjpass")
OBJECTS = ("dobj", "pobj", "attr")


@dataclass(frozen=True)
class Event:
    verb: str
    negated: bool
    subject: str | None
    object: str | None
    #: proper names in the subject's and the object's own phrase (`_names`)
    subject_names: frozenset[str] = frozenset()
    object_names: frozenset[str] = frozenset()


def _noun(token: Token | None) -> str | None:
    return token.lemma_.lower() if token is not None else None


NAME_LINKS = {"compound", "appos", "flat", "nmod", "poss", "amod"}


def _names(token: Token | None) -> frozenset[str]:
    """Proper names of a noun's own phrase: the noun and its compounds, appositions and possessors,
    not its prepositional phrases ("the rebel commander Ivo Marsk" -> ivo, marsk; "the leader of
    al-Shabaab" -> none)."""
    if token is None:
        return frozenset()
    found, stack = set(), [token]
    while stack:
        word = stack.pop()
        if word.pos_ == "PROPN" and word.is_alpha:
            found.add(word.lower_)
        stack.extend(child for child in word.children if child.dep_ in NAME_LINKS)
    return frozenset(found)


#: "had not reopened until 13:30", "not opened sooner": a negation that dates the happening
TIME_LIMITS = {"until", "till", "before"}
LATER_WORDS = {"sooner", "earlier"}


def _dates_it(verb: Token) -> bool:
    """The negation says when it happened, not that it did not ("the turnstiles had not opened until
    a quarter past two": they opened then)."""
    return any((child.dep_ == "prep" and child.lower_ in TIME_LIMITS) or
               (child.dep_ == "advmod" and child.lower_ in LATER_WORDS | TIME_LIMITS) or
               (child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in TIME_LIMITS for m in child.children))
               for child in verb.children)


def _negated(verb: Token, subject: Token | None, obj: Token | None) -> bool:
    if any(child.dep_ == "neg" or child.lower_ in NEGATORS | {"never"} for child in verb.children):
        return True
    for noun in (subject, obj):
        if noun is not None and (noun.lower_ in NEGATING_DETERMINERS or any(
                child.dep_ == "det" and child.lower_ in NEGATING_DETERMINERS for child in noun.children)):
            return True
    return False


MODALS = {"would", "will", "should", "could", "might", "may", "must", "can", "shall", "'ll", "wo", "ca"}
HYPOTHETICAL_MARKS = {"if", "unless", "before", "until", "whether", "once", "when", "while", "so"}
WH_WORDS = {"what", "who", "which", "whatever", "whoever"}
PERFECT_OR_PASSIVE = {"have", "be"}


def _realis(verb: Token) -> bool:
    """The verb states that something happened (or did not): past tense, or a perfect or passive
    with no modal, in no conditional, temporal or purpose clause, and not a question word's verb."""
    children = list(verb.children)
    if any(c.lower_ in MODALS | {"to"} for c in children if c.dep_ in ("aux", "auxpass")):
        return False  # "would sign", "to be left": not something that happened
    if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS | {"to"} for c in children):
        return False
    if verb.dep_ in ("xcomp", "advcl", "pcomp", "csubj", "acl") or verb.tag_ in ("VB", "VBG"):
        return False
    if any(c.dep_ in SUBJECTS and c.lower_ in WH_WORDS for c in children):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ in ("VBN", "VBZ", "VBP") and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in PERFECT_OR_PASSIVE for c in children)


def events(doc: Doc) -> list[Event]:
    """Happenings a claim states as facts, asserted or negated. The patient of a passive is its
    object: "no document was signed" and "they signed a memorandum" give one verb and object."""
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() in lexicon("light_verbs") or not _realis(token):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        held = standing(token)
        if held == MENTIONED:
            continue  # "bristled at the suggestion that it was staged": no side on the staging
        negated = _negated(token, subject, obj)
        if negated and _dates_it(token):
            continue
        # "denied that it had signed", "dismissed reports that she was arrested": the clause is negated
        if held == DENIED or any(a.lemma_.lower() == "deny" and token in a.children and token.dep_ == "ccomp"
                                 for a in token.ancestors):
            negated = not negated
        if subject is not None and subject.pos_ == "PRON" and subject.lower_ not in NEGATING_DETERMINERS:
            subject = None  # "it", "they": no evidence either way
        found.append(Event(token.lemma_.lower(), negated, _noun(subject), _noun(obj), _names(subject), _names(obj)))
    return found


def event_verbs(doc: Doc) -> set[tuple[str, bool]]:
    return {(event.verb, event.negated) for event in events(doc)}


def _compatible(first: str | None, second: str | None) -> bool:
    general = lexicon("general_nouns")
    return first is None or second is None or first == second or first in general or second in general


def _named_apart(first: frozenset[str], second: frozenset[str]) -> bool:
    """Both phrases name someone or something, and no name is shared: two events ("commander Ivo Marsk
    has not been arrested" / "commander Petar Lind was arrested")."""
    return bool(first) and bool(second) and not first & second


def _one_happening(a: Event, b: Event) -> bool:
    """The same verb, or verbs of one family (lexicon `happening_kin`: "fired tear gas" / "no tear gas
    was used") done to one named thing: a kindred verb alone, with a general object or none, is too
    loose ("held talks" / "no prisoners were held")."""
    if a.verb == b.verb:
        return True
    return (b.verb in kin("happening_kin").get(a.verb, ()) and a.object is not None and a.object == b.object
            and a.object not in lexicon("general_nouns"))


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
                if a.negated == b.negated or not _one_happening(a, b):
                    continue
                if not (_compatible(a.subject, b.subject) and _compatible(a.object, b.object)):
                    continue
                if _named_apart(a.subject_names, b.subject_names) or _named_apart(a.object_names, b.object_names):
                    continue
                # Positive evidence of one happening: the same object, or the same doer.
                same_object = a.object is not None and b.object is not None
                same_subject = a.subject is not None and b.subject is not None and a.subject == b.subject
                if not (same_object or same_subject):
                    continue
                negating, asserting = (first, second) if a.negated else (second, first)
                if asserting.feature(_doubts):
                    continue  # "unconfirmed reports that it was signed": no assertion
                return Finding(CONFLICT, round(min(1.0, 0.6 + similarity / 3), 3),
                               f"one says it happened, the other that it did not ({a.verb}): "
                               f"{quote(asserting.text, 70)} vs {quote(negating.text, 70)}")
        return None
