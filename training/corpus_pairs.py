"""Turn training corpora (articles with a gold file) into judge pairs as the pipeline would meet them.

    python training/corpus_pairs.py training/corpora --out training/pairs/corpora [--negatives 500]

The pair set proper (training/pairs/g*) holds pairs written one by one, 40% of them conflicts. In a
run the judge reads something else: every pair of claims from different sources within a story,
the claims' contents as the claims stage cut them, of which fewer than one in a hundred conflict.
So each corpus is run through `reconcile run` (its claims and stories as a user would get them),
and every cross-source pair of claims within one gold story is labelled from the gold file:
`conflict` (with the gold kind), `corroborate`, and everything else `same-topic` (a revision
included: it is a later figure, not a contradiction). All conflicts and corroborations are kept;
of the rest, the `--negatives` pairs nearest in meaning (the hard ones) and as many again drawn at
random with `--random-state`. Output: one JSON Lines file per corpus in the pair-set schema,
event kind `corpus-NAME`, split `train`.

The corpora were written blind for training (training/corpora/README.md); none of them is under
corpora/, and tools/check_blind.py checks they share no text with it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from check_blind import known_text, shingles, words  # noqa: E402  (one definition of "shares text with corpora/")

from reconcile.score import claim_holding  # noqa: E402


def corpus_pairs(run: dict, gold: dict, name: str, negatives: int, random_state: int, embed,
                 known: set = frozenset()) -> list[dict]:
    """Labelled pairs of one corpus's run export `run` by its `gold` file; a claim sharing an eight-word
    run with `known` (the text of corpora/) is left out, so no test text reaches training."""
    story_of = {}
    for story in gold["stories"]:
        for article in story["articles"]:
            story_of.setdefault(article, set()).add(story["id"])
    labelled: dict[frozenset, tuple[str, str | None, str]] = {}
    for label, items in (("conflict", gold.get("conflicts", [])), ("corroborate", gold.get("corroborations", []))):
        for item in items:
            a, b = claim_holding(run["claims"], item["a"]), claim_holding(run["claims"], item["b"])
            if a and b and a != b:
                labelled[frozenset((a, b))] = (label, item.get("kind") if label == "conflict" else None, item.get("why", ""))
    claims = [c for c in run["claims"] if not c.get("background") and not shingles(c["text"]) & known]
    pairs = [(x, y) for x, y in itertools.combinations(claims, 2)
             if x["source"] != y["source"] and story_of.get(x["article"], set()) & story_of.get(y["article"], set())
             and x["story"] == y["story"]]
    positives = [(x, y) for x, y in pairs if frozenset((x["id"], y["id"])) in labelled]
    rest = [(x, y) for x, y in pairs if frozenset((x["id"], y["id"])) not in labelled]
    matrix = np.asarray(embed([c["content"] for c in claims]), dtype=np.float64)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    vectors = dict(zip([c["id"] for c in claims], matrix))
    similarity = np.array([float(vectors[x["id"]] @ vectors[y["id"]]) for x, y in rest])
    # Nearest first, ties by the pair's ids, so the choice is the same on any machine.
    order = sorted(range(len(rest)), key=lambda i: (-round(similarity[i], 6), rest[i][0]["id"], rest[i][1]["id"]))
    hard, others = order[:negatives], order[negatives:]
    drawn = random.Random(random_state).sample(others, min(negatives, len(others)))
    chosen = positives + [rest[i] for i in sorted(hard + drawn)]
    out, seen = [], set()
    for x, y in chosen:
        # A sentence relayed word for word by two outlets makes the same pair twice: keep it once.
        key = tuple(sorted((" ".join(words(x["content"])), " ".join(words(y["content"])))))
        if key in seen or key[0] == key[1]:
            continue
        seen.add(key)
        n = len(out) + 1
        label, kind, why = labelled.get(frozenset((x["id"], y["id"])), ("same-topic", None, "not listed in the gold file"))
        out.append({"id": f"c-{name}-{n:04d}", "event_kind": f"corpus-{name}", "label": label, "conflict_kind": kind,
                    "a": x["content"], "b": y["content"], "why": why, "split": "train"})
    return out


def write_pairs(out: Path, name: str, pairs: list[dict], note: str = "") -> None:
    """`pairs` of corpus `name` into `out/name.jsonl`, one JSON object a line; a line of counts on stdout."""
    (out / f"{name}.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    counts = {label: sum(p["label"] == label for p in pairs) for label in ("conflict", "corroborate", "same-topic")}
    print(f"{name}{note}: {len(pairs)} pairs {counts}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="a folder of training corpora, one subfolder each")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--negatives", type=int, default=500, help="hard negatives per corpus (as many again at random)")
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    from reconcile.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    known = known_text()
    args.out.mkdir(parents=True, exist_ok=True)
    for corpus in sorted(p for p in args.corpora.iterdir() if (p / "gold.json").is_file()):
        with tempfile.TemporaryDirectory() as directory:
            export = Path(directory) / "run.json"
            subprocess.run([sys.executable, "-m", "reconcile", "run", str(corpus), "--report", str(Path(directory) / "run.md"),
                            "--json", str(export)], check=True, stdout=subprocess.DEVNULL)
            run = json.loads(export.read_text(encoding="utf-8"))
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        pairs = corpus_pairs(run, gold, corpus.name, args.negatives, args.random_state, embedder.encode, known)
        write_pairs(args.out, corpus.name, pairs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
