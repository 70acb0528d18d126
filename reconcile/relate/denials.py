"""A denial answers the claim it denies: "the hospital denied a report that patients had been moved
out of its intensive care unit" against "the unit was cleared overnight, its eleven patients taken
by ambulance to the university hospital".

The two sentences share few words, and the denial's own frame (who denies, on which day, which
outlet first reported it) makes the whole denial sentence resemble every claim about its actor. So
what is compared is the denied proposition alone ("patients had been moved out of its intensive
care unit"), cut from the parse: the clause under "deny" ("denied that ..."), or the clause of the
report, claim or suggestion rejected ("rejected the union's assertion that ..."; lexicon
`denied_objects`).

Input of `denial_pairs`: each denial's proposition as a unit vector and every claim's content
vector. Output: the pairs of one story, from different sources, in which the other claim is among
the `top` nearest to the proposition, within `within` of the nearest, and at least
`min_similarity` alike: a denial answers one claim and its relays, not everything said about its
actor. The pairs are picked from the whole story, so a run and a rerun with more articles pick them
the same way. `DenialSignal` reads only those pairs and flags a conflict when the other claim
commits to what is denied (not hedged, not speculating with "may" or "could", not itself a denial
or a negation, no negative word in it) and names the denied happening (`proposition_core`).
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from reconcile.lexicons import kin, lexicon, mentions
from reconcile.relate.base import CONFLICT, NEGATORS, ClaimView, Finding, Signal, words_in
from reconcile.relate.negation import DENIAL_LEMMAS, _asserted_lemmas, _lemmas, _negative, _open
from reconcile.stories import rows_by_story
from reconcile.tables import column
from reconcile.text import quote

#: the fewest words of three letters or more a denied proposition must have ("denied it" denies nothing we can read)
MIN_PROPOSITION_WORDS = 3


def denied_proposition(doc: Doc) -> str | None:
    """The text of what a sentence denies, its frame left out, or None.

    "X denied that P" -> P (without "that"); "X rejected/dismissed a report/claim/suggestion (by Y)
    that P" -> P; "X denied wrongdoing" -> "wrongdoing" is too short to compare and gives None.
    Requests refused ("denied requests for an interview", lexicon `refusal_objects`) deny nothing.
    """
    return _proposition(_denied_clauses(doc))


#: words that make a clause say something did not happen or is not so: "no plans", "nobody was hurt"
NEGATIVE_WORDS = NEGATORS | {"nobody", "nothing", "none", "neither", "nor", "nowhere"}
#: a claim that something may have happened is no claim that it did: a denial does not answer it
MODALS = {"may", "might", "could"}


def proposition_core(doc: Doc) -> frozenset[str]:
    """Lemmas naming the happening a denial denies: its verb ("that a shepherd had been killed by
    lava" -> kill), or, for a light verb (lexicon `light_verbs`), what stands in for it: the
    complement or object ("the leader was dead" -> dead, "it had plans to" -> plan) and the objects
    of its prepositions ("taken out of service" -> service). Who or what it happened to does not
    count: a claim about the same people or place says nothing about the happening."""
    return _core(_denied_clauses(doc), doc)


def _proposition(clauses: list[tuple]) -> str | None:
    return " ".join(span for _, span in clauses) if clauses else None


def _core(clauses: list[tuple], doc: Doc) -> frozenset[str]:
    core = set()
    for verb, _ in clauses:
        if verb.lemma_.lower() not in lexicon("light_verbs"):
            core.add(verb.lemma_.lower())
            continue
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "acomp", "oprd"):
                core.add(child.lemma_.lower())
            elif child.dep_ == "prep":
                core.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
                core.update(g.lemma_.lower() for c in child.children if c.dep_ == "prep"
                            for g in c.children if g.dep_ == "pobj")  # "out of service"
    return frozenset(word for word in core if word.isalpha() and len(word) > 2
                     and not any(t.lemma_.lower() == word and t.pos_ in ("PRON", "NUM", "DET") for t in doc))


def _denial_verbs(doc: Doc):
    """The verbs with which a sentence denies something, none if it is noncommittal ("would not confirm
    or deny", lexicon `noncommittal_cues`): not a denial negated ("did not deny"), affirmed ("there's no
    denying it") or subordinate ("..., denying ...")."""
    checked = False
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in DENIAL_LEMMAS or token.dep_ == "advcl":
            continue
        if any(child.dep_ == "neg" for child in token.children) or (token.i and doc[token.i - 1].lower_ == "no"):
            continue
        if not checked and mentions("noncommittal_cues", doc.text):
            return
        checked = True
        yield token


def _denied_clauses(doc: Doc) -> list[tuple]:
    """(head, text) of each clause a sentence denies (see `denied_proposition`), long enough to compare."""
    for token in _denial_verbs(doc):
        lemma = token.lemma_.lower()
        parts = [child for child in token.children if child.dep_ == "ccomp"] if lemma == "deny" else []
        for obj in (child for child in token.children if child.dep_ == "dobj"):
            if _is_denied_object(obj):
                parts.extend(c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp"))
            elif lemma == "deny" and obj.lower_ not in lexicon("refusal_objects"):
                parts.append(obj)
        # A proposition that is itself negative ("denied: 'No sister gave birth'") is asserted, not denied;
        # what the denier adds after it ("..., saying not one dinar was paid") is no part of it.
        clauses = [(part, _text(words)) for part, words in ((part, _kept_words(part)) for part in parts)
                   if words and not any(t.lower_ in NEGATIVE_WORDS for t in words)]
        clauses = [(part, span) for part, span in clauses
                   if sum(len(word) > 2 for word in span.split()) >= MIN_PROPOSITION_WORDS]
        if clauses:
            return clauses
    return []


def _is_denied_object(obj) -> bool:
    return obj.lemma_.lower() in lexicon("denied_objects") or obj.lower_ in lexicon("denied_objects")


#: verbs with which a denier goes on to say what is so instead ("rejected the union's account, saying ...")
COUNTER_VERBS = {"say", "insist", "add", "maintain", "argue", "stress"}


def denial_reading(doc: Doc) -> tuple[str | None, tuple[str, str] | None]:
    """(`denied_proposition`, `denied_account`) of a sentence from one reading of its parse: a
    sentence that gives the proposition it denies rejects no account without saying what it was."""
    clauses = _denied_clauses(doc)
    if clauses:
        return _proposition(clauses), None
    account = _account(doc)
    return None, (_party_name(account[0]), _text(account[1])) if account is not None else None


def denied_account(doc: Doc) -> tuple[str, str] | None:
    """(party, counter-claim) when a sentence rejects someone's account without saying what it was:
    "X rejected the union's account, saying both circuits had been in service" -> ("union", "both
    circuits had been in service"); also "dismissed the figure given by the mayor as speculation,
    insisting ...". The party is whoever the account is of (a possessor, or "by"/"from" whom); the
    counter-claim is what the denier says instead. None when the sentence gives the denied
    proposition itself (`denied_proposition`), names no party, or says nothing instead."""
    return denial_reading(doc)[1]


def _account(doc: Doc) -> tuple | None:
    """(party token, counter-claim tokens) of `denied_account`, not asking whether a proposition is given."""
    for token in _denial_verbs(doc):
        party = next((p for obj in token.children if obj.dep_ == "dobj" and _is_denied_object(obj)
                      for p in _party_of(obj)), None)
        counter = next((_kept_words(clause) for verb in token.children
                        if verb.dep_ in ("advcl", "conj") and verb.lemma_.lower() in COUNTER_VERBS
                        for clause in verb.children if clause.dep_ == "ccomp"), None)
        if party is not None and counter and sum(len(t.text) > 2 for t in counter) >= MIN_PROPOSITION_WORDS:
            return party, counter
    return None


def _party_name(party) -> str:
    return party.text.lower() if party.pos_ == "PROPN" else party.lemma_.lower()


def _party_of(obj):
    """Whose account an object is: "the union's account" -> union; "a claim by the mayor" -> mayor."""
    for child in obj.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            yield from (g for g in child.children if g.dep_ == "pobj" and g.pos_ != "PRON")


def _kept_words(part) -> list:
    """The words of a denied clause, without what the denier adds to it: "that patients had been moved
    out of the unit[, with a spokesman saying every patient had remained]" and a leading "that"."""
    kept = set(t.i for t in part.subtree)
    for child in part.children:
        if child.dep_ == "advcl" or (child.dep_ == "prep" and child.lower_ == "with"
                                     and any(t.pos_ == "VERB" for t in child.subtree)):
            kept -= {t.i for t in child.subtree}
    doc = part.doc
    words = [doc[i] for i in range(min(kept), max(kept) + 1) if i in kept]
    while words and (words[0].dep_ == "mark" or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    return words


def _text(words: list) -> str:
    return "".join(t.text_with_ws for t in words).strip()


def denial_pairs(claims, propositions: dict[int, np.ndarray], contents: np.ndarray, top: int = 3,
                 within: float = 0.2, min_similarity: float = 0.5,
                 parties: dict[int, str] | None = None, min_party_similarity: float = 0.3,
                 relay_similarity: float = 0.8) -> set[tuple[int, int]]:
    """Row pairs (i < j): a denial (a row of `propositions`, row -> unit vector of what it denies) and
    a claim its proposition is near (`contents`, (n, dim) unit vectors of every claim's content).
    `parties`: for a denial of someone's account (`denied_account`), row -> that party; its
    proposition is then the denier's counter-claim, and only claims the party makes or passes on
    (its word in their source, speaker, description or relays) are candidates: the nearest, if at
    least `min_party_similarity` alike (what the denier says instead is less like the account it
    rejects than a denied proposition is like the claim it denies), with the party's claims at least
    `relay_similarity` like that one (its relays).
    Cosines are rounded to 1e-6 and ties broken by row, so the pick is the same on any CPU."""
    sources, stories = claims["source"].tolist(), column(claims, "story")
    by_story = rows_by_story(claims)
    parties = parties or {}
    said_by = {}  # row -> the words of who makes or passes on its claim, read once

    def names_party(row: int, party: str) -> bool:
        if row not in said_by:
            said_by[row] = _said_by_words(claims.iloc[row])
        return all(_singular(word) in said_by[row] for word in words_in(party))

    pairs = set()
    for row in sorted(propositions):
        if row not in by_story.get(stories[row], ()):
            continue  # background
        others = [other for other in by_story[stories[row]] if sources[other] != sources[row]]
        if row in parties:
            others = [other for other in others if names_party(other, parties[row])]
        if not others:
            continue
        cosines = np.round(contents[others] @ propositions[row], 6)
        ranked = sorted(zip(cosines.tolist(), others), key=lambda item: (-item[0], item[1]))
        nearest = ranked[0][0]
        if row in parties:
            # A rejected account is one claim of the party's: the nearest, and its relays (claims nearly
            # the same as it), not everything else the party said.
            cosine, chosen = ranked[0]
            if cosine >= min_party_similarity:
                pairs.update((min(row, other), max(row, other)) for other in others
                             if other == chosen or round(float(contents[other] @ contents[chosen]), 6) >= relay_similarity)
            continue
        for cosine, other in ranked[:top]:
            if cosine >= min_similarity and cosine >= nearest - within:
                pairs.add((min(row, other), max(row, other)))
    return pairs


def _said_by_words(claim) -> set[str]:
    """The words of a claim's source, speaker, description and the outlets that relay it (plurals as
    singulars): a party ("union", "mayor", "atv news") is the claim's when its words are among them."""
    said_by = [claim.get("source"), claim.get("speaker"), claim.get("description"), *(claim.get("via") or [])]
    return {_singular(word) for text in said_by if isinstance(text, str) for word in words_in(text)}


def _singular(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


class DenialSignal(Signal):
    """Conflict when one claim denies what the other commits to. Reads only `denial_pairs`."""

    name = "denial"
    reads_pairs = "denials"

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        for denier, other in ((first, second), (second, first)):
            proposition = denier.feature(_proposition_of)
            if (not proposition or not other.asserted or _negative(other) or other.feature(_says_no)
                    or other.feature(_speculates) or other.feature(_open) or denier.feature(_open)):
                continue  # "we have no plans to" agrees with "denied it had plans to"; "would not confirm or deny" says nothing
            # The other claim must name the happening denied (in its words or a word of its family,
            # lexicon `happening_kin`), not only the same people or place.
            if denier.feature(_core_kin) & other.feature(_asserted_lemmas):
                return Finding(CONFLICT, 0.8, f"{denier.source} denies that {quote(proposition)}; "
                                              f"{other.source}: {quote(other.text)}")
        for denier, other in ((first, second), (second, first)):
            account = denier.feature(_account_of)
            if not account or not other.asserted or other.feature(_speculates) or other.feature(_open):
                continue
            party, counter = account
            # The rejected account and what the denier says instead are about one thing: a noun in common.
            if _noun_lemmas_in(counter) & other.feature(_noun_lemmas):
                return Finding(CONFLICT, 0.75, f"{denier.source} rejects the account of {_party_name(party)}, "
                                               f"saying {quote(_text(counter))}; {other.source}: {quote(other.text)}")
        return None


def _core_kin(view: ClaimView) -> frozenset[str]:
    """The denied happening's words and every word of their families (lexicon `happening_kin`)."""
    families = kin("happening_kin")
    return frozenset(kindred for word in view.feature(_core_of) for kindred in families.get(word, {word}))


def _account_of(view: ClaimView) -> tuple | None:
    """(party token, counter-claim tokens) of a denial of someone's account (`denied_account`)."""
    return None if view.feature(_clauses_of) else _account(view.doc)


def _noun_lemmas_in(tokens) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if t.pos_ == "NOUN" and len(t.text) > 2)


def _noun_lemmas(view: ClaimView) -> frozenset[str]:
    return _noun_lemmas_in(view.doc)


def _clauses_of(view: ClaimView) -> list[tuple]:
    return _denied_clauses(view.doc)


def _proposition_of(view: ClaimView) -> str | None:
    return _proposition(view.feature(_clauses_of))


def _core_of(view: ClaimView) -> frozenset[str]:
    return _core(view.feature(_clauses_of), view.doc)


def _says_no(view: ClaimView) -> bool:
    """A negative word anywhere in the claim ("no press conference was convened", "we have no plans"):
    such a claim sides with a denial, whatever else it says."""
    return any(token.lower_ in NEGATIVE_WORDS for token in view.doc)


def _speculates(view: ClaimView) -> bool:
    return any(token.lower_ in MODALS and token.tag_ == "MD" for token in view.doc)
