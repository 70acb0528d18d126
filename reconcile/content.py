"""A claim's content apart from its reporting frame.

Input: claim sentences. Output: for each, the content: what is asserted, without the dateline
("LORWICK, March 5 (Northgate Press) -"), the "according to X" phrase, or the clause of a neutral
reporting verb ("..., the deputy minister told reporters at the airport before flying home";
lexicon `neutral_reporting_verbs`). Claims are embedded, clustered and compared on their content,
so two claims of one fact look alike however differently they are framed, and two claims framed
alike ("X told reporters on Tuesday") do not look alike for that. The reader still sees the whole
sentence.

A frame that takes a stance ("police denied that ...") is part of the claim and stays. When what
is left would be under `MIN_CONTENT_WORDS` words, the whole sentence is the content.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from reconcile import nlp
from reconcile.attribution import needs_parse
from reconcile.lexicons import lexicon
from reconcile.text import plain_quotes, reading_form

MIN_CONTENT_WORDS = 4


def claim_contents(texts: list[str], batch_size: int = 64, parsed: dict[str, Doc] | None = None) -> list[str]:
    """Sentences (n,) -> their contents (n,); only sentences with an attribution cue are parsed.
    `parsed`: parses already made of some of these texts (attribution's), reused, never redone."""
    undated = [reading_form(text) for text in texts]
    to_parse = sorted({text for text in undated if needs_parse(text)})
    parsed = parsed or {}
    fresh = [text for text in to_parse if text not in parsed]
    docs = {**{text: parsed[text] for text in to_parse if text in parsed},
            **dict(zip(fresh, nlp.parser().pipe(fresh, batch_size=batch_size)))}
    contents = {text: content_of(docs[text]) for text in to_parse}
    result = []
    for original, text in zip(texts, undated):
        content = contents.get(text, text)
        result.append(content if len(content.split()) >= MIN_CONTENT_WORDS else plain_quotes(original))
    return result


def content_of(doc: Doc) -> str:
    """The content of one parsed sentence (see the module docstring)."""
    for sentence in doc.sents:
        root = sentence.root
        if root.lemma_.lower() in lexicon("neutral_reporting_verbs"):
            clause = next((child for child in root.children if child.dep_ in ("ccomp", "xcomp")), None)
            if clause is not None and clause.pos_ in ("VERB", "AUX"):
                return _text(doc[clause.left_edge.i: _date_continued(doc, clause.right_edge.i) + 1])
        # "The toll, a hospital official said, had risen": the parenthetical reporting clause goes too.
        aside = {t.i for child in root.children if child.dep_ == "parataxis"
                 and child.lemma_.lower() in lexicon("neutral_reporting_verbs") for t in child.subtree}
        kept = [token for token in sentence if not _in_according_to(token) and token.i not in aside]
        if len(kept) < len(sentence):
            return _text(kept)
        break
    return doc.text


def _date_continued(doc: Doc, end: int) -> int:
    """The clause's last token, moved past a date that goes on after a comma: "will resume on Monday,
    17 November, a spokeswoman said" keeps "17 November", which the parser hangs on "said"."""
    while (end + 2 < len(doc) and doc[end].ent_type_ == "DATE" and doc[end + 1].text == ","
           and doc[end + 2].ent_type_ == "DATE"):
        end += 2
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "DATE":
            end += 1
    return end


def _in_according_to(token) -> bool:
    """Inside "according to X" (the phrase and its object)."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.lower_ == "according" and ancestor.dep_ in ("prep", "advmod", "advcl"):
            return True
    return False


def _text(tokens) -> str:
    """Tokens back to text, trimmed of the commas and quotation marks the cut leaves at its edges."""
    if isinstance(tokens, Span):
        text = tokens.text
    else:  # where a cut joins two tokens, a space stands between them
        text = "".join(token.text + (token.whitespace_ or (" " if following is not None and following.i != token.i + 1
                                                            else ""))
                       for token, following in zip(tokens, [*tokens[1:], None]))
    text = text.strip(" ,;:-–—\"“”'")
    text = re.sub(r"^that\s+", "", text)  # "said that the talks ..." -> "the talks ..."
    text = re.sub(r",\s*,", ",", text)
    return re.sub(r"\s+([,.;:])", r"\1", text).strip()
