"""Past one machine (issue #13): the per-article and per-story work as Dask tasks gives the same
output, byte for byte, as one process."""

import subprocess
import sys

import pytest

from reconcile.workers import DaskRunner, LocalRunner, chunks

from conftest import ROOT


def test_chunks_keep_order_and_cover_everything():
    assert chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert chunks([1, 2], 5) == [[1], [2]]
    assert chunks([], 4) == []


def test_a_local_cluster_runs_tasks_in_order():
    runner = DaskRunner(workers=2)
    try:
        assert runner.workers == 2
        assert runner.map(abs, [-3, 2, -1]) == LocalRunner().map(abs, [-3, 2, -1]) == [3, 2, 1]
    finally:
        runner.close()


def test_two_local_workers_give_the_checked_in_briefing(tmp_path):
    out = tmp_path / "cairo-talks.md"
    done = subprocess.run([sys.executable, "-m", "reconcile", "run", "corpora/cairo-talks", "--workers", "2",
                           "--report", out, "--cache-dir", tmp_path / "cache", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in ("cairo-talks.md", "cairo-talks.json"):
        assert (tmp_path / name).read_bytes() == (ROOT / "reports" / name).read_bytes(), name


def test_an_unreachable_scheduler_is_a_one_line_error(cli, tmp_path):
    result = cli("run", "corpora/cairo-talks", "--scheduler", "tcp://127.0.0.1:9", "--report", tmp_path / "x.md")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.md").exists()
