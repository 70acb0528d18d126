"""Hedging: does a claim assert something, or only pass on what others say?

Used by the claims stage (`asserted` in the JSON export) and as a feature of
the relation model. Input: one sentence or headline. Output: True when it is
hedged ("reportedly", "allegedly", "claims", "rumours", "is said to",
"according to reports", or a question).
"""

from __future__ import annotations

import re

_HEDGED = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|rumou?r(?:s|ed)?|"
    r"claims?|claimed|claiming|is said to|are said to|was said to|were said to|according to (?:rumou?rs|reports|"
    r"unconfirmed|unnamed|sources|a report)|reports? (?:say|says|suggest|suggests|claim|claims))\b", re.IGNORECASE)


def hedged(text: str) -> bool:
    """True when the text only reports that others say something, without vouching for it.

    Cues: "reportedly", "allegedly", "claims", "rumours", "is said to",
    "according to reports", and a headline that is a question.
    """
    stripped = text.strip().rstrip("\"'”’)")
    return stripped.endswith("?") or bool(_HEDGED.search(text))
