"""Choices on floating-point scores that come out the same on every machine.

Another CPU (AVX2 instead of AVX-512), another BLAS kernel or another batch
composition moves a float32 cosine by up to about 1e-7. Where two candidates
are equal in exact arithmetic (the two claims of a two-claim cluster are
equally near its centre) such noise alone would decide which one wins. So
scores closer than `TOLERANCE` count as tied, and ties go to the candidate
that comes first in the given order (claim order, signal order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import numpy as np

Item = TypeVar("Item")

#: far above float32 noise (~1e-7), far below any difference a reader would see (scores print as 0.00)
TOLERANCE = 1e-5


def stable_argmax(scores: Sequence[float] | np.ndarray, tolerance: float = TOLERANCE) -> int:
    """Index of the first score within `tolerance` of the largest: scores (n,) -> an index in [0, n)."""
    values = np.asarray(scores, dtype=np.float64)
    if values.size == 0:
        raise ValueError("stable_argmax of no scores")
    return int(np.flatnonzero(values >= values.max() - tolerance)[0])


def stable_max(items: Iterable[Item], score: Callable[[Item], float], tolerance: float = TOLERANCE) -> Item:
    """The first item (in iteration order) whose score is within `tolerance` of the best."""
    items = list(items)
    return items[stable_argmax([score(item) for item in items], tolerance)]
