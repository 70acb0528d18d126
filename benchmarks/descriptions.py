"""What naming described speakers costs on a large corpus: FNC-1's bodies as one folder.

    python benchmarks/descriptions.py [--bodies ../shared/data/fnc1/train_bodies.csv] [--rows 3000]

`reconcile.descriptions.resolve_descriptions` looks for the name of each described speaker ("the
ministry", "police spokesman") in its article, then in the corpus. This times it on every FNC-1
body as one corpus, with `--rows` (article, description) rows drawn with a fixed seed from a list of
common descriptions, and prints the seconds and how many resolved. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reconcile.descriptions import resolve_descriptions  # noqa: E402

DESCRIPTIONS = ["police spokesman", "the ministry", "spokeswoman for the hospital", "country's health ministry",
                "the interior minister", "the mayor", "city's fire service", "foreign minister", "union",
                "a spokesman for the agency"]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=Path, default=ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv")
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    csv.field_size_limit(10**8)
    with args.bodies.open(encoding="utf-8", newline="") as handle:
        texts = {f"body-{row['Body ID']}": row["articleBody"] for row in csv.DictReader(handle)}
    rng = random.Random(args.random_state)
    articles = sorted(texts)
    rows = [(rng.choice(articles), rng.choice(DESCRIPTIONS)) for _ in range(args.rows)]
    started = time.perf_counter()
    named = resolve_descriptions(rows, texts)
    result = {"benchmark": "descriptions", "articles": len(texts), "characters": sum(map(len, texts.values())),
              "rows": len(rows), "resolved": len(named), "seconds": round(time.perf_counter() - started, 2)}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
