"""Speaker accuracy of the claims stage alone, corpus by corpus, over corpora with speaker gold.

    python benchmarks/speakers.py [CORPUS ...]

With no CORPUS: every corpus under `corpora/` (not `corpora/sealed/`) and the training corpora
under `training/` that have a `gold.json` with `speakers`. Only the claims stage runs (split,
attribute, cut the content): no embedding, no relate, so a change to attribution is measured in
seconds, on the same gold `reconcile score` reads. Last line: one JSON object (speakers in all,
accuracy over all of them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reconcile.claims import extract_claims  # noqa: E402
from reconcile.load import load_aliases, load_corpus  # noqa: E402
from reconcile.score import read_gold, score_run  # noqa: E402


def corpora_with_speakers(arguments: list[str]) -> list[Path]:
    if arguments:
        return [Path(argument) for argument in arguments]
    found = sorted((ROOT / "corpora").glob("*/gold.json")) + sorted((ROOT / "training").glob("*/*/gold.json"))
    return [gold.parent for gold in found if read_gold(gold).get("speakers")]


def main(arguments: list[str]) -> int:
    total = correct = 0
    corpora = corpora_with_speakers(arguments)
    for corpus in corpora:
        gold = read_gold(corpus / "gold.json")
        claims = extract_claims(load_corpus(corpus), load_aliases(corpus)).claims  # object columns: None stays None
        score = score_run({"articles": [], "pairs": [], "claims": claims[["id", "article", "text", "speaker"]].to_dict("records")},
                          gold)
        count = score["speakers_gold"]
        total += count
        correct += round(score["speaker_accuracy"] * count)
        print(f"{corpus.name:32} {score['speaker_accuracy']:.3f} of {count}")
    print(json.dumps({"benchmark": "speakers", "corpora": len(corpora), "speakers": total,
                      "accuracy": round(correct / total, 4) if total else None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
