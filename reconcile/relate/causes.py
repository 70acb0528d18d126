"""Causes that cannot both be the cause: "the fire was started by a discarded cigarette" against "a
faulty heater sparked the blaze, the fire service said".

A claim gives a cause when a cause verb or phrase (lexicons `cause_verbs`, `cause_phrases`) names
one: the agent of a passive cause verb ("was caused by X", "was set off by X"), the subject of an
active one ("X sparked the blaze"), the object of "blamed X for", "blamed ... on X", "traced ... to
X", "pointed to X", or what follows "due to", "because of", "the result of". The cause is that
phrase's words (`Cause.phrase`). A cause the claim negates or sets against another ("not X",
"rather than X", "nothing to do with") is none: such claims are denials, read by their own signal.

Two claims of one story from different sources, similar enough, whose causes are of one effect
(the effects the claims name, "the outage" of "traced the outage to X", are alike, or both are bare
definite phrases, "the outage" and "the failure", that name the story's own event; where one names
none, the claims themselves are all but alike), conflict when their causes are unlike (cosine of the phrases' embeddings under `max_cause_similarity`: "a
faulty software update" and "a broken network switch"), and neither cause is part of the other's
phrase. The reason quotes both causes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from reconcile.lexicons import lexicon, mentions
from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal, phrase_similarity, phrase_text
from reconcile.relate.reported import ASSERTED, standing

#: dependents that close the cause's phrase: another clause, a list's next item, a frame
_CLOSING = {"relcl", "advcl", "ccomp", "conj", "cc", "punct", "parataxis", "appos"}
#: determiners of a short phrase that points back at a happening the story already named
_BACK_REFERENCES = {"the", "this", "that", "its", "their", "his", "her"}
_CONTRAST = re.compile(r"\b(?:not|never|no|rather than|instead of|nothing to do with|ruled out|unrelated)\b")


@dataclass(frozen=True)
class Cause:
    phrase: str  # the cause, as the claim words it
    cue: str  # the word that gives it ("cause", "blame", "due to")
    effect: str = ""  # what it caused, where the claim names it ("the outage" of "traced the outage to")
    #: the effect is a bare definite phrase ("the outage", "the failure"): the story's own event
    effect_points_back: bool = False


def _phrase_tokens(token: Token) -> list[Token]:
    """`token`'s phrase, cut before another clause, a list's next item or a comma."""
    kept = []

    def keep(word: Token) -> None:
        kept.append(word)
        for child in word.children:
            # ("blamed a driver for the crash": the effect is no part of the cause)
            if child.dep_ not in _CLOSING and not (child.dep_ == "prep" and child.lower_ == "for"):
                keep(child)

    keep(token)
    return sorted(kept, key=lambda t: t.i)


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _object_after(verb: Token, preposition: str) -> Token | None:
    return next((g for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == preposition
                 for g in c.children if g.dep_ == "pobj"), None)


def _cause_of_verb(token: Token) -> Token | None:
    """The cause a verb names (see the module docstring), or None."""
    lemma = token.lemma_.lower()
    if lemma in lexicon("cause_verbs") or (lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children)):
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:  # "was sparked by a downed power line"
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
        if any(c.dep_ == "dobj" for c in token.children):  # "a downed power line sparked the blaze"
            return next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        return None
    if lemma == "blame":
        # "blamed the capsize on a squall" (after "on"), "blamed a squall for the capsize" (the object)
        on = _object_after(token, "on")
        if on is not None:
            return on
        blamed = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if blamed is not None and (_object_after(token, "for") is not None or _object_after(blamed, "for") is not None):
            return blamed
        return None
    if lemma in ("trace", "point", "attribute"):  # "traced the outage to a faulty update", "pointed to a leak"
        return _object_after(token, "to")
    return None


def _held(token: Token) -> bool:
    """The claim asserts the clause `token` is in: not a question ("whether it was the result of a
    fault") nor a report it mentions or rejects ("dismissed a report that an attack caused it")."""
    if any(child.dep_ == "mark" and child.lower_ in ("whether", "if")
           for verb in (token, *token.ancestors) for child in verb.children):
        return False
    return standing(token) == ASSERTED


def _points_back(tokens: list[Token]) -> bool:
    """A phrase that names a happening the story already told, not a cause: "the outage", "the
    derailment near the junction" (a determiner that points back, a head noun without an "of" or a
    modifier of its own: "the failure of a joint" and "the faulty update" name causes)."""
    root = next((t for t in tokens if t.head.i == t.i or t.head not in tokens), tokens[0])
    if tokens[0].lower_ not in _BACK_REFERENCES:
        return False
    return not any(c.dep_ in ("amod", "compound", "nummod", "poss") or (c.dep_ == "prep" and c.lower_ == "of")
                   for c in root.children)


def _effect_of(verb: Token, cause: Token) -> Token | None:
    """What `verb` says was caused: the subject of a passive ("the outage was caused by"), the object
    ("sparked the blaze", "traced the outage to"), the object of "for" ("blamed a squall for the
    capsize"), or the subject of a copula ("the delay was due to"); None when the claim names none."""
    for dep in ("nsubjpass", "dobj"):
        found = next((c for c in verb.children if c.dep_ == dep and c.i != cause.i), None)
        if found is not None:
            return found
    found = _object_after(verb, "for")
    if found is not None:
        return found
    if verb.lemma_.lower() == "be" or verb.pos_ == "AUX":
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.i != cause.i), None)
    return None


def _speculative(verb: Token) -> bool:
    """"could also be attributed to", "may have been caused by": a possibility, not a cause given."""
    return any(c.dep_ == "aux" and c.lower_ in ("could", "may", "might", "can") for c in verb.children)


def causes_in(doc: Doc) -> list[Cause]:
    """The causes a parsed claim gives (see the module docstring), in text order."""
    found: list[tuple[list[Token], str, Token | None]] = []
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and not _negated(token) and not _speculative(token) and _held(token):
            cause = _cause_of_verb(token)
            if cause is not None:
                found.append((_phrase_tokens(cause), token.lemma_.lower(), _effect_of(token, cause)))
    text = doc.text.lower()
    for cue in sorted(lexicon("cause_phrases")):
        for match in re.finditer(rf"\b{re.escape(cue)}\s+", text):
            after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
            if after is None or not len(after):
                continue
            head = after[0]
            while head.head.i != head.i and head.head.idx >= match.end():
                head = head.head  # up to the head of the phrase that follows the cue
            if head.pos_ in ("VERB", "AUX") or not _held(head):
                continue  # "is due to report on Friday": a plan, not a cause
            # the verb the cue's phrase hangs on ("dropped due to problems", "the delay was due to")
            cue_word = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")[0]
            verb = next((t for t in (cue_word, *cue_word.ancestors) if t.pos_ in ("VERB", "AUX")), None)
            if verb is not None and (_negated(verb) or _speculative(verb)):
                continue
            found.append((_phrase_tokens(head), cue, _effect_of(verb, head) if verb is not None else None))
    kept, seen = [], set()
    for tokens, cue, effect in sorted(found, key=lambda item: (item[0][0].i, item[1])):
        phrase = phrase_text(tokens)
        # a cause set against another ("rather than storm damage", "not to the pipes") is a denial's matter
        before = " ".join(t.lower_ for t in doc[max(0, tokens[0].i - 4): tokens[0].i])
        if not phrase or phrase in seen or _CONTRAST.search(before):
            continue
        if _points_back(tokens):
            continue  # "costs incurred because of the outage": the story's event as the cause of another effect
        seen.add(phrase)
        effect_tokens = _phrase_tokens(effect) if effect is not None else []
        kept.append(Cause(phrase, cue, phrase_text(effect_tokens), bool(effect_tokens) and _points_back(effect_tokens)))
    return kept


def view_causes(view: ClaimView) -> list[Cause]:
    return causes_in(view.doc) if might_give_cause(view.text) else []


def cause_phrases(view: ClaimView) -> list[str]:
    """The claim's causes and their effects as phrases to embed (`Readings.causes`)."""
    return sorted({phrase for cause in view.feature(view_causes) for phrase in (cause.phrase, cause.effect) if phrase})


def might_give_cause(text: str) -> bool:
    """Cheap pre-parse test: a cause verb's form or a cause phrase."""
    return mentions("cause_phrases", text) or bool(_CAUSE_WORDS.search(text))


_CAUSE_WORDS = re.compile(r"\b(?:caus|spark|trigger|set off|start|blam|trac|point|attribut|link)\w*", re.IGNORECASE)


class CauseSignal(Signal):
    """Conflict when two claims about one happening (content cosine at least `min_similarity`) give
    unlike causes (phrase cosine under `max_cause_similarity`); see the module docstring."""

    name = "causes"
    also_reads = ("causes",)

    def __init__(self, min_similarity: float = 0.45, max_cause_similarity: float = 0.35,
                 min_effect_similarity: float = 0.5, min_similarity_without_effect: float = 0.6) -> None:
        self.min_similarity = min_similarity
        self.max_cause_similarity = max_cause_similarity
        self.min_effect_similarity = min_effect_similarity
        self.min_similarity_without_effect = min_similarity_without_effect
        self._vectors: dict = {}

    def _one_effect(self, first: Cause, second: Cause, similarity: float) -> bool:
        """Both causes are of one effect: their effects' phrases are alike, or, where a claim names
        none ("investigators pointed to a leak"), the two claims are all but alike."""
        if first.effect_points_back and second.effect_points_back:
            return True  # "the outage" and "the failure" in one story: its event, in two words
        if first.effect and second.effect:
            return (phrase_similarity(self._vectors, first.effect, second.effect) or 0.0) >= self.min_effect_similarity
        return similarity >= self.min_similarity_without_effect

    def use_phrase_vectors(self, vectors: dict) -> None:
        self._vectors = vectors

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        mine, theirs = first.feature(view_causes), second.feature(view_causes)
        if not mine or not theirs:
            return None
        pairs = []
        for a in mine:
            for b in theirs:
                if not self._one_effect(a, b, similarity):
                    continue  # causes of two things ("features dropped due to X", "a delay due to Y")
                alike = phrase_similarity(self._vectors, a.phrase, b.phrase)
                if alike is None:
                    return None  # a cause not embedded: say nothing rather than guess
                if alike >= self.max_cause_similarity or a.phrase.lower() in b.phrase.lower() or b.phrase.lower() in a.phrase.lower():
                    return None  # one cause on both sides, in other words or as part of a longer one
                pairs.append((alike, a, b))
        if not pairs:
            return None
        alike, a, b = min(pairs, key=lambda pair: (pair[0], pair[1].phrase, pair[2].phrase))
        return Finding(CONFLICT, round(min(1.0, 0.5 + similarity / 2), 3),
                       f"causes differ: '{a.phrase}' vs '{b.phrase}' (cause similarity {alike:.2f})")
