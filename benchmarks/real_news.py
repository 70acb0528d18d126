"""Real news as one folder: stories found, and the conflicts flagged, on FNC-1 article bodies.

    python benchmarks/real_news.py --bodies ../shared/data/fnc1/train_bodies.csv \
        --stances ../shared/data/fnc1/train_stances.csv [--limit 300] [--offset 0] [--sample 50] [--out flagged.md]

The bodies (`--limit` of them by Body ID after skipping the first `--offset`; all 1,683 with
--limit 0) become one corpus, outlets
assigned round-robin ("Outlet 1" ... "Outlet 12"), and the whole pipeline runs on it. Gold stories
are the connected groups of bodies that share a related headline (agree, discuss or disagree) in
the stances file. Reported:
- stories found against gold stories: counts, adjusted Rand index, homogeneity, completeness;
- conflicting pairs flagged, and how many join bodies of different gold stories (false alarms
  for certain: unrelated events compared);
- a seeded sample of `--sample` flagged conflicts written to `--out` as a checklist for judging
  by hand (each pair with both sentences, outlets and the reason), and with `--all-out` every
  flagged conflict as JSON Lines.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pandas as pd
from sklearn.metrics import adjusted_rand_score, completeness_score, homogeneity_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile.embed import EmbeddingCache, SentenceTransformerEmbedder, default_cache_dir  # noqa: E402
from reconcile.judge.model import SHIPPED_JUDGE  # noqa: E402
from reconcile.pipeline import run_pipeline  # noqa: E402
from reconcile.relate import default_signals  # noqa: E402

OUTLETS = 12


def gold_stories(stances: pd.DataFrame) -> dict[int, int]:
    """Body ID -> gold story number: bodies joined by a related headline are one story."""
    related = stances[stances["Stance"] != "unrelated"]
    graph = nx.Graph()
    graph.add_nodes_from(int(b) for b in stances["Body ID"])
    graph.add_edges_from((f"headline:{h}", int(b)) for h, b in zip(related["Headline"], related["Body ID"]))
    story = {}
    for number, component in enumerate(sorted(nx.connected_components(graph), key=lambda c: min(
            x for x in c if isinstance(x, int)) if any(isinstance(x, int) for x in c) else -1)):
        for node in component:
            if isinstance(node, int):
                story[node] = number
    return story


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--stances", required=True)
    parser.add_argument("--limit", type=int, default=300, help="first N bodies by Body ID; 0 for all")
    parser.add_argument("--offset", type=int, default=0,
                        help="skip the first N bodies by Body ID: the defaults were set on bodies 1-300, "
                             "so --offset 300 measures on bodies nobody here has read")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=None, help="markdown checklist of the sampled conflicts")
    parser.add_argument("--all-out", default=None,
                        help="JSON Lines of every flagged conflict (ids, reason, both sentences): to draw "
                             "other samples, or to carry verdicts from an earlier checklist to the same pairs")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--judge", action="store_true", help="add the learned judge, as `reconcile run --judge`")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    bodies = pd.read_csv(args.bodies).sort_values("Body ID", kind="stable")
    bodies = bodies.iloc[args.offset:]
    if args.limit:
        bodies = bodies.head(args.limit)
    story_of_body = gold_stories(pd.read_csv(args.stances))
    with tempfile.TemporaryDirectory() as directory:
        corpus = Path(directory) / "fnc1.jsonl"
        with corpus.open("w", encoding="utf-8") as stream:
            for n, (body_id, text) in enumerate(zip(bodies["Body ID"], bodies["articleBody"])):
                stream.write(json.dumps({"id": f"body-{body_id}", "source": f"Outlet {n % OUTLETS + 1}",
                                         "text": str(text)}) + "\n")
        cache = EmbeddingCache(args.cache_dir or default_cache_dir())
        signals = default_signals(judge=SHIPPED_JUDGE if args.judge else None, cache=cache)
        result = run_pipeline(corpus, SentenceTransformerEmbedder(), cache, signals=signals)

    article_story = {}
    for story in result.stories.to_dict("records"):
        for article in story["articles"]:
            article_story.setdefault(article, story["id"])  # a body split over stories counts by its first
    found = [article_story.get(f"body-{b}", "none") for b in bodies["Body ID"]]
    gold = [story_of_body[int(b)] for b in bodies["Body ID"]]
    claims = result.claims.set_index("id")
    conflicts = result.pairs[result.pairs["relation"] == "conflict"].to_dict("records")

    def body(claim_id: str) -> int:
        return int(claims.at[claim_id, "article"].split("-", 1)[1])

    across = [p for p in conflicts if story_of_body[body(p["a"])] != story_of_body[body(p["b"])]]
    sample = random.Random(args.seed).sample(conflicts, min(args.sample, len(conflicts)))
    if args.out:
        lines = ["# Flagged conflicts to judge by hand", "",
                 "Mark each: TRUE (a real contradiction about one event) or FALSE (a false alarm).", ""]
        for n, pair in enumerate(sorted(sample, key=lambda p: (p["a"], p["b"])), start=1):
            a, b = claims.loc[pair["a"]], claims.loc[pair["b"]]
            same = "same gold story" if story_of_body[body(pair["a"])] == story_of_body[body(pair["b"])] else "DIFFERENT gold stories"
            lines += [f"## {n}. {pair['reason']} ({same})", "",
                      f"- `{pair['a']}` ({a['source']}): {a['text']}",
                      f"- `{pair['b']}` ({b['source']}): {b['text']}", "", "Verdict: ", ""]
        Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    if args.all_out:
        across_ids = {(p["a"], p["b"]) for p in across}
        Path(args.all_out).write_text("".join(json.dumps(
            {"a": p["a"], "b": p["b"], "reason": p["reason"], "text_a": claims.at[p["a"], "text"],
             "text_b": claims.at[p["b"], "text"], "across_gold_stories": (p["a"], p["b"]) in across_ids},
            ensure_ascii=False) + "\n"
            for p in sorted(conflicts, key=lambda p: (p["a"], p["b"]))), encoding="utf-8")
    report = {
        "benchmark": "real_news", "bodies": len(bodies), "claims": len(result.claims),
        "gold_stories": len(set(gold)), "stories_found": int(result.stories.shape[0]),
        "story_ari": round(adjusted_rand_score(gold, found), 4),
        "story_homogeneity": round(homogeneity_score(gold, found), 4),
        "story_completeness": round(completeness_score(gold, found), 4),
        "conflicts_flagged": len(conflicts), "conflicts_across_gold_stories": len(across),
        "sampled_for_hand_judgement": len(sample), "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()
