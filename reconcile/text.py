"""Small text helpers shared by stages that must stay cheap to import (`reconcile score` loads no models)."""

from __future__ import annotations

import re


def quote(text: str, limit: int = 60) -> str:
    """text on one line in curly quotes, cut to `limit` characters with "…"."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


# A dateline opens wire copy: an upper-case place ("LORWICK, March 5 (Northgate Press) - ",
# "DUNMERE - ", "OAKMERE, Estmark, Oct 15 (Meridian) - ") or a place in any case with the agency in
# brackets ("Brenmoor (Estavia) (CNA) - ", "Aldgrave, 12 June (ENA) - "), then a dash.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'.\- ]{2,}(?:,\s*[^,()\-–—]{2,30}){0,3}\s*(?:\([^)]{1,60}\)\s*){0,2}"
    r"|[A-Z][\w'.]+(?: [A-Z][\w'.]+){0,2}(?:,\s*[^,()\-–—]{2,30}){0,3}\s*(?:\([^)]{1,60}\)\s*){1,2})"
    r"[-–—]+\s+")
# Typographic apostrophes and quotation marks as the parser and the word lists expect them: "isn’t"
# is a negation only as "isn't", and "Isaacson’s" is "Isaacson's".
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def strip_dateline(text: str) -> str:
    """The sentence without the dateline that opens it, if any."""
    return _DATELINE.sub("", text, count=1)


def plain_quotes(text: str) -> str:
    """Typographic quotation marks and apostrophes as straight ones (one character for one)."""
    return text.translate(_TYPOGRAPHIC)


def reading_form(sentence: str) -> str:
    """A sentence as attribution and content parse it: no dateline, straight quotation marks (so a
    parse made for one stage is found by the other under the same text)."""
    return plain_quotes(strip_dateline(sentence))
