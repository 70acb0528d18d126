"""A source that updates its own figure: "the ministry put the toll at 14" on Tuesday, "the ministry
revised the toll upward to 19" on Wednesday.

Input: the claims table (needs `id`, `source`, `story`, `article`, `content`; `date`, `sentence` and
`background` where known) and each claim's measures of the event as the readings keep them
(`Readings.measures`, row -> quantities; without them the contents are parsed here).
Output: rows for the pairs table (`a`, `b`, `relation` "revision", `score`, `reason`).

The other signals only compare claims of different sources; a source's own figures are compared
here, and only for a revision: two claims of one source, in one story, from different articles, that
give a measure of the event itself (dead, injured, evacuated...: `numbers.EVENT_MEASURES`) over the
same period, with ranges that cannot both hold and no figure in common. The later claim revises the
earlier when it comes from a later day or says it revises ("has risen to", lexicon `revision_cues`);
two figures of one day with no such word are left alone (they may count two places).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pandas as pd
from spacy.tokens import Doc

from reconcile.parses import contents_of, parse_rows
from reconcile.relate.base import REVISION, ClaimView
from reconcile.relate.numbers import (
    EVENT_MEASURES,
    Quantity,
    dated,
    event_measures,
    match_quantities,
    might_measure_event,
    periods_in,
    revises,
)
from reconcile.stories import rows_by_story
from reconcile.tables import column


def same_source_revisions(claims: pd.DataFrame, measures: dict[int, list[Quantity]] | None = None,
                          docs: dict[int, Doc] | None = None) -> list[dict]:
    """claims -> revision rows (see the module docstring), `a` before `b` in claim order; the reason
    names the earlier figure first. `measures`: row -> the claim's event measures (`event_measures`),
    as the readings cached them; rows it lacks are read from `docs` or parsed."""
    if not len(claims):
        return []
    contents = contents_of(claims)
    ids, sources = claims["id"].tolist(), claims["source"].tolist()
    articles = column(claims, "article", "")
    dates = column(claims, "date")
    numbers = claims["sentence"].tolist() if "sentence" in claims else list(range(len(claims)))
    when = {row: (dates[row] or "", articles[row], int(numbers[row])) for row in range(len(claims))}
    measures = dict(measures or {})
    groups: dict[tuple, list[int]] = defaultdict(list)
    for story, rows in rows_by_story(claims).items():
        for row in rows:
            if measures.get(row) or (row not in measures and might_measure_event(contents[row])):
                groups[(story, sources[row])].append(row)
    unread = sorted({row for rows in groups.values() if len(rows) > 1 for row in rows if row not in measures})
    docs = parse_rows(claims, unread, dict(docs or {}))
    measures.update({row: event_measures(ClaimView(ids[row], contents[row], sources[row], docs[row])) for row in unread})
    periods = {row: periods_in(contents[row]) for rows in groups.values() if len(rows) > 1 for row in rows}
    found = []
    for rows in groups.values():
        for i, j in combinations(rows, 2):
            if articles[i] == articles[j]:
                continue  # one report giving two figures: a part and a whole, not an update
            earlier, later = sorted((i, j), key=lambda row: when[row])
            if periods[earlier] != periods[later]:
                continue
            clashes, agreements = match_quantities(measures[earlier], measures[later],
                                                   lambda counts: counts in EVENT_MEASURES)
            if not clashes or agreements:
                continue
            later_day = bool(when[earlier][0]) and when[earlier][0][:10] < when[later][0][:10]
            if not (later_day or revises(contents[later])):
                continue
            old, new = clashes[0]
            found.append({"a": ids[i], "b": ids[j], "relation": REVISION, "score": 0.8,
                          "reason": f"revised by the same source: {old.text}{dated(when[earlier])} "
                                    f"then {new.text}{dated(when[later])}"})
    return found
