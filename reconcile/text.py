"""Small text helpers shared by stages that must stay cheap to import (`reconcile score` loads no models)."""

from __future__ import annotations


def quote(text: str, limit: int = 60) -> str:
    """text on one line in curly quotes, cut to `limit` characters with "…"."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
