"""Speakers named by a description where the corpus gives the name: "a spokeswoman for the hospital"
is a spokeswoman for St Aldric's General Hospital, "the city's fire service" is the Haldport Fire
and Rescue Service, "Estavia's transport minister" is Ilse Varga.

Input: each claim's article and speaker, and the text of every article. Output: a mapping
(article, speaker) -> the speaker named, for the descriptions that resolve; the rest keep their
description. A description resolves only to a name that holds every word of it that identifies
(not "the", "city's", "regional": lexicon `scope_words`), and only when one name does: in its own
article first, else anywhere in the corpus. Anonymous speakers ("a senior ministry official") are
never resolved: who they are is what the text withholds.

Two kinds:
- a body (its head noun in lexicon `body_nouns`), alone or with a role ("spokesman for the
  cooperative", "police spokesman"): the body's words are replaced by its name;
- a person by role (a title: "transport minister", "mayor"), where the corpus names someone with
  that role ("Transport Minister Ilse Varga", "Ilse Varga, Estavia's transport minister"): the
  person.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reconcile.lexicons import lexicon

#: words that may join the words of a body's name ("Ministry of Health", "Fire and Rescue Service")
NAME_LINKS = {"of", "and", "for", "the", "&"}
#: words that end the body part of a description: "spokeswoman for | the hospital"
DESCRIPTION_LINKS = {"for", "of", "at", "from", "with", "in"}
_WORD = re.compile(r"[A-Za-z][\w'’&-]*")
_PERSON = r"([A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){1,2})"
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w-]*(?:'s|’s)")
#: words a regex may take for the first name of a person at a sentence's start
_NOT_FIRST_NAMES = ("The", "A", "An", "But", "And", "In", "On")


def resolve_descriptions(rows: list[tuple[str, str | None]], texts: dict[str, str],
                         anonymous=lambda speaker: False) -> dict[tuple[str, str], str]:
    """rows: (article, speaker) of each claim; texts: article -> its text. -> (article, speaker) ->
    the speaker named (see the module docstring). `anonymous(speaker)` marks who is never resolved.

    Each text is split into words once; the corpus is searched only in the articles that hold the
    description's body noun or role (`_key_word`), and once per description, so the cost grows with the corpus, not with
    the corpus times its descriptions."""
    articles = {article: _Text(text) for article, text in texts.items()}
    holding: dict[str, list[str]] = defaultdict(list)  # word (singular, lower case) -> articles using it
    for article in sorted(articles):
        for word in articles[article].positions:
            holding[word].append(article)
    found: dict[tuple[str, str], str] = {}
    in_corpus: dict[str, str | None] = {}
    for article, speaker in sorted({(a, s) for a, s in rows if s}):
        if anonymous(speaker) or not _is_description(speaker):
            continue
        own = articles.get(article)
        named = _named(speaker, [own]) if own is not None else None
        if named is None:
            if speaker not in in_corpus:
                in_corpus[speaker] = _named(speaker, [articles[a] for a in holding.get(_key_word(speaker), [])])
            named = in_corpus[speaker]
        if named is not None and named != speaker:
            found[article, speaker] = named
    return found


def _key_word(speaker: str) -> str:
    """The word any name for the description must hold: its last body noun or role ("police" in
    "police spokesman", "minister" in "the transport minister")."""
    wanted = lexicon("body_nouns") | lexicon("person_roles")
    keys = [word for word in map(_singular, speaker.split()) if word in wanted]
    return keys[-1] if keys else ""


class _Text:
    """One article's text, split into words once, with where each word (singular, lower case) stands."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        self.positions: dict[str, list[int]] = defaultdict(list)
        for n, (word, _) in enumerate(self.tokens):
            self.positions[_singular(word)].append(n)


def _named(speaker: str, texts: list[_Text]) -> str | None:
    """The name `texts` give the described body or person, if exactly one name fits."""
    if not texts:
        return None
    return _body_named(speaker, texts) or _person_named(speaker, texts)


def _owner_and_words(speaker: str) -> tuple[str | None, list[str]]:
    """"Estavia's transport minister" -> ("Estavia", ["transport", "minister"]); no owner -> None."""
    words = speaker.split()
    if words and _POSSESSIVE_NAME.fullmatch(words[0]):
        return words[0][:-2], words[1:]
    return None, words


def _is_description(speaker: str) -> bool:
    """Lower-case words, after at most one possessive name ("Estavia's transport minister")."""
    words = _owner_and_words(speaker)[1]
    return bool(words) and all(word[:1].islower() for word in words)


def _singular(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "'s", "us")) else word


def _body_named(speaker: str, texts: list[_Text]) -> str | None:
    words = speaker.split()
    heads = [n for n, word in enumerate(words) if _singular(word) in lexicon("body_nouns")]
    if not heads:
        return None
    head = heads[-1]
    start = head
    while start > 0 and words[start - 1].lower() not in DESCRIPTION_LINKS:
        start -= 1
    # Only the body itself or who speaks for it: "a police officer" is one of many, not the police.
    role = [w.lower() for w in words[:start] + words[head + 1:] if w.lower() not in DESCRIPTION_LINKS]
    if not set(role) <= lexicon("body_voices"):
        return None
    identifying = [_singular(w) for w in words[start:head + 1]
                   if w.lower().replace("’", "'") not in lexicon("scope_words") and w[:1].islower()]
    names = _distinct_names({name for text in texts for name in _names_holding(identifying, text)})
    if len(names) != 1:
        return None
    return " ".join([*words[:start], names[0], *words[head + 1:]])


def _names_holding(identifying: list[str], source: _Text) -> set[str]:
    """The capitalised names in one text that hold every one of `identifying` (the last its head
    noun), e.g. ["fire", "service"] -> {"Haldport Fire and Rescue Service"}."""
    text, tokens = source.text, source.tokens
    found: set[str] = set()
    for n in source.positions.get(identifying[-1], []):
        left = n
        while left > 0 and _adjacent(text, tokens[left - 1], tokens[left]) and _joins_name(tokens[left - 1][0], identifying):
            left -= 1
        right = n
        # "Ministry of Health", "Office of the Data Guardian"
        while (right + 2 < len(tokens) and tokens[right + 1][0] in ("of", "for") and tokens[right + 2][0][:1].isupper()
               and _adjacent(text, tokens[right], tokens[right + 1]) and _adjacent(text, tokens[right + 1], tokens[right + 2])):
            right += 2
            while (right + 1 < len(tokens) and tokens[right + 1][0][:1].isupper() and tokens[right + 1][0] != "The"
                   and _adjacent(text, tokens[right], tokens[right + 1])):
                right += 1
        while left < n and tokens[left][0].lower() in NAME_LINKS:
            left += 1
        name_words = [word for word, _ in tokens[left:right + 1]]
        capitals = [word for word in name_words if word[:1].isupper() and word.lower() not in NAME_LINKS]
        # a name: two words or more, one of them capitalised and not only opening the sentence
        if len(name_words) < 2 or not capitals or (len(capitals) == 1 and _opens_sentence(text, tokens[left][1])):
            continue
        if not set(identifying) <= {_singular(word) for word in name_words}:
            continue
        if any(re.search(r"['’]s$", word) and word[:1].isupper() for word in name_words):
            continue  # "Veldara's Foreign Ministry" names whose ministry; "the foreign ministry" does not
        found.add(" ".join(name_words))
    return found


def _distinct_names(found, skip: tuple[str, ...] = ()) -> list[str]:
    """Names of one body or person merged, the longest kept: "Haldport Fire and Rescue Service" and
    "the Fire and Rescue Service", "Ilse Varga" and "Varga". Names opening with a word of `skip` go."""
    distinct: list[str] = []
    for name in sorted(found, key=lambda name: (-len(name.split()), name)):
        if name.split()[0] in skip:
            continue
        if not any(_ends_like(other, name) for other in distinct):
            distinct.append(name)
    return distinct


def _joins_name(word: str, identifying: list[str]) -> bool:
    """A word that may stand left of a body's head in its name: capitalised ("Haldport Fire"),
    "and" ("Fire and Rescue Service"), or one of the description's words ("Valdrin tourism office");
    never "of" ("Owen Tallis of the ... Service" is a person of the body)."""
    return (word[:1].isupper() and word not in ("The", "A", "An")) or word.lower() in ("and", "&") \
        or _singular(word) in identifying


def _adjacent(text: str, first: tuple[str, int], second: tuple[str, int]) -> bool:
    """Only spaces between two words: a name never runs over punctuation ("TERVEL, June 4 (MNS) - Police")."""
    return text[first[1] + len(first[0]):second[1]].strip() == ""


def _ends_like(longer: str, shorter: str) -> bool:
    a, b = longer.lower().split(), shorter.lower().split()
    return len(b) <= len(a) and a[-len(b):] == b


def _opens_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 8):position].rstrip()  # (a few characters back: spaces, then the mark)
    return not before or before[-1] in '.!?"“”\n'


def _person_named(speaker: str, texts: list[_Text]) -> str | None:
    owner, words = _owner_and_words(speaker)
    role = [w.lower() for w in words if w.lower() not in lexicon("scope_words")]
    if not role or role[-1] not in lexicon("person_roles"):
        return None
    role_text = r"\s+".join(re.escape(w) for w in role)
    people: set[str] = set()
    for text in (source.text for source in texts):
        # "Transport Minister Ilse Varga", "transport minister Ilse Varga"
        for m in re.finditer(rf"\b(?i:{role_text})\s+{_PERSON}", text):
            people.add(m.group(1))
        # "Ilse Varga, Estavia's transport minister", "Piet Olander, the Civic Union's chief negotiator"
        for m in re.finditer(rf"{_PERSON},\s+(?:the\s+)?(?:([A-Z][\w ]*?)(?:'s|’s)\s+)?(?i:{role_text})\b", text):
            if owner and m.group(2) and owner.lower() not in m.group(2).lower():
                continue
            people.add(m.group(1))
        # "the mayor, Ruth Calloway", "Brennock's mayor, Ruth Calloway"
        for m in re.finditer(rf"\b(?i:{role_text}),\s+{_PERSON}\b", text):
            people.add(m.group(1))
    names = _distinct_names(people, skip=_NOT_FIRST_NAMES)
    return names[0] if len(names) == 1 else None
