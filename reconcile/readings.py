"""What each claim's content yields once per content: its happenings (for relate's candidate pairs)
and its typed facts (for the facts table), kept in the cache under the content and the code version.

Input: the claims table (needs `content` or `text`, and `background` where known) and an optional
`EmbeddingCache`. Output: `Readings`: `events`, `facts`, `measures` (the event's own figures, for
same-source revisions), `clauses` (the clauses of its figures, which relate compares across a
story: `relate.numbers.figure_clauses`), `causes` (the causes it gives: `relate.causes`), `denied` (the proposition a denial denies) and `accounts` (whose account a
denial rejects, and what it says instead) by row, for every claim of the current
events (not background), and `docs`, the parses made to get them (only for contents the cache
lacked), which relate reuses rather than parsing again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from spacy.tokens import Doc

from reconcile.facts import facts_of_view
from reconcile.parses import contents_of, current_rows, parse, parse_rows
from reconcile.relate.base import ClaimView
from reconcile.relate.causes import cause_phrases
from reconcile.relate.denials import denial_reading
from reconcile.relate.events import event_verbs
from reconcile.relate.numbers import (
    Quantity,
    event_measures,
    figure_clauses,
    quantity_from_record,
    quantity_record,
)
from reconcile.versions import digest_of
from reconcile.workers import LocalRunner, Runner, chunks


@dataclass
class Readings:
    events: dict[int, set[tuple[str, bool]]] = field(default_factory=dict)
    facts: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    denied: dict[int, str] = field(default_factory=dict)  # row -> what the claim denies, where it denies something
    accounts: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (party, counter-claim) of an account it rejects
    measures: dict[int, list[Quantity]] = field(default_factory=dict)  # row -> its measures of the event (dead...)
    clauses: dict[int, list[str]] = field(default_factory=dict)  # row -> its figures' clauses, figures left out
    causes: dict[int, list[str]] = field(default_factory=dict)  # row -> the causes it gives (`relate.causes`)
    docs: dict[int, Doc] = field(default_factory=dict)


def read_contents(claims: pd.DataFrame, cache=None, runner: Runner | None = None,
                  parses: dict[str, Doc] | None = None) -> Readings:
    """`runner`: where the contents the cache lacks are parsed (`reconcile.workers`). Here, their
    parses are kept in `Readings.docs` for relate; on workers only the readings come back.
    `parses`: content text -> parse already made (`Claims.parses`), reused."""
    contents = contents_of(claims)
    rows = current_rows(claims)
    keys = {row: digest_of("reading", contents[row]) for row in rows}
    stored = cache.get_records("reading", list(keys.values())) if cache is not None else {}
    readings = Readings()
    missing = [row for row in rows if keys[row] not in stored]
    runner = runner or LocalRunner()
    fresh: dict[str, dict] = {}
    if runner.workers == 1:
        readings.docs.update({row: parses[contents[row]] for row in missing if contents[row] in (parses or {})})
        parse_rows(claims, missing, readings.docs)
        fresh = {keys[row]: _reading(contents[row], readings.docs[row]) for row in missing}
    else:
        texts = sorted({contents[row] for row in missing})
        for batch in runner.map(_read_texts, chunks(texts, 4 * runner.workers)):
            fresh.update({digest_of("reading", text): record for text, record in batch.items()})
    for row in rows:
        record = stored.get(keys[row]) or fresh[keys[row]]
        readings.events[row] = {(verb, bool(negated)) for verb, negated in record["events"]}
        readings.facts[row] = [(slot, value) for slot, value in record["facts"]]
        readings.measures[row] = [quantity_from_record(measure) for measure in record["measures"]]
        readings.clauses[row] = list(record["clauses"])
        readings.causes[row] = list(record["causes"])
        if record["denied"]:
            readings.denied[row] = record["denied"]
        if record["account"]:
            readings.accounts[row] = tuple(record["account"])
    if cache is not None:
        cache.put_records("reading", fresh)
    return readings


def _reading(content: str, doc: Doc) -> dict:
    view = ClaimView("", content, "", doc)  # one view, so facts and measures share its quantities
    denied, account = denial_reading(doc)
    return {"events": sorted(event_verbs(doc)), "facts": facts_of_view(view),
            "measures": [quantity_record(quantity) for quantity in event_measures(view)],
            "clauses": figure_clauses(view),
            "causes": cause_phrases(view),
            "denied": denied, "account": account}


def _read_texts(texts: list[str]) -> dict[str, dict]:
    """Contents -> {content: reading}, parsed in one batch (on a worker)."""
    return {text: _reading(text, doc) for text, doc in zip(texts, parse(texts))}
