"""Typed facts of each claim, extracted once, and where a story's sources differ on them.

Input: the claims table after relate (needs `id`, `story`, `source`, `content`, `asserted`,
`background`) and the pairs table. Output: a facts table, columns `FACT_COLUMNS`, one row per
fact: the story, the slot (what the fact is about: "dead", "injured", "evacuated", "speed (km/h)",
"time of the derailment", "date of resume", "assessment: progress", "cause"), the value as written, the claim, its source and
its modality ("asserted" or "reported", for a hedged claim). Claims about another or an earlier
event carry no facts of the current one.

The readers are the relate signals' own (quantities, clock times, assessments, causes), so a slot here is
what those signals compare across a story; the briefing's key-facts table is built from it, and a
row is disputed when two of its claims form a conflicting pair.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc

from reconcile.parses import contents_of, current_rows, parse_rows
from reconcile.relate.assessment import has_assessment, view_assessments
from reconcile.relate.base import ClaimView, words_in
from reconcile.relate.causes import might_give_cause, view_causes
from reconcile.relate.dates import SAYING, calendar_dates
from reconcile.relate.numbers import EVENT_MEASURES, might_measure_event, view_quantities
from reconcile.relate.times import clock_times, event_name, happening_of
from reconcile.tables import frame

FACT_COLUMNS = ["story", "slot", "value", "claim", "source", "modality"]


def extract_facts(claims: pd.DataFrame, docs: dict[int, Doc] | None = None,
                  found: dict[int, list[tuple[str, str]]] | None = None) -> pd.DataFrame:
    """claims -> facts (see the module docstring); rows in claim order, then slot order within a claim.

    `found`: row -> that claim's (slot, value) facts as `facts_of_view` gives them (from
    `reconcile.readings`, cached by content); else `docs`, row -> parse of the claim's content;
    else the contents are parsed here.
    """
    if not len(claims):
        return frame([], FACT_COLUMNS)
    contents = contents_of(claims)
    wanted = current_rows(claims)
    if found is None:
        wanted = [row for row in wanted if might_hold_facts(contents[row])]
        docs = parse_rows(claims, wanted, dict(docs or {}))
        found = {row: _facts_of(ClaimView("", contents[row], "", docs[row])) for row in wanted}  # all passed might_hold_facts
    rows = []
    for row in wanted:
        claim = claims.iloc[row]
        base = {"story": claim.get("story"), "claim": claim["id"], "source": claim["source"],
                "modality": "asserted" if claim.get("asserted", True) else "reported"}
        for slot, value in found.get(row, []):
            rows.append({**base, "slot": slot, "value": value})
    return frame(_one_name_per_happening(rows), FACT_COLUMNS)


def might_hold_facts(content: str) -> bool:
    """Cheap pre-parse test: a figure of the event, a clock time, a date, an assessment word or a cause."""
    return (might_measure_event(content) or bool(clock_times(content)) or bool(calendar_dates(content))
            or has_assessment(words_in(content)) or might_give_cause(content))


def facts_of_view(view: ClaimView) -> list[tuple[str, str]]:
    """One claim's (slot, value) facts, from a view of its content (`ClaimView`, with the content's
    parse), sharing what other readers of the view computed (its quantities)."""
    return _facts_of(view) if might_hold_facts(view.text) else []


def _one_name_per_happening(rows: list[dict]) -> list[dict]:
    """"time of derail" and "time of derailment" are one slot (the time signal's rule: one stem), named
    by its longest spelling."""
    names: dict[str, str] = {}
    for row in rows:
        if row["slot"].startswith("time of "):
            stem = row["slot"][8:13]
            names[stem] = max(names.get(stem, ""), row["slot"], key=lambda name: (len(name), name))
    for row in rows:
        if row["slot"].startswith("time of "):
            row["slot"] = names[row["slot"][8:13]]
    return rows


def _facts_of(view: ClaimView) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for quantity in view.feature(view_quantities):
        if quantity.counts in EVENT_MEASURES and not quantity.rate:
            found.append((quantity.counts, quantity.text))
    # Clock times and dates are facts of what happened then (a date of saying is none).
    for kind, moments, ignored in (("time", clock_times(view.text), ()), ("date", calendar_dates(view.text), SAYING)):
        for moment in moments:
            event = happening_of(view, moment)
            if event in ignored:
                continue
            event = event_name(event) if event else None
            found.append((f"{kind} of {event}" if event else kind, moment.text))
    for assessment in view.feature(view_assessments):
        found.append((f"assessment: {assessment.dimension}", assessment.phrase))
    for cause in view.feature(view_causes):
        found.append(("cause", cause.phrase))
    return list(dict.fromkeys(found))


def disputed_slots(facts: pd.DataFrame, pairs: pd.DataFrame) -> set[tuple[str, str]]:
    """(story, slot) pairs in which two claims giving that slot form a conflicting pair."""
    if not len(facts) or not len(pairs):
        return set()
    conflicts = {frozenset((a, b)) for a, b, relation in zip(pairs["a"], pairs["b"], pairs["relation"])
                 if relation == "conflict"}
    disputed = set()
    for (story, slot), group in facts.groupby(["story", "slot"], sort=False):
        members = list(dict.fromkeys(group["claim"]))
        if any(frozenset((a, b)) in conflicts for i, a in enumerate(members) for b in members[i + 1:]):
            disputed.add((story, slot))
    return disputed
