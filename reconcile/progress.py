"""Progress bars for the long stages, on stderr, on a terminal only.

Stages report what they get through with `advance(task, n)` after `start(task, total)`; nothing is
shown unless the CLI has opened a display with `shown(...)` (a terminal, and no `--quiet`). So the
stages need no progress parameter threaded through them, batch jobs and tests print nothing, and
the output files never depend on whether bars were drawn.

    with progress.shown(enabled=sys.stderr.isatty() and not quiet):
        run_pipeline(...)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_display: ContextVar = ContextVar("reconcile_progress", default=None)

TASKS = {
    "articles": "Reading articles",
    "claims": "Extracting claims",
    "embed": "Embedding",
    "judge": "Judging pairs (the learned judge)",
    "relate": "Comparing pairs",
}


@contextlib.contextmanager
def shown(enabled: bool, console=None) -> Iterator[None]:
    """Draw bars on stderr (or a given rich `console`) for the stages run inside this block when `enabled`."""
    if not enabled:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bars = Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console or Console(stderr=True), transient=True)
    token = _display.set({"bars": bars, "tasks": {}})
    try:
        with bars:
            yield
    finally:
        _display.reset(token)


def start(task: str, total: int) -> None:
    display = _display.get()
    if display is None:
        return
    if task in display["tasks"]:
        display["bars"].update(display["tasks"][task], total=total, completed=0)
    else:
        display["tasks"][task] = display["bars"].add_task(TASKS[task], total=total)


def advance(task: str, amount: int = 1) -> None:
    display = _display.get()
    if display is not None and task in display["tasks"]:
        display["bars"].advance(display["tasks"][task], amount)
