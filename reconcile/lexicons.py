"""Word lists as data a reader can scan: `reconcile/data/lexicons/NAME.txt`, one entry a line.

Lines are lower-cased and stripped; `#` starts a comment. `lexicon(name)` reads a list once per
process and returns it as a frozenset.
"""

from __future__ import annotations

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
