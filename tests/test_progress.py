"""Progress bars: drawn for the long stages on a terminal, never into a pipe or a log."""

import io

from rich.console import Console

from reconcile import progress
from reconcile.embed import SentenceTransformerEmbedder
from reconcile.pipeline import run_pipeline

from conftest import write_article


def small_corpus(directory):
    write_article(directory, "a.md", "The fire chief said 12 people were killed in the crash.", source="Harlow Courier")
    write_article(directory, "b.md", "The hospital said 19 people had died in the crash.", source="Valley News")
    return directory


def test_a_run_on_a_terminal_shows_each_long_stage(tmp_path):
    screen = io.StringIO()
    with progress.shown(enabled=True, console=Console(file=screen, force_terminal=True, width=100)):
        run_pipeline(small_corpus(tmp_path / "corpus"), SentenceTransformerEmbedder(), cache=None)
    drawn = screen.getvalue()
    for stage in ("Reading articles", "Extracting claims", "Embedding"):
        assert stage in drawn, drawn[-500:]


def test_without_a_display_stages_report_to_nobody_and_the_result_is_the_same(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    quiet = run_pipeline(corpus, SentenceTransformerEmbedder(), cache=None)
    with progress.shown(enabled=True, console=Console(file=io.StringIO(), force_terminal=True)):
        shown = run_pipeline(corpus, SentenceTransformerEmbedder(), cache=None)
    assert quiet.pairs.equals(shown.pairs) and quiet.claims.equals(shown.claims)


def test_the_cli_draws_no_bars_when_stderr_is_not_a_terminal(cli, tmp_path):
    result = cli("run", small_corpus(tmp_path / "corpus"), "--report", tmp_path / "out.md")
    assert result.exit_code == 0, result.output
    assert "Extracting claims" not in result.stderr and "Embedding" not in result.stderr
    assert cli("run", tmp_path / "corpus", "--report", tmp_path / "out.md", "--quiet").exit_code == 0
