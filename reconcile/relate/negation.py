"""One side denies or negates what the other asserts.

Two cues: a denial verb whose content matches the other claim ("the office
denied that Netanyahu rejected the plan" vs "Netanyahu rejected the plan"),
and plain negation of the main verb ("the train was not speeding" vs "the
train was speeding"). Both need the claims to say nearly the same thing
otherwise (high similarity and shared content words), because a negation
about something else is no disagreement.
"""

from __future__ import annotations

from spacy.tokens import Doc

from reconcile.attribution import DENIED_OBJECTS
from reconcile.lexicons import lexicon, mentions, opposites
from reconcile.relate.base import CONFLICT, NEGATING_DETERMINERS, NEGATORS, ClaimView, Finding, Signal
from reconcile.relate.reported import DENIAL_LEMMAS, DENIED, asserted_tokens, standing
from reconcile.text import quote

STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "that", "this", "with", "by", "as",
        "is", "was", "were", "be", "been", "has", "had", "have", "it", "its", "said", "says", "say", "told",
        "reported", "would", "will", "any", "also", "from"} | NEGATORS


def denial(doc: Doc) -> str | None:
    """The denial phrase of a sentence, if its speaker denies something (not "denied requests for
    an interview", which refuses; not "would not confirm or deny", which says nothing)."""
    if mentions("noncommittal_cues", doc.text):
        return None
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in DENIAL_LEMMAS:
            continue
        if token.dep_ == "advcl":
            continue  # "X claimed ..., though an official denied it": the claim is X's, the denial a third party's
        children = {child.dep_: child for child in token.children}
        obj = children.get("dobj")
        # "reject" is only a denial when what is rejected is a report or claim, not a proposal.
        if lemma in ("reject", "dismiss"):
            if obj is None or obj.lower_ not in DENIED_OBJECTS:
                continue
        if obj is not None and obj.lower_ in lexicon("refusal_objects") and "ccomp" not in children:
            continue
        if lemma == "deny" or "ccomp" in children or "dobj" in children:
            return token.text
    return None


def denied_clause(view: ClaimView) -> frozenset[str]:
    """Content words of what a claim denies, its frame left out: "Boko Haram denied claims by the
    government that it has agreed to a ceasefire" -> agree, ceasefire. Empty when no clause is found
    ("denied it")."""
    for token in view.doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in DENIAL_LEMMAS:
            continue
        parts = [child for child in token.children if child.dep_ == "ccomp"]
        for obj in (child for child in token.children if child.dep_ == "dobj"):
            if obj.lower_ in DENIED_OBJECTS:  # "reports that ...", "claims by X that ..."
                parts.extend(c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp"))
                parts.extend(g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                             for g in c.children)
            elif obj.lower_ not in lexicon("refusal_objects"):
                parts.append(obj)  # "denied wrongdoing", "denied the charges"
        words = {t.lemma_.lower() for part in parts for t in part.subtree if _is_content_word(t)}
        if words:
            return frozenset(words)
    return frozenset()


def denied_core(view: ClaimView) -> frozenset[str]:
    """The core of what a claim denies: the denied verb and its object ("denied that officers fired tear gas"
    -> fire, tear, gas). Empty when the claim denies nothing in a clause."""
    for token in view.doc:
        if token.pos_ != "VERB" or token.lemma_.lower() != "deny":
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        objects = [t for c in clause.children if c.dep_ in ("dobj", "attr", "acomp") for t in c.subtree]
        words = {t.lemma_.lower() for t in [clause, *objects] if _is_content_word(t)}
        return frozenset(words)
    return frozenset()


def denies_what_came_before(doc: Doc) -> bool:
    """'rejected that account', 'dismissed these claims': the denial points at the sentence before."""
    for token in doc:
        if token.lemma_.lower() in DENIAL_LEMMAS and token.pos_ == "VERB":
            for obj in (c for c in token.children if c.dep_ == "dobj" and c.lower_ in DENIED_OBJECTS):
                if any(d.dep_ == "det" and d.lower_ in ("that", "this", "these", "those") for d in obj.children):
                    return True
    return False


def follows(earlier_id: str, later_id: str) -> bool:
    """Claim ids are ARTICLE:SENTENCE; True when `later_id` is the next sentence of the same article."""
    earlier_article, _, earlier_number = earlier_id.rpartition(":")
    later_article, _, later_number = later_id.rpartition(":")
    return (earlier_article == later_article and earlier_number.isdigit() and later_number.isdigit()
            and int(later_number) == int(earlier_number) + 1)


def negated_predicate(doc: Doc) -> tuple[str, str] | None:
    """(cue, predicate lemma) of a negated main predicate: ("did not", "sign") for "no document was
    signed"-like clauses, ("is not", "dead") for a negated copula, whose predicate is its complement."""
    for token in doc:
        head = token.head
        if token.dep_ == "neg" and head.dep_ in ("ROOT", "ccomp") and head.lemma_.lower() not in ("say", "tell"):
            return f"{token.text} {head.text}", _predicate(head).lemma_.lower()
    return None


def _complements(negated_word) -> list:
    """What a negated copula denies ("is not dead": dead); nothing for any other word."""
    if negated_word.lemma_.lower() != "be":
        return []
    return [c for c in negated_word.children if c.dep_ in ("acomp", "attr")]


def _predicate(negated_word):
    """What a negation denies of its word: the copula's first complement, else the word itself."""
    return next(iter(_complements(negated_word)), negated_word)


def content_words(view: ClaimView) -> set[str]:
    """Lemmas of the content words ("signals" and "signal" are one word)."""
    return _content_lemmas(view.doc)


def asserted_words(view: ClaimView) -> set[str]:
    """`content_words` of what the claim asserts, leaving out clauses it only mentions or denies
    ("bristled at the suggestion that it was staged" asserts no staging; module `reported`)."""
    return _content_lemmas(asserted_tokens(view.doc))


def _content_lemmas(tokens) -> set[str]:
    return {token.lemma_.lower() for token in tokens if _is_content_word(token)}


def _is_content_word(token) -> bool:
    """A word of three letters or more that is no stop word, as written or as its lemma."""
    return token.is_alpha and len(token) > 2 and token.lower_ not in STOP and token.lemma_.lower() not in STOP


def _denial_of(view: ClaimView) -> str | None:
    return denial(view.doc)


def _negation_of(view: ClaimView) -> str | None:
    """The negation cue on the claim's main predicate ("did not sign"), if any."""
    found = view.feature(_negated_predicate_of)
    return found[0] if found else None


def _doubts(view: ClaimView) -> bool:
    """The claim doubts or dismisses a report (lexicon `doubt_cues`) rather than asserting it."""
    return mentions("doubt_cues", view.sentence)


def _open(view: ClaimView) -> bool:
    """The claim leaves the matter open ("it was not clear whether", "would not confirm or deny";
    lexicon `noncommittal_cues`): it is no side of a denial or a negation."""
    return mentions("noncommittal_cues", view.sentence)


def _negative(view: ClaimView) -> bool:
    """The claim says something did not happen or is not so: it denies, negates, or doubts. Two such
    claims agree with each other, whatever their words."""
    return bool(view.feature(_denial_of) or view.feature(_negation_of) or view.feature(_doubts))


def _committed(view: ClaimView) -> bool:
    """The claim asserts something a denial or a negation can contradict."""
    return view.asserted and not _negative(view) and not view.feature(_open)


def _negated_lemmas(view: ClaimView) -> frozenset[str]:
    """Lemmas of every word the claim says no to, in any clause: a negated word (a copula counts by
    its complement), the complement of a verb that says it did not happen ("avoid using", lexicon
    `negative_verbs`), what is said of a noun under "no" ("there are no doctors that have the
    capacity": be, have), and a denied clause ("it wasn't true that it had been stolen")."""
    found = set()
    for token in view.doc:
        if token.dep_ == "neg":
            found.update(word.lemma_.lower() for word in (token.head, *_complements(token.head)))
        elif token.lemma_.lower() in lexicon("negative_verbs") and token.pos_ == "VERB":
            found.update(c.lemma_.lower() for c in token.children if c.dep_ in ("xcomp", "pcomp"))
            found.update(g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children
                         if g.dep_ == "pcomp")  # "refrained from using"
        elif token.dep_ == "det" and token.lower_ in NEGATING_DETERMINERS:
            noun = token.head
            found.add(noun.head.lemma_.lower())
            # its clauses, wherever the parser hangs them in the noun's phrase ("no nurses at the
            # clinic that have ...": the clause may hang from "clinic")
            found.update(t.lemma_.lower() for t in noun.subtree if t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "acl"))
        elif token.pos_ == "VERB" and standing(token) == DENIED:
            found.add(token.lemma_.lower())
    return frozenset(found)


def _lemmas(view: ClaimView) -> frozenset[str]:
    return _lemmas_and_forms(view.doc)


def _asserted_lemmas(view: ClaimView) -> frozenset[str]:
    """`_lemmas` of the tokens the claim asserts (module `reported`)."""
    return _lemmas_and_forms(asserted_tokens(view.doc))


def _lemmas_and_forms(tokens) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens) | frozenset(t.lower_ for t in tokens)


def _denies(denier: ClaimView, other: ClaimView, similarity: float) -> Finding:
    return Finding(CONFLICT, min(1.0, 0.5 + similarity / 2),
                   f"{denier.source} denies it: {quote(denier.text)} vs {quote(other.text)}")


class NegationSignal(Signal):
    name = "negation"

    def __init__(self, min_similarity: float = 0.8, min_denial_similarity: float = 0.55,
                 min_overlap: float = 0.3, min_core_similarity: float = 0.4) -> None:
        self.min_similarity = min_similarity
        self.min_denial_similarity = min_denial_similarity
        self.min_overlap = min_overlap
        self.min_core_similarity = min_core_similarity

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if first.feature(_open) or second.feature(_open):
            return None  # "not clear whether", "would not confirm or deny": neither side of a dispute
        for earlier, later in ((first, second), (second, first)):
            if follows(earlier.id, later.id) and denies_what_came_before(later.doc) and not _negative(earlier):
                return Finding(CONFLICT, 0.8, f"{later.source} rejects it: {quote(later.text)} "
                                              f"answers {quote(earlier.text)}")
        if similarity >= self.min_core_similarity:
            # The rest of the sentences may differ ("at any point during the day" / "into the crowd")
            # as long as the other claim asserts the very thing denied: its verb and object, all of it.
            # The other may be a report ("reports that ... swirled"): a denial answers reports.
            for denier, other in ((first, second), (second, first)):
                core = denier.feature(denied_core)
                if len(core) >= 2 and core <= other.feature(asserted_words) and not _negative(other):
                    return _denies(denier, other, similarity)
        if similarity < min(self.min_similarity, self.min_denial_similarity):
            return None
        a, b = first.feature(content_words), second.feature(content_words)
        overlap = len(a & b) / max(1, min(len(a), len(b)))
        if overlap < self.min_overlap:
            return None
        denials = first.feature(_denial_of), second.feature(_denial_of)
        if bool(denials[0]) != bool(denials[1]) and similarity >= self.min_denial_similarity:
            denier, other = (first, second) if denials[0] else (second, first)
            # What is denied, not the denier's frame, must be what the other claim says: "Boko Haram
            # denied claims that it agreed to a ceasefire" says nothing against "a singer offers ...
            # to Boko Haram".
            clause = denier.feature(denied_clause)
            other_words = other.feature(asserted_words)
            shared = clause & other_words
            about_it = not clause or (len(shared) >= 2
                                      and len(shared) / min(len(clause), len(other_words)) >= self.min_overlap)
            if _committed(other) and about_it:
                return _denies(denier, other, similarity)
        if similarity < self.min_similarity or any(denials):
            return None
        negations = first.feature(_negated_predicate_of), second.feature(_negated_predicate_of)
        if bool(negations[0]) != bool(negations[1]):
            (cue, predicate), other = (negations[0], second) if negations[0] else (negations[1], first)
            if _negative(other) or other.feature(_open):
                return None  # "is not dead" and "a death hoax", "still alive": both say no
            if _opposite_asserted(cue, other):
                return None  # "would not open" and "stayed closed" say one thing
            if predicate not in other.feature(_asserted_lemmas):
                return None  # "not commenting" says nothing against "was extradited"
            if predicate in other.feature(_negated_lemmas):
                return None  # the other negates it too, in a clause of its own ("where they don't have ...")
            return Finding(CONFLICT, min(1.0, 0.4 + similarity / 2), f"one side negates it ({cue!r})")
        return None


def _negated_predicate_of(view: ClaimView) -> tuple[str, str] | None:
    return negated_predicate(view.doc)


def _opposite_asserted(cue: str, other: ClaimView) -> bool:
    """The negated word's opposite (lexicon `antonyms`) stands in the other claim."""
    negated_word = cue.split()[-1].lower()
    words = {t.lemma_.lower() for t in other.doc} | {t.lower_ for t in other.doc}
    return bool(opposites("antonyms").get(negated_word, frozenset()) & words)
