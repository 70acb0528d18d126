"""Stage 2, claims: articles -> sentence claims with speaker and source, and what was skipped.

Input: the articles table of `reconcile.load`.
Output: `Claims(claims, skipped)`:
- `claims`: one row per claim, columns `CLAIM_COLUMNS`, ordered by article id
  then sentence number. `id` is "<article id>:<sentence number>", stable for
  unchanged text. `content` is what the claim asserts, without its reporting frame
  (`reconcile.content`). `source` is the canonical speaker where the text names one,
  else the outlet; anonymous speakers ("a senior Egyptian source") are
  qualified by who relayed them, since two outlets' unnamed officials are not
  one person. `background` is True for a claim about another or an earlier event
  ("a similar fire in 2016 killed four"), which relate never compares.
- `skipped`: one row per sentence that is not a claim, with the reason.
Sentence numbers count every sentence and heading of the article, so the
numbers in both tables point at the same place in the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from types import SimpleNamespace

import pandas as pd

from reconcile import nlp, progress
from reconcile.attribution import attribute_article, is_generic, name_key, same_name, untitled_key
from reconcile.background import is_background
from reconcile.content import claim_contents
from reconcile.descriptions import resolve_descriptions
from reconcile.hedging import hedged
from reconcile.tables import frame
from reconcile.versions import digest_of
from reconcile.workers import LocalRunner, Runner, chunks

CLAIM_COLUMNS = ["id", "article", "outlet", "speaker", "description", "via", "source", "text", "content", "sentence", "asserted",
                 "background", "date"]
SKIPPED_COLUMNS = ["article", "sentence", "text", "why"]
ANONYMOUS_HEADS = {"source", "sources", "official", "officials", "diplomat", "diplomats", "insider",
                   "insiders", "people", "person", "aide", "aides", "someone", "witness", "witnesses"}

_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:archive|photo|file|reuters|afp|ap|getty|epa|anadolu|pool|handout)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^(?:sources?|credits?|photo|image|via|read more)\s*:", re.IGNORECASE)
# Sentence ends, Chinese and Japanese full stops among them ("。", "！", "？").
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’)」』]*$")
# A word, or one ideograph or kana of a script written without spaces.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# "X did not respond to a request for comment": a note on reporting, not a claim about the event.
_NO_COMMENT = re.compile(
    r"\b(?:respond|responded|reply|replied)(?: immediately)? to (?:a |an |the |several |repeated )?"
    r"(?:requests?|calls?|messages?|e-?mails?|inquiries|enquiries) (?:for|seeking) comments?\b"
    r"|\b(?:be reached|(?:immediately )?available) for comments?\b"
    r"|\b(?:declined|refused) to comment\b"
    r"|\b(?:asked|approached|contacted) (?:to|for) comment\b",
    re.IGNORECASE)
MIN_CLAIM_WORDS = 4
MAX_SENTENCE_CHARACTERS = 3000  # longer is no sentence but text the splitter could not cut (a table, a dump)
MAX_NO_COMMENT_WORDS = 16  # a longer sentence says more than "no comment" ("declined to comment on X, but said Y")
MAX_HEADING_WORDS = 12


@dataclass
class Claims:
    claims: pd.DataFrame
    skipped: pd.DataFrame
    #: content text -> its parse, where the claims stage made one here (the readings reuse them)
    parses: dict = field(default_factory=dict)


def extract_claims(articles: pd.DataFrame, aliases: dict[str, str] | None = None, cache=None,
                   runner: Runner | None = None) -> Claims:
    """Split every article into sentences, keep the claims, attribute them, and cut each claim's
    content from its reporting frame (`reconcile.content`).

    `aliases` maps a name as written to its canonical name (from the corpus's aliases.yaml).
    `cache`: an `EmbeddingCache`; each article's sentences, attributions and contents are kept there
    under the article's id, outlet, date and text and the code version, so an unchanged article
    costs a lookup. Names are made canonical across the corpus afterwards, every run.
    `runner`: where the articles the cache lacks are read (`reconcile.workers`; here by default).
    """
    fields = [{"id": a.id, "outlet": a.outlet, "date": a.date, "text": a.text} for a in articles.itertuples(index=False)]
    keys = [digest_of("article", f["id"], f["outlet"], f["date"], f["text"]) for f in fields]
    stored = cache.get_records("article", keys) if cache is not None else {}
    progress.start("claims", len(articles))
    progress.advance("claims", len(stored))
    missing = [(key, f) for key, f in zip(keys, fields) if key not in stored]
    runner = runner or LocalRunner()
    read: dict[str, dict] = {}
    parses: dict = {}
    if runner.workers == 1:
        for key, article in missing:
            read[key] = _read_article(SimpleNamespace(**article), parses)
            progress.advance("claims")
    else:  # a few batches per worker; parses stay on the workers
        for batch in runner.map(_read_articles, chunks(missing, 4 * runner.workers)):
            read.update(batch)
            progress.advance("claims", len(batch))
    if cache is not None:
        cache.put_records("article", read)
    records = [stored.get(key) or read[key] for key in keys]
    claim_rows = [row for record in records for row in record["claims"]]
    skipped_rows = [row for record in records for row in record["skipped"]]
    claims = frame(claim_rows, [c for c in CLAIM_COLUMNS if c != "source"])
    _canonicalise(claims, outlets=sorted(set(articles["outlet"])), aliases=aliases or {})
    return Claims(claims[CLAIM_COLUMNS], frame(skipped_rows, SKIPPED_COLUMNS), parses)


def _read_articles(batch: list[tuple[str, dict]]) -> dict[str, dict]:
    """(key, article fields) pairs -> {key: {"claims": rows with their contents, "skipped": rows}}."""
    return {key: _read_article(SimpleNamespace(**fields)) for key, fields in batch}


def _read_article(article, content_parses: dict | None = None) -> dict:
    """One article -> {"claims": rows with their contents, "skipped": rows}: what depends on this
    article alone. A sentence parsed for its attribution is not parsed again for its content, and
    where the content is that very sentence its parse goes into `content_parses` (text -> Doc)."""
    claim_rows: list[dict] = []
    skipped_rows: list[dict] = []
    units = list(_sentence_units(article.text))
    # Every sentence is attributed, skipped ones too: "Kessler was blunt." introduces a quotation
    # and "Sorel said." closes one.
    paragraphs = [[text for _, text, _ in group] for _, group in groupby(units, key=lambda unit: unit[0])]
    parsed: dict = {}
    attributions = [a for paragraph in attribute_article(paragraphs, article.outlet, parsed) for a in paragraph]
    for number, ((_, text, why), attribution) in enumerate(zip(units, attributions), start=1):
        if attribution.attribution_only:
            why = "only names a speaker (attributes the sentences before it)"
        if why is not None:
            skipped_rows.append({"article": article.id, "sentence": number, "text": text, "why": why})
            continue
        claim_rows.append({
            "id": f"{article.id}:{number}",
            "article": article.id,
            "outlet": article.outlet,
            "speaker": attribution.speaker,
            "description": attribution.description,
            "via": list(attribution.via),
            "text": text,
            "sentence": number,
            "asserted": not hedged(text),
            "background": is_background(text, article.date),
            "date": article.date,  # the article's: what tells an earlier report from a revision
        })
    for row, content in zip(claim_rows, claim_contents([row["text"] for row in claim_rows], parsed=parsed)):
        row["content"] = content
        if content_parses is not None and content in parsed:
            content_parses[content] = parsed[content]
    return {"claims": claim_rows, "skipped": skipped_rows}


def _sentence_units(text: str):
    """Yield (paragraph number, sentence text, reason to skip or None) in reading order."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    splitter = nlp.sentence_splitter()
    for number, (paragraph, doc) in enumerate(zip(paragraphs, splitter.pipe(paragraphs))):
        single_line = " ".join(paragraph.split())
        why = _paragraph_skip_reason(single_line) if "\n" not in paragraph or len(single_line) < 200 else None
        if why:
            yield number, single_line, why
            continue
        carried = ""
        for sentence in doc.sents:
            sentence_text = carried + " ".join(sentence.text.split())
            carried = ""
            # The splitter leaves the opening quote of the next sentence behind: 'wreck. "'
            if re.search(r'[.!?] ["“]$', sentence_text):
                sentence_text, carried = sentence_text[:-2], sentence_text[-1]
            if len(sentence_text) > MAX_SENTENCE_CHARACTERS:
                # Kept short in the appendix, and never sent to the parser.
                yield number, sentence_text[:200] + "…", f"too long to be one sentence ({len(sentence_text):,} characters)"
            elif sentence_text:
                yield number, sentence_text, _sentence_skip_reason(sentence_text)


def _paragraph_skip_reason(line: str) -> str | None:
    if _SOURCE_LINE.match(line):
        return "source line, not a claim"
    credit = _PHOTO_CREDIT.search(line)
    if credit and not _TERMINAL.search(line[: credit.start()].strip()):
        return "photo caption or credit"
    if not _TERMINAL.search(line) and word_count(line) <= MAX_HEADING_WORDS:
        return "heading, not a claim"
    return None


def _sentence_skip_reason(sentence: str) -> str | None:
    if sentence.rstrip("\"'”’ ").endswith("?"):
        return "question, not a claim"
    words = word_count(sentence)
    if words < MIN_CLAIM_WORDS:
        return "too short to be a claim"
    if words <= MAX_NO_COMMENT_WORDS and _NO_COMMENT.search(sentence):
        return "no-comment line, not a claim"
    return None


def word_count(text: str) -> int:
    """Words, counting each ideograph of Chinese or Japanese as one (they are written without spaces)."""
    return len(_WORD.findall(text))


def _canonicalise(claims: pd.DataFrame, outlets: list[str], aliases: dict[str, str]) -> None:
    """Give every name one spelling and one description, and every claim its `source`, in place."""
    # A description the corpus names ("the city's fire service") is that name, before names merge.
    texts: dict[str, str] = defaultdict(str)
    for article, text in zip(claims["article"], claims["text"]):
        texts[article] += text + " "
    named = resolve_descriptions(list(zip(claims["article"], claims["speaker"])), dict(texts), is_anonymous)
    if named:
        resolved = [named.get((article, speaker)) if speaker else None
                    for article, speaker in zip(claims["article"], claims["speaker"])]
        claims["description"] = pd.Series([description or (speaker if new else None)
                                           for description, speaker, new in
                                           zip(claims["description"], claims["speaker"], resolved)],
                                          index=claims.index, dtype=object)
        claims["speaker"] = pd.Series([new or speaker for new, speaker in zip(resolved, claims["speaker"])],
                                      index=claims.index, dtype=object)
    names = sorted({n for n in claims["speaker"].dropna()} | {n for via in claims["via"] for n in via})
    canonical = canonical_names(names, outlets, aliases)
    claims["speaker"] = pd.Series([canonical.get(s, s) if s else None for s in claims["speaker"]],
                                  index=claims.index, dtype=object)
    claims["via"] = [[canonical.get(n, n) for n in via] for via in claims["via"]]
    # A description given once ("Fire chief Dana Ortiz") holds wherever that speaker appears.
    described: dict[str, str] = {}
    for speaker, description in zip(claims["speaker"], claims["description"]):
        if speaker and description:
            described.setdefault(speaker, description)
    claims["description"] = pd.Series([described.get(s) if s else None for s in claims["speaker"]],
                                      index=claims.index, dtype=object)
    claims["source"] = [
        source_of(speaker, via, outlet)
        for speaker, via, outlet in zip(claims["speaker"], claims["via"], claims["outlet"])
    ]


def source_of(speaker: str | None, via: list[str], outlet: str) -> str:
    if not speaker:
        return outlet
    if is_anonymous(speaker):
        return f"{speaker} (via {via[0] if via else outlet})"
    return speaker


def is_anonymous(name: str) -> bool:
    key = name_key(name)
    return bool(key) and key[-1] in ANONYMOUS_HEADS


def canonical_names(names: list[str], outlets: list[str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Map each name to one canonical spelling.

    The corpus's own aliases come first (see `reconcile.load.load_aliases`).
    A name that ends like an outlet is that outlet ('Israeli Channel 12' ->
    'Channel 12'). Other named speakers that end like one another form one
    person or body ('Blinken', 'Anthony Blinken', 'Secretary of State Anthony
    Blinken'); its canonical name is the shortest with two words or more.
    Anonymous speakers are never merged.
    """
    alias_keys = {untitled_key(alias): canonical for alias, canonical in (aliases or {}).items()}
    mapping: dict[str, str] = {name: alias_keys[untitled_key(name)] for name in names
                               if untitled_key(name) in alias_keys}
    for name in names:
        if name in mapping:
            continue
        matches = [outlet for outlet in outlets if same_name(name, outlet)]
        if len(matches) == 1:
            mapping[name] = matches[0]
    # Only names with a proper noun merge: "spokesman" is not "court spokesman".
    # A name of nothing but articles ("The", "A") has no words to compare.
    rest = [n for n in names if n not in mapping and name_key(n) and not is_anonymous(n) and not is_generic(n)]
    # Names that can match share their first or last word, so only those are compared.
    by_word: dict[str, list[str]] = defaultdict(list)
    for name in rest:
        key = name_key(name)
        for word in {key[0], key[-1]}:
            by_word[word].append(name)
    for name in rest:
        key = name_key(name)
        family = sorted({other for word in {key[0], key[-1]} for other in by_word[word] if same_name(name, other)})
        # Only merge when the family is one chain, not two people sharing a surname.
        if all(same_name(a, b) for a in family for b in family):
            multiword = [f for f in family if len(untitled_key(f)) >= 2]  # "Ms Ortiz" is one word of name
            mapping[name] = min(multiword or family, key=lambda f: (len(name_key(f)), f))
    return mapping
