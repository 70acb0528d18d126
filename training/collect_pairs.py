"""Gather the pair files helpers wrote blind into training/pairs/, check them, and write the split.

    python training/collect_pairs.py /work/blind/pairs

Each helper wrote GROUP/EVENT-KIND.jsonl under the given directory (the brief is
training/pairs/brief.md). Lines are kept as written, in order; a line that does
not parse or lacks the schema is dropped and counted. A pair sharing an
eight-word run with corpora/ (sealed corpora included) or the seed is dropped,
so no test text can reach training. Event kinds listed in
training/pairs/splits.json under "heldout_event_kinds" form the held-out split:
a judge is trained on the others and measured on those.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent / "pairs"
sys.path.insert(0, str(HERE.parent.parent / "tools"))

from check_blind import known_text, shingles  # noqa: E402  (one definition of "shares text with corpora/")
KEYS = {"id", "event_kind", "label", "conflict_kind", "a", "b", "why"}  # as written; "split" is added here


def main(source: Path) -> None:
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    heldout = set(splits["heldout_event_kinds"])
    dropped, copied = Counter(), Counter()
    known = known_text()  # corpora/, the sealed ones included, and the seed: never in the training data
    for group in sorted(p for p in source.iterdir() if p.is_dir()):
        target = HERE / group.name
        target.mkdir(parents=True, exist_ok=True)
        for file in sorted(group.glob("*.jsonl")):
            kept = []
            for line in file.read_text(encoding="utf-8").splitlines():
                try:
                    pair = json.loads(line)
                except json.JSONDecodeError:
                    dropped[file.name] += bool(line.strip())
                    continue
                if not isinstance(pair, dict) or set(pair) != KEYS:
                    dropped[file.name] += 1
                    continue
                if (shingles(pair["a"]) | shingles(pair["b"])) & known:
                    copied[file.name] += 1
                    continue
                # Helpers spelt kinds as "volcanic eruption" or "volcanic-eruption": one slug.
                pair["event_kind"] = re.sub(r"[^a-z0-9]+", "-", pair["event_kind"].lower().replace("'", "")).strip("-")
                pair["split"] = "heldout" if pair["event_kind"] in heldout else "train"
                kept.append(json.dumps(pair, ensure_ascii=False))
            (target / file.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"dropped lines: {dict(dropped) or 'none'}; dropped for an eight-word run shared with corpora/: "
          f"{sum(copied.values())}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
