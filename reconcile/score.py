"""Score a run (its JSON export) against a gold file.

Gold format (`corpora/*/gold.json`): claims are located by article id and a
`quote`, a verbatim piece of the sentence, so gold files survive changes to
claim ids:

    {"conflicts":      [{"a": {"article": ID, "quote": TEXT}, "b": {...}, "why": TEXT}],
     "corroborations": [{"a": {...}, "b": {...}, "why": TEXT}],
     "speakers":       [{"article": ID, "quote": TEXT, "speaker": NAME or null}]}

Conflict and corroboration precision count every predicted pair that is not
in the gold list as wrong, so gold lists of conflicts must be exhaustive;
those pairs are listed under `conflict_unexpected` / `corroboration_unexpected`
(article and start of each claim), the gold pairs the run missed under `*_missed`.
A gold claim that the run did not keep as a claim counts as missed.

Optional gold fields, written for corpora with several stories and kinds of conflict:
a `kind` per conflict (recall is then also given by kind), `stories`
([{"id", "label", "articles"}]) with `story_sentences` ([{"article", "quote",
"story"}]) for articles in more than one story (predicted pairs whose claims lie
in different stories are counted as `cross_story_pairs`), and `revisions`.

Both files are checked first (`read_run`, `read_gold`): a run export and a gold
file are told apart, so swapped arguments are an error, not a perfect score.
"""

from __future__ import annotations

import json
from pathlib import Path

from reconcile.attribution import name_key
from reconcile.errors import InputError
from reconcile.text import quote


def read_json(path: Path | str) -> dict:
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(path, f"not valid JSON ({error})") from None


RUN_KEYS = ("articles", "claims", "pairs")
GOLD_LISTS = ("conflicts", "corroborations", "speakers", "revisions", "stories", "story_sentences")


def read_run(path: Path | str) -> dict:
    """A run's JSON export, checked: an object with `articles`, `claims` and `pairs` lists."""
    run = read_json(path)
    if isinstance(run, dict) and not any(key in run for key in RUN_KEYS) and any(key in run for key in GOLD_LISTS):
        raise InputError(path, "this is a gold file, not a run export (arguments swapped? RUN_JSON comes first)")
    if not isinstance(run, dict) or not all(isinstance(run.get(key), list) for key in RUN_KEYS):
        raise InputError(path, "not a run export: expected an object with 'articles', 'claims' and 'pairs' lists "
                               "(reconcile run --json)")
    for n, claim in enumerate(run["claims"]):
        if not isinstance(claim, dict) or not all(isinstance(claim.get(k), str) for k in ("id", "article", "text")):
            raise InputError(path, f"claims[{n}] lacks a text 'id', 'article' or 'text'")
    ids = {claim["id"] for claim in run["claims"]}
    for n, pair in enumerate(run["pairs"]):
        if not isinstance(pair, dict) or pair.get("relation") not in ("conflict", "corroborate", "revision") or not (
                pair.get("a") in ids and pair.get("b") in ids):
            raise InputError(path, f"pairs[{n}] needs 'a' and 'b' claim ids of this run and a relation "
                                   "'conflict', 'corroborate' or 'revision'")
    return run


def read_gold(path: Path | str) -> dict:
    """A gold file, checked against the format above; any problem names the item."""
    gold = read_json(path)
    if isinstance(gold, dict) and all(key in gold for key in RUN_KEYS):
        raise InputError(path, "this is a run export, not a gold file (arguments swapped? GOLD_JSON comes second)")
    if not isinstance(gold, dict) or not any(key in gold for key in GOLD_LISTS[:3]):
        raise InputError(path, "not a gold file: expected an object with 'conflicts', 'corroborations' or "
                               "'speakers' lists")
    for key in GOLD_LISTS:
        if key in gold and not isinstance(gold[key], list):
            raise InputError(path, f"'{key}' must be a list")

    def located(item, where: str) -> None:
        if not isinstance(item, dict) or not isinstance(item.get("article"), str) or not (
                isinstance(item.get("quote"), str) and item["quote"]):
            raise InputError(path, f"{where} needs 'article' and a non-empty 'quote' (text)")

    for key in ("conflicts", "corroborations", "revisions"):
        for n, item in enumerate(gold.get(key, [])):
            if not isinstance(item, dict):
                raise InputError(path, f"{key}[{n}] must be an object with 'a' and 'b'")
            located(item.get("a"), f"{key}[{n}].a")
            located(item.get("b"), f"{key}[{n}].b")
    for n, item in enumerate(gold.get("speakers", [])):
        located(item, f"speakers[{n}]")
        if "speaker" not in item or not (item["speaker"] is None or isinstance(item["speaker"], str)):
            raise InputError(path, f"speakers[{n}] needs 'speaker': a name or null")
    for n, story in enumerate(gold.get("stories", [])):
        if not isinstance(story, dict) or not isinstance(story.get("id"), str) or not isinstance(story.get("articles"), list):
            raise InputError(path, f"stories[{n}] needs an 'id' and a list of 'articles'")
    for n, item in enumerate(gold.get("story_sentences", [])):
        located(item, f"story_sentences[{n}]")
    return gold


def speaker_matches(predicted: str | None, expected: str | None) -> bool:
    """Both absent, or one name's words contain the other's ('senior Egyptian source' ~ 'high-ranking senior Egyptian source')."""
    if not predicted or not expected:
        return not predicted and not expected
    a, b = set(name_key(predicted)), set(name_key(expected))
    return bool(a and b) and (a <= b or b <= a)


def _cited(claim: dict) -> str:
    """A claim as an annotator would look it up: article id and the start of its text."""
    return f"{claim['article']}: {quote(claim['text'], limit=70)}"


def claim_holding(claims: list[dict], item: dict, gold_path: str = "gold") -> str | None:
    """The id of the claim of `item["article"]` whose sentence holds `item["quote"]` (None if no claim
    does: the claims stage skipped that sentence); a quote found in two claims is an error in the gold file."""
    matches = [c["id"] for c in claims if c["article"] == item["article"] and item["quote"] in c["text"]]
    if len(matches) > 1:
        raise InputError(gold_path, f"quote {item['quote']!r} matches {len(matches)} claims in {item['article']}")
    return matches[0] if matches else None


def score_run(run: dict, gold: dict, gold_path: str = "gold") -> dict:
    claims = run.get("claims", [])
    articles = {a["id"] for a in run.get("articles", []) if isinstance(a, dict)} | {c["article"] for c in claims}
    named = sorted({item["article"] for key in ("conflicts", "corroborations", "revisions")
                    for pair in gold.get(key, []) for item in (pair["a"], pair["b"])}
                   | {item["article"] for key in ("speakers", "story_sentences") for item in gold.get(key, [])}
                   | {a for story in gold.get("stories", []) for a in story["articles"]})
    unknown = [a for a in named if a not in articles]
    if unknown:
        raise InputError(gold_path, f"names articles the run does not have: {', '.join(unknown[:5])}"
                                    f"{' ...' if len(unknown) > 5 else ''} (another corpus's gold file?)")

    def locate(item: dict) -> str | None:
        return claim_holding(claims, item, gold_path)

    predicted = {"conflict": set(), "corroborate": set(), "revision": set()}
    for pair in run.get("pairs", []):
        predicted[pair["relation"]].add(frozenset((pair["a"], pair["b"])))

    by_id = {c["id"]: c for c in claims}
    result: dict = {}
    missing: list[str] = []
    pairs_scored = [("conflict", "conflict"), ("corroboration", "corroborate")]
    if gold.get("revisions"):
        pairs_scored.append(("revision", "revision"))
    for key, relation in pairs_scored:
        located = [(item, locate(item["a"]), locate(item["b"])) for item in gold.get(f"{key}s", [])]
        expected = set()
        for item, a, b in located:
            if a is None or b is None:
                missing.append(f"{key}: {item.get('why', item)}")
                expected.add(frozenset((f"missing:{item['a']['quote']}", f"missing:{item['b']['quote']}")))
            else:
                expected.add(frozenset((a, b)))
        hits = predicted[relation] & expected
        result[f"{key}_precision"] = round(len(hits) / len(predicted[relation]), 3) if predicted[relation] else 1.0
        result[f"{key}_recall"] = round(len(hits) / len(expected), 3) if expected else 1.0
        result[f"{key}_predicted"] = len(predicted[relation])
        result[f"{key}_gold"] = len(expected)
        result[f"{key}_missed"] = sorted(item.get("why", "") for item, a, b in located
                                         if frozenset((a or "", b or "")) not in predicted[relation])
        result[f"{key}_unexpected"] = sorted(" vs ".join(sorted(_cited(by_id[i]) for i in pair))
                                             for pair in predicted[relation] - expected)
    kinds = sorted({item["kind"] for item in gold.get("conflicts", []) if isinstance(item.get("kind"), str)})
    if kinds:
        by_kind = {}
        for kind in kinds:
            of_kind = [item for item in gold["conflicts"] if item.get("kind") == kind]
            found = sum(1 for item in of_kind
                        if (a := locate(item["a"])) and (b := locate(item["b"])) and frozenset((a, b)) in predicted["conflict"])
            by_kind[kind] = {"gold": len(of_kind), "found": found, "recall": round(found / len(of_kind), 3)}
        result["conflict_recall_by_kind"] = by_kind
    if gold.get("stories"):
        story_of = _stories_of_claims(claims, gold, locate)
        result["cross_story_pairs"] = sum(
            1 for relation in predicted.values() for pair in relation
            if len(pair) == 2 and all(story_of.get(c) for c in pair) and not set.intersection(*(story_of[c] for c in pair)))
    correct, wrong = 0, []
    for item in gold.get("speakers", []):
        claim_id = locate(item)
        got = by_id[claim_id]["speaker"] if claim_id else "(not a claim)"
        if claim_id and speaker_matches(got, item["speaker"]):
            correct += 1
        else:
            wrong.append(f"{item['article']} {item['quote']!r}: expected {item['speaker']!r}, got {got!r}")
    total = len(gold.get("speakers", []))
    result["speaker_accuracy"] = round(correct / total, 3) if total else 1.0
    result["speakers_gold"] = total
    result["speaker_errors"] = wrong
    result["unlocated"] = missing
    return result


def _stories_of_claims(claims: list[dict], gold: dict, locate) -> dict[str, set[str]]:
    """Claim id -> the gold stories it can belong to: its article's stories, narrowed to one where the
    gold file places the sentence (`story_sentences`); a sentence of a roundup the gold file leaves
    unplaced counts for all the article's stories, so it is never called cross-story."""
    of_article: dict[str, set[str]] = {}
    for story in gold["stories"]:
        for article in story["articles"]:
            of_article.setdefault(article, set()).add(story["id"])
    placed = {}
    for item in gold.get("story_sentences", []):
        claim_id = locate(item)
        if claim_id:
            placed[claim_id] = {item["story"]}
    return {c["id"]: placed.get(c["id"], of_article.get(c["article"], set())) for c in claims}
