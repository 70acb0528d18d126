"""End to end cost: a cold run, a warm rerun and ten articles added, against embedding alone.

    python benchmarks/throughput.py --bodies ../shared/data/fnc1/train_bodies.csv [--sizes 300 1000 3000 10000]

For each size N a corpus of N articles is built from the FNC-1 bodies (outlets round-robin; past the
1,683 bodies each repeat gets another outlet and a light edit: its sentences rotated by one and a
dateline, so it is new text to every cache), and, each in a fresh process (so that each has its own
peak memory), with a fresh cache directory:
- `cold`: `reconcile run CORPUS --profile` (per-stage seconds and peak RSS from --profile);
- `embed_alone`: the same claim texts the run embedded (contents and sentences), embedded by the
  same model in one process, no cache: the floor a run is measured against;
- `warm`: the same run again with the cache the cold run filled;
- `incremental`: ten new articles added, run with that cache;
- with `--workers N`, `cold_workers`: the cold run again with a fresh cache and `--workers N` (local
  Dask worker processes), and the speed-up of its per-article stages (claims, embed) and of the
  whole run over the single-process cold run.
Reported per size: the stage times, whole-run wall time, claims per second, peak RSS, and the ratios
`cold / embed_alone`, `warm / cold` and `incremental / cold` (the issue's targets: 1.3, 0.10, 0.15
at 1,000 articles). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

OUTLETS = 12
PROFILE_LINE = re.compile(r"^\s*(\w+): +([\d.]+) s +peak RSS +([\d.]+) MiB")


def build_corpus(bodies: pd.DataFrame, size: int, path: Path, extra: int = 0) -> None:
    """`size` articles (plus `extra` more, for the incremental run) as one JSON Lines file."""
    texts = [str(t) for t in bodies["articleBody"]]
    with path.open("w", encoding="utf-8") as stream:
        for n in range(size + extra):
            text, repeat = texts[n % len(texts)], n // len(texts)
            if repeat:  # a light edit, so the repeat is new text: sentences rotated, a dateline
                sentences = re.split(r"(?<=[.!?])\s+", text)
                sentences = sentences[repeat % len(sentences):] + sentences[:repeat % len(sentences)]
                text = f"DATELINE {repeat} - " + " ".join(sentences)
            stream.write(json.dumps({"id": f"a{n}", "source": f"Outlet {(n + repeat) % OUTLETS + 1}", "text": text}) + "\n")


def timed_run(corpus: Path, cache: Path, out: Path, workers: int | None = None) -> dict:
    started = time.perf_counter()
    extra = ["--workers", str(workers)] if workers else []
    done = subprocess.run([sys.executable, "-m", "reconcile", "run", str(corpus), "--profile", "--quiet",
                           "--cache-dir", str(cache), "--report", str(out / "run.md"), *extra],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    stages = {m.group(1): float(m.group(2)) for line in done.stderr.splitlines() if (m := PROFILE_LINE.match(line))}
    peaks = [float(m.group(3)) for line in done.stderr.splitlines() if (m := PROFILE_LINE.match(line))]
    claims = len(json.loads((out / "run.json").read_text(encoding="utf-8"))["claims"])
    return {"wall_seconds": round(wall, 2), "stages": stages, "peak_rss_mib": max(peaks, default=None), "claims": claims,
            "claims_per_second": round(claims / wall, 1)}


EMBED_ALONE = """
import json, sys, time
from reconcile.embed import SentenceTransformerEmbedder
export = json.load(open(sys.argv[1], encoding="utf-8"))
texts = sorted({c["content"] for c in export["claims"]} | {c["text"] for c in export["claims"]})
started = time.perf_counter()
SentenceTransformerEmbedder().encode(texts)
print(json.dumps({"texts": len(texts), "seconds": round(time.perf_counter() - started, 2)}))
"""


def embed_alone(export: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", EMBED_ALONE, str(export)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000, 10000])
    parser.add_argument("--workers", type=int, default=None,
                        help="also time a cold run on this many local Dask workers")
    args = parser.parse_args(argv)
    bodies = pd.read_csv(args.bodies).sort_values("Body ID", kind="stable")
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as directory:
            work = Path(directory)
            corpus, grown = work / "corpus.jsonl", work / "grown.jsonl"
            build_corpus(bodies, size, corpus)
            build_corpus(bodies, size, grown, extra=10)
            cache = work / "cache"
            cold = timed_run(corpus, cache, work)
            floor = embed_alone(work / "run.json")
            warm = timed_run(corpus, cache, work)
            incremental = timed_run(grown, cache, work)
            spread = timed_run(corpus, work / "cache-workers", work, args.workers) if args.workers else None
        row = {"cold": cold, "embed_alone": floor, "warm": warm, "incremental": incremental,
               "cold_over_embed_alone": round(cold["wall_seconds"] / max(floor["seconds"], 1e-9), 2),
               "warm_over_cold": round(warm["wall_seconds"] / cold["wall_seconds"], 3),
               "incremental_over_cold": round(incremental["wall_seconds"] / cold["wall_seconds"], 3)}
        if spread is not None:
            per_article = lambda run: sum(run["stages"].get(stage, 0.0) for stage in ("claims", "embed"))  # noqa: E731
            row.update(cold_workers=spread, workers=args.workers,
                       per_article_speedup=round(per_article(cold) / max(per_article(spread), 1e-9), 2),
                       whole_run_speedup=round(cold["wall_seconds"] / spread["wall_seconds"], 2))
        results[str(size)] = row
        print(f"{size} articles: cold {cold['wall_seconds']} s ({cold['claims']} claims, peak {cold['peak_rss_mib']} MiB; "
              f"stages {cold['stages']}), embedding alone {floor['seconds']} s, warm {warm['wall_seconds']} s, "
              f"ten added {incremental['wall_seconds']} s; ratios {row['cold_over_embed_alone']} / "
              f"{row['warm_over_cold']} / {row['incremental_over_cold']}"
              + (f"; on {args.workers} workers cold {spread['wall_seconds']} s (per-article stages x"
                 f"{row['per_article_speedup']}, whole run x{row['whole_run_speedup']})" if spread else ""), flush=True)
    print(json.dumps({"benchmark": "throughput", "cpu_count": os.cpu_count(), "sizes": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
