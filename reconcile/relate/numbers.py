"""Numbers that disagree about the same thing: "12 dead" vs "19 dead".

A quantity is a range of values (bounds from "at least", "about", "up to"),
what it counts (the noun it modifies, or the state it reports: killed,
injured), and whether it is a rate ("3 prisoners for every hostage"). Two
claims conflict when they count the same thing with ranges that cannot both
be true; they agree when the ranges overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from reconcile.lexicons import entries_in, group_names, kin, lexicon, mentions, normalised
from reconcile.stories import names_in
from reconcile.relate.calendar_names import MONTHS, WEEKDAYS
from reconcile.relate.base import (
    CONFLICT,
    CORROBORATE,
    REVISION,
    ClaimView,
    Finding,
    Signal,
    phrase_similarity,
    phrase_text,
)

WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12,
}
VAGUE_PLURALS = {"dozens": (24, 144), "hundreds": (200, 1000), "thousands": (2000, 1_000_000),
                 "millions": (2_000_000, float("inf"))}
VAGUE_UNITS = {plural: WORD_VALUES[plural[:-1]] for plural in ("hundreds", "thousands", "millions")}
VAGUE_SCALES = {"tens": (20, 99.999), "hundreds": (200, 999.999)}
LOWER_BOUND = {("at", "least"), ("more", "than"), ("over",), ("above",), ("upwards", "of"), ("no", "fewer", "than")}
UPPER_BOUND = {("at", "most"), ("up", "to"), ("fewer", "than"), ("less", "than"), ("under",), ("no", "more", "than"),
               ("only",)}
APPROXIMATE = {("about",), ("around",), ("roughly",), ("approximately",), ("some",), ("nearly",), ("almost",),
               ("close", "to"), ("estimated",), ("an", "estimated")}
DURATION_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "year": 525600}
OUTCOME_CLASSES = {
    "dead": {"dead", "kill", "die", "death", "fatality", "life", "body", "killed"},
    "injured": {"injure", "injured", "wound", "wounded", "hurt", "injury", "casualty"},
    "missing": {"missing"},
    "arrested": {"arrest", "detain", "arrested"},
    "evacuated": {"evacuate", "evacuated", "evacuee", "displace", "displaced"},
    "turnout": {"protester", "demonstrator", "marcher", "participant", "attend", "attendee", "turnout"},
}
GENERIC_COUNTED = {"people", "person", "passenger", "resident", "civilian", "man", "woman", "child", "worker", "family",
                   "household", "other"}  # "killing seven and injuring 15 others": the verb says what is counted
SPEED_UNITS = {"km": "km/h", "kilometre": "km/h", "kilometer": "km/h", "mile": "mph", "mph": "mph",
               "kph": "km/h", "knot": "knots"}
# Quantities that describe the event itself (tolls, speed): relate compares them across a whole topic.
EVENT_MEASURES = {"dead", "injured", "missing", "arrested", "evacuated", "turnout", "speed (km/h)", "speed (mph)",
                  "speed (knots)"}
RATE_MARKERS = {("for", "every"), ("for", "each"), ("per",), ("a", "piece")}


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    counts: str
    rate: bool
    text: str
    identified: bool = True  # False when no noun says what is counted ("will start at $349")
    part: bool = False  # an increment or a share of a total ("another three died", "17 of the 43"): never a rival total
    #: the figure's own clause with the figure left out ("flights were cancelled at Tornby on Monday"):
    #: what it is a figure of, whatever words the rest of the sentence uses (`_clause`)
    clause: str = ""
    #: what in that clause bounds the count: names, dates and times, and the doer when the figure
    #: counts what someone did ("it cancelled 312 flights"): `_clause`
    scope: tuple[str, ...] = ()


#: a figure with a currency's country glued on: "US200" in "$US200 million", "A$15", "NZ$3"
_CURRENCY_PREFIXED = re.compile(r"(?:us|a|c|nz|hk|s)\$?(\d+(?:\.\d+)?)")
#: words that make a count an addition to an earlier one ("another four airstrikes", "two more days")
INCREMENT_WORDS = {"another", "further", "more", "additional", "extra"}


def parse_number(text: str) -> float | None:
    cleaned = text.lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    prefixed = _CURRENCY_PREFIXED.fullmatch(cleaned)
    if prefixed:
        return float(prefixed.group(1))
    return float(WORD_VALUES[cleaned]) if cleaned in WORD_VALUES else None


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Every countable quantity in a parsed sentence (years, dates, clock times and ordinals are skipped)."""
    found, consumed = [], set()
    for token in doc:
        lower = token.lower_
        if lower in VAGUE_PLURALS and token.pos_ in ("NOUN", "NUM"):
            low, high = VAGUE_PLURALS[lower]
            scale = next((c for c in token.children if c.dep_ == "quantmod" and c.lower_ in VAGUE_SCALES), None)
            if scale is not None and lower in VAGUE_UNITS:  # "tens of thousands": 20,000 to 99,999
                low, high = (factor * VAGUE_UNITS[lower] for factor in VAGUE_SCALES[scale.lower_])
                lower = f"{scale.lower_} of {lower}"
            counted = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), None)
            if counted is not None:
                found.append(replace(_quantity(low, high, counted, token, f"{lower} of {counted.text}"),
                                     **_clause([token], counted)))
            continue
        if not (token.like_num or token.pos_ == "NUM" or _CURRENCY_PREFIXED.fullmatch(lower)) or token.i in consumed:
            continue
        words = _number_words(token)
        consumed.update(t.i for t in words)
        value = _words_value(words)
        share = _proportion_denominator(words, value)
        if share is not None:  # "four in ten voters", "three out of four": a share, not a count of anything
            consumed.update(t.i for t in share)
            continue
        # the word that carries the number's syntax: its head lies outside the number
        token = next((t for t in words if not words[0].i <= t.head.i <= words[-1].i), words[-1])
        if value is None or _is_date_like(token, value) or _is_year(token, value):
            continue
        low, high = _bounds(words[0], value)
        counted = token.head if token.dep_ in ("nummod", "quantmod", "compound") else None
        partitive = False
        if counted is None:
            # "six of the eight carriages": the number heads a partitive.
            counted = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), None)
            if counted is not None and value == 1:
                continue  # "one of the largest carriers" counts nothing
            partitive = counted is not None
        if counted is None:
            # "19 dead", "15 were injured": the number is the subject of the state it reports.
            counted = token.head if token.head.i != token.i else None
        if counted is None:
            continue
        if _earlier_value(counted):
            continue  # "rose to 17 from nine": the nine is the tally before, not a figure the claim gives
        tally = _tally_counted(counted)
        if tally is not None:  # "the toll has risen to 19": 19 counts what the toll counts
            found.append(Quantity(low, high, tally, False, f"{_phrase(words, counted)} ({tally})",
                                  **_clause(words, counted)))
            continue
        quantity = replace(_quantity(low, high, counted, token, _phrase(words, counted)), **_clause(words, counted))
        if partitive or _of_the_rest(words) or _increment(counted, token) or _others_beside(counted):
            quantity = replace(quantity, part=True)
        found.append(quantity)
    return found


#: dependents that start another statement: left out of a figure's clause
_OTHER_STATEMENTS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "cc", "mark", "punct", "appos", "acl"}
#: words of a figure's bound ("at least", "about"): part of the value, not of what is counted
_BOUND_WORDS = {"at", "least", "most", "about", "around", "roughly", "approximately", "some", "nearly", "almost",
                "more", "than", "fewer", "less", "up", "to", "over", "under", "only", "close", "estimated", "an"}


#: entity types that bound a count: where, whose, when ("at Tornby", "Kestrel Air's", "on Tuesday")
_SCOPE_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "DATE", "TIME"}


def _clause_tokens(words: list[Token], counted: Token) -> list[Token]:
    doc = counted.doc
    number = set(range(words[0].i, words[-1].i + 1))
    verb = next((t for t in (counted, *counted.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    head = verb if verb is not None else next(t for t in (counted, *counted.ancestors) if t.head.i == t.i)
    kept: set[int] = set()

    def keep(token: Token) -> None:
        kept.add(token.i)
        for child in token.children:
            holds_figure = child.left_edge.i <= words[0].i <= child.right_edge.i
            if child.dep_ not in _OTHER_STATEMENTS or holds_figure:
                keep(child)

    keep(head)
    start = words[0].i  # the bound before the figure is the value's, not the thing's
    while start > 0 and start - 1 in kept and doc[start - 1].lower_ in _BOUND_WORDS:
        start -= 1
        number.add(start)
    return [doc[i] for i in sorted(kept - number)]


def _clause(words: list[Token], counted: Token) -> dict:
    """A figure's `clause` and `scope` (`Quantity` fields), from one cut of the parse.

    The clause is the one the figure sits in, the figure and its bound left out: "Over 300 trains
    were cancelled across the region on Friday, as the strike spread" -> "trains were cancelled
    across the region on Friday". Two figures of one thing have alike clauses however the sentences
    around them differ, so relate compares figures by their clauses (`clause_similarity`), not by
    the whole sentence. The scope is what bounds the count in that clause: the names, dates and
    times in it, and the doer of the verb when the figure counts its object ("it cancelled 312
    flights": the count is that doer's). Two figures of alike clauses count one thing only with the
    same scope: "312 flights were cancelled on Monday" is no rival of "194 flights on Tuesday"."""
    tokens = _clause_tokens(words, counted)
    scope = {t.lemma_.lower() for t in tokens if t.ent_type_ in _SCOPE_ENTITIES and not t.is_stop}
    scope |= {t.lemma_.lower() for t in tokens if t.dep_ == "nsubj" and t.head.pos_ == "VERB"
              and counted.i not in range(t.left_edge.i, t.right_edge.i + 1)}
    return {"clause": phrase_text(tokens), "scope": tuple(sorted(scope))}


def _others_beside(counted: Token) -> bool:
    """"Ambassador Stevens and three other Americans were killed": the figure counts those beside
    someone named, a part of the total ("four Americans"), not the total."""
    return (counted.dep_ == "conj" and any(c.dep_ == "amod" and c.lower_ == "other" for c in counted.children)
            and counted.head.pos_ == "PROPN")


PARTITIVE_DETERMINERS = {"the", "them", "those", "these", "its", "their", "his", "her", "our", "whom", "which"}


def _of_the_rest(words: list[Token]) -> bool:
    """"Seven of the injured remain in hospital": a number followed by "of the", "of them" counts a part
    of a group, however the parser hangs the words (it may read "injured" as a modifier of "remain")."""
    doc, end = words[-1].doc, words[-1].i
    return (end + 2 < len(doc) and doc[end + 1].lower_ == "of"
            and doc[end + 2].lower_ in PARTITIVE_DETERMINERS)


def _increment(counted: Token, number: Token) -> bool:
    """"another three people", "a further 12", "two more days": a count added to an earlier one;
    "one lump near the tail and another from its fin": the first of a list. ("More than 12" is a
    bound: its "more" hangs on the number and is followed by "than".)"""
    doc = counted.doc
    if number.lower_ in ("one", "1") and any(t.lower_ == "another" for t in doc[counted.i + 1:]):
        return True  # the parser hangs the "another" anywhere; its being there is what counts
    for word in (*counted.children, *number.children):
        if (word.lower_ in INCREMENT_WORDS and word.dep_ in ("det", "amod", "advmod")
                and not (word.i + 1 < len(doc) and doc[word.i + 1].lower_ == "than")):
            return True
    return False


# How a tally moves or stands ("the toll rose to 19"), and how a speaker gives one ("police put the toll
# at 19": lexicon `figure_verbs`, the verbs attribution reads the same way).
TALLY_VERBS = {"rise", "climb", "increase", "jump", "grow", "reach", "stand", "hit", "soar", "fall", "drop",
               "bring"} | lexicon("figure_verbs")
TALLY_NOUNS = {"toll", "number", "count", "tally", "figure", "total"}


def _earlier_value(counted: Token) -> bool:
    """The number is what a tally moved from: "rose to 17 from nine", "revised upward to 19, from 14",
    "up from the 16,000 it gave on Friday", "down from 22"."""
    if counted.lower_ != "from":
        return False
    head = counted.head
    if head.lower_ in ("up", "down"):
        return True
    return any(t.lemma_.lower() in MOVING_VERBS for t in (head, *head.ancestors) if t.pos_ in ("VERB", "AUX"))


def _tally_counted(counted: Token) -> str | None:
    """For "the toll rose to 19", "the number of people who died stands at 19", "police put the toll
    at 19" and "revised the number of injured upward to 14": what the tally counts (an outcome class
    such as "dead"), or None when the number is no such tally."""
    if counted.lower_ in ("to", "at"):
        # the parser may hang "to 14" inside the tally ("the number of injured ... to 14"): the tally is
        # then an ancestor
        tally = next((t for t in counted.ancestors if t.lemma_.lower() in TALLY_NOUNS), None)
        if tally is not None and tally.head.lemma_.lower() in TALLY_VERBS:
            return _outcome_of_tally(tally) or _of_noun(tally)
        verb = counted.head
    else:
        verb = counted
    if verb.lemma_.lower() not in TALLY_VERBS and not (verb.lemma_.lower() == "be" and counted is verb):
        return None  # ("the number of striking doctors was 620": a tally noun is the subject of "be")
    # "the toll rose to 19" (subject), "police put the toll at 19" (object), "the number of missing,
    # which reached 14" (the noun a relative clause hangs on)
    tally = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                  and c.lemma_.lower() in TALLY_NOUNS), None)
    if tally is None and verb.dep_ == "relcl" and verb.head.lemma_.lower() in TALLY_NOUNS:
        tally = verb.head
    if tally is not None:
        return _outcome_of_tally(tally) or _of_noun(tally)
    if counted.lower_ in ("to", "at"):
        # "estimated the crowd at 5,000", "cancellations rose to 1,500": the figure counts the verb's noun
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.pos_ == "NOUN"]
        # the object before the subject: "the ministry estimated turnout at 17,000" counts the turnout
        noun = min(nouns, key=lambda c: ("dobj", "nsubjpass", "nsubj").index(c.dep_), default=None)
        if noun is not None:
            return _outcome_class(noun, noun) or noun.lemma_.lower()
    return None


def _of_noun(tally: Token) -> str | None:
    """What "the number of households" counts: the noun after "of" ("household"), if a plain noun."""
    counted = next((g for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if counted is None:
        return None
    state = next((c for c in counted.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    if state is not None and counted.lemma_.lower() in lexicon("people_nouns"):
        return f"{counted.lemma_.lower()} ({state.lemma_.lower()})"  # "households affected", as `_quantity` names it
    return counted.lemma_.lower()


def _outcome_of_tally(subject: Token) -> str | None:
    words = {t.lemma_.lower() for t in subject.subtree} | {t.lower_ for t in subject.subtree}
    for name, lemmas in OUTCOME_CLASSES.items():
        if words & lemmas:
            return name
    if subject.lemma_.lower() == "toll":
        return "dead"  # "the toll" alone is the death toll
    return None


SCALE_WORDS = {"hundred", "thousand", "million", "dozen"}


def _number_words(token: Token) -> list[Token]:
    """The run of words that spell one number: "twenty-three", "two hundred and fourteen", "1.5 million".

    "and" joins only after a scale word and "-" only tens and units, so "between 10 and 20" stays two numbers.
    """
    doc, start, end = token.doc, token.i, token.i
    while True:
        if start > 0 and _joins(doc[start - 1], doc[start]):
            start -= 1
        elif start > 1 and _joins(doc[start - 2], doc[start], connector=doc[start - 1].text):
            start -= 2
        elif end + 1 < len(doc) and _joins(doc[end], doc[end + 1]):
            end += 1
        elif end + 2 < len(doc) and _joins(doc[end], doc[end + 2], connector=doc[end + 1].text):
            end += 2
        else:
            return list(doc[start: end + 1])


def _proportion_denominator(words: list[Token], value: float | None) -> list[Token] | None:
    """The "ten" of "four in ten" (or "four out of ten"), as its words; None when the number is no share."""
    doc, after = words[0].doc, words[-1].i + 1
    for connector in (("in",), ("out", "of")):
        end = after + len(connector)
        if end < len(doc) and tuple(t.lower_ for t in doc[after:end]) == connector and parse_number(doc[end].text):
            denominator = _number_words(doc[end])
            # "12 in 2019" is a count and a year
            if (value or 0) < (_words_value(denominator) or 0) <= 1000:
                return denominator
    return None


def _joins(left: Token, right: Token, connector: str | None = None) -> bool:
    a, b = parse_number(left.text), parse_number(right.text)
    if a is None or b is None:
        return False
    if connector == "-":
        return a in (20, 30, 40, 50, 60, 70, 80, 90) and b < 10
    if connector == "and":
        return left.lower_ in SCALE_WORDS and b < 100
    return connector is None and (left.lower_ in SCALE_WORDS or right.lower_ in SCALE_WORDS)


def _words_value(words: list[Token]) -> float | None:
    """"two hundred and fourteen" -> 214, "three thousand five hundred" -> 3500, "1.5 million" -> 1.5e6."""
    total = current = 0.0
    values = [parse_number(word.text) for word in words]
    if all(value is None for value in values):
        return None  # like a number, but not one we read ("½")
    for word, value in zip(words, values):
        if value is None:
            continue  # "and", "-"
        if word.lower_ not in SCALE_WORDS:
            current += value
        elif value < 1000:  # "two hundred", "a dozen" multiply what came before
            current = (current or 1) * value
        else:  # "thousand", "million" close a group: "three thousand | five hundred"
            total, current = total + (current or 1) * value, 0.0
    return total + current


def _quantity(low: float, high: float, counted: Token, number: Token, text: str) -> Quantity:
    units = group_names("unit_names")
    counts = units.get(counted.lemma_.lower(), units.get(counted.lower_, counted.lemma_.lower()))
    taking_part = _taking_part_in_another_state(counted)
    outcome = None if taking_part else _outcome_class(counted, number)
    if outcome:
        counts = outcome
    elif (not _is_rate(counted, number) and (counts in lexicon("people_nouns") or taking_part)
          and counted.dep_ in ("nsubj", "nsubjpass", "dobj")
          and counted.head.pos_ == "VERB" and counted.head.lemma_.lower() not in ("be", "have")):
        # What is counted is the noun in its state: "23 miners were trapped" and "48 miners reached the
        # surface" count two things, and so do "employs 9,000 people" and "400 people work there".
        counts = f"{counts} ({_state_verb(counted.head).lemma_.lower()})"
    if counts in SPEED_UNITS and _per_hour(counted):
        counts = f"speed ({SPEED_UNITS[counts]})"
    if counts in DURATION_MINUTES and counted.head.lower_ == "old":
        # "a 9-year-old daughter": an age, of whoever is that old
        counts = f"age ({counted.head.head.lemma_.lower()})"
    elif counts in DURATION_MINUTES:
        # A duration is of something: "the call lasted 45 minutes" and "180 mm of rain in 24 hours" differ.
        verb = next((t for t in counted.ancestors if t.pos_ in ("VERB", "AUX")), None)
        low, high = low * DURATION_MINUTES[counts], high * DURATION_MINUTES[counts]
        counts = f"duration ({verb.lemma_.lower()})" if verb is not None else "duration"
        following = counted.doc[counted.i + 1].lower_ if counted.i + 1 < len(counted.doc) else ""
        if following in ("after", "before", "later", "earlier", "ago"):
            # "19 hours after the failure began" and "30 hours before customers saw it" are two intervals
            counts = f"{counts} {following}"
            if verb is not None and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
                # and the interval ends with what the main clause says happened: "read out the figures
                # 23 hours after polls closed" and "began releasing results five hours after polls
                # closed" time two happenings
                counts = f"{counts} ({verb.head.lemma_.lower()})"
    return Quantity(low, high, counts, _is_rate(counted, number), text,
                    identified=bool(outcome) or counted.pos_ in ("NOUN", "PROPN"))


#: verbs that say how a state is known, not what it is: "are known to have died", "are believed
#: trapped", "were reported missing": the state is their complement's
RAISING_VERBS = {"know", "believe", "think", "fear", "presume", "report", "confirm", "say", "understand", "expect",
                 "feared", "thought", "reported", "believed", "known"}


def _state_verb(verb: Token) -> Token:
    """The verb that names a subject's state: `verb`, or its complement's verb after a raising verb."""
    if verb.lemma_.lower() in RAISING_VERBS:
        complement = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp")), None)
        if complement is not None:
            return complement
    return verb


#: verbs by which lives counted are lives lost ("claimed 12 lives", "cost the lives of four")
LIVES_LOST_VERBS = {"claim", "lose", "take", "cost"}


#: "two participants died", "12 protesters were arrested": people named by taking part, in another
#: state; they count that group in that state (like "23 miners were trapped"), not a turnout, and
#: not the event's toll either ("killing six soldiers" is no rival of "eight people were killed")
STATE_OUTCOMES = ("dead", "injured", "missing", "arrested", "evacuated")


def _taking_part_in_another_state(counted: Token) -> bool:
    return (counted.lemma_.lower() in OUTCOME_CLASSES["turnout"] and counted.dep_ in ("nsubj", "nsubjpass", "dobj")
            and counted.head.pos_ == "VERB"
            and any(counted.head.lemma_.lower() in OUTCOME_CLASSES[name] for name in STATE_OUTCOMES))


def _outcome_class(counted: Token, number: Token) -> str | None:
    candidates = [counted]
    if counted.lemma_.lower() in GENERIC_COUNTED or counted.pos_ in ("NUM",):
        # "15 people were injured", and "thousands of people were evacuated" (the verb hangs on "thousands");
        # "14 people are known to have died": the raised verb's complement
        candidates.extend([counted.head, number.head, _state_verb(counted.head)])
    candidates.extend(child for child in counted.children if child.dep_ in ("acomp", "amod"))
    for candidate in candidates:
        lemma, objects = candidate.lemma_.lower(), {child.lemma_.lower() for child in candidate.children}
        if lemma == "take" and "part" in objects:
            return "turnout"  # "8,000 people took part"
        if lemma in ("leave", "flee") and "home" in objects:
            return "evacuated"  # "800 people had left their homes"
        if lemma == "life" and candidate.head.lemma_.lower() not in LIVES_LOST_VERBS:
            continue  # "saved thousands of lives" counts no dead
        for name, lemmas in OUTCOME_CLASSES.items():
            if candidate.lemma_.lower() in lemmas or candidate.lower_ in lemmas:
                return name
    return None


def _per_hour(counted: Token) -> bool:
    following = [t.lower_ for t in counted.doc[counted.i + 1: counted.i + 4]]
    following = [word.rstrip(".") for word in following]
    return counted.lemma_.lower() in ("mph", "kph", "knot") or following[:2] == ["/", "h"] or following[:2] == ["per", "hour"]


def _is_rate(counted: Token, number: Token) -> bool:
    words = [t.lower_ for t in counted.doc[number.i: min(len(counted.doc), counted.i + 6)]]
    return any(tuple(words[i:i + len(m)]) == m for m in RATE_MARKERS for i in range(len(words)))


def _bounds(first_word: Token, value: float) -> tuple[float, float]:
    start = first_word.i
    before = tuple(t.lower_ for t in first_word.doc[max(0, start - 3): start])
    for markers, bounds in ((LOWER_BOUND, (value, float("inf"))), (UPPER_BOUND, (0.0, value)),
                            (APPROXIMATE, (value * 0.8, value * 1.2))):
        if any(before[-len(m):] == m for m in markers):
            return bounds
    return value, value


_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b|o'clock\b|(?:in the )?(?:morning|afternoon|evening)\b)", re.IGNORECASE)


def _is_date_like(token: Token, value: float) -> bool:
    # "around 11 p.m." is a clock reading, not a count: the time signal compares those.
    if _CLOCK_AFTER.match(token.doc.text, token.idx + len(token.text)):
        return True
    if token.ent_type_ in ("DATE", "TIME") and (1900 <= value <= 2100 or token.head.ent_type_ == "DATE"
                                                  and token.head.lemma_.lower() not in DURATION_MINUTES):
        return True
    return token.ent_type_ == "ORDINAL" or ":" in token.text


def _is_year(token: Token, value: float) -> bool:
    """"Valentine's Day of 2015": a four-digit number from 1900 to 2100 written as a year (no "$", no
    thousands comma, counting no noun) is a year."""
    if not (1900 <= value <= 2100) or "," in token.text or not token.text.isdigit():
        return False
    before = token.doc[token.i - 1].text if token.i > 0 else ""
    return before not in ("$", "£", "€") and not (token.dep_ == "nummod" and token.head.pos_ == "NOUN")


def _phrase(words: list[Token], counted: Token) -> str:
    doc = counted.doc
    start, end = min(words[0].i, counted.i), max(words[-1].i, counted.i)
    if end - start > 4 + len(words) - 1:
        return f"{doc[words[0].i: words[-1].i + 1].text} {counted.text}"
    while start > 0 and doc[start - 1].lower_ in {"at", "least", "about", "around", "more", "than", "up", "to",
                                                  "nearly", "almost", "some", "only", "over"}:
        start -= 1
    return doc[start: end + 1].text


def view_quantities(view: ClaimView) -> list[Quantity]:
    return extract_quantities(view.doc)


def match_quantities(first: list[Quantity], second: list[Quantity], compare_counts=lambda counts: True,
                     alike=None) -> tuple[list[tuple[Quantity, Quantity]], list[tuple[Quantity, Quantity]]]:
    """(clashes, agreements): pairs of quantities that count the same thing (and rate), whose ranges
    cannot both hold ("12 dead" / "19 dead") or can ("at least 15" / "17"). `compare_counts` filters what is
    counted; `alike(a, b)`, if given, says two quantities count one thing whatever their `counts` say
    (their clauses are alike: `NumberSignal`)."""
    clashes, agreements = [], []
    for a in first:
        for b in second:
            if a.rate != b.rate:
                continue
            if not (same_counted(a.counts, b.counts) and compare_counts(a.counts)) and not (alike and alike(a, b)):
                continue
            # Within 1% is one figure rounded ("$349" and "$350"), not two.
            if a.low <= b.high * 1.01 and b.low <= a.high * 1.01:
                agreements.append((a, b))
            elif not (a.part or b.part):  # "another three died" adds to a toll, it is no rival toll
                clashes.append((a, b))
    return clashes, agreements


RISING_VERBS = {"rise", "climb", "increase", "jump", "grow", "soar", "swell"}
FALLING_VERBS = {"fall", "drop", "decrease", "shrink", "decline", "ease"}
#: verbs of a tally that moves or stands: "rose to 17 from nine" reads the nine as where it moved from
MOVING_VERBS = TALLY_VERBS | RISING_VERBS | FALLING_VERBS


def _moved_past(view: ClaimView, moved: Quantity, other: Quantity) -> bool:
    """`moved` is a figure the claim says a count rose or fell to ("rose to 47"), and `other` lies on
    the side it came from (lower for a rise): the two may be one count at two moments."""
    if not moved.text.lower().startswith("to "):
        return False
    lemmas = view.feature(_doc_lemmas)
    return bool((lemmas & RISING_VERBS and other.high < moved.low) or (lemmas & FALLING_VERBS and other.low > moved.high))


def _doc_lemmas(view: ClaimView) -> frozenset[str]:
    return frozenset(token.lemma_.lower() for token in view.doc)


def same_counted(first: str, second: str) -> bool:
    """Two quantities count one thing: the same words, or the same noun in a state named by verbs of
    one family ("inmate (break)" and "inmate (escape)": lexicon `happening_kin`)."""
    if first == second:
        return True
    (noun, state), (other_noun, other_state) = _noun_and_state(first), _noun_and_state(second)
    if noun != other_noun or not state or not other_state or noun in ("duration", "age", "speed"):
        return False  # (a duration's, an age's or a speed's state says what it is of: never loosened)
    return other_state in kin("happening_kin").get(state, frozenset())


_NOUN_AND_STATE = re.compile(r"^(?P<noun>.*?)(?: \((?P<state>[^()]*)\))?$")


def _noun_and_state(counts: str) -> tuple[str, str | None]:
    """"inmate (break)" -> ("inmate", "break"), as `_quantity` writes it; "flight" -> ("flight", None)."""
    match = _NOUN_AND_STATE.match(counts)
    return match.group("noun"), match.group("state")


def figures_apart(first: ClaimView, second: ClaimView) -> bool:
    """Both claims give figures and no figure of one agrees with one of the other's.

    Such claims share a topic but state different facts ("thousands of
    prisoners" and "five prisoners per hostage"), so wording alone is no
    corroboration.
    """
    first_quantities, second_quantities = first.feature(view_quantities), second.feature(view_quantities)
    if not first_quantities or not second_quantities:
        return False
    _, agreements = match_quantities(first_quantities, second_quantities)
    return not agreements


class NumberSignal(Signal):
    """Conflict when both claims count the same thing and the counts cannot both hold; corroboration
    when counts agree, every clash involves a count that agrees elsewhere (a total beside a part),
    and the claims make nearly the same point.

    Counts of anything need the claims to make nearly the same point
    (`min_similarity`); measures of the event itself (dead, injured, speed)
    are compared across a story whatever the sentences' similarity
    (`min_event_similarity`), unless the two claims name different places or
    bodies and nothing in common ("12 dead in Tarrin" against "19 across
    Hollmark" count two scopes), when they need `min_similarity`.

    Two figures also count one thing when their own clauses (`Quantity.clause`, the figure left out)
    are alike (cosine of their embeddings at least `min_clause_similarity`), with one scope, and
    count one noun (`counts_alike`: never durations, ages or speeds, nor a part of a total):
    "Over 300 trains were cancelled across the region on Friday, as the strike ..." and "only 180
    trains had been cancelled by noon, the operator said". Relate then gives it every pair of a story whose
    figures' clauses are that alike (`figure_pairs`), and the vectors (`use_phrase_vectors`); without
    vectors it compares by `counts` alone.
    """

    name = "numbers"
    also_reads = ("figures",)

    def __init__(self, min_similarity: float = 0.5, min_event_similarity: float = 0.0,
                 min_other_conflict_similarity: float = 0.75, min_measure_similarity: float = 0.85,
                 min_clause_similarity: float = 0.8) -> None:
        self.min_measure_similarity = min_measure_similarity
        self.min_similarity = min_similarity
        self.min_event_similarity = min_event_similarity
        self.min_other_conflict_similarity = min_other_conflict_similarity
        self.min_clause_similarity = min_clause_similarity
        self._clause_vectors: dict = {}

    def use_phrase_vectors(self, vectors: dict) -> None:
        """phrase -> unit vector, among them each figure's clause (`Quantity.clause`)."""
        self._clause_vectors = vectors

    def _alike(self, first: Quantity, second: Quantity) -> bool:
        return (first.scope == second.scope and counts_alike(first, second)
                and clause_similarity(first, second, self._clause_vectors) >= self.min_clause_similarity)

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_event_similarity:
            return None
        if similarity < self.min_similarity and _other_scopes(first, second):
            return None
        clashes, agreements = match_quantities(
            first.feature(view_quantities), second.feature(view_quantities),
            lambda counts: counts in EVENT_MEASURES or similarity >= self.min_similarity, alike=self._alike)
        # Counts of anything but the event's own measures (prices, weights, floors, units sold) conflict
        # only between near-identical claims, or figures whose own clauses are alike: on real news two
        # such figures are mostly of two things (the steel model and the gold one, this catfish and the record).
        def ruled(a: Quantity, b: Quantity) -> bool:
            return (same_counted(a.counts, b.counts) and (
                a.counts in EVENT_MEASURES or a.rate or a.counts.startswith("duration")
                or (similarity >= self.min_other_conflict_similarity and a.identified
                    and (a.counts not in lexicon("measure_units") or similarity >= self.min_measure_similarity))))

        clashes = [(a, b) for a, b in clashes if ruled(a, b) or self._alike(a, b)]
        if first.feature(periods) != second.feature(periods):
            clashes = []  # "2,000 killed this year" is no rival of "eight dead" in one attack, nor of "13,000 since 2009"
        if clashes and not agreements:
            a, b = clashes[0]
            earlier, later, old, new = (first, second, a, b) if second.when > first.when else (second, first, b, a)
            if revises(later.text) or _grown_since(earlier, later, old, new):
                return Finding(REVISION, min(1.0, 0.6 + similarity / 2),
                               f"revised: {old.text}{dated(earlier.when)} then {new.text}{dated(later.when)}")
            # "the queue grew to 47" says the count was lower before: a lower figure may be an earlier one
            if _moved_past(first, a, b) or _moved_past(second, b, a):
                return None
            if _dated_apart(a, b):
                return None  # "312 flights cancelled on Monday" is no rival of "194 cancelled on Tuesday"
            of = "" if ruled(a, b) else f" (both figures of one thing: '{a.clause}' and '{b.clause}')"
            return Finding(CONFLICT, min(1.0, 0.6 + similarity / 2), f"numbers differ: {a.text} vs {b.text}{of}")
        agreeing = {id(q) for pair in agreements for q in pair}
        # "six of the eight carriages" vs "six carriages": eight clashes with six, but that six already agrees
        unexplained = [pair for pair in clashes if not any(id(q) in agreeing for q in pair)]
        if agreements and not unexplained and similarity >= self.min_similarity:
            a, b = agreements[0]
            if a.text.lower() == b.text.lower():
                reason = f"both give {a.text}"
            else:
                same = a.low == b.low and a.high == b.high
                reason = f"numbers {'match' if same else 'consistent'}: {a.text} and {b.text}"
            return Finding(CORROBORATE, round(0.5 + similarity / 2, 3), reason)
        return None


#: day and month names a figure's scope may hold; not the short forms, which are also words ("may", "mar")
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(name for name in MONTHS if len(name) > 3)


def _dated_apart(first: Quantity, second: Quantity) -> bool:
    """Each figure's own clause names a day or month (`Quantity.scope`), and not the same one: they
    count two days' worth ("rose 2 percent on Wednesday" / "rose 5.1 percent on Thursday")."""
    days = [set(quantity.scope) & CALENDAR_WORDS for quantity in (first, second)]
    return bool(days[0]) and bool(days[1]) and not days[0] & days[1]


def clause_similarity(first: Quantity, second: Quantity, vectors: dict) -> float:
    """Cosine of two figures' clauses (`vectors`: clause -> unit vector; `phrase_similarity`), 0.0
    when either has no clause or no vector."""
    if not first.clause or not second.clause:
        return 0.0
    return phrase_similarity(vectors, first.clause, second.clause) or 0.0


def counts_alike(first: Quantity, second: Quantity) -> bool:
    """Two figures count things of one kind: one noun, whatever state each puts it in ("flights
    (cancel)" and "flights (scrap)"; two nouns are mostly two things: "prisons" and "inmates"); never
    durations, ages or speeds, a sum of money against anything else, nor a part of a total against a
    total."""
    if first.part or second.part or not (first.identified and second.identified):
        return False
    nouns = [_noun_and_state(counts)[0] for counts in (first.counts, second.counts)]
    if any(noun.startswith(("duration", "age", "speed")) for noun in nouns):
        # on real news "when she was nine months old" and "when she was 18 months old" were two moments
        # in alike clauses: a stretch of time is compared by what it is of (its state), not by its clause
        return False
    return nouns[0] == nouns[1]


def figure_clauses(view: ClaimView) -> list[str]:
    """The clauses of the claim's figures that may be compared by clause (`counts_alike`'s figures)."""
    return sorted({q.clause for q in view.feature(view_quantities) if q.clause and q.identified and not q.part})


_SINCE_YEAR = re.compile(r"\bsince (?:the )?(?:early |late |mid-)?(?:19|20)\d\d\b", re.IGNORECASE)


def periods(view: ClaimView) -> frozenset[str]:
    """The periods a claim's figures are tallied over ("this year", "since 2007"; lexicon
    `period_cues`): empty for a measure of the event itself."""
    return periods_in(view.text)


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: a year closing a full date ("14 october 2025", "oct. 14, 2025") dates a happening, maybe this one
_DATED_YEAR = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\.?,?|\b[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+$")


def periods_in(text: str) -> frozenset[str]:
    """`periods` of a text, for callers that hold no parse. A year named anywhere ("the siege in
    September 2013 that killed 67") ties the figures to it: on real news a figure beside a year is
    mostly of another event than a figure beside none. A year closing a full date ("on 14 October
    2025") does not: it may date the event itself."""
    plain = normalised(text)
    return (entries_in("period_cues", text) | {m.group() for m in _SINCE_YEAR.finditer(plain)}
            | {f"in {m.group()}" for m in _A_YEAR.finditer(plain) if not _DATED_YEAR.search(plain[: m.start()])})


def event_measures(view: ClaimView) -> list[Quantity]:
    """The claim's quantities that measure the event itself (`EVENT_MEASURES`: dead, injured, speed...)."""
    if not might_measure_event(view.text):
        return []
    return [q for q in view.feature(view_quantities) if q.counts in EVENT_MEASURES]


def quantity_record(quantity: Quantity) -> list:
    """A quantity as plain JSON for the cache (an open upper bound as null); `quantity_from_record` reads it."""
    high = None if quantity.high == float("inf") else quantity.high
    return [quantity.low, high, quantity.counts, quantity.rate, quantity.text, quantity.identified, quantity.part,
            quantity.clause, list(quantity.scope)]


def quantity_from_record(record: list) -> Quantity:
    low, high, counts, rate, text, identified, part, clause, scope = record
    return Quantity(low, float("inf") if high is None else high, counts, bool(rate), text, bool(identified), bool(part),
                    clause, tuple(scope))


def _names(view: ClaimView) -> frozenset[str]:
    return frozenset(names_in(view.text))


def _other_scopes(first: ClaimView, second: ClaimView) -> bool:
    """Both claims name something (a town, a hospital) and share no name: they may count two scopes."""
    a, b = first.feature(_names), second.feature(_names)
    return bool(a) and bool(b) and not (a & b)


CUMULATIVE = {"dead"}  # tolls grow as bodies are found; an arrest count that grows is a dispute as often as not


def _grown_since(earlier: ClaimView, later: ClaimView, old: Quantity, new: Quantity) -> bool:
    """A toll that only grows, given higher in a report of a later day: an update, not a contradiction."""
    old_day, new_day = (view.when[0][:10] if view.when else "" for view in (earlier, later))
    return bool(old_day and new_day) and old_day != new_day and _cumulative(old.counts) and new.low > old.high


def _cumulative(counts: str) -> bool:
    """A count that only grows: the dead, and people counted in death ("runner (die)": one runner died,
    then a second in hospital)."""
    state = counts.partition(" (")[2].rstrip(")")
    return counts in CUMULATIVE or state in OUTCOME_CLASSES["dead"]


def revises(text: str) -> bool:
    """The sentence updates an earlier figure: "the toll has risen to 19" (lexicon `revision_cues`)."""
    return mentions("revision_cues", text)


def dated(when: tuple) -> str:
    """" (2025-10-14)": the date of a claim's report (`ClaimView.when`), for a reason that sets two
    reports in time; empty when the report is undated."""
    return f" ({when[0]})" if when and when[0] else ""


_EVENT_WORDS = re.compile(r"\b(?:dead|killed|kill|died|die|deaths?|fatalit\w+|injur\w+|wounded|hurt|missing|"
                          r"arrested|detained|evacuat\w*|displaced|(?:left|fled) (?:their )?homes?|t[oa]ok part|taken part|attend\w*|protesters?|demonstrators?|marchers?|"
                          r"participants?|turnout|km/h|mph|kph|knots|miles per hour)\b", re.IGNORECASE)


# Any figure: a digit, or any number word we read ("eleven", "twenty-three", "dozens").
_NUMBER_WORD = re.compile(r"\d|\b(?:" + "|".join(sorted(WORD_VALUES, key=len, reverse=True)) + r"|dozens|hundreds|thousands)\b",
                          re.IGNORECASE)


def might_measure_event(text: str) -> bool:
    """Cheap pre-parse test: a figure next to a toll or speed word."""
    return bool(_NUMBER_WORD.search(text)) and bool(_EVENT_WORDS.search(text))
