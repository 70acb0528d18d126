"""Defaults chosen in one place, read by the stages and by the CLI's options (a light module: the
CLI's --help must not load the models)."""

#: distance (1 - blended cosine) under which claims make one point, and the share of the character
#: n-gram TF-IDF cosine in that blend (reconcile.cluster, whose docstring says how they were chosen)
DISTANCE_THRESHOLD = 0.65
LEXICAL_WEIGHT = 0.6

#: the least cosine at which two claims of one point corroborate on wording alone (reconcile.relate).
#: On the development corpora, pairs from 0.65 to 0.75 held 18 gold conflicts against 45 gold
#: corroborations (2026-12-02): a wrong "corroborates" hides a disagreement from the reader.
CORROBORATE_SIMILARITY = 0.75
