"""What a claim only mentions as someone else's report, as against what it asserts.

"Lin bristled at the suggestion that his video had been staged" mentions a staging and asserts
none; "earlier reports that the army had captured her have been denied" mentions a capture and
denies it, as "it wasn't true that the car had been stolen" denies a theft (lexicon
`untrue_words`). A clause hanging from a report noun (lexicon `denied_objects`: report, claim,
suggestion, rumour ...) is *mentioned*: it is no side of a dispute, except that

- when the report noun is what a denial verb rejects ("dismissed reports that she was arrested",
  "reports that ... have been denied"), the clause is *denied*: the claim says it did not happen;
- when the report noun is the subject of a plain verb ("reports emerged that the plant would
  close"), the claim passes the report on, and a denial answers it: the clause counts as asserted.

Input: a spaCy token of a claim's parse. Output: "asserted", "mentioned" or "denied".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from reconcile.attribution import DENIAL_VERBS
from reconcile.lexicons import lexicon

ASSERTED, MENTIONED, DENIED = "asserted", "mentioned", "denied"
#: the links by which a clause hangs from a noun ("claims that ...", "reports claiming ...")
CLAUSE_LINKS = {"acl", "relcl", "ccomp", "appos"}
NOMINAL_LINKS = {"nsubj", "nsubjpass", "dobj", "pobj"}
#: verbs that deny what their clause or object says (negation.py and denials.py read them too)
DENIAL_LEMMAS = DENIAL_VERBS | {"deny", "disavow", "contradict"}
#: verbs that reject what their object or passive subject reports
REJECTING_VERBS = DENIAL_LEMMAS | {"debunk", "discount"}


def _calls_untrue(copula: Token) -> bool:
    """"it is false that ...", "it wasn't true that ...": the copula's complement calls its clause untrue
    (lexicon `untrue_words`, or a negated "true")."""
    complements = [child.lemma_.lower() for child in copula.children if child.dep_ == "acomp"]
    negated = any(child.dep_ == "neg" for child in copula.children)
    return any(word in lexicon("untrue_words") or (word == "true" and negated) for word in complements)


def standing(token: Token) -> str:
    """How the claim holds the clause `token` sits in: asserted, mentioned or denied."""
    node = token
    for parent in token.ancestors:  # (not a walk up `.head`: the root is its own head)
        if node.dep_ == "ccomp" and parent.lemma_.lower() == "be" and _calls_untrue(parent):
            return DENIED
        # (the tagger may call "reports" a verb; as a subject or object it is the noun)
        if parent.lower_ in lexicon("denied_objects") and node.dep_ in CLAUSE_LINKS \
                and (parent.pos_ in ("NOUN", "PROPN") or parent.dep_ in NOMINAL_LINKS):
            governor = parent.head
            if parent.dep_ in ("dobj", "nsubjpass") and governor.lemma_.lower() in REJECTING_VERBS:
                return DENIED
            if parent.dep_ == "nsubj" and governor.lemma_.lower() not in REJECTING_VERBS:
                return ASSERTED  # "reports emerged that ...": passed on
            return MENTIONED
        node = parent
    return ASSERTED


def asserted_tokens(doc: Doc) -> list[Token]:
    """The tokens of a parse outside any clause the claim only mentions or denies."""
    return [token for token in doc if standing(token) == ASSERTED]
