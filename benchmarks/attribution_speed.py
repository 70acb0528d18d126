"""Attribution cost against embedding cost, in sentences per second.

    python benchmarks/attribution_speed.py --bodies ../shared/data/fnc1/train_bodies.csv [--articles 300]

Takes the first ARTICLES article bodies of a CSV with an `articleBody` column
(FNC-1's train_bodies.csv is real news writing), runs the claims stage
(sentence split + attribution, which parses only sentences with a cue) and
embeds the resulting claims with the packaged MiniLM, without cache. For
comparison it also parses every sentence. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import pandas as pd

from reconcile import nlp
from reconcile.attribution import needs_parse
from reconcile.claims import extract_claims
from reconcile.embed import SentenceTransformerEmbedder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", required=True, help="CSV with an articleBody column")
    parser.add_argument("--articles", type=int, default=300, help="how many article bodies to use")
    arguments = parser.parse_args()

    bodies = pd.read_csv(arguments.bodies)["articleBody"].head(arguments.articles).tolist()
    articles = pd.DataFrame([{"id": f"body-{i}", "outlet": "FNC", "title": None, "date": None, "url": None,
                              "path": arguments.bodies, "text": text} for i, text in enumerate(bodies)])
    nlp.parser(), nlp.sentence_splitter()  # load models outside the timings
    embedder = SentenceTransformerEmbedder()
    embedder.encode(["warm up"])

    start = time.perf_counter()
    extracted = extract_claims(articles)
    attribution_seconds = time.perf_counter() - start
    sentences = len(extracted.claims) + len(extracted.skipped)
    texts = extracted.claims["text"].tolist()
    parsed_share = sum(needs_parse(t) for t in texts) / max(1, len(texts))

    start = time.perf_counter()
    embedder.encode(texts)
    embed_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for _ in nlp.parser().pipe(texts, batch_size=64):
        pass
    full_parse_seconds = time.perf_counter() - start

    print(json.dumps({
        "articles": len(bodies), "sentences": sentences, "claims": len(texts), "cores": os.cpu_count(),
        "share_of_claims_parsed": round(parsed_share, 3),
        "attribution_sentences_per_second": round(sentences / attribution_seconds, 1),
        "embedding_sentences_per_second": round(len(texts) / embed_seconds, 1),
        "parse_everything_sentences_per_second": round(len(texts) / full_parse_seconds, 1),
        "speakers_found": int(extracted.claims["speaker"].notna().sum()),
    }))


if __name__ == "__main__":
    main()
