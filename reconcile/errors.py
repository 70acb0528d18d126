"""The one error type a user should ever see: bad input, reported in one line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that reconcile cannot use.

    The message always names the file (and line, where there is one) and the
    problem, so the CLI can print it as a single line without a traceback.
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
