"""The one error type a user should ever see: bad input, reported in one line."""

from __future__ import annotations

import sys
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


def warn(message: str) -> None:
    """One line on stderr for something the run handled but the user should know ("warning: ...")."""
    print(f"warning: {message}", file=sys.stderr)


def first_line(error: BaseException) -> str:
    """An exception as one line for a user: its message's first line, or its type's name."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
