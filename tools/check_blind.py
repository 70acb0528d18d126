"""Mechanical checks of data written blind by helpers, without reading it for content.

    python tools/check_blind.py corpus DIR [DIR ...]     # a corpus: articles, gold.json, README.md
    python tools/check_blind.py pairs FILE_OR_DIR [...]  # labelled pairs, JSON Lines

A corpus passes when every article loads, gold.json has the schema below, every
gold quote is found exactly once in its article and has no sentence end in it,
every conflict has a known kind, and no eight-word run of its text appears in
corpora/ or ../shared/seed (no copied text). Pairs pass when every line has the
schema, ids are unique, and no pair repeats another or copies corpora/.
Prints counts only, so a test set can be checked without being read. Exit 1 on
any failure.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile.load import load_corpus  # noqa: E402

CONFLICT_KINDS = {"number", "time", "place-entity", "cause", "event-negated", "denial", "assessment",
                  "prediction", "knowledge"}
PAIR_LABELS = {"conflict", "corroborate", "same-topic", "unrelated"}
PAIR_KEYS = {"id", "event_kind", "label", "conflict_kind", "a", "b", "why"}
GOLD_KEYS = {"stories", "story_sentences", "conflicts", "corroborations", "revisions", "speakers"}
SHINGLE = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def known_text(exclude: Path | None = None) -> set[tuple[str, ...]]:
    """Eight-word runs of everything in corpora/ (but what lies under `exclude`) and the seed article."""
    found: set[tuple[str, ...]] = set()
    files = [p for p in (ROOT / "corpora").rglob("*.md")] + list((ROOT.parent / "shared" / "seed").glob("*.txt"))
    for path in files:
        if exclude is not None and exclude in path.resolve().parents:
            continue
        found |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    return found


def check_corpus(directory: Path) -> list[str]:
    problems: list[str] = []
    articles = load_corpus(directory)
    texts = dict(zip(articles["id"], articles["text"]))
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    if set(gold) != GOLD_KEYS:
        problems.append(f"gold keys {sorted(gold)} != {sorted(GOLD_KEYS)}")

    def locate(item: dict, where: str) -> None:
        article, quote = item.get("article"), item.get("quote", "")
        if article not in texts:
            problems.append(f"{where}: no article {article!r}")
            return
        count = texts[article].count(quote)
        if count != 1:
            problems.append(f"{where}: quote found {count} times in {article}")
        if re.search(r"[.?!\n]", quote):
            problems.append(f"{where}: quote holds a sentence end")

    for key in ("conflicts", "corroborations", "revisions"):
        for n, item in enumerate(gold.get(key, [])):
            locate(item["a"], f"{key}[{n}].a")
            locate(item["b"], f"{key}[{n}].b")
            if key == "conflicts" and item.get("kind") not in CONFLICT_KINDS:
                problems.append(f"conflicts[{n}]: kind {item.get('kind')!r}")
    for n, item in enumerate(gold.get("speakers", [])):
        locate(item, f"speakers[{n}]")
    for n, item in enumerate(gold.get("story_sentences", [])):
        locate(item, f"story_sentences[{n}]")
    story_ids = {s["id"] for s in gold.get("stories", [])}
    in_story = {a for s in gold.get("stories", []) for a in s["articles"]}
    problems += [f"stories: no article {a!r}" for a in sorted(in_story - set(texts))]
    problems += [f"article {a!r} in no story" for a in sorted(set(texts) - in_story)]
    problems += [f"story_sentences: unknown story {s['story']!r}" for s in gold.get("story_sentences", [])
                 if s.get("story") not in story_ids]
    copied = sum(len(shingles(t) & KNOWN) for t in texts.values())
    if copied:
        problems.append(f"{copied} eight-word runs also found in corpora/ or the seed")
    kinds = Counter(c.get("kind") for c in gold.get("conflicts", []))
    print(f"{directory.name}: {len(texts)} articles, {len(set(articles['outlet']))} outlets, "
          f"{sum(len(t.split()) for t in texts.values())} words, stories {len(story_ids)}, "
          f"conflicts {len(gold.get('conflicts', []))} {dict(sorted(kinds.items()))}, corroborations "
          f"{len(gold.get('corroborations', []))}, revisions {len(gold.get('revisions', []))}, speakers "
          f"{len(gold.get('speakers', []))}, story sentences {len(gold.get('story_sentences', []))}")
    return problems


def check_pairs(files: list[Path]) -> list[str]:
    problems: list[str] = []
    ids: set[str] = set()
    seen: set[tuple[str, str]] = set()
    labels, kinds, events = Counter(), Counter(), Counter()
    copied = 0
    for file in files:
        for line_number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{file.name}:{line_number}"
            if not line.strip():
                continue
            try:
                pair = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"{where}: not JSON")
                continue
            if set(pair) - {"split"} != PAIR_KEYS:  # "split" is added by training/collect_pairs.py
                problems.append(f"{where}: keys {sorted(pair)}")
                continue
            if pair["id"] in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(pair["id"])
            if pair["label"] not in PAIR_LABELS:
                problems.append(f"{where}: label {pair['label']!r}")
            if (pair["label"] == "conflict") != (pair["conflict_kind"] in CONFLICT_KINDS) or (
                    pair["label"] != "conflict" and pair["conflict_kind"] is not None):
                problems.append(f"{where}: conflict_kind {pair['conflict_kind']!r} with label {pair['label']!r}")
            if not all(isinstance(pair[k], str) and pair[k].strip() for k in ("a", "b", "event_kind")):
                problems.append(f"{where}: empty text")
                continue
            key = tuple(sorted((" ".join(words(pair["a"])), " ".join(words(pair["b"])))))
            if key in seen:
                problems.append(f"{where}: repeats an earlier pair")
            seen.add(key)
            copied += bool((shingles(pair["a"]) | shingles(pair["b"])) & KNOWN)
            labels[pair["label"]] += 1
            kinds[pair["conflict_kind"]] += pair["label"] == "conflict"
            events[pair["event_kind"]] += 1
    if copied:
        problems.append(f"{copied} pairs share an eight-word run with corpora/ or the seed")
    print(f"{len(ids)} pairs, {len(events)} event kinds, labels {dict(sorted(labels.items()))}, "
          f"conflict kinds {dict(sorted((k, v) for k, v in kinds.items() if v))}")
    return problems


if __name__ == "__main__":
    mode, targets = sys.argv[1], [Path(p) for p in sys.argv[2:]]
    problems: list[str] = []
    if mode == "corpus":
        for target in targets:
            # Sealed corpora were written from one brief and may share its example phrases with each other.
            sealed = ROOT / "corpora" / "sealed"
            KNOWN = known_text(exclude=sealed if sealed in target.resolve().parents else target.resolve())
            problems += [f"{target.name}: {p}" for p in check_corpus(target)]
    else:
        KNOWN = known_text()
        files = [f for t in targets for f in (sorted(t.rglob("*.jsonl")) if t.is_dir() else [t])]
        problems += check_pairs(files)
    for problem in problems:
        print("problem:", problem)
    sys.exit(1 if problems else 0)
