"""Parses of claim contents, made once per run and handed forward (readings, relate, facts).

Input: the claims table (needs `content` or `text`, and `background` where known). Output: row ->
spaCy `Doc` of the claim's content.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc

from reconcile import nlp


def contents_of(claims: pd.DataFrame) -> list[str]:
    return claims["content"].tolist() if "content" in claims else claims["text"].tolist()


def current_rows(claims: pd.DataFrame) -> list[int]:
    """Rows of claims about the current events: background claims are never compared or tabled."""
    background = claims["background"].tolist() if "background" in claims else [False] * len(claims)
    return [row for row in range(len(claims)) if not background[row]]


def parse_rows(claims: pd.DataFrame, rows, docs: dict[int, Doc]) -> dict[int, Doc]:
    """`docs`, given a parse of every row of `rows` it lacks (parsed in one batch), and returned."""
    contents = contents_of(claims)
    missing = sorted(set(rows) - set(docs))
    docs.update(zip(missing, nlp.parser().pipe([contents[row] for row in missing], batch_size=64)))
    return docs
