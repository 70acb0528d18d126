"""Word lists as data a reader can scan: `reconcile/data/lexicons/NAME.txt`, one entry a line.

Lines are lower-cased and stripped; `#` starts a comment. `lexicon(name)` reads a list once per
process and returns it as a frozenset; `opposites(name)` reads "word | opposite" lines as a
mapping from each word to its opposites, both ways; `kin(name)` reads "word | word | ..." lines as a
mapping from each word to every word it shares a line with, itself included; `group_names(name)`
reads "name | word | ..." lines as a mapping from each word to its group's name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "data" / "lexicons"


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    entries = set()
    for line in (DIRECTORY / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            entries.add(entry)
    return frozenset(entries)


def _groups(name: str) -> list[list[str]]:
    """The "word | word | ..." lines of lexicon `name` as lists of words, in a stable order."""
    return [[part.strip() for part in entry.split("|") if part.strip()] for entry in sorted(lexicon(name))]


@lru_cache(maxsize=None)
def opposites(name: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for group in _groups(name):
        if len(group) == 2:
            first, second = group
            found.setdefault(first, set()).add(second)
            found.setdefault(second, set()).add(first)
    return {word: frozenset(others) for word, others in found.items()}


@lru_cache(maxsize=None)
def kin(name: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for family in _groups(name):
        for word in family:
            found.setdefault(word, set()).update(family)
    return {word: frozenset(family) for word, family in found.items()}


@lru_cache(maxsize=None)
def group_names(name: str) -> dict[str, str]:
    """"name | word | ..." lines -> each word's group name (the line's first word; of two lines, the
    name first in alphabetical order, so the mapping does not hang on the file's order)."""
    found: dict[str, str] = {}
    for group in _groups(name):
        for word in group:
            found[word] = min(found.get(word, group[0]), group[0])
    return found


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    entries = sorted(lexicon(name), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(entry) for entry in entries) + r")\b")


def normalised(text: str) -> str:
    """Lower case, single spaces, straight apostrophes: how entries are matched."""
    return " ".join(text.lower().replace("’", "'").split())


def mentions(name: str, text: str) -> bool:
    """True when `text` (any case, any spacing, straight or curly apostrophes) holds an entry of lexicon `name`."""
    return bool(_pattern(name).search(normalised(text)))


@lru_cache(maxsize=None)
def _entry_patterns(name: str) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((entry, re.compile(rf"\b{re.escape(entry)}\b")) for entry in sorted(lexicon(name)))


def entries_in(name: str, text: str) -> frozenset[str]:
    """Every entry of lexicon `name` that `text` holds as whole words (matched as by `mentions`)."""
    plain = normalised(text)
    return frozenset(entry for entry, pattern in _entry_patterns(name) if pattern.search(plain))
