"""How right the corroborations are, by what backs them: shared figures, times, or wording alone by
band of similarity.

    python benchmarks/corroborations.py [--runs DIR] [CORPUS ...]

Reads runs (`DIR/CORPUS.json`, default `reports/`, as `make run` writes them) against each corpus's
`gold.json`; with no CORPUS, every corpus under `corpora/` with both. Each corroborating pair is a
gold corroboration, a gold conflict (a disagreement the run shows as agreement), or neither (the
gold lists of corroborations are not exhaustive, so "neither" is not always wrong). To see the band
under the default `--corroborate-similarity`, run the corpora with a lower one first, e.g.

    reconcile run corpora/C --corroborate-similarity 0.65 --json /tmp/low/C.json --report /tmp/low/C.md

Development data only. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reconcile.score import claim_holding, read_gold  # noqa: E402

SIMILARITY = re.compile(r"similarity ([\d.]+)")


def backing(reason: str) -> str:
    """"wording 0.70-0.75" for a corroboration on wording alone, else the reason's first words."""
    found = SIMILARITY.search(reason)
    if reason.startswith("same point in other words") and found:
        low = int(float(found.group(1)) * 20) / 20
        return f"wording {low:.2f}-{low + 0.05:.2f}"
    return reason.split(":")[0] if ":" in reason else reason.split(" ")[0] + " " + reason.split(" ")[1]


def main(arguments: list[str]) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--runs", type=Path, default=ROOT / "reports")
    options = parser.parse_args(arguments)
    names = [Path(c).name for c in options.corpora] or sorted(
        g.parent.name for g in (ROOT / "corpora").glob("*/gold.json") if (options.runs / f"{g.parent.name}.json").exists())
    table: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        run = json.loads((options.runs / f"{name}.json").read_text(encoding="utf-8"))
        gold = read_gold(ROOT / "corpora" / name / "gold.json")
        claims = run["claims"]

        def pairs_of(key: str) -> set:
            return {frozenset((claim_holding(claims, item["a"]), claim_holding(claims, item["b"]))) for item in gold.get(key, [])}

        conflicts, corroborations = pairs_of("conflicts"), pairs_of("corroborations")
        for pair in run["pairs"]:
            if pair["relation"] != "corroborate":
                continue
            key = frozenset((pair["a"], pair["b"]))
            verdict = "gold corroboration" if key in corroborations else "gold conflict" if key in conflicts else "neither"
            table[backing(pair["reason"])][verdict] += 1
    columns = ("gold corroboration", "gold conflict", "neither")
    print(f"{'backing':28}" + "".join(f"{c:>20}" for c in columns))
    for row in sorted(table):
        print(f"{row:28}" + "".join(f"{table[row][c]:>20}" for c in columns))
    totals = {c: sum(t[c] for t in table.values()) for c in columns}
    print(json.dumps({"corpora": len(names), **totals}))
    return totals


if __name__ == "__main__":
    main(sys.argv[1:])
