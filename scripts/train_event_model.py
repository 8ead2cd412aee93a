"""Train the learned event layer and print its figures.

The layer is three small linear heads -- PLOVER type, quad class and participant role --
over what the spaCy pipeline already computes for every article (en_core_web_sm's tok2vec
rows in ``doc.tensor``, the dependency parse, entities) plus TF-IDF terms, so inference adds
no encoder to the pipeline. The features come from ``sitroom.extract.events.learned.features``,
which inference (``learned.heads``) shares, so training and inference cannot drift apart.

Rebuild the shipped weights and print the figures (CPU, fixed seeds, so a rerun reproduces
the shipped figures, timing aside):

    nice -n 10 .venv/bin/python scripts/train_event_model.py --gold ../shared/gold

Options: ``--eval-only`` prints the figures without writing weights; ``--cache DIR`` keeps
parsed features between runs (default: a temp dir under /tmp, never the repo, which holds no
copy of the gold); ``--roles-only`` prints the role CV grid and stops.

Data (read by path, never copied): ../shared/gold/events/
  plv_train.tsv                       type (15 roots; YIELD split into CONCEDE/RETREAT by a
                                      sub-head trained on NGEC) + source/target spans
  conflibert_cameo_class_train.tsv    quad class; label 0 sentences are the "none" type
  conflibert_cameo_ner_train.txt      source/target/reciprocal spans
  ngec_synthetic_events_*.csv.zip     synthetic stories: lead sentence -> type (training only:
                                      machine-written, so never scored)
  plover_gsr_dev.json                 PLOVER dev, read by ``sitroom.evaluate.events.read_dev``
                                      and split by its ``half_of`` (sha1 of the record id).
                                      Only the TUNE half is ever trained on or used to choose
                                      settings (5-fold CV inside TUNE). The REPORT half is
                                      scored once, by the model trained on the pool + TUNE,
                                      and is never trained on -- the shipped model is that
                                      same fit, so ``sitroom eval`` can score it on REPORT
                                      without leakage.

The other figures are 5-fold CV (seeded) on plv_train (type accuracy, source->target pair
found) and on the ConfliBERT sets (quad accuracy, target span F1). Some sentences occur in
more than one set, so a held-out fold's sentences are removed from every training pool of
that fold.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import pickle
import re
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from sitroom.evaluate import events as eval_events
from sitroom.evaluate.events import half_of, macro_f1, read_dev
from sitroom.extract.events.learned import features as sf
from sitroom.extract.events.learned import heads
from sitroom.extract.events.lexicon import LEXICON
from sitroom.extract.events.mapping import PLOVER_TYPES, QUAD
from sitroom.extract.pipeline import MODEL_PACKAGE

ROOT = Path(__file__).resolve().parents[1]
SEED = 18
OUT_DIR = heads.DATA_DIR
WEIGHTS = heads.WEIGHTS  # events-spacy-v4.joblib, the shipped model's name
FIGURES = f"{heads.NAME}.figures.json"
SPACY_MODEL = MODEL_PACKAGE
TYPES = PLOVER_TYPES
NONE = heads.NONE
MIN_SUPPORT = eval_events.MIN_SUPPORT
QUAD_OF = QUAD

# ---------------------------------------------------------------- readers


def _strip_marks(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    out, spans, open_at, pos = [], {}, {}, 0
    for m in re.finditer(r"</?([st])>", marked):
        out.append(marked[pos : m.start()])
        pos = m.end()
        cur = sum(map(len, out))
        tag = m.group(1)
        if m.group(0).startswith("</"):
            spans[tag] = (open_at.pop(tag, cur), cur)
        else:
            open_at[tag] = cur
    out.append(marked[pos:])
    text = "".join(out)
    clean = {}
    for k, (a, b) in spans.items():
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        clean[k] = (a, b)
    return text, clean


def read_plv(gold: Path) -> list[dict]:
    rows = []
    with open(gold / "events" / "plv_train.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            text, spans = _strip_marks(r["marked_sentence"])
            if "s" not in spans or "t" not in spans:
                continue
            rows.append(
                {
                    "text": text,
                    "type": r["gold_root"],
                    "quad": int(r["gold_penta"]),
                    "S": [spans["s"]],
                    "T": [spans["t"]],
                    "R": [],
                }
            )
    return rows


def read_conflibert_class(gold: Path) -> list[dict]:
    rows = []
    with open(gold / "events" / "conflibert_cameo_class_train.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").rsplit("\t", 1)
            if len(parts) == 2 and parts[1].strip().isdigit():
                rows.append({"text": parts[0], "quad": int(parts[1])})
    return rows


def read_conflibert_ner(gold: Path) -> list[dict]:
    rows, toks, tags = [], [], []

    def flush():
        if not toks:
            return
        offs, pos = [], 0
        for t in toks:
            offs.append((pos, pos + len(t)))
            pos += len(t) + 1
        spans = {"S": [], "T": [], "R": []}
        cur = None
        for (a, b), tag in zip(offs, tags, strict=True):
            if tag.startswith("B-") or (
                tag.startswith("I-") and (cur is None or cur[0] != tag[2:])
            ):
                if cur:
                    spans[cur[0]].append((cur[1], cur[2]))
                cur = [tag[2:], a, b]
            elif tag.startswith("I-"):
                cur[2] = b
            else:
                if cur:
                    spans[cur[0]].append((cur[1], cur[2]))
                cur = None
        if cur:
            spans[cur[0]].append((cur[1], cur[2]))
        rows.append({"text": " ".join(toks), **{k: v for k, v in spans.items() if k in "STR"}})
        toks.clear()
        tags.clear()

    with open(gold / "events" / "conflibert_cameo_ner_train.txt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.rsplit(" ", 1)
            if len(parts) != 2:
                continue
            toks.append(parts[0])
            tags.append(parts[1] if parts[1][:2] in {"B-", "I-"} else "O")
    flush()
    return rows


def read_ngec(gold: Path) -> list[dict]:
    path = sorted((gold / "events").glob("ngec_synthetic_events_*.csv.zip"))[0]
    z = zipfile.ZipFile(path)
    rows = []
    with z.open(z.namelist()[0]) as raw:
        for r in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            body = r["text"].strip().split("\n")[0]
            lead = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", body)[0].strip()
            if len(lead) > 20 and r["label"] in TYPES:
                rows.append({"text": lead[:600], "type": r["label"]})
    return rows


def read_dev_rows(gold: Path) -> list[dict]:
    """PLOVER dev exactly as ``sitroom eval`` reads it, with each record's half."""
    rows = []
    for g in read_dev(gold / "events" / "plover_gsr_dev.json"):
        if g.type in TYPES:
            rows.append({"text": g.text, "type": g.type, "id": g.id, "half": half_of(g.id)})
    return rows


# ---------------------------------------------------------------- spaCy features (cached)


def _key(texts: list[str], tag: str) -> str:
    h = hashlib.sha1(tag.encode())
    for t in texts:
        h.update(t.encode("utf-8", "replace") + b"\0")
    return h.hexdigest()[:16]


_NLP = None


def nlp():
    global _NLP
    if _NLP is None:
        import spacy

        _NLP = spacy.load(SPACY_MODEL)
    return _NLP


def _role_labels(sent, r: dict, ments) -> tuple[np.ndarray, list]:
    y, spans = [], []
    for a, b in ments:
        head = sf.head_token(sent, a, b)
        h = (head.idx, head.idx + len(head.text)) if head is not None else (a, b)
        spans.append(h)
        lab = "neither"
        for role, keys in (("actor", ("S", "R")), ("recipient", ("T",))):
            if any(s <= h[0] and h[1] <= e for k in keys for s, e in r.get(k, [])):
                lab = role
                break
        y.append(lab)
    return np.array(y), spans


def spacy_data(rows: list[dict], cache: Path, with_roles: bool) -> dict:
    """Per text (parsed alone, the whole text as one span): sentence vector, type terms,
    and (``with_roles``) candidate mentions, their feature matrix and gold role labels."""
    texts = [r["text"] for r in rows]
    lexicon = hashlib.sha1(LEXICON.read_bytes()).hexdigest()[:8]
    tag = f"{with_roles}-{sf.SENT_DIM}-{sf.FEATURE_DIM * with_roles}-{FIGURES}-{lexicon}"
    path = cache / f"learned-{_key(texts, tag)}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    X, terms, items = [], [], []
    for r, doc in zip(rows, nlp().pipe(texts, batch_size=64), strict=True):
        sent = doc[:]
        X.append(sf.sentence_vector(sent))
        terms.append(sf.type_terms(sent))
        if with_roles:
            ments = sf.candidate_mentions(sent)
            y, heads = _role_labels(sent, r, ments)
            items.append(
                {"mentions": ments, "X": sf.mention_matrix(sent, ments), "y": y, "heads": heads}
            )
    out = {"X": np.stack(X), "terms": terms, "items": items}
    path.write_bytes(pickle.dumps(out, protocol=4))
    return out


# ---------------------------------------------------------------- heads


def fit_lr(X, y, C=1.0, weights=None):
    clf = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    clf.fit(X, y, sample_weight=weights)
    return clf


class Standardizer:
    def fit(self, X):
        self.mean = X.mean(0)
        self.std = X.std(0) + 1e-6
        return self

    def __call__(self, X):
        return (X - self.mean) / self.std


class FusedHead:
    """Log-linear fusion of two logistic regressions over the same classes: one on the
    (standardised) dense sentence vector, one on TF-IDF terms."""

    def __init__(self, C_emb: float, C_lex: float, alpha: float):
        self.C_emb, self.C_lex, self.alpha = C_emb, C_lex, alpha

    def fit(self, X, terms, y, w=None):
        self.std = Standardizer().fit(X)
        self.emb = fit_lr(self.std(X), y, C=self.C_emb, weights=w)
        self.vec = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
        self.lex = fit_lr(self.vec.fit_transform(terms), y, C=self.C_lex, weights=w)
        assert list(self.emb.classes_) == list(self.lex.classes_)
        self.classes_ = self.emb.classes_
        return self

    def log_parts(self, X, terms):
        return (
            np.log(self.emb.predict_proba(self.std(X)) + 1e-9),
            np.log(self.lex.predict_proba(self.vec.transform(terms)) + 1e-9),
        )

    def predict_proba(self, X, terms, alpha=None):
        a = self.alpha if alpha is None else alpha
        le, ll = self.log_parts(X, terms)
        z = a * le + (1 - a) * ll
        z -= z.max(1, keepdims=True)
        P = np.exp(z)
        return P / P.sum(1, keepdims=True)


def _identity(x):
    return x


ALPHAS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)


def macro_f1_min5(y_true, y_pred) -> float:
    """``sitroom eval``'s macro-F1 over gold classes with >= 5 examples."""
    return macro_f1(list(zip(y_true, y_pred, strict=True)), MIN_SUPPORT)[0]


class TypeData:
    """Type/quad training data (``X*`` sentence vectors, ``T*`` term lists)."""

    def __init__(self, plv, cls, ngec, dev, feats: dict):
        self.plv, self.cls, self.ngec, self.dev = plv, cls, ngec, dev
        (self.Xplv, self.Tplv), (self.Xcls, self.Tcls) = feats["plv"], feats["cls"]
        (self.Xngec, self.Tngec), (self.Xdev, self.Tdev) = feats["ngec"], feats["dev"]
        # YIELD -> CONCEDE / RETREAT by a sub-head trained on the NGEC leads
        yi = np.array([r["type"] in {"CONCEDE", "RETREAT"} for r in ngec])
        st = Standardizer().fit(self.Xngec[yi])
        yh = fit_lr(st(self.Xngec[yi]), [r["type"] for r in np.array(ngec)[yi]], C=0.5)
        yplv = np.array([r["type"] for r in plv], dtype=object)
        mask = yplv == "YIELD"
        if mask.any():
            yplv[mask] = yh.predict(st(self.Xplv[mask]))
        self.yplv = yplv.astype(str)
        self.ycls_none = np.array([r["quad"] == 0 for r in cls])
        self.yngec = np.array([r["type"] for r in ngec])
        self.ydev = np.array([r["type"] for r in dev])
        self.tune = np.array([i for i, r in enumerate(dev) if r["half"] == "tune"])
        self.report = np.array([i for i, r in enumerate(dev) if r["half"] == "report"])

    def pool(self, cfg, drop_plv=None, drop_cls=None, dev_idx=None):
        Xs, ts, ys, ws = [], [], [], []
        keep = np.ones(len(self.plv), bool) if drop_plv is None else ~drop_plv
        Xs.append(self.Xplv[keep])
        ys.append(self.yplv[keep])
        ws.append(np.full(keep.sum(), 1.0))
        ts += [t for t, k in zip(self.Tplv, keep, strict=True) if k]
        nm = self.ycls_none.copy()
        if drop_cls is not None:
            nm &= ~drop_cls
        Xs.append(self.Xcls[nm])
        ys.append(np.full(nm.sum(), NONE))
        ws.append(np.full(nm.sum(), cfg["w_none"]))
        ts += [t for t, k in zip(self.Tcls, nm, strict=True) if k]
        if cfg["w_ngec"] > 0:
            Xs.append(self.Xngec)
            ys.append(self.yngec)
            ws.append(np.full(len(self.yngec), cfg["w_ngec"]))
            ts += list(self.Tngec)
        if dev_idx is not None and len(dev_idx):
            assert all(self.dev[i]["half"] == "tune" for i in dev_idx), "REPORT half in training"
            Xs.append(self.Xdev[dev_idx])
            ys.append(self.ydev[dev_idx])
            ws.append(np.full(len(dev_idx), cfg["w_dev"]))
            ts += [self.Tdev[i] for i in dev_idx]
        return np.vstack(Xs), ts, np.concatenate(ys), np.concatenate(ws)


def _no_none(P, classes):
    """Dev records are all events: the best non-none type."""
    cls = list(classes)
    P = P.copy()
    if NONE in cls:
        P[:, cls.index(NONE)] = -np.inf
    return np.array(cls, dtype=object)[P.argmax(1)]


def type_tune_cv(td: TypeData, grid: list[dict]) -> list[tuple[float, dict]]:
    """5-fold CV inside TUNE for each config: train on the pool + 4/5 TUNE, score the held
    1/5; pooled macro-F1 (classes >= 5) for each fusion weight alpha."""
    tune = td.tune
    y = td.ydev[tune]
    strat = np.array([lab if (y == lab).sum() >= 5 else "small" for lab in y])
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    folds = list(skf.split(tune, strat))
    results = []
    for cfg in grid:
        parts, order = [], []
        for tr, te in folds:
            X, ts, yy, w = td.pool(cfg, dev_idx=tune[tr])
            head = FusedHead(cfg["C"], cfg["C_lex"], 0.3).fit(X, ts, yy, w)
            parts.append(head.log_parts(td.Xdev[tune[te]], [td.Tdev[i] for i in tune[te]]))
            order.append(te)
        te = np.concatenate(order)
        le = np.vstack([p[0] for p in parts])
        ll = np.vstack([p[1] for p in parts])
        for a in ALPHAS:
            pred = _no_none(a * le + (1 - a) * ll, head.classes_)
            results.append((macro_f1_min5(list(y[te]), list(pred)), {**cfg, "alpha": a}))
        print(f"    tune-CV {cfg}: {max(r[0] for r in results[-len(ALPHAS) :]):.3f}", flush=True)
    return results


def type_report(td: TypeData, cfg) -> tuple[dict, FusedHead]:
    """The REPORT half scored once by the model trained on the pool + all of TUNE (the
    shipped type head is this very fit)."""
    X, ts, yy, w = td.pool(cfg, dev_idx=td.tune)
    clf = FusedHead(cfg["C"], cfg["C_lex"], cfg["alpha"]).fit(X, ts, yy, w)
    rep = td.report
    pred = _no_none(clf.predict_proba(td.Xdev[rep], [td.Tdev[i] for i in rep]), clf.classes_)
    y = list(td.ydev[rep])
    return {
        "macro_f1_min5": macro_f1_min5(y, list(pred)),
        "macro_f1_classes": macro_f1(list(zip(y, pred, strict=True)), MIN_SUPPORT)[1],
        "accuracy": float(np.mean(np.array(y) == pred)),
        "n": len(y),
    }, clf


def plv_type_cv(td: TypeData, cfg) -> float:
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    pred = np.empty(len(td.plv), dtype=object)
    texts = np.array([r["text"] for r in td.plv])
    clstexts = {r["text"] for r in td.cls}
    for _, te in skf.split(td.Xplv, td.yplv):
        drop = np.zeros(len(td.plv), bool)
        drop[te] = True
        held = set(texts[te])
        drop_cls = np.array([r["text"] in held for r in td.cls]) if clstexts & held else None
        X, ts, yy, w = td.pool(cfg, drop_plv=drop, drop_cls=drop_cls, dev_idx=td.tune)
        clf = FusedHead(cfg["C"], cfg["C_lex"], cfg["alpha"]).fit(X, ts, yy, w)
        pred[te] = _no_none(clf.predict_proba(td.Xplv[te], [td.Tplv[i] for i in te]), clf.classes_)
    gold = np.array([r["type"] for r in td.plv])
    ok = (pred == gold) | ((gold == "YIELD") & np.isin(pred, ["CONCEDE", "RETREAT"]))
    return float(ok.mean())


def quad_cv(td: TypeData, C: float, C_lex: float = 30.0, w_plv: float = 1.0):
    """Quad head (0 none .. 4 material conflict): 5-fold CV on ConfliBERT class, trained on
    the other folds + plv_train quads + TUNE dev quads; the fusion weight is chosen on it."""
    yc = np.array([r["quad"] for r in td.cls])
    yplv = np.array([r["quad"] for r in td.plv])
    ydevq = np.array([QUAD_OF[t] for t in td.ydev[td.tune]])
    Xrest = np.vstack([td.Xplv, td.Xdev[td.tune]])
    Trest = list(td.Tplv) + [td.Tdev[i] for i in td.tune]
    yrest = np.concatenate([yplv, ydevq])
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    le = np.zeros((len(yc), 5))
    ll = np.zeros((len(yc), 5))
    for tr, te in skf.split(td.Xcls, yc):
        X = np.vstack([td.Xcls[tr], Xrest])
        y = np.concatenate([yc[tr], yrest])
        w = np.concatenate([np.ones(len(tr)), np.full(len(yrest), w_plv)])
        clf = FusedHead(C, C_lex, 0.5).fit(X, [td.Tcls[i] for i in tr] + Trest, y, w)
        le[te], ll[te] = clf.log_parts(td.Xcls[te], [td.Tcls[i] for i in te])
    accs = {a: float(((a * le + (1 - a) * ll).argmax(1) == yc).mean()) for a in ALPHAS}
    alpha = max(accs, key=accs.get)
    X = np.vstack([td.Xcls, Xrest])
    y = np.concatenate([yc, yrest])
    w = np.concatenate([np.ones(len(yc)), np.full(len(yrest), w_plv)])
    return accs, alpha, FusedHead(C, C_lex, alpha).fit(X, list(td.Tcls) + Trest, y, w)


# ---------------------------------------------------------------- roles

ROLE_GRID = [(C, hs) for C in (0.01, 0.03, 0.1) for hs in (3.0, 10.0)]
"""(C, hand_scale) of the role head, chosen by CV."""
TARGET_TOP1 = 0.3
TARGET_MORE = 0.85


def _stack(items, idx):
    X = np.vstack([items[i]["X"] for i in idx if len(items[i]["y"])])
    y = np.concatenate([items[i]["y"] for i in idx if len(items[i]["y"])])
    return X, y


def _inside(h, spans):
    return any(s <= h[0] and h[1] <= e for s, e in spans)


class RoleHead:
    """Logistic regression over standardised embedding columns and scaled hand features."""

    def __init__(self, C, hand_scale):
        self.C, self.hand_scale = C, hand_scale

    def fit(self, X, y):
        self.std = Standardizer().fit(X)
        # hand features stay 0/1 (times hand_scale); only the embedding columns are standardised
        emb = sf.MENTION_EMB_DIM
        self.std.mean[emb:] = 0
        self.std.std[emb:] = 1 / self.hand_scale
        self.clf = fit_lr(self.std(X), y, C=self.C)
        self.classes_ = list(self.clf.classes_)
        return self

    def predict_proba(self, X):
        return self.clf.predict_proba(self.std(X))

    def export(self) -> tuple[np.ndarray, np.ndarray]:
        """(coef, intercept) acting on raw features: standardisation folded in."""
        coef = self.clf.coef_ / self.std.std
        icpt = self.clf.intercept_ - coef @ self.std.mean
        return coef.astype(np.float32), icpt.astype(np.float32)


def decode_targets(p, top1=TARGET_TOP1, more=TARGET_MORE):
    order = np.argsort(-p)
    return [m for n, m in enumerate(order) if (n == 0 and p[m] >= top1) or p[m] >= more]


def decode_pair(P, cls):
    a, r = cls.index("actor"), cls.index("recipient")
    J = np.outer(P[:, a], P[:, r])
    np.fill_diagonal(J, -1.0)
    if J.size == 0 or J.max() < 0:
        return None, None
    i, j = np.unravel_index(J.argmax(), J.shape)
    return int(i), int(j)


def role_cv(plv_items, plv_rows, ner_items, ner_rows, C, hand_scale):
    rng = np.random.RandomState(SEED)
    fp = rng.permutation(len(plv_items)) % 5
    fn = rng.permutation(len(ner_items)) % 5
    pair_ok = 0
    tp_h = fp_h = tp_e = 0
    n_gold_t = 0
    for k in range(5):
        Xa, ya = _stack(plv_items, np.where(fp != k)[0])
        Xb, yb = _stack(ner_items, np.where(fn != k)[0])
        head = RoleHead(C, hand_scale).fit(np.vstack([Xa, Xb]), np.concatenate([ya, yb]))
        cls = head.classes_
        for i in np.where(fp == k)[0]:
            it, r = plv_items[i], plv_rows[i]
            if not len(it["y"]):
                continue
            s, t = decode_pair(head.predict_proba(it["X"]), cls)
            if s is not None and t is not None:
                pair_ok += _inside(it["heads"][s], r["S"]) and _inside(it["heads"][t], r["T"])
        for i in np.where(fn == k)[0]:
            it, r = ner_items[i], ner_rows[i]
            gold_t = r.get("T", [])
            n_gold_t += len(gold_t)
            if not len(it["y"]):
                continue
            P = head.predict_proba(it["X"])
            matched = set()
            for m in decode_targets(P[:, cls.index("recipient")]):
                g = [
                    j
                    for j, (s, e) in enumerate(gold_t)
                    if s <= it["heads"][m][0] and it["heads"][m][1] <= e and j not in matched
                ]
                if g:
                    tp_h += 1
                    matched.add(g[0])
                    tp_e += tuple(it["mentions"][m]) == tuple(gold_t[g[0]])
                else:
                    fp_h += 1
    fn_h = n_gold_t - tp_h

    def f1(tp, fp_, fn_):
        return 2 * tp / max(2 * tp + fp_ + fn_, 1)

    fp_e, fn_e = (tp_h + fp_h) - tp_e, n_gold_t - tp_e
    return {
        "plv_pair_found": pair_ok / len(plv_items),
        "ner_target_f1_head": f1(tp_h, fp_h, fn_h),
        "ner_target_p_head": tp_h / max(tp_h + fp_h, 1),
        "ner_target_r_head": tp_h / max(n_gold_t, 1),
        "ner_target_f1_exact": f1(tp_e, fp_e, fn_e),
    }


# ---------------------------------------------------------------- all heads


TYPE_GRID = [
    {"C": C, "C_lex": C_lex, "w_ngec": 0.3, "w_none": 1.0, "w_dev": 1.0}
    for C in (0.1, 1.0)
    for C_lex in (10.0, 30.0)
]


def fit_heads(td: TypeData, plv_items, ner_items, ner_rows):
    """Choose each head's settings by CV, fit it; returns (figures, type, quad, role heads)."""
    t0 = time.time()
    fig: dict = {}
    res = type_tune_cv(td, TYPE_GRID)
    best_f1, cfg = max(res, key=lambda r: (r[0], -r[1]["alpha"]))
    rep, type_head = type_report(td, cfg)
    fig["type"] = {
        "config": cfg,
        "dev_split": "sitroom.evaluate.events.half_of (sha1 of record id)",
        "dev_tune_n": len(td.tune),
        "dev_tune_cv_macro_f1": best_f1,
        "dev_report": rep,
        "gap": abs(best_f1 - rep["macro_f1_min5"]),
    }
    print(f"type {json.dumps(fig['type'])}", flush=True)
    fig["type"]["plv_type_accuracy_cv"] = plv_type_cv(td, cfg)
    accs, qalpha, quad_head = quad_cv(td, C=cfg["C"])
    fig["quad"] = {
        "conflibert_quad_accuracy_cv_by_alpha": accs,
        "alpha": qalpha,
        "conflibert_quad_accuracy_cv": accs[qalpha],
    }
    print(f"plv type {fig['type']['plv_type_accuracy_cv']:.3f} quad {accs}", flush=True)
    best = None
    for C, hs in ROLE_GRID:
        r = role_cv(plv_items, td.plv, ner_items, ner_rows, C, hs)
        score = r["plv_pair_found"] + r["ner_target_f1_head"]
        print(f"roles C={C} hand_scale={hs}: {r}", flush=True)
        if best is None or score > best[0]:
            best = (score, C, hs, r)
    _, C, hs, r = best
    fig["roles"] = {
        "C": C,
        "hand_scale": hs,
        "target_top1_min": TARGET_TOP1,
        "target_more_min": TARGET_MORE,
        **r,
    }
    Xa, ya = _stack(plv_items, range(len(plv_items)))
    Xb, yb = _stack(ner_items, range(len(ner_items)))
    role_head = RoleHead(C, hs).fit(np.vstack([Xa, Xb]), np.concatenate([ya, yb]))
    print(f"heads done in {time.time() - t0:.0f}s", flush=True)
    return fig, type_head, quad_head, role_head


# ---------------------------------------------------------------- export / speed


def _fused(name: str, head: FusedHead) -> dict:
    vocab = head.vec.vocabulary_
    terms = [None] * len(vocab)
    for t, i in vocab.items():
        terms[i] = t
    coef = head.emb.coef_ / head.std.std
    icpt = head.emb.intercept_ - coef @ head.std.mean
    return {
        f"{name}_classes": [c.item() if hasattr(c, "item") else c for c in head.classes_],
        f"{name}_alpha": float(head.alpha),
        f"{name}_emb_coef": coef.astype(np.float32),
        f"{name}_emb_intercept": icpt.astype(np.float32),
        f"{name}_lex_coef": head.lex.coef_.astype(np.float32),
        f"{name}_lex_intercept": head.lex.intercept_.astype(np.float32),
        f"{name}_terms": terms,
        f"{name}_idf": head.vec.idf_.astype(np.float32),
    }


def payload(type_head, quad_head, role_head, figures) -> dict:
    coef, icpt = role_head.export()
    return {
        "format": heads.FORMAT,
        "features": "en_core_web_sm tok2vec (doc.tensor, 96) + dependency features + TF-IDF",
        "spacy_model": SPACY_MODEL,
        **_fused("type", type_head),
        **_fused("quad", quad_head),
        "role_classes": [str(c) for c in role_head.classes_],
        "role_coef": coef,
        "role_intercept": icpt,
        "role_target_top1": TARGET_TOP1,
        "role_target_more": TARGET_MORE,
        "hand_features": list(sf.HAND_NAMES),
        "figures": figures,
    }


def speed(w: dict, texts: list[str]) -> dict:
    """Sentences per second of the learned heads on one thread, spaCy parse excluded: type
    and quad scores, candidate mentions and their roles for every sentence."""
    from threadpoolctl import threadpool_limits

    docs = list(nlp().pipe(texts, batch_size=64))
    sents = [s for d in docs for s in d.sents]
    heads.load(w)
    with threadpool_limits(1):
        heads.type_scores(sents[:8])
        t0 = time.perf_counter()
        heads.type_scores(sents)
        heads.quad_scores(sents)
        for s in sents:
            heads.roles(s, heads.candidate_mentions(s))
        dt = time.perf_counter() - t0
    return {"sentences": len(sents), "seconds": dt, "sentences_per_s": len(sents) / dt}


# ---------------------------------------------------------------- main


def load_all(gold: Path):
    return (
        read_plv(gold),
        read_conflibert_class(gold),
        read_conflibert_ner(gold),
        read_ngec(gold),
        read_dev_rows(gold),
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "sitroom-learned-cache"
    )
    ap.add_argument("--eval-only", action="store_true", help="print figures, write nothing")
    ap.add_argument("--speed-n", type=int, default=300, help="texts timed for the speed figure")
    ap.add_argument("--roles-only", action="store_true", help="role CV grid only (no writing)")
    ap.add_argument("--roles-only-n", type=int, default=99, help="first N role grid points")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    np.random.seed(SEED)
    t0 = time.time()
    plv, cls, ner, ngec, dev = load_all(args.gold)
    data = {
        k: spacy_data(rows, args.cache, with_roles=k in ("plv", "ner"))
        for k, rows in (("plv", plv), ("cls", cls), ("ngec", ngec), ("dev", dev), ("ner", ner))
    }
    print(
        f"parsed in {time.time() - t0:.0f}s: plv {len(plv)}, cls {len(cls)}, ngec {len(ngec)}, "
        f"dev {len(dev)} (tune {sum(r['half'] == 'tune' for r in dev)}), ner {len(ner)}",
        flush=True,
    )
    feats = {k: (data[k]["X"], data[k]["terms"]) for k in ("plv", "cls", "ngec", "dev")}
    td = TypeData(plv, cls, ngec, dev, feats)
    if args.roles_only:
        for C, hs in ROLE_GRID[: args.roles_only_n]:
            r = role_cv(data["plv"]["items"], plv, data["ner"]["items"], ner, C, hs)
            print(f"roles C={C} hand_scale={hs}: {r}", flush=True)
        return 0
    figures, type_head, quad_head, role_head = fit_heads(
        td, data["plv"]["items"], data["ner"]["items"], ner
    )
    w = payload(type_head, quad_head, role_head, figures)
    speed_texts = [r["text"] for r in dev] + [r["text"] for r in plv]
    figures["speed"] = speed(w, speed_texts[: args.speed_n])
    figures["weights_mb"] = len(pickle.dumps(w, protocol=4)) / 1e6
    print(json.dumps(figures, indent=1), flush=True)
    if not args.eval_only:
        write(w, figures)
    print(f"done in {time.time() - t0:.0f}s")
    return 0


def write(w: dict, figures: dict) -> None:
    import joblib

    w["figures"] = figures
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    joblib.dump(w, OUT_DIR / WEIGHTS, compress=3)
    (OUT_DIR / FIGURES).write_text(json.dumps(figures, indent=1) + "\n")
    print(f"wrote {OUT_DIR / WEIGHTS} ({(OUT_DIR / WEIGHTS).stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    raise SystemExit(main())
