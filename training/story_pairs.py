"""Judge training pairs cut from the development corpora's checked-in runs, some corpora held out.

    python training/story_pairs.py --out DIR [--reports reports] [--negatives 60] [--heldout NAME ...]

`training/corpus_pairs.py` runs the blind *training* corpora and keeps out any claim sharing text
with `corpora/`. This script is for the other use: the corpora under `corpora/` are development
data once opened (their first-contact figures recorded), so their stories can train a judge, as
long as what measures it is text it never saw: the corpora named with `--heldout` (their pairs are
written with split `heldout`, never trained on) and, after that, corpora still sealed.

For each corpus with a run export `REPORTS/NAME.json` (`make run` writes them) and a `gold.json`:
every cross-source pair of one story labelled from the gold file (`corpus_pairs.corpus_pairs`),
all conflicts and corroborations kept, `--negatives` nearest other pairs and as many at random.
Output: `DIR/NAME.jsonl` per corpus, in the pair-set schema (training/pairs/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pairs import corpus_pairs, write_pairs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--negatives", type=int, default=60, help="nearest other pairs per corpus (as many again at random)")
    parser.add_argument("--heldout", nargs="*", default=[], help="corpora whose pairs are only measured")
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    from reconcile.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    args.out.mkdir(parents=True, exist_ok=True)
    for gold_path in sorted(args.corpora.glob("*/gold.json")):
        name = gold_path.parent.name
        export = args.reports / f"{name}.json"
        if not export.is_file():
            continue
        run = json.loads(export.read_text(encoding="utf-8"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold.get("stories"):
            continue
        pairs = corpus_pairs(run, gold, name, args.negatives, args.random_state, embedder.encode)
        split = "heldout" if name in args.heldout else "train"
        pairs = [{**pair, "split": split} for pair in pairs]
        write_pairs(args.out, name, pairs, note=f" ({split})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
