"""Parses of claim contents, made once per run and handed forward (readings, relate, facts).

Input: the claims table (needs `content` or `text`, and `background` where known). Output: row ->
spaCy `Doc` of the claim's content.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc

from reconcile import nlp
from reconcile.tables import column


def contents_of(claims: pd.DataFrame) -> list[str]:
    return claims["content"].tolist() if "content" in claims else claims["text"].tolist()


def current_rows(claims: pd.DataFrame) -> list[int]:
    """Rows of claims about the current events: background claims are never compared or tabled."""
    background = column(claims, "background", False)
    return [row for row in range(len(claims)) if not background[row]]


def parse(texts: list[str]) -> list[Doc]:
    """Texts (n,) -> their parses (n,), in one batch."""
    return list(nlp.parser().pipe(texts, batch_size=64))


def parse_missing(texts: dict[int, str], docs: dict[int, Doc]) -> dict[int, Doc]:
    """`docs`, given a parse of every row of `texts` (row -> text) it lacks, and returned."""
    missing = sorted(set(texts) - set(docs))
    docs.update(zip(missing, parse([texts[row] for row in missing])))
    return docs


def parse_rows(claims: pd.DataFrame, rows, docs: dict[int, Doc]) -> dict[int, Doc]:
    """`docs`, given a parse of the content of every row of `rows` it lacks, and returned."""
    contents = contents_of(claims)
    return parse_missing({row: contents[row] for row in rows}, docs)
