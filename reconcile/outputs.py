"""Where a run's files go: checked before any work, written all or none.

`check_output_paths` runs before the pipeline, so a bad `--report` or `--json` costs
the user seconds, not a whole run; `write_outputs` stages every file in its own
directory and renames them into place only once all are written, with the mode a
file created by the user's other tools would get (0666 less the umask).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from reconcile.errors import InputError


def check_output_paths(paths: list[Path]) -> None:
    """Raise InputError unless every path can be written and no two name one file."""
    seen: dict[Path, Path] = {}
    for path in paths:
        resolved = Path(os.path.abspath(path))
        if resolved in seen:
            raise InputError(path, f"named twice as an output (also {seen[resolved]}): the briefing and the JSON "
                                   "export need two files")
        seen[resolved] = path
        if resolved.is_dir():
            raise InputError(path, "is a directory: name a file")
        ancestor = resolved.parent
        while not ancestor.exists():
            ancestor = ancestor.parent
        if not ancestor.is_dir():
            raise InputError(path, f"cannot create it: {ancestor} is a file, not a directory")
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise InputError(path, f"cannot write in {ancestor} ({_why_not_writable(ancestor)})")


def _why_not_writable(directory: Path) -> str:
    try:
        statvfs = os.statvfs(directory)
        if statvfs.f_flag & os.ST_RDONLY:
            return "read-only file system"
    except OSError:
        pass
    return "permission denied"


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_outputs(outputs: dict[Path, str]) -> None:
    """Write every file or none: all go to temporary files first, then each is renamed into place."""
    staged: list[tuple[str, Path]] = []
    mode = _file_mode()
    try:
        for path, content in outputs.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
                staged.append((temporary, path))
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(content)
                os.chmod(temporary, mode)  # mkstemp makes 0600
            except OSError as error:
                raise InputError(path, f"cannot write ({error.strerror or errno.errorcode.get(error.errno, error)})") from None
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise InputError(path, f"cannot write ({error.strerror})") from None
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
