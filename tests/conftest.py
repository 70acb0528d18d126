"""Shared helpers: drive the real CLI, build small corpora on disk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from reconcile.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "cairo-talks"
SEED = ROOT.parent / "shared" / "seed" / "cairo-talks.txt"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """One embedding cache for the session, so each text is embedded once."""
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture
def cli(cache_dir):
    """Run `reconcile ARGS...` in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, cache: bool = True):
        arguments = [str(a) for a in args]
        if cache and arguments and arguments[0] == "run" and "--cache-dir" not in arguments:
            arguments += ["--cache-dir", str(cache_dir)]
        return runner.invoke(app, arguments, catch_exceptions=False)

    return invoke


def write_article(directory: Path, name: str, text: str, **metadata) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{key}: {value}\n" for key, value in metadata.items())
    path = directory / name
    path.write_text((f"---\n{front}---\n" if metadata else "") + text, encoding="utf-8")
    return path


def read_json(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_tiny_emergent(path: Path) -> Path:
    """An Emergent-format CSV: 6 claims, each with a for, an against and an observing headline."""
    rows = []
    stories = [("great white shark", "Lisbon harbour"), ("thirty-year-old burger", "Osaka museum"),
               ("golden smartwatch", "Denver airport"), ("blazing comet", "Nairobi skies"),
               ("collapsed footbridge", "Bergen fjord"), ("rogue delivery robot", "Quito market")]
    for claim, (subject, place) in enumerate(stories):
        headline = f"A {subject} was seen at {place}"
        rows += [
            (claim, headline, f"{subject.capitalize()} seen at {place}, photos show", "for"),
            (claim, headline, f"{subject.capitalize()} at {place} a hoax, police deny", "against"),
            (claim, headline, f"{subject.capitalize()} reportedly at {place}?", "observing"),
        ]
    frame = pd.DataFrame(rows, columns=["claimId", "claimHeadline", "articleHeadline", "articleHeadlineStance"])
    frame["articleId"] = range(len(frame))
    frame["source"] = [f"outlet{i % 4}.com" for i in range(len(frame))]
    frame["url"], frame["claimTruth"] = "http://example.com", "unknown"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


def bag_of_letters_embed(texts, cache_dir=None) -> np.ndarray:
    """Stands in for MiniLM where a unit test must not load a model: unit letter-count vectors."""
    vectors = np.array([[text.lower().count(c) for c in "abcdefghijklmnopqrstuvwxyz"] for text in texts], float)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
