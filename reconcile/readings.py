"""What each claim's content yields once per content: its happenings (for relate's candidate pairs)
and its typed facts (for the facts table), kept in the cache under the content and the code version.

Input: the claims table (needs `content` or `text`, and `background` where known) and an optional
`EmbeddingCache`. Output: `Readings`: `events` and `facts` by row, for every claim of the current
events (not background), and `docs`, the parses made to get them (only for contents the cache
lacked), which relate reuses rather than parsing again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from spacy.tokens import Doc

from reconcile.facts import facts_of_doc
from reconcile.parses import contents_of, current_rows, parse_rows
from reconcile.relate.events import event_verbs
from reconcile.versions import digest_of


@dataclass
class Readings:
    events: dict[int, set[tuple[str, bool]]] = field(default_factory=dict)
    facts: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    docs: dict[int, Doc] = field(default_factory=dict)


def read_contents(claims: pd.DataFrame, cache=None) -> Readings:
    contents = contents_of(claims)
    rows = current_rows(claims)
    keys = {row: digest_of("reading", contents[row]) for row in rows}
    stored = cache.get_records("reading", list(keys.values())) if cache is not None else {}
    readings = Readings()
    parse_rows(claims, [row for row in rows if keys[row] not in stored], readings.docs)
    fresh = {}
    for row in rows:
        record = stored.get(keys[row])
        if record is None:
            doc = readings.docs[row]
            record = fresh[keys[row]] = {"events": sorted(event_verbs(doc)), "facts": facts_of_doc(contents[row], doc)}
        readings.events[row] = {(verb, bool(negated)) for verb, negated in record["events"]}
        readings.facts[row] = [(slot, value) for slot, value in record["facts"]]
    if cache is not None:
        cache.put_records("reading", fresh)
    return readings
