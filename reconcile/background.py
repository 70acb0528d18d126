"""Claims about another or an earlier event: "a similar flood in 2016 killed four".

`is_background(text, article_date)` is True when the sentence carries a background cue (lexicon
`background_cues`) or names a year before the article's own. Such claims stay in the briefing but
are never compared with the current event's claims, so an old toll is not read as a rival count.
"""

from __future__ import annotations

import re

from reconcile.lexicons import mentions

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def is_background(text: str, article_date: str | None = None) -> bool:
    if mentions("background_cues", text):
        return True
    if article_date and re.match(r"\d{4}", article_date):
        year = int(article_date[:4])
        return any(int(found) < year for found in _YEAR.findall(text))
    return False
