"""Shared helpers: drive the real CLI, build small corpora on disk."""

from __future__ import annotations

import json
from pathlib import Path

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
