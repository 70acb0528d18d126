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
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from spacy.tokens import Span, Token

from reconcile import nlp
from reconcile.lexicons import lexicon
from reconcile.text import reading_form

REPORTING_VERBS = {
    "say", "tell", "report", "announce", "confirm", "deny", "claim", "add", "state",
    "describe", "believe", "insist", "warn", "estimate", "quote", "indicate", "note",
    "stress", "assert", "argue", "explain", "reveal", "disclose", "acknowledge",
    "admit", "inform", "maintain", "suggest", "allege", "write", "tweet", "post",
    "declare", "reiterate", "emphasize", "emphasise", "caution", "dismiss", "predict",
    "recount", "testify", "concede", "contend", "affirm", "comment", "assess", "conclude",
    "reject", "refute", "rebut", "call",
    "accuse", "blame", "urge", "criticise", "criticize", "condemn", "praise", "vow", "pledge", "promise",
    "repeat",
}
# Speech verbs that attribute even when the parser hangs the content elsewhere
# ("Kedem said in a statement that ..." attaches the clause to "statement").
CORE_SPEECH_VERBS = {"say", "add", "state", "tell", "announce", "warn", "insist", "claim", "report", "stress"}
# Audiences of "told": "told reporters" names no relay.
AUDIENCES = {"reporters", "journalists", "mps", "parliament", "congress", "lawmakers", "senators", "lawmaker",
             "press", "media", "crowd", "supporters", "audience", "students", "residents", "court", "jury",
             "committee", "council", "assembly", "delegates", "members"}
# Role nouns whose "for X" is part of the name ("a spokesman for Hallstrom Rail").
ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "lawyer", "attorney", "adviser",
              "advisor", "official", "source", "sources", "officials", "head", "chief", "director"}
# Verbs whose plain object is itself the claim ("the ministry announced a curfew").
OBJECT_CLAIM_VERBS = {"announce", "confirm", "deny", "report", "claim", "estimate", "reveal",
                      "disclose", "acknowledge", "admit", "allege", "predict", "declare"}
# Verbs that are speech only with a particular object or preposition:
# "rejected that account", "dismissed the reports", "called for a review".
DENIAL_VERBS = {"reject", "dismiss", "refute", "rebut"}
DENIED_OBJECTS = lexicon("denied_objects")
CALL_PREPOSITIONS = {"for", "on"}
_QUOTED_AS_SAYING = re.compile(
    r"^(?:[A-Z][\w ,]*?,\s+)?(?P<relay>[A-Z][\w.' -]*?)\s+(?:also\s+)?quoted\s+(?P<speaker>.+?)\s+as\s+"
    r"(?:saying|describing|telling|stating|warning|calling)\b"
)
# Surface forms that make a sentence worth parsing; a superset is fine.
_CUE_PATTERN = re.compile(
    r"\b(?:according|quot\w*|say|s[a]id|says|saying|repeat\w*|point(?:s|ed|ing)? out|declin\w*|refus\w*|told|tell\w*|report\w*|announc\w*|confirm\w*|"
    r"den(?:y|ied|ies|ying)|claim\w*|add(?:s|ed|ing)?|stat(?:e|ed|es|ing)|describ\w*|believ\w*|"
    r"insist\w*|warn\w*|estimat\w*|indicat\w*|not(?:e|ed|es|ing)|stress\w*|assert\w*|argu\w*|"
    r"explain\w*|reveal\w*|disclos\w*|acknowledg\w*|admit\w*|inform\w*|maintain\w*|suggest\w*|"
    r"alleg\w*|wr(?:ite|ote|ites|itten|iting)|tweet\w*|post\w*|declar\w*|reiterat\w*|emphas\w*|"
    r"caution\w*|dismiss\w*|predict\w*|recount\w*|testif\w*|conced\w*|contend\w*|affirm\w*|"
    r"comment\w*|assess\w*|conclud\w*|spokes\w*|statement|reject\w*|refut\w*|rebut\w*|call(?:s|ed|ing)?|"
    r"accus\w*|blam\w*|urg\w*|critici\w*|condemn\w*|prais\w*|vow\w*|pledg\w*|promis\w*)\b|[\"“”]",
    re.IGNORECASE,
)
# Any form of a figure verb (lexicon `figure_verbs`): "put", "placed", "revising" (stem, then any ending).
_FIGURE_CUE = re.compile(r"\b(?:" + "|".join(sorted(re.escape(verb[:-1] if verb.endswith("e") else verb)
                                                   for verb in lexicon("figure_verbs"))) + r")\w*\b", re.IGNORECASE)
# what findings are issued as ("figures show", "a survey found that"): who issued them speaks
FINDING_NOUNS = lexicon("finding_nouns")
FINDING_VERBS = lexicon("finding_verbs")
FINDING_SUBJECTS = lexicon("data_nouns") | FINDING_NOUNS
# a findings verb is a cue only after a findings noun ("bodies were found" is the outlet's)
_FINDINGS_CUE = re.compile(r"\b(?:" + "|".join(sorted(FINDING_SUBJECTS)) + r")s?\b.*\b(?:show(?:s|ed|n)?|f(?:ou|i)nds?)\b",
                           re.IGNORECASE | re.DOTALL)
_LEADING_PRONOUN = re.compile(r"^\W*(?:he|she|they|it)\b", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}
# Words for a news outlet: "the website" points back to one, "the Axios news website" is Axios.
MEDIA_WORDS = {"news", "website", "site", "channel", "network", "newspaper", "paper", "daily", "agency", "tv",
               "television", "broadcaster", "outlet", "portal", "station", "tabloid", "magazine", "publication",
               "wire"}
# "the company" points back to the company last quoted, never to a public body.
COMPANY_NOUNS = {"company", "firm", "operator", "group", "corporation", "carrier", "airline", "manufacturer",
                 "utility", "business", "owner"}
# Nouns that, with "the" or "the same", point back to an earlier speaker or relay.
ANAPHORIC_NOUNS = MEDIA_WORDS | COMPANY_NOUNS | {
    "radio", "source", "sources", "official", "officials", "report", "reports", "minister", "ministry",
    "spokesperson", "spokesman", "spokeswoman", "department", "office", "company", "operator", "union", "judge",
    "mayor", "president", "prosecutor", "chief", "councillor", "board", "governor", "commissioner", "envoy",
    "diplomat", "premier", "chancellor", "statement", "firm", "group", "organisation", "organization",
    "institute", "court", "police", "army", "military", "government", "committee", "council", "club", "bank",
    "hospital", "force", "regulator", "watchdog", "inspectorate", "authority", "trust", "service"}
# Titles that precede a name; they describe the person, they are not the name.
TITLES = {"superintendent", "inspector", "constable", "sergeant", "detective", "officer", "chief", "commissioner",
          "president", "minister", "secretary", "mayor", "governor", "senator", "councillor", "councilor", "dr",
          "doctor", "professor", "prof", "general", "colonel", "captain", "judge", "director", "chairman",
          "chairwoman", "chair", "ambassador", "sheriff", "deputy", "mr", "mrs", "ms", "mp", "mep", "rep", "sen",
          "lord", "lady", "sir", "dame", "king", "queen", "prince", "princess", "pope", "rabbi", "imam", "bishop",
          "archbishop", "sheikh", "lieutenant", "lt", "major", "maj", "gen", "col", "sgt", "admiral", "commander",
          "premier", "chancellor", "speaker", "ceo", "spokesman", "spokeswoman", "spokesperson"}
# What speaks through a document: "a statement from the group" is the group.
DOCUMENT_NOUNS = {"statement", "letter", "filing", "post", "email", "release", "notice"}
# Nouns that point back to a name without sharing its words: "the force" is the police.
NOUN_SENSES = {"force": {"police", "constabulary"}}
PUBLIC_BODY_WORDS = {"police", "council", "agency", "ministry", "department", "hospital", "union", "service",
                     "office", "government", "court", "army", "board", "committee", "authority", "inspectorate"}
_TRIMMED_DEPS = {"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "advmod", "case"}
_QUOTES = '"“”'


@dataclass(frozen=True)
class Attribution:
    speaker: str | None = None
    via: tuple[str, ...] = ()
    description: str | None = None
    attribution_only: bool = False  # the sentence only says who spoke ("Sorel said.")


@dataclass
class _Context:
    """What an article has said so far: recent speakers, and its sentences for looking back."""

    outlet: str
    parses: "_Parses"
    recent: list[Attribution] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    def remember(self, sentence: str, attribution: Attribution) -> None:
        self.sentences.append(sentence)
        if attribution.speaker:
            self.recent.append(attribution)

    def resolve(self, head_noun: str | None, carry_over: bool, personal: bool = False) -> Attribution | None:
        """Resolve 'he', 'the same channel', 'the judge' to an earlier speaker or relay.

        A noun must match an earlier name or description; a pronoun, 'the same
        ...', or a carry-over cue ('also', 'added') may fall back to the last
        speaker, or to the subject of the sentence before.
        """
        noun = head_noun if head_noun and head_noun not in PRONOUNS else None
        if noun:
            for earlier in reversed(self.recent):
                for named in _named_in(earlier):
                    words = f"{named.speaker} {named.description or ''}".lower().split()
                    if noun in words or noun.rstrip("s") in words or NOUN_SENSES.get(noun, set()) & set(words):
                        return named
            # "Acme, a haulage company, ..." then "the company said": a name the text introduced that way.
            for sentence in reversed(self.sentences):
                if re.search(rf"\b{re.escape(noun)}\b", sentence, re.IGNORECASE):
                    # an indefinite apposition to a subject introduces; "on Acme, the regulator said" does not
                    introduced = next((t.head for t in self.parses.get(sentence) if t.dep_ == "appos"
                                       and t.lemma_.lower() == noun and t.head.pos_ == "PROPN"
                                       and t.head.dep_ in ("nsubj", "nsubjpass", "ROOT")
                                       and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in t.children)), None)
                    if introduced is not None:
                        return Attribution(_name_phrase(introduced)[0], self.chain(None))
        if noun in COMPANY_NOUNS:
            for earlier in reversed(self.recent):
                if self.parses.is_company(earlier.speaker):
                    return replace(earlier, description=None)
        if noun in MEDIA_WORDS:
            # "the website", "the newspaper": the latest outlet named, as relay (first) or as speaker.
            for earlier in reversed(self.recent):
                speaker, *relays = _named_in(earlier)
                for named in [*relays, speaker]:
                    if not is_generic(named.speaker):
                        return replace(named, description=None)
        if noun:
            # "the board" after "The Rail Safety Board opened an inquiry": a name mentioned, not quoted.
            pattern = re.compile(rf"\b((?:[A-Z][\w'&-]*\s+){{1,5}}(?i:{re.escape(noun)}))\b")
            for sentence in reversed(self.sentences):
                names = [_without_article(m.group(1)) for m in pattern.finditer(sentence)]
                names = [n for n in names if len(n.split()) >= 2 and n.split()[-1][:1].isupper()]
                if names:
                    return Attribution(names[-1], self.chain(None))
        if not carry_over:
            return None
        if personal and self.sentences:
            # "Lorna Beck was sent home. 'Nobody could open my notes,' she said.": the person just named,
            # even when an earlier sentence quoted someone else.
            subject = self.named_subject(self.sentences[-1], person_only=True)
            if subject is not None:
                earlier = next((a for a in reversed(self.recent) if same_name(a.speaker, subject.speaker)), None)
                return earlier or subject
        if self.recent:
            return self.recent[-1]
        # "Councillor Ferreira accused the mayor ... She told reporters ...": the subject of the sentence before.
        return self.named_subject(self.sentences[-1]) if self.sentences else None

    def chain(self, relay: str | None) -> tuple[str, ...]:
        """The relay chain ending with this article's outlet (a relay that is the outlet itself adds nothing)."""
        return (relay, self.outlet) if relay and not same_name(relay, self.outlet) else (self.outlet,)

    def named_subject(self, text: str, person_only: bool = False) -> Attribution | None:
        """The proper-noun subject of `text`'s main clause, as a speaker of this article."""
        doc = self.parses.get(text)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if subject is None and person_only:  # "Colin Ashdown would not be drawn on it"
            subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None) if root is not None else None
        if subject is None or subject.pos_ != "PROPN" or person_only and subject.ent_type_ != "PERSON":
            return None
        name, description = _name_phrase(subject)
        return Attribution(name, self.chain(None), description)


def _named_in(attribution: Attribution) -> list[Attribution]:
    """Everyone an attribution names, each with its own chain: the speaker, then each relay."""
    via = attribution.via
    return [replace(attribution, attribution_only=False),
            *(Attribution(relay, via[position + 1:]) for position, relay in enumerate(via[:-1]))]


class _Parses:
    """Dependency parses, batched for the sentences known to need one, on demand for the rest."""

    def __init__(self, sentences: list[str]) -> None:
        unique = list(dict.fromkeys(sentences))
        self.docs = dict(zip(unique, nlp.parser().pipe(unique, batch_size=64)))  # sentence -> Doc, reused by callers

    def get(self, sentence: str):
        if sentence not in self.docs:
            self.docs[sentence] = nlp.parser()(sentence)
        return self.docs[sentence]

    def is_company(self, name: str) -> bool:
        """Was `name` tagged an organisation in a sentence parsed so far, and is it no public body?"""
        if set(name_key(name)) & PUBLIC_BODY_WORDS:
            return False
        return any(entity.label_ == "ORG" and same_name(entity.text, name)
                   for doc in self.docs.values() for entity in doc.ents)


def needs_parse(sentence: str) -> bool:
    """True when a sentence may name a speaker; all others belong to the outlet."""
    return bool(_CUE_PATTERN.search(sentence) or _FIGURE_CUE.search(sentence) or _FINDINGS_CUE.search(sentence)
                or _LEADING_PRONOUN.match(sentence))


def attribute_article(paragraphs: list[list[str]], outlet: str, parsed: dict | None = None) -> list[list[Attribution]]:
    """Attribute every sentence of one article; the result mirrors `paragraphs`. `parsed`, if given,
    receives the parses made (sentence -> Doc), for the content stage to reuse."""
    # without the dateline ("ASHCOMBE, Velmora (CWS) - "), as the content stage reads them: it reuses these parses
    paragraphs = [[reading_form(sentence) for sentence in paragraph] for paragraph in paragraphs]
    flat = [sentence for paragraph in paragraphs for sentence in paragraph]
    parses = _Parses([sentence for sentence in flat if needs_parse(sentence)])
    if parsed is not None:
        parsed.update(parses.docs)
    context = _Context(outlet, parses)
    result = []
    for paragraph in paragraphs:
        attributions = []
        inside_flags = _starts_inside_quote(paragraph)
        for sentence, starts_inside in zip(paragraph, inside_flags):
            if needs_parse(sentence):
                attribution = _attribute_sentence(parses.get(sentence)[:], context, starts_inside)
            else:
                attribution = Attribution()
            attributions.append(attribution)
            context.remember(sentence, attribution)
        result.append(_spread_over_quotations(paragraph, inside_flags, attributions, context))
    return _full_names(result, " ".join(flat))


def _full_names(result: list[list[Attribution]], text: str) -> list[list[Attribution]]:
    """Speakers named short where the article also names them in full: an acronym it spelt out
    ("Kestrian Air Navigation Services (KANS)" -> KANS is that body) and a bare title it gave with a
    name ("Health Minister Irena Vostrak" -> "the Health Minister said" is she), and one of a group it
    described ("two people familiar with the talks" -> "one of the people" is a person familiar with the
    talks). Relays are left alone."""
    speakers = {a.speaker for paragraph in result for a in paragraph if a.speaker}
    full = {speaker: name for speaker in speakers
            if (name := _titled_person(speaker, text) or _one_of_group(speaker, text) or _acronyms_spelt_out(speaker, text))}
    return [[replace(a, speaker=full[a.speaker], description=a.description or a.speaker) if a.speaker in full else a
             for a in paragraph] for paragraph in result]


_NAME_WORD = r"[A-Z][\w'&-]*"
_NAME_LINK = r"(?:of|for|and|the|on|de)"


def _spelt_out(speaker: str, text: str) -> str | None:
    """The name an acronym stands for where the text gives it: "Office of the Data Guardian (ODG)"."""
    if not re.fullmatch(r"[A-Z]{2,6}", speaker):
        return None
    match = re.search(rf"((?:{_NAME_WORD}\s+(?:{_NAME_LINK}\s+)*){{1,7}})\(\s*{speaker}\s*\)", text)
    if match is None:
        return None
    name = _without_article(match.group(1).strip())
    return name if name[:1] == speaker[0] else None


def _acronyms_spelt_out(speaker: str, text: str) -> str | None:
    """"KANS" -> "Kestrian Air Navigation Services", "KADA spokesman" -> "Kestrian Anti-Doping Agency
    spokesman", where the text spells the acronym out."""
    words = speaker.split()
    spelt = [_spelt_out(word, text) or word for word in words]
    return " ".join(spelt) if spelt != words else None


def _titled_person(speaker: str, text: str) -> str | None:
    """The person the text names with this title ("Interior Minister Claudia Vernet"), when it names one."""
    title = _without_article(speaker)
    words = title.split()
    if not 1 <= len(words) <= 3 or not all(word[:1].isupper() for word in words) or words[-1].lower() not in TITLES:
        return None
    people = {m.group(1) for m in re.finditer(rf"\b{re.escape(title)}\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b", text)}
    return people.pop() if len(people) == 1 else None


_GROUP_SIZES = r"(?:two|three|four|five|six|several|some|a few|a number of)"
_ONE_OF = re.compile(r"^one of (?:the|those|these) (\w+)$", re.IGNORECASE)


def _one_of_group(speaker: str, text: str) -> str | None:
    """"one of the people" where the text described the group ("two people familiar with the talks said")."""
    match = _ONE_OF.match(speaker)
    if match is None:
        return None
    noun = match.group(1).lower()
    found = re.search(rf"\b{_GROUP_SIZES} {re.escape(noun)} ((?:[a-z]+ ){{1,7}}?)(?:told|said|say|says|who)\b", text)
    if found is None:
        return None
    one = "person" if noun == "people" else noun[:-1] if noun.endswith("s") else noun
    return f"{one} {found.group(1).strip()}"


def _opens_or_closes_quote(sentence: str) -> bool:
    return sum(sentence.count(mark) for mark in _QUOTES) % 2 == 1


def _starts_inside_quote(sentences: list[str]) -> list[bool]:
    flags, inside = [], False
    for sentence in sentences:
        flags.append(inside)
        inside ^= _opens_or_closes_quote(sentence)
    return flags


def _attribute_sentence(sent: Span, context: _Context, starts_inside: bool = False) -> Attribution:
    found = _according_to(sent) or _reporting_clause(sent, starts_inside)
    if found is None:
        found = _with_speaking(sent, starts_inside)
    chain = _apposition_chain(sent, starts_inside)
    if chain is not None and (found is None or (
            sent.start not in chain.positions and found[0].i not in chain.phrase
            and (chain.names_person or found[0].i in chain.positions))):
        # The small parser often misreads a long trailing attribution (", the clinic's director, Dr Paul
        # Weir, told the Gazette"); the chain of comma-bounded noun phrases before the verb is surer.
        found = (chain.head, None, False)
    cited = _cited_source(sent, starts_inside)
    if cited is not None and (found is None or found[1] is None) and (found is None or found[0].i != cited.i):
        # "the broadcaster reported, citing a ministry source": the source speaks, through the broadcaster
        found = (cited, found[0] if found is not None else None, False)
    if found is None:
        return _quoted_as_saying(sent.text, context)
    speaker_token, relay_token, attribution_only = found
    figures = speaker_token.lower_ in lexicon("data_nouns") or speaker_token.lower_ in DOCUMENT_NOUNS
    if figures or speaker_token.lemma_.lower() in FINDING_NOUNS:
        # "figures from the commission", "the ministry's statement", "a survey by the institute": whoever
        # issued them speaks
        author = _author_of(speaker_token)
        if author is not None:
            speaker_token = author
        elif speaker_token.lower_ in DOCUMENT_NOUNS and context.recent:
            return replace(context.recent[-1], attribution_only=attribution_only)  # "the statement said"
        elif figures or (speaker_token.lower_ not in ("report", "reports")
                         and not any(t.pos_ == "PROPN" for t in speaker_token.lefts)):
            # "figures showed", "opinion polls showed": the outlet's account; "a Norland-Pulse poll" says
            # whose, and "the report" may point back to an outlet
            return Attribution(attribution_only=attribution_only)
    phrase, description = _name_phrase(speaker_token)
    owner = _possessor(speaker_token, sent) if phrase.lower().startswith(("his ", "her ", "its ", "their ")) else None
    if owner is not None:
        # "his office said" -> "office of Tomas Reinholt"; "its hydrologists warned" -> the service itself
        phrase = owner[0] if owner[1] else f"{speaker_token.lower_} of {owner[0]}"
        return Attribution(phrase, context.chain(None), description, attribution_only)
    head_noun = speaker_token.lower_
    definite = _has_definite_article(speaker_token) or phrase.lower().startswith("same ")
    is_anaphoric = head_noun in PRONOUNS or (definite and head_noun in ANAPHORIC_NOUNS and is_generic(phrase))
    named = _named_content_subject(speaker_token) if is_anaphoric and head_noun not in PRONOUNS else None
    if named is not None:
        # "The Data Guardian has opened an inquiry, the regulator announced": the regulator is the Data Guardian
        return Attribution(_name_phrase(named)[0], context.chain(None), phrase, attribution_only)
    if is_anaphoric:
        carry_over = (head_noun in PRONOUNS or phrase.lower().startswith("same ")
                      or head_noun in ("source", "sources", "official", "officials")
                      or any(t.lower_ in ("also", "added", "adds", "add") for t in sent))
        resolved = context.resolve(None if head_noun in PRONOUNS else head_noun, carry_over,
                                   personal=head_noun in ("he", "she"))
        if resolved is not None:
            return replace(resolved, attribution_only=attribution_only)
        if head_noun in PRONOUNS:
            return Attribution()
    via = context.chain(_name_phrase(relay_token)[0] if relay_token is not None else None)
    if same_name(phrase, context.outlet) and len(via) == 1:
        return Attribution(attribution_only=attribution_only)  # the outlet speaking for itself
    return Attribution(phrase, via, description, attribution_only)


def _possessor(speaker: Token, sent: Span) -> tuple[str, bool] | None:
    """Whom "his office" or "its engineers" belongs to, named earlier in the sentence: (the name, True
    when the speaker stands for that body itself: "its" staff speak for the organisation), or None.
    A person's office is named as "office of" the person; other "his"/"her" phrases are left alone."""
    pronoun = next((c for c in speaker.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their")), None)
    if pronoun is None:
        return None
    wanted = ("ORG",) if pronoun.lower_ == "its" else ("PERSON",)
    if pronoun.lower_ != "its" and speaker.lower_ != "office":
        return None
    owners = [ent for ent in sent.ents if ent.label_ in wanted and ent.end <= pronoun.i]
    if not owners:
        return None
    return _without_article(owners[-1].text), pronoun.lower_ == "its"


def _quoted_as_saying(text: str, context: _Context) -> Attribution:
    """Surface fallback for "X quoted Y as saying", which the small parser sometimes misreads."""
    match = _QUOTED_AS_SAYING.match(text)
    if not match:
        return Attribution()
    return Attribution(_without_article(match.group("speaker")), context.chain(_without_article(match.group("relay"))))


def _named_content_subject(speaker: Token) -> Token | None:
    """The organisation a trailing "the regulator announced" speaks for: the named subject of what it reports."""
    verb = speaker.head
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i:
        clause = verb.head
    else:
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
    if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ != "PERSON" and subject.i < speaker.i:
        return subject
    return None


def _according_to(sent: Span) -> tuple[Token, Token | None, bool] | None:
    """'according to X'; X may itself be relayed: 'a source quoted by Cairo News',
    'a Kan report citing officials', 'data compiled by Bloomberg'."""
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            continue
        # The parser hangs "to" under "according" or beside it; look in both places.
        for to in [*token.children, token.nbor(1)]:
            if to.lower_ != "to":
                continue
            objects = [child for child in to.children if child.dep_ == "pobj"]
            if not objects:
                continue
            source = objects[0]
            for clause in (c for c in source.children if c.dep_ == "acl"):
                agent = next((g for c in clause.children if c.dep_ == "agent" for g in c.children
                              if g.dep_ == "pobj"), None)
                cited = next((c for c in clause.children if c.dep_ == "dobj"), None)
                if agent is not None and clause.lemma_.lower() == "quote":
                    return source, agent, False
                if agent is not None and clause.lemma_.lower() in SEEING_VERBS:
                    # "a ministry document seen by the Courier": the ministry's; "a manifest seen by VBC
                    # News", with no author named: what the outlet that saw it reports
                    author = _author_of(source)
                    return (author if author is not None else agent), None, False
                if agent is not None:
                    return agent, None, False
                if cited is not None and clause.lemma_.lower() in ("cite", "quote"):
                    publisher = next((c for c in source.children if c.dep_ in ("compound", "poss")
                                      and c.pos_ == "PROPN"), None)
                    return cited, publisher, False
            return source, None, False  # "a statement from the group": the group speaks (_author_of)
    return None


def _reporting_clause(sent: Span, starts_inside: bool = False) -> tuple[Token, Token | None, bool] | None:
    """The outermost reporting verb outside quotation marks, with a named subject (or passive agent)."""
    quoted = _inside_quotes(sent, starts_inside)
    verbs = [token for token in sent if token.pos_ in ("VERB", "AUX") and token.i not in quoted]
    # a figure verb or a speech participle speaks only when no reporting verb does
    findings = {token.i for token in verbs if _findings_of(token)}
    secondary = findings | {token.i for token in verbs if _gives_figure(token) or _speaking_participle(token)
                            or _declines_to_speak(token)}
    candidates = [token for token in verbs if token.i in secondary or (
        (token.lemma_.lower() in REPORTING_VERBS or _points_out(token))
        and token.dep_ in ("ROOT", "parataxis", "ccomp", "conj"))
        or _speaks_alongside(token)]
    candidates.sort(key=lambda token: (token.i in secondary, _depth(token)))
    for verb in candidates:
        children = list(verb.children)
        deps = {child.dep_ for child in children}
        lemma = verb.lemma_.lower()
        if "neg" in deps or (lemma == "add" and "prt" in deps):  # "did not say", "add up"
            continue
        subject = next((c for c in children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ != "it")), None)
        if subject is None and verb.dep_ in ("conj", "advcl"):
            # "apologised and said ...", "rejected the report, telling reporters ...": the first verb's subject
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if verb.i in secondary:
            if subject is not None and subject.dep_ == "nsubj" and (_agentive(subject) or verb.i in findings):
                return subject, None, False
            continue
        leading = None
        if subject is None and verb.dep_ == "ROOT" and lemma in CORE_SPEECH_VERBS:
            subject = leading = _leading_name(sent, verb)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
        has_content = bool(deps & {"ccomp", "xcomp", "parataxis"}) or bool(quoted)
        if lemma == "quote":
            if obj is not None:
                return obj, subject if subject is not None and subject.dep_ == "nsubj" else None, False
            if subject is not None and subject.dep_ == "nsubjpass" and agent is not None:
                return subject, agent, False  # "X was quoted by Channel 12 as saying"
            continue
        if agent is not None and (has_content or verb.dep_ == "ROOT"):
            return agent, None, False
        if subject is None or subject.dep_ == "nsubjpass" and subject is not leading:
            continue
        if verb.dep_ not in ("ROOT", "parataxis", "conj") and not has_content:
            continue
        if lemma == "tell" and obj is not None and _is_relay(obj):
            return subject, obj, False
        if lemma == "call":
            if any(c.dep_ == "prep" and c.lower_ in CALL_PREPOSITIONS for c in children) or "oprd" in deps:
                return subject, None, False
            continue
        if lemma == "describe":  # "described the response as disproportionate" states an assessment
            if obj is not None and any(t.lower_ == "as" for c in children
                                       if c.dep_ in ("prep", "advcl", "oprd", "acomp") for t in c.subtree):
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
        if lemma in CORE_SPEECH_VERBS and verb.dep_ in ("ROOT", "parataxis") or verb.dep_ == "parataxis" and obj is None:
            return subject, None, False  # "Most of them, she added, had inhaled smoke"; "..., he acknowledged, ..."
    return None


SPEECH_VERB_TAGS = {"VBD", "VBZ", "VBP"}  # "said", "says", "tell": a finite speech verb, not "adding"


class _Chain(NamedTuple):
    """A chain of comma-bounded noun phrases before a speech verb, and the speaker it names."""

    head: Token  # head of the phrase naming a person (a bare name first), else a bare name, else the nearest
    names_person: bool
    phrase: set[int]  # token positions of that phrase
    positions: set[int]  # token positions of the whole chain


def _apposition_chain(sent: Span, starts_inside: bool) -> _Chain | None:
    """The speaker named just before a finite speech verb by comma-bounded noun phrases, read from the
    surface: "..., a spokeswoman, Anna Berg, said", "..., Chief Inspector Mark Hollis, a spokesman for
    the police, told reporters". Going back from the verb, each phrase between commas that holds no
    verb joins the chain; the first that does (or opens with a preposition, an adverb...) ends it."""
    quoted = _inside_quotes(sent, starts_inside)
    for verb in sent:
        perfect = (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
                   and not any(c.dep_ == "auxpass" for c in verb.children))
        # "..., a senior investigator who asked not to be named told TNA": the tagger may read "told" as a
        # participle; one with no auxiliary and no "to" clause ("a man said to be ...") is the finite verb
        bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "xcomp") for c in verb.children)
        if (verb.lemma_.lower() not in CORE_SPEECH_VERBS | {"confirm"}
                or not (verb.tag_ in SPEECH_VERB_TAGS or perfect or bare_participle)
                or verb.i in quoted or any(c.dep_ == "neg" for c in verb.children)):
            continue
        segments, end = [], verb.i
        if perfect:  # "..., the fire service has confirmed": the chain ends before the auxiliary
            end = min(c.i for c in verb.children if c.dep_ == "aux")
        if end > sent.start and sent.doc[end - 1].text == ",":
            end -= 1
        while end > sent.start:
            start = end
            while start > sent.start and sent.doc[start - 1].text != "," and sent.doc[start - 1].text not in _QUOTES:
                start -= 1
            segment = list(sent.doc[start:end])
            if not segments:  # only the phrase next to the verb is the speaker's own, clause and all
                segment = _before_relative(segment)
                if _lone_pronoun(segment, start, sent):
                    segments.append(segment)  # "..., by which time they had gone, he added": the pronoun speaks
                    break
                if _relative_clause(segment):
                    # "Irena Sokol of the police, who leads the search, told ...": the clause next to the verb
                    # describes the speaker, read past it (further back, one describes the content's noun)
                    end = start - 1
                    continue
            if not _nominal(segment, quoted):
                break
            segments.append(segment)
            if start > sent.start and sent.doc[start - 1].text in _QUOTES:
                break  # a quotation closes before the chain: it is the content, not another name
            end = start - 1  # past the comma
        if not segments or all(_phrase_head(segment).lower_ in lexicon("data_nouns") for segment in segments):
            continue  # "Laboratory tests carried out overnight had confirmed": findings, not a speaker
        people = [seg for seg in segments if any(t.ent_type_ == "PERSON" for t in seg)]
        named = [seg for seg in segments if all(t.pos_ == "PROPN" or t.is_punct for t in seg)]
        # a bare name of a person, a person, a bare name, else the phrase nearest the verb
        chosen = ([seg for seg in people if seg in named] or people or named or segments)[0]
        positions = {t.i for seg in segments for t in seg}
        head = _phrase_head(chosen)
        if people:
            head = next((t for t in reversed(chosen) if t.ent_type_ == "PERSON"), head)
        return _Chain(head, bool(people), {t.i for t in chosen}, positions)
    return None


RELATIVE_PRONOUNS = {"who", "whom", "whose", "which"}


def _before_relative(segment: list[Token]) -> list[Token]:
    """"a senior official who asked not to be named" -> "a senior official", "drivers waiting in the queue"
    -> "drivers": the noun phrase before a relative clause or a participle's phrase that closes it (a
    clause that opens the segment is left for `_relative_clause`)."""
    cut = next((n for n, t in enumerate(segment) if n and (
        t.lower_ in RELATIVE_PRONOUNS
        or t.tag_ in ("VBG", "VBN", "VBD") and t.dep_ not in ("amod", "compound") and segment[n - 1].pos_ in ("NOUN", "PROPN"))), None)
    return segment[:cut] if cut is not None else segment


def _relative_clause(segment: list[Token]) -> bool:
    """A comma-bounded relative clause ("who is leading the search"), which a chain reads past."""
    return bool(segment) and segment[0].lower_ in RELATIVE_PRONOUNS


def _lone_pronoun(segment: list[Token], start: int, sent: Span) -> bool:
    """The segment next to the verb is one personal pronoun after a comma (", he added")."""
    return (len(segment) == 1 and segment[0].lower_ in ("he", "she", "they") and start > sent.start
            and sent.doc[start - 1].text == ",")


def _phrase_head(segment: list[Token]) -> Token:
    inside = {t.i for t in segment}
    return next((t for t in segment if t.head.i not in inside or t.head.i == t.i), segment[-1])


def _with_speaking(sent: Span, starts_inside: bool) -> tuple[Token, None, bool] | None:
    """"..., with spokesman Pieter Lund telling the Courier: ...", "..., with the council saying ...": the
    noun phrase between "with" and a speech gerund speaks (the small parser rarely makes it a subject)."""
    quoted = _inside_quotes(sent, starts_inside)
    for verb in sent:
        if verb.tag_ != "VBG" or verb.lemma_.lower() not in CORE_SPEECH_VERBS or verb.i in quoted:
            continue
        start = verb.i
        while start > sent.start and sent.doc[start - 1].lower_ != "with" and verb.i - start < 8:
            start -= 1
        if start == sent.start or sent.doc[start - 1].lower_ != "with":
            continue
        segment = list(sent.doc[start:verb.i])
        if _nominal(segment, quoted):
            return next((t for t in reversed(segment) if t.ent_type_ == "PERSON"), _phrase_head(segment)), None, False
    return None


SOURCE_NOUNS = ROLE_NOUNS | PUBLIC_BODY_WORDS | COMPANY_NOUNS | {"people", "person", "administrators", "operator",
                                                               "diplomat", "diplomats", "officer", "witness"}


def _cited_source(sent: Span, starts_inside: bool) -> Token | None:
    """Whom a report cites: "..., citing a ministry official", "citing two people familiar with the
    inquiry", "citing Lifeline". Only someone who can speak counts (a name, or a source, role or body
    noun, or anyone "who ..."): "citing the confidentiality of the procedure" cites no one."""
    quoted = _inside_quotes(sent, starts_inside)
    for token in sent:
        if token.lower_ != "citing" or token.i in quoted:
            continue
        cited = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if cited is None and token.i + 1 < sent.end:
            after = [t for t in sent.doc[token.i + 1: sent.end] if t.text not in (",", ".")]
            cited = next((t for t in after[:6] if t.pos_ in ("NOUN", "PROPN")), None)
        if cited is None:
            continue
        agentive = (cited.pos_ == "PROPN" or cited.ent_type_ in ("PERSON", "ORG", "NORP")
                    or cited.lemma_.lower() in SOURCE_NOUNS or cited.lower_ in SOURCE_NOUNS
                    or any(c.dep_ == "relcl" and c.left_edge.lower_ == "who" for c in cited.children))
        if agentive:
            return cited
    return None


def _nominal(segment: list[Token], quoted: set[int]) -> bool:
    """A short noun phrase with no verb, outside quotation marks: "a spokeswoman", "Dr Paul Weir"."""
    if not segment or len(segment) > 12 or any(t.i in quoted for t in segment):
        return False
    if segment[0].pos_ in ("ADP", "SCONJ", "CCONJ", "ADV", "PART", "VERB", "AUX", "PRON", "NUM"):
        return False
    # a participle modifying a noun ("the city-owned utility") is no verb of a clause
    return (not any((t.pos_ in ("VERB", "AUX") and t.dep_ != "amod") or t.tag_ == "PRP" or t.text in _QUOTES
                    for t in segment)
            and any(t.pos_ in ("NOUN", "PROPN") for t in segment))


# "figures seen by the Courier": who saw or obtained a document did not issue it
SEEING_VERBS = lexicon("seeing_verbs")


def _author_of(document: Token) -> Token | None:
    """Who issued figures or a document: "figures from/by/of X", "figures released by X", "X's figures",
    "commission figures"; None when the text does not say."""
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            found = next((g for g in child.children if g.dep_ == "pobj"), None)
            if found is not None and found.lower_ not in lexicon("data_nouns"):
                return found
        if child.dep_ == "acl" and child.lemma_.lower() not in SEEING_VERBS:  # "seen by the Herald": a reader
            agent = next((g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS and child.pos_ in ("PROPN", "NOUN"):
            return child
    # "commission figures"; the tagger may read a body noun as an adjective ("inspectorate figures")
    return next((c for c in document.children if c.dep_ in ("compound", "amod")
                 and (c.pos_ == "PROPN" or c.lower_ in ANAPHORIC_NOUNS)), None)


def _gives_figure(verb: Token) -> bool:
    """"The institute put the magnitude at 6.4", "police revised the toll upward to 14": a figure verb
    (lexicon `figure_verbs`) with its figure after "at" or "to"."""
    if verb.lemma_.lower() not in lexicon("figure_verbs"):
        return False
    # the parser may hang "to 31" on the object ("revised the number of injured upward to 31")
    near = [verb, *(t for c in verb.children if c.dep_ in ("dobj", "advmod") for t in c.subtree)]
    places = [c for t in near for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "to")]
    return any(t.like_num for place in places for t in place.subtree)


def _agentive(subject: Token) -> bool:
    """Can this subject speak: a name, a pronoun, a body or person word ("the agency", "police"), a
    title ("the director"), or a noun a person's name stands beside ("the service's director, Ilse Varrow")?"""
    return (subject.pos_ in ("PROPN", "PRON") or subject.lemma_.lower() in ANAPHORIC_NOUNS
            or subject.lemma_.lower() in lexicon("people_nouns") or subject.lower_ in TITLES
            or subject.ent_type_ in ("PERSON", "ORG")
            or any(child.dep_ == "appos" and (child.ent_type_ in ("PERSON", "ORG") or child.lemma_.lower() in ANAPHORIC_NOUNS)
                   for child in subject.children))


SPEAKING_PARTICIPLES = {"tell", "say", "add", "insist", "warn", "argue", "claim", "write", "call", "describe",
                        "accuse"}
# "declined to comment", "refused to say whether": the subject's answer is the claim
WITHHELD_SPEECH = lexicon("withheld_speech")


def _declines_to_speak(verb: Token) -> bool:
    return verb.lemma_.lower() in ("decline", "refuse") and any(
        child.dep_ == "xcomp" and child.lemma_.lower() in WITHHELD_SPEECH for child in verb.children)


def _findings_of(verb: Token) -> bool:
    """"Figures from the agency show that ...", "a survey published on Monday found that ...": the
    verb of a data noun's findings, with what they found as a clause (or, for "record", an object)."""
    if verb.lemma_.lower() not in FINDING_VERBS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in FINDING_SUBJECTS:
        return False
    return any(child.dep_ in ("ccomp", "dobj") for child in verb.children)


def _points_out(verb: Token) -> bool:
    return verb.lemma_.lower() == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _speaks_alongside(verb: Token) -> bool:
    """"Divers widened the search, as police said the toll stood at 31": a speech verb in a clause opened
    by "as", with its own subject and what it said as a clause."""
    return (verb.dep_ == "advcl" and verb.lemma_.lower() in CORE_SPEECH_VERBS
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ == "ccomp" for c in verb.children))


def _speaking_participle(verb: Token) -> bool:
    """"Kessel dismissed the report, telling reporters that ...": a speech verb's -ing form hung on the
    main verb, whose subject speaks."""
    return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_.lower() in SPEAKING_PARTICIPLES
            and verb.head.dep_ == "ROOT")


def _leading_name(sent: Span, verb: Token) -> Token | None:
    """"Amir Haddad, whose mother's operation was put off, said ...": the parser may hang the name on the
    relative clause; a person or organisation that opens the sentence, then a comma, is the speaker."""
    first = sent.ents[0] if sent.ents else None
    if (first is None or first.start != sent.start or first.label_ not in ("PERSON", "ORG")
            or first.end >= verb.i or sent.doc[first.end].text != ","):
        return None
    return first.root


def _inside_quotes(sent: Span, starts_inside: bool) -> set[int]:
    inside, positions = starts_inside, set()
    for token in sent:
        if token.text in _QUOTES or token.text in ("``", "''"):
            inside = not inside
        elif inside:
            positions.add(token.i)
    return positions


def _is_relay(token: Token) -> bool:
    """Is the listener of 'told' a relay (an outlet), not an audience ('reporters') or a person?"""
    if token.pos_ != "PROPN" or token.lower_ in AUDIENCES:
        return False
    name = [t for t in token.subtree if t.pos_ == "PROPN"]
    return not (token.ent_type_ == "PERSON" and len(name) >= 2)


def _only_attribution(sent: Span, verb: Token) -> bool:
    """'Sorel said.' / 'the mayor added.': a sentence naming a speaker and nothing else."""
    words = [token for token in sent if token.is_alpha]
    return len(words) <= 5 and not any(child.dep_ in ("dobj", "prep", "ccomp") for child in verb.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _has_definite_article(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in token.children)


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
        if child.dep_ == "prep" and head.pos_ != "PROPN" and child.lower_ != "of" and not (
                child.lower_ == "for" and head.lower_ in ROLE_NOUNS):
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
        # the tagger often takes the title into the name ("Superintendent Carl Brennan")
        while len(person) > 2 and person[0].lower_ in TITLES:
            person = person[1:]
        before = [t for t in keep if person and t.i < person[0].i]
        if before and all(t.text[:1].isupper() and t.lower_ not in TITLES for t in before):
            person = before + person  # a first name the tagger left out ("Tomasz Wren"), not a title
        rest = [t for t in keep if t not in person]
        if apposition is not None and rest and apposition.left_edge.i == keep[-1].i + 1:
            rest += list(apposition.subtree)  # "Ian Cole of Northshire Police" parsed with "Police" apart
            description = None
        if person and rest:
            keep = person
            description = description or _join(rest)
    # "the Axios news website" -> "Axios": lower-case media words after a proper name add nothing.
    while (len(keep) > 1 and keep[-1].text.islower() and keep[-1].lower_ in MEDIA_WORDS
           and any(t.text[:1].isupper() for t in keep[:-1])):
        keep = keep[:-1]
    return _join(keep), description


def _join(tokens: list[Token]) -> str:
    tokens = _with_inner_hyphens(tokens)
    # where the kept tokens skip some (a comma, a clause), a space stands between them: "Quist standing"
    text = "".join(token.text + (token.whitespace_ or (" " if following is not None and following.i != token.i + 1 else ""))
                   for token, following in zip(tokens, [*tokens[1:], None])).strip()
    text = re.sub(r"\s+'s\b", "'s", text)
    return _without_article(text.strip(" ,\"“”"))


def _with_inner_hyphens(tokens: list[Token]) -> list[Token]:
    """Put back the hyphen inside a kept name ("Ferreira-Lind", "al-Dhuri"): the parser hangs it as
    punctuation, which the name phrase trims, leaving "FerreiraLind"."""
    if not tokens:
        return tokens
    kept, doc = {t.i for t in tokens}, tokens[0].doc
    hyphens = [doc[i + 1] for i in kept if i + 2 in kept and i + 1 not in kept
               and doc[i + 1].text in ("-", "–") and not doc[i].whitespace_ and not doc[i + 1].whitespace_]
    return sorted([*tokens, *hyphens], key=lambda token: token.i) if hyphens else tokens


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _spread_over_quotations(sentences: list[str], inside_flags: list[bool], attributions: list[Attribution],
                            context: _Context) -> list[Attribution]:
    """Sentences inside a quotation (over several sentences, or one whole sentence) take the
    quotation's speaker.

    The speaker comes from a sentence of the quotation that names one, the one
    that closes it ('"...," Sorel said.' or a bare 'Sorel said.'), the quotation
    just before it in the paragraph ('"A," Halst said. "B."'), or else the subject
    of the sentence that introduces it ('Kessler was blunt. "The era ...').
    """
    spans: list[list[int]] = []  # in order: quotations over several sentences, and whole one-sentence ones
    for index, (sentence, starts_inside) in enumerate(zip(sentences, inside_flags)):
        if starts_inside:
            spans[-1].append(index)
        elif _opens_or_closes_quote(sentence) or _whole_quotation(sentence):
            spans.append([index])
    result = list(attributions)
    for span in spans:
        closing = span[-1] + 1
        # the sentence after a quotation that runs over may close it ('... here," Sorel said.')
        members = span + ([closing] if closing < len(sentences) and _opens_or_closes_quote(sentences[span[0]]) else [])
        speaker = next((result[i] for i in members if result[i].speaker), None) or _continued(sentences, span[0], result)
        if speaker is None:
            speaker = _introducer(sentences, span[0], context)
        if speaker is None:
            continue
        for i in span:
            if not result[i].speaker:
                result[i] = replace(speaker, attribution_only=False)
    # A bare 'Sorel said.' closes the paragraph before it.
    for index, attribution in enumerate(result):
        if attribution.attribution_only and attribution.speaker:
            for earlier in range(index - 1, -1, -1):
                if result[earlier].speaker:
                    break
                result[earlier] = replace(attribution, attribution_only=False)
    return result


def _whole_quotation(sentence: str) -> bool:
    """'"We expect to be working through the night."': the sentence is one quotation, opened and closed."""
    text = sentence.strip()
    return len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES and not _opens_or_closes_quote(text)


def _continued(sentences: list[str], opener: int, attributions: list[Attribution]) -> Attribution | None:
    """The speaker of the quotation just before, when the sentence at `opener` opens a new quotation
    straight after it in one paragraph and names nobody: wire copy writes '"A," Halst said. "B."'."""
    if opener == 0 or sentences[opener].lstrip()[:1] not in _QUOTES:
        return None
    before, earlier = sentences[opener - 1], attributions[opener - 1]
    if not earlier.speaker or not any(mark in before for mark in _QUOTES):
        return None
    return replace(earlier, attribution_only=False)


def _introducer(sentences: list[str], opener: int, context: _Context) -> Attribution | None:
    """The proper-noun subject of the words before a quotation opens."""
    text = sentences[opener]
    lead = re.split(r"[\"“]", text, maxsplit=1)[0].strip()
    if not lead and opener > 0:
        lead = sentences[opener - 1]
    return context.named_subject(lead) if lead else None


def is_generic(name: str) -> bool:
    """A name made only of common words ('officials', 'senior source'), not a proper name."""
    return not any(word[:1].isupper() for word in name.split())


def name_key(name: str) -> tuple[str, ...]:
    """Comparable form of a name: lower case, no articles, possessives or punctuation."""
    words = re.sub(r"'s\b|[^\w\s]", " ", name.lower().replace(".", "")).split()
    while words and words[0] in ("the", "a", "an", "same"):
        words = words[1:]
    return tuple(words)


def untitled_key(name: str) -> tuple[str, ...]:
    """`name_key` without leading titles: "Chief D. Ortiz" and "D. Ortiz" compare equal."""
    key = name_key(name)
    while len(key) > 1 and key[0] in TITLES:
        key = key[1:]
    return key


def same_name(first: str, second: str) -> bool:
    """True when two names plausibly name one source.

    One ends with the other ('Israeli Channel 12' / 'Channel 12', 'Blinken' /
    'Anthony Blinken'; not 'Maren Solt of the Carrow Police' / 'Carrow Police'), or one is the other plus media words ('Cairo News
    Channel' / 'Cairo News', 'the Axios news website' / 'Axios').
    """
    a, b = untitled_key(first), untitled_key(second)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer[-len(shorter):] == shorter:
        # "Maren Solt of the Carrow Provincial Police" is someone of that police, not the police
        return len(longer) == len(shorter) or longer[-len(shorter) - 1] not in ("of", "the", "at", "for", "from")
    return longer[: len(shorter)] == shorter and all(word in MEDIA_WORDS for word in longer[len(shorter):])
