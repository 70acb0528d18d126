"""Who said it: speaker and relay chain of each sentence of an article.

Input: the sentences of one article, in order, grouped by paragraph, and the
article's outlet. Output: one `Attribution(speaker, via)` per sentence, where
`speaker` is who the text says made the claim (None when the outlet states it
itself) and `via` is the relay chain, nearest first, ending with the outlet.

Only sentences that carry a cue (a reporting verb form, "according to", a
quotation mark, a leading pronoun) are sent to the dependency parser; the
rest are the outlet's own statements and cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from reconcile import nlp

REPORTING_VERBS = {
    "say", "tell", "report", "announce", "confirm", "deny", "claim", "add", "state",
    "describe", "believe", "insist", "warn", "estimate", "quote", "indicate", "note",
    "stress", "assert", "argue", "explain", "reveal", "disclose", "acknowledge",
    "admit", "inform", "maintain", "suggest", "allege", "write", "tweet", "post",
    "declare", "reiterate", "emphasize", "emphasise", "caution", "dismiss", "predict",
    "recount", "testify", "concede", "contend", "affirm", "comment", "assess", "conclude",
    "reject", "refute", "rebut", "call",
}
# Verbs whose plain object is itself the claim ("the ministry announced a curfew").
OBJECT_CLAIM_VERBS = {"announce", "confirm", "deny", "report", "claim", "estimate", "reveal",
                      "disclose", "acknowledge", "admit", "allege", "predict", "declare"}
# Verbs that are speech only with a particular object or preposition:
# "rejected that account", "dismissed the reports", "called for a review".
DENIAL_VERBS = {"reject", "dismiss", "refute", "rebut"}
DENIED_OBJECTS = {"account", "accounts", "report", "reports", "claim", "claims", "allegation", "allegations",
                  "suggestion", "suggestions", "rumour", "rumours", "rumor", "rumors", "version", "assertion"}
CALL_PREPOSITIONS = {"for", "on"}
_QUOTED_AS_SAYING = re.compile(
    r"^(?:[A-Z][\w ,]*?,\s+)?(?P<relay>[A-Z][\w.' -]*?)\s+(?:also\s+)?quoted\s+(?P<speaker>.+?)\s+as\s+"
    r"(?:saying|describing|telling|stating|warning|calling)\b"
)
# Surface forms that make a sentence worth parsing; a superset is fine.
_CUE_PATTERN = re.compile(
    r"\b(?:according|quot\w*|s[a]id|says|saying|told|tell\w*|report\w*|announc\w*|confirm\w*|"
    r"den(?:y|ied|ies|ying)|claim\w*|add(?:s|ed|ing)?|stat(?:e|ed|es|ing)|describ\w*|believ\w*|"
    r"insist\w*|warn\w*|estimat\w*|indicat\w*|not(?:e|ed|es|ing)|stress\w*|assert\w*|argu\w*|"
    r"explain\w*|reveal\w*|disclos\w*|acknowledg\w*|admit\w*|inform\w*|maintain\w*|suggest\w*|"
    r"alleg\w*|wr(?:ite|ote|ites|itten|iting)|tweet\w*|post\w*|declar\w*|reiterat\w*|emphas\w*|"
    r"caution\w*|dismiss\w*|predict\w*|recount\w*|testif\w*|conced\w*|contend\w*|affirm\w*|"
    r"comment\w*|assess\w*|conclud\w*|spokes\w*|statement|reject\w*|refut\w*|rebut\w*|call(?:s|ed|ing)?)\b|[\"“”]",
    re.IGNORECASE,
)
_LEADING_PRONOUN = re.compile(r"^\W*(?:he|she|they|it)\b", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}
# Nouns that, with "the" or "the same", point back to an earlier speaker or relay.
ANAPHORIC_NOUNS = {"channel", "agency", "network", "broadcaster", "newspaper", "paper", "website",
                   "outlet", "station", "radio", "television", "site", "daily", "source", "sources",
                   "official", "officials", "report", "reports", "minister", "ministry", "spokesperson",
                   "spokesman", "spokeswoman", "department", "office", "company", "operator", "union"}
_TRIMMED_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advmod", "case"}
_QUOTES = '"“”'


@dataclass(frozen=True)
class Attribution:
    speaker: str | None = None
    via: tuple[str, ...] = ()
    description: str | None = None
    attribution_only: bool = False  # the sentence only says who spoke ("Sorel said.")


@dataclass
class _Context:
    outlet: str
    recent: list[Attribution] = field(default_factory=list)

    def remember(self, attribution: Attribution) -> None:
        if attribution.speaker:
            self.recent.append(attribution)

    def resolve(self, phrase: str, head_noun: str | None) -> Attribution | None:
        """Resolve 'he', 'the same channel', 'the sources' to an earlier speaker or relay."""
        if not self.recent:
            return None
        if head_noun and head_noun not in PRONOUNS:
            for earlier in reversed(self.recent):
                for position, name in enumerate((earlier.speaker, *earlier.via[:-1])):
                    if name and head_noun in name.lower().split():
                        return Attribution(name, earlier.via[position:] if position else earlier.via)
        return self.recent[-1]


def needs_parse(sentence: str) -> bool:
    """True when a sentence may name a speaker; all others belong to the outlet."""
    return bool(_CUE_PATTERN.search(sentence) or _LEADING_PRONOUN.match(sentence))


def attribute_article(paragraphs: list[list[str]], outlet: str) -> list[list[Attribution]]:
    """Attribute every sentence of one article; the result mirrors `paragraphs`."""
    flat = [sentence for paragraph in paragraphs for sentence in paragraph]
    to_parse = [sentence for sentence in flat if needs_parse(sentence)]
    parsed = {text: doc for text, doc in zip(to_parse, nlp.parser().pipe(to_parse, batch_size=64))}
    context = _Context(outlet)
    result = []
    for paragraph in paragraphs:
        attributions = []
        for sentence in paragraph:
            doc = parsed.get(sentence)
            attribution = _attribute_sentence(doc[:], context) if doc is not None else Attribution()
            attributions.append(attribution)
            context.remember(attribution)
        result.append(_spread_over_quotations(paragraph, attributions))
    return result


def _attribute_sentence(sent: Span, context: _Context) -> Attribution:
    found = _according_to(sent) or _reporting_clause(sent)
    if found is None:
        return _quoted_as_saying(sent.text, context)
    speaker_token, relay_token, attribution_only = found
    phrase, description = _name_phrase(speaker_token)
    head_noun = speaker_token.lower_
    is_anaphoric = (
        head_noun in PRONOUNS
        or phrase.lower().startswith("same ")
        or (_has_definite_article(speaker_token) and phrase.lower() in ANAPHORIC_NOUNS)
    )
    if is_anaphoric:
        resolved = context.resolve(phrase, None if head_noun in PRONOUNS else head_noun)
        if resolved is None:
            return Attribution()
        return Attribution(resolved.speaker, resolved.via, resolved.description, attribution_only)
    via: list[str] = []
    if relay_token is not None:
        relay_phrase, _ = _name_phrase(relay_token)
        if not same_name(relay_phrase, context.outlet):
            via.append(relay_phrase)
    if same_name(phrase, context.outlet) and not via:
        return Attribution(attribution_only=attribution_only)  # the outlet speaking for itself
    via.append(context.outlet)
    return Attribution(phrase, tuple(via), description, attribution_only)


def _quoted_as_saying(text: str, context: _Context) -> Attribution:
    """Surface fallback for "X quoted Y as saying", which the small parser sometimes misreads."""
    match = _QUOTED_AS_SAYING.match(text)
    if not match:
        return Attribution()
    relay = re.sub(r"^(?:the|a|an)\s+", "", match.group("relay").strip(), flags=re.IGNORECASE)
    speaker = re.sub(r"^(?:the|a|an)\s+", "", match.group("speaker").strip(), flags=re.IGNORECASE)
    via = [] if same_name(relay, context.outlet) else [relay]
    return Attribution(speaker, (*via, context.outlet))


def _according_to(sent: Span) -> tuple[Token, Token | None, bool] | None:
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            continue
        # The parser hangs "to" under "according" or beside it; look in both places.
        for to in [*token.children, token.nbor(1)]:
            if to.lower_ == "to":
                objects = [child for child in to.children if child.dep_ == "pobj"]
                if objects:
                    return objects[0], None, False
    return None


def _reporting_clause(sent: Span) -> tuple[Token, Token | None, bool] | None:
    """The outermost reporting verb with a named subject (or passive agent)."""
    candidates = [token for token in sent if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX")
                  and token.dep_ in ("ROOT", "parataxis", "ccomp", "conj", "advcl")]
    candidates.sort(key=_depth)
    for verb in candidates:
        children = list(verb.children)
        deps = {child.dep_ for child in children}
        lemma = verb.lemma_.lower()
        subject = next((c for c in children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ != "it")), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
        has_content = bool(deps & {"ccomp", "xcomp", "parataxis"}) or _quoted(sent)
        if lemma == "quote" and obj is not None:
            relay = subject if subject is not None and subject.dep_ == "nsubj" else None
            return obj, relay, False
        if agent is not None and (has_content or verb.dep_ == "ROOT"):
            return agent, None, False
        if subject is None or subject.dep_ == "nsubjpass":
            continue
        if verb.dep_ not in ("ROOT", "parataxis") and not has_content:
            continue
        if lemma == "tell" and obj is not None and _looks_like_outlet(obj):
            return subject, obj, False
        if lemma == "call":
            if any(c.dep_ == "prep" and c.lower_ in CALL_PREPOSITIONS for c in children):
                return subject, None, False
            continue
        if lemma in DENIAL_VERBS:
            if obj is not None and obj.lower_ in DENIED_OBJECTS:
                return subject, None, False
            continue
        if has_content or (lemma in OBJECT_CLAIM_VERBS and obj is not None):
            return subject, None, False
        if _only_attribution(sent, verb):
            return subject, None, True
    return None


def _only_attribution(sent: Span, verb: Token) -> bool:
    """'Sorel said.' / 'the mayor added.': a sentence naming a speaker and nothing else."""
    words = [token for token in sent if token.is_alpha]
    return len(words) <= 5 and not any(child.dep_ in ("dobj", "prep", "ccomp") for child in verb.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _quoted(sent: Span) -> bool:
    return any(token.text in _QUOTES for token in sent)


def _has_definite_article(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in token.children)


def _looks_like_outlet(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "NORP", "GPE")


def _name_phrase(head: Token) -> tuple[str, str | None]:
    """The name a head noun stands for, and the description the text gives it.

    Relative clauses, appositions and trailing modifiers of the head are cut
    ("a senior official familiar with the talks" -> "senior official"). A
    generic head with a proper-noun apposition is named by the apposition
    ("the official television channel, Kan" -> "Kan"), and a person's title
    becomes the description ("Secretary of State Anthony Blinken").
    """
    apposition = next((c for c in head.children if c.dep_ == "appos"), None)
    if apposition is not None and head.pos_ != "PROPN" and apposition.pos_ == "PROPN":
        head, apposition = apposition, head
    keep = [head]
    for child in head.children:
        if child.dep_ in _TRIMMED_DEPS or child.dep_ == "det" or (child.dep_ == "nummod" and child.i < head.i):
            continue
        if child.dep_ == "amod" and child.i > head.i:
            continue
        if child.dep_ == "prep" and head.pos_ != "PROPN" and child.lower_ != "of":
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda token: token.i)
    description = None
    if apposition is not None:
        inside_head = {t.i for t in head.subtree} if head.i != apposition.head.i else set()
        description = _join([t for t in apposition.subtree
                             if t.i not in inside_head
                             and not (t.dep_ in ("det", "punct") and t.head.i == apposition.i)]) or None
    if head.ent_type_ == "PERSON":
        person = [t for t in keep if t.ent_type_ == "PERSON" and t.ent_iob_ != "O"]
        title = [t for t in keep if t.i < person[0].i] if person else []
        if person and title:
            keep = person
            description = description or _join(title)
    return _join(keep), description


def _join(tokens: list[Token]) -> str:
    text = "".join(token.text_with_ws for token in tokens).strip()
    text = re.sub(r"\s+'s\b", "'s", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,\"“”"), flags=re.IGNORECASE)
    return text


def _spread_over_quotations(sentences: list[str], attributions: list[Attribution]) -> list[Attribution]:
    """Sentences inside a multi-sentence quotation take the quotation's speaker.

    The speaker comes from the sentence that opens the quotation or, failing
    that, from the one that closes it ('"...," Sorel said.' or a bare 'Sorel said.').
    """
    spans: list[list[int]] = []
    inside = False
    for index, sentence in enumerate(sentences):
        starts_inside = inside
        quote_marks = sum(sentence.count(mark) for mark in _QUOTES)
        if quote_marks % 2:
            inside = not inside
        if starts_inside or (inside and quote_marks):
            if not starts_inside:
                spans.append([index])
            else:
                spans[-1].append(index)
    result = list(attributions)
    for span in spans:
        closing = span[-1] + 1
        members = span + ([closing] if closing < len(sentences) else [])
        speaker = next((result[i] for i in members if result[i].speaker), None)
        if speaker is None:
            continue
        for i in span:
            if not result[i].speaker:
                result[i] = Attribution(speaker.speaker, speaker.via, speaker.description)
    # A bare 'Sorel said.' closes the paragraph before it.
    for index, attribution in enumerate(result):
        if attribution.attribution_only and attribution.speaker:
            for earlier in range(index - 1, -1, -1):
                if result[earlier].speaker:
                    break
                result[earlier] = Attribution(attribution.speaker, attribution.via, attribution.description)
    return result


def name_key(name: str) -> tuple[str, ...]:
    """Comparable form of a name: lower case, no articles, possessives or punctuation."""
    words = re.sub(r"'s\b|[^\w\s]", " ", name.lower().replace(".", "")).split()
    while words and words[0] in ("the", "a", "an", "same"):
        words = words[1:]
    return tuple(words)


MEDIA_WORDS = {"news", "website", "site", "channel", "network", "newspaper", "daily", "agency",
               "tv", "television", "broadcaster", "outlet", "portal"}


def same_name(first: str, second: str) -> bool:
    """True when two names plausibly name one source.

    One ends with the other ('Israeli Channel 12' / 'Channel 12', 'Blinken' /
    'Anthony Blinken'), or one is the other plus media words ('Cairo News
    Channel' / 'Cairo News', 'the Axios news website' / 'Axios').
    """
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer[-len(shorter):] == shorter:
        return True
    return longer[: len(shorter)] == shorter and all(word in MEDIA_WORDS for word in longer[len(shorter):])
