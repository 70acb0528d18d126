"""Where the per-article and per-story work runs: in this process, or as tasks on Dask distributed.

`Runner.map(function, items)` -> `[function(item) for item in items]`, in the order of `items`,
whatever ran them. `LocalRunner` runs them here. `DaskRunner` sends each item to a Dask
distributed cluster: the scheduler a user names (`--scheduler tcp://host:8786`) or local worker
processes (`--workers N`). Functions and items must be picklable: plain data in (dicts, strings,
lists), plain data out; each worker loads the models it needs once (see `embed.load_model`).
Results come back in order, so the run's output is the same byte for byte as in one process.
The client keeps the rest: loading the corpus, stories, clustering, the facts table and the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reconcile.errors import InputError, first_line


class Runner:
    """Runs `function` over `items`; results in the order of `items`."""

    #: worker processes the work is spread over (1: this process)
    workers = 1

    def map(self, function: Callable, items: Sequence) -> list:
        raise NotImplementedError

    def close(self) -> None:
        return None


class LocalRunner(Runner):
    def map(self, function: Callable, items: Sequence) -> list:
        return [function(item) for item in items]


class DaskRunner(Runner):
    """Tasks on Dask distributed. `scheduler`: the address of a running scheduler; else `workers`
    local worker processes (one thread each: the models' own threads do the rest)."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--scheduler/--workers", "Dask distributed is not installed "
                             "(pip install 'reconcile[cluster]')") from None
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=50)
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as error:
            raise InputError(scheduler or "--workers", f"cannot reach the Dask scheduler ({first_line(error)})") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, function: Callable, items: Sequence) -> list:
        if not items:
            return []
        futures = self.client.map(function, list(items), pure=False)
        return self.client.gather(futures)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def chunks(items: Sequence, count: int) -> list[list]:
    """`items` cut into at most `count` runs of consecutive items, of near-equal length, in order."""
    items = list(items)
    if not items:
        return []
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        out.append(items[start:end])
        start = end
    return out
