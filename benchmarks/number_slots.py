"""Why counts of things other than the event's own measures are not compared across a story.

    python benchmarks/number_slots.py [--reports reports] [CORPUS_DIR ...]

For each corpus (its run export `REPORTS/NAME.json`, from `make run`, and its `gold.json` with a
`kind` per conflict; with no CORPUS_DIR every such corpus under `corpora/`), every pair a run
compares (claims of different sources in one story, no background) whose figures clash on one
counted thing ("six inmates" / "five inmates") and agree on none is labelled: a gold conflict
(of any kind) or not. Reported, for measures of the event (dead, injured, ...: compared across a
story today) and for counts of anything else (compared only between near-identical claims): the
clashing pairs and the gold conflicts among them, and how well the contents' cosine (the packaged
MiniLM) ranks the gold ones first (ROC AUC), and at cosine bars the pairs a gate there would flag
and the gold conflicts among them.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from judge_in_corpora import candidate_pairs, gold_conflicts  # noqa: E402

BARS = (0.5, 0.6, 0.7, 0.8)


def corpora_with_kinds(arguments: list[str]) -> list[Path]:
    from reconcile.score import read_gold

    if arguments:
        return [Path(argument) for argument in arguments]
    return [gold.parent for gold in sorted((ROOT / "corpora").glob("*/gold.json"))
            if any("kind" in conflict for conflict in read_gold(gold).get("conflicts", []))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--reports", default=str(ROOT / "reports"))
    args = parser.parse_args(argv)

    from sklearn.metrics import roc_auc_score

    from reconcile.embed import SentenceTransformerEmbedder
    from reconcile.parses import parse
    from reconcile.relate.numbers import EVENT_MEASURES, extract_quantities, match_quantities
    from reconcile.score import read_gold, read_run

    rows = []  # (event measure?, gold conflict?, content a, content b)
    corpora = corpora_with_kinds(args.corpora)
    for corpus in corpora:
        run = read_run(Path(args.reports) / f"{corpus.name}.json")
        gold = gold_conflicts(run, read_gold(corpus / "gold.json"))
        pairs = candidate_pairs(run)
        contents = sorted({claim["content"] for pair in pairs for claim in pair})
        quantities = dict(zip(contents, (extract_quantities(doc) for doc in parse(contents))))
        for first, second in pairs:
            clashes, agreements = match_quantities(quantities[first["content"]], quantities[second["content"]])
            if clashes and not agreements:
                rows.append((clashes[0][0].counts in EVENT_MEASURES, frozenset((first["id"], second["id"])) in gold,
                             first["content"], second["content"]))
    texts = sorted({text for row in rows for text in row[2:]})
    vectors = dict(zip(texts, SentenceTransformerEmbedder().encode(texts))) if texts else {}
    result = {"benchmark": "number_slots", "corpora": len(corpora)}
    for name, event in (("event_measures", True), ("other_counts", False)):
        chosen = [row for row in rows if row[0] == event]
        labels = [row[1] for row in chosen]
        cosines = [float(vectors[row[2]] @ vectors[row[3]]) for row in chosen]
        auc = round(float(roc_auc_score(labels, cosines)), 3) if 0 < sum(labels) < len(labels) else None
        bars = {str(bar): {"flagged": sum(c >= bar for c in cosines),
                           "gold": sum(c >= bar and label for c, label in zip(cosines, labels))} for bar in BARS}
        result[name] = {"clashing_pairs": len(chosen), "gold_conflicts": sum(labels), "content_cosine_auc": auc,
                        "at_cosine": bars}
        print(f"{name}: {len(chosen)} clashing pairs, {sum(labels)} gold conflicts among them, "
              f"content cosine ROC AUC {auc}; at cosine " +
              ", ".join(f">= {bar}: {n['gold']} of {n['flagged']}" for bar, n in bars.items()))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
