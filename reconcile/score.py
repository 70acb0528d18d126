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


def speaker_matches(predicted: str | None, expected: str | None) -> bool:
    """Both absent, or one name's words contain the other's ('senior Egyptian source' ~ 'high-ranking senior Egyptian source')."""
    if not predicted or not expected:
        return not predicted and not expected
    a, b = set(name_key(predicted)), set(name_key(expected))
    return bool(a and b) and (a <= b or b <= a)


def _cited(claim: dict) -> str:
    """A claim as an annotator would look it up: article id and the start of its text."""
    return f"{claim['article']}: {quote(claim['text'], limit=70)}"


def score_run(run: dict, gold: dict, gold_path: str = "gold") -> dict:
    claims = run.get("claims", [])

    def locate(item: dict) -> str | None:
        matches = [c["id"] for c in claims if c["article"] == item["article"] and item["quote"] in c["text"]]
        if len(matches) > 1:
            raise InputError(gold_path, f"quote {item['quote']!r} matches {len(matches)} claims in {item['article']}")
        return matches[0] if matches else None

    predicted = {"conflict": set(), "corroborate": set()}
    for pair in run.get("pairs", []):
        predicted[pair["relation"]].add(frozenset((pair["a"], pair["b"])))

    by_id = {c["id"]: c for c in claims}
    result: dict = {}
    missing: list[str] = []
    for key, relation in (("conflict", "conflict"), ("corroboration", "corroborate")):
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
