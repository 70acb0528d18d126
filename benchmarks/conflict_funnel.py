"""Where a run loses the gold conflicts: the stage at which each one drops out, by kind.

    python benchmarks/conflict_funnel.py [CORPUS ...]

Reads the checked-in runs (`reports/CORPUS.json`, as `make run` writes them) against each corpus's
`gold.json`; with no CORPUS, every corpus under `corpora/` that has both. Nothing is re-run, so it
takes seconds, and it measures development data only: a corpus read here is no longer evidence.

Each gold conflict lands in the first stage that loses it:
- `no claim`: a side's sentence is not a claim (skipped as a heading, a caption...);
- `same claim` / `same source`: both sides are one claim, or the run gives them one source;
- `other story`: the run put the two claims in different stories;
- `as corroborate` / `as revision`: paired, with the wrong relation;
- `not paired`: the run has no pair of them: not a candidate pair, or judged with no finding (the
  checked-in run does not say which);
- `found`: flagged as a conflict.

For the `number` conflicts left `not paired`, it then parses both claims' contents and says whether
a figure was read on each side, whether the two count the same thing (`Quantity.counts`, what the
number signal compares), and whether that thing is one of the event's own measures
(`EVENT_MEASURES`: candidates across a topic of the story, set against each other at any
similarity) or another noun (set against each other only between near-identical claims). Last
line: one JSON object.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reconcile.score import claim_holding, read_gold  # noqa: E402

STAGES = ("no claim", "same claim", "same source", "other story", "as corroborate", "as revision",
          "not paired", "found")


def stage_of(conflict: dict, claims: list[dict], by_id: dict, predicted: dict) -> tuple[str, str | None, str | None]:
    a, b = claim_holding(claims, conflict["a"]), claim_holding(claims, conflict["b"])
    if not a or not b:
        return "no claim", a, b
    if a == b:
        return "same claim", a, b
    if by_id[a]["source"] == by_id[b]["source"]:
        return "same source", a, b
    if by_id[a].get("story") != by_id[b].get("story"):
        return "other story", a, b
    relation = predicted.get(frozenset((a, b)))
    if relation is None:
        return "not paired", a, b
    return ("found" if relation == "conflict" else f"as {relation}"), a, b


def corpora(arguments: list[str]) -> list[str]:
    if arguments:
        return [Path(argument).name for argument in arguments]
    return sorted(gold.parent.name for gold in (ROOT / "corpora").glob("*/gold.json")
                  if (ROOT / "reports" / f"{gold.parent.name}.json").exists())


def main(arguments: list[str]) -> dict:
    by_stage: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    unpaired_numbers: list[tuple[str, str]] = []
    for name in corpora(arguments):
        run = json.loads((ROOT / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        gold = read_gold(ROOT / "corpora" / name / "gold.json")
        claims = run["claims"]
        by_id = {claim["id"]: claim for claim in claims}
        predicted = {frozenset((pair["a"], pair["b"])): pair["relation"] for pair in run["pairs"]}
        for conflict in gold.get("conflicts", []):
            stage, a, b = stage_of(conflict, claims, by_id, predicted)
            kind = conflict.get("kind", "unlabelled")
            by_stage[stage] += 1
            by_kind[kind][stage] += 1
            if kind == "number" and stage == "not paired":
                unpaired_numbers.append((by_id[a]["content"], by_id[b]["content"]))
    numbers = read_unpaired_numbers(unpaired_numbers)
    for kind, stages in sorted(by_kind.items()):
        print(f"{kind:14} {sum(stages.values()):4}  " + ", ".join(f"{s} {stages[s]}" for s in STAGES if stages[s]))
    print("number conflicts not paired:", ", ".join(f"{key} {value}" for key, value in numbers.items()))
    result = {"conflicts": sum(by_stage.values()), **{stage: by_stage[stage] for stage in STAGES},
              "unpaired_numbers": numbers}
    print(json.dumps(result))
    return result


def read_unpaired_numbers(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """(content, content) pairs -> how many fall in each case of the module docstring."""
    # Imported here: the stage counts above need no parser, only this part loads spaCy.
    from reconcile.nlp import parser
    from reconcile.relate.numbers import EVENT_MEASURES, extract_quantities

    nlp = parser()
    found: Counter = Counter()
    for first, second in pairs:
        quantities = [extract_quantities(nlp(text)) for text in (first, second)]
        if not all(quantities):
            found["a side with no figure read"] += 1
            continue
        counted = [{q.counts for q in side if q.identified} for side in quantities]
        shared = counted[0] & counted[1]
        if not shared:
            found["figures of different counted things"] += 1
        elif shared & EVENT_MEASURES:
            found["same event measure"] += 1
        else:
            found["same other noun"] += 1
    return {key: found[key] for key in ("a side with no figure read", "figures of different counted things",
                                        "same event measure", "same other noun")}


if __name__ == "__main__":
    main(sys.argv[1:])
