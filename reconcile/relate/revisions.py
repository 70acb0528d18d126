"""A source that updates its own figure: "the ministry put the toll at 14" on Tuesday, "the ministry
revised the toll upward to 19" on Wednesday.

Input: the claims table (needs `id`, `source`, `story`, `article`, `content`; `date`, `sentence` and
`background` where known) and parses of contents already made (row -> Doc; the rest are parsed here).
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
from reconcile.relate.numbers import EVENT_MEASURES, match_quantities, might_measure_event, periods, revises, \
    view_quantities
from reconcile.stories import rows_by_story
from reconcile.tables import column


def same_source_revisions(claims: pd.DataFrame, docs: dict[int, Doc] | None = None) -> list[dict]:
    """claims -> revision rows (see the module docstring), `a` before `b` in claim order; the reason
    names the earlier figure first."""
    if not len(claims):
        return []
    contents = contents_of(claims)
    ids, sources = claims["id"].tolist(), claims["source"].tolist()
    articles = column(claims, "article", "")
    dates = column(claims, "date")
    numbers = claims["sentence"].tolist() if "sentence" in claims else list(range(len(claims)))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for story, rows in rows_by_story(claims).items():
        for row in rows:
            if might_measure_event(contents[row]):
                groups[(story, sources[row])].append(row)
    wanted = sorted({row for rows in groups.values() if len(rows) > 1 for row in rows})
    docs = parse_rows(claims, wanted, dict(docs or {}))
    views = {row: ClaimView(ids[row], contents[row], sources[row], docs[row],
                            when=(dates[row] or "", articles[row], int(numbers[row]))) for row in wanted}
    found = []
    for rows in groups.values():
        for i, j in combinations(rows, 2):
            if articles[i] == articles[j]:
                continue  # one report giving two figures: a part and a whole, not an update
            earlier, later = sorted((views[i], views[j]), key=lambda view: view.when)
            if earlier.feature(periods) != later.feature(periods):
                continue
            clashes, agreements = match_quantities(earlier.feature(view_quantities), later.feature(view_quantities),
                                                   lambda counts: counts in EVENT_MEASURES)
            if not clashes or agreements:
                continue
            later_day = bool(earlier.when[0]) and earlier.when[0][:10] < later.when[0][:10]
            if not (later_day or revises(later.text)):
                continue
            old, new = clashes[0]
            found.append({"a": ids[i], "b": ids[j], "relation": REVISION, "score": 0.8,
                          "reason": f"revised by the same source: {old.text}{_dated(earlier)} then {new.text}{_dated(later)}"})
    return found


def _dated(view: ClaimView) -> str:
    return f" ({view.when[0]})" if view.when and view.when[0] else ""
