"""Experiment (not shipped): can a model on frozen MiniLM embeddings of claim contents rank a story's
gold conflicts among every pair a run gives relate? Leave-corpus-out (five folds by corpus).

    python training/frozen_pair_ranker.py        # reads reports/ and corpora/*/gold.json; ~15 min

Every cross-source pair of non-background claims within one run story of each development corpus is
labelled from the gold file (conflict, corroborate, other). Features: u*v and |u-v| of the two
content embeddings, their cosine, word overlap, shared and differing numbers, negation on one or both
sides. Logistic regression (balanced classes, negatives subsampled with random_state 0) for "conflict"
and for "gold pair" (conflict or corroborate). Prints ROC AUC, average precision and the gold pairs
among each corpus's top k pairs, against cosine alone. The figures are in training/experiments.md.
"""
import itertools, json, re, sys
from pathlib import Path
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reconcile.score import claim_holding
from reconcile.embed import SentenceTransformerEmbedder
ROOT = Path(__file__).resolve().parents[1]
rows = []
texts = {}
for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
    name = gold_path.parent.name
    run_path = ROOT / "reports" / f"{name}.json"
    if not run_path.exists(): print("skip", name); continue
    run = json.loads(run_path.read_text()); gold = json.loads(gold_path.read_text())
    labelled = {}
    for label, items in (("conflict", gold.get("conflicts", [])), ("corroborate", gold.get("corroborations", []))):
        for item in items:
            a, b = claim_holding(run["claims"], item["a"]), claim_holding(run["claims"], item["b"])
            if a and b and a != b:
                labelled[frozenset((a, b))] = (label, item.get("kind"))
    found = {frozenset((p["a"], p["b"])) for p in run["pairs"] if p["relation"] == "conflict"}
    claims = [c for c in run["claims"] if not c.get("background")]
    for c in claims: texts[(name, c["id"])] = c["content"]
    for x, y in itertools.combinations(claims, 2):
        if x["source"] == y["source"] or x["story"] != y["story"]: continue
        key = frozenset((x["id"], y["id"]))
        label, kind = labelled.get(key, ("other", None))
        rows.append(dict(corpus=name, a=x["id"], b=y["id"], label=label, kind=kind, rules=key in found))
    n_c = sum(1 for r in rows if r["corpus"] == name and r["label"] == "conflict")
    print(name, len(claims), sum(1 for r in rows if r["corpus"] == name), "conflicts paired", n_c, "of", len(gold.get("conflicts", [])), flush=True)
keys = sorted(texts)
emb = SentenceTransformerEmbedder()
vec = np.asarray(emb.encode([texts[k] for k in keys]), dtype=np.float32)
vec /= np.linalg.norm(vec, axis=1, keepdims=True)
index = {k: i for i, k in enumerate(keys)}

print("pairs", len(rows), "conflict", sum(r["label"] == "conflict" for r in rows), "corroborate", sum(r["label"] == "corroborate" for r in rows))

WORD = re.compile(r"[a-z]+|\d+")
STOP = set("the a an of to in on at for and or that this with by as is was were be been has had have it its said says say told reported would will any also from after before their they he she his her we our who which".split())
NEG = re.compile(r"\b(not|no|never|n't|none|nobody|nothing|denied|denies|deny|without|rejected|dismissed)\b", re.I)
def words(t): return {w for w in WORD.findall(t.lower()) if w not in STOP and (len(w) > 2 or w.isdigit())}
W = {k: words(t) for k, t in texts.items()}
N = {k: {w for w in W[k] if w.isdigit()} for k in texts}
G = {k: bool(NEG.search(t)) for k, t in texts.items()}
def feats(r):
    ka, kb = (r["corpus"], r["a"]), (r["corpus"], r["b"])
    u, v = vec[index[ka]], vec[index[kb]]
    wa, wb = W[ka], W[kb]; sh = len(wa & wb)
    na, nb = N[ka], N[kb]
    small = [float(u @ v), sh / max(1, min(len(wa), len(wb))), sh / max(1, len(wa | wb)), min(sh, 6) / 6,
             float(bool(na) and bool(nb)), float(bool(na & nb)), float(bool(na) and bool(nb) and not (na & nb)),
             float(G[ka] != G[kb]), float(G[ka] and G[kb]), abs(len(wa) - len(wb)) / max(len(wa), len(wb), 1)]
    return np.concatenate([u * v, np.abs(u - v), small]).astype(np.float32)
X = np.stack([feats(r) for r in rows]); print("X", X.shape, flush=True)
groups = np.array([r["corpus"] for r in rows]); label = np.array([r["label"] for r in rows])
rules = np.array([r["rules"] for r in rows])
rng = np.random.RandomState(0)
def cv(target, name, C=1.0, sub=4000):
    y = target.astype(int); score = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        pos = tr[y[tr] == 1]; neg = tr[y[tr] == 0]
        neg = rng.choice(neg, min(len(neg), sub * 63 // 5 * 4), replace=False)
        t = np.concatenate([pos, neg])
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(X[t], y[t])
        score[te] = m.predict_proba(X[te])[:, 1]
    print(f"{name}: AUC {roc_auc_score(y, score):.3f} AP {average_precision_score(y, score):.3f} (base rate {y.mean():.4f})")
    return score
cos = X[:, 768]
isc = label == "conflict"; gold = label != "other"
print("cosine for conflict: AUC %.3f AP %.3f" % (roc_auc_score(isc, cos), average_precision_score(isc, cos)))
print("cosine for gold pair: AUC %.3f AP %.3f" % (roc_auc_score(gold, cos), average_precision_score(gold, cos)))
s_gold = cv(gold, "LR gold pair (conflict|corroborate)")
s_conf = cv(isc, "LR conflict")
# precision at top-k per corpus
for nm, s in (("cosine", cos), ("LR gold", s_gold), ("LR conflict", s_conf)):
    for k in (1, 3, 5, 10):
        hit_c = hit_g = tot = 0
        for c in sorted(set(groups)):
            idx = np.where(groups == c)[0]
            top = idx[np.lexsort((idx, -s[idx]))][:k]
            hit_c += isc[top].sum(); hit_g += gold[top].sum(); tot += len(top)
        print(f"  {nm} top-{k}/corpus: conflicts {hit_c}/{tot} gold pairs {hit_g}/{tot}")

print("rules found", (rules & isc).sum(), "flagged", rules.sum())
