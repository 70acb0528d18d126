"""The learned judge: a cross-encoder that reads two claims and says conflict, corroborate,
same-topic or unrelated.

It is the packaged all-MiniLM-L6-v2 encoder with its top layers fine-tuned and a classification
head, trained on the project's pair set (`training/pairs/`). Only what the base package does not
carry is shipped: the retrained top layers and the head (`reconcile/data/judge/`, a few MB). See
`model.py` for loading and prediction and `train.py` for training (`reconcile train-judge`).
"""

LABELS = ("conflict", "corroborate", "same-topic", "unrelated")
