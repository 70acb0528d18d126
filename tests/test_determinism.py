"""The same briefing on another CPU and with another cache history (issue: floating-point ties).

Restricting MKL/oneDNN to AVX2 changes MiniLM's vectors by about 1e-7, and so does
embedding texts in other batches (a cache filled one article at a time). Neither may
change a byte of the checked-in briefing.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

from reconcile.ordering import stable_argmax, stable_max

from conftest import ROOT, SAMPLE

AVX2_ONLY = {"MKL_ENABLE_INSTRUCTIONS": "AVX2", "ONEDNN_MAX_CPU_ISA": "AVX2"}


def reconcile(*args, env=None, cwd=ROOT):
    result = subprocess.run([sys.executable, "-m", "reconcile", *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result


def assert_matches_checked_in(out_dir):
    for name in ("cairo-talks.md", "cairo-talks.json"):
        assert (out_dir / name).read_bytes() == (ROOT / "reports" / name).read_bytes(), name


def test_avx2_only_gives_the_checked_in_briefing(tmp_path):
    reconcile("run", "corpora/cairo-talks", "--report", tmp_path / "cairo-talks.md", "--cache-dir", tmp_path / "cache",
              env=AVX2_ONLY)
    assert_matches_checked_in(tmp_path)


def test_cache_filled_article_by_article_gives_the_checked_in_briefing(tmp_path):
    articles = sorted(p for p in SAMPLE.glob("*.md") if p.name != "README.md")
    # One corpus per article, in one process: each article's claims are embedded in batches of their own.
    reconcile("run", *articles, "--cache-dir", tmp_path / "cache", cwd=tmp_path)
    reconcile("run", "corpora/cairo-talks", "--report", tmp_path / "cairo-talks.md", "--cache-dir", tmp_path / "cache")
    assert_matches_checked_in(tmp_path)


def test_near_ties_go_to_the_first_candidate():
    assert stable_argmax([0.5, 0.5 + 6e-8, 0.2]) == 0
    assert stable_argmax([0.5 + 6e-8, 0.5]) == 0
    assert stable_argmax([0.1, 0.3, 0.29]) == 1
    assert stable_max(["a", "bb", "cc"], score=len) == "bb"
    with pytest.raises(ValueError):
        stable_argmax(np.array([]))
