#!/usr/bin/env python3
"""Tree revision after the greedy parser: the session-13 experiment of models/MODELS.md.

A second, arc-level classifier looks again at every word's head and may move it to a word
near the parser's choice: the head's head, another dependent of the head, or the head's
head's head (the neighbourhood that holds the gold head for 66% of the parser's wrong
heads on EWT dev). It is an averaged perceptron that ranks those candidates with features
of the word, the candidate, their tags, the parser's labels, distance, direction and what
lies between (Hall & Novák 2005, Attardi & Ciaramita 2007). Moves are applied from the most
confident down, never making a cycle.

The reviser must learn from parses with the errors the parser makes on unseen text, so the
training trees (EWT train + GUM train) are parsed by jackknifing: for each of 4 folds a
tagger and a one-seed parser are trained on the other three folds with this repository's
`newsgraph train`, then tag and parse the fold (`newsgraph tag --input conllu`). EWT dev is
parsed by the shipped models. This is a measurement script, not a stage of the engine.

Usage: python3 scripts/parser_revision.py BIN DATA WORKDIR [EPOCHS]
  BIN: target/release/newsgraph; DATA: the shared/data layout; WORKDIR: scratch space
  (about 150 MB; the fold models are kept there, so a rerun skips the training).
It takes about 15 minutes on 2 cores (two folds train at once), then about 6 minutes of
perceptron training in Python.
"""
import glob
import gzip
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from peer_common import read_conllu

FOLDS = 4


def conllu_sentences(path):
    """Raw CoNLL-U sentence blocks (comments included)."""
    opener = gzip.open if path.endswith(".gz") else open
    block = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            block.append(line)
            if not line.strip():
                if any(l.strip() and not l.startswith("#") for l in block):
                    yield "".join(block)
                block = []
    if any(l.strip() and not l.startswith("#") for l in block):
        yield "".join(block) + "\n"


def make_folds(data, work):
    """Write fold k's training data (the other folds, as an EWT-train file, with the real
    dev sets linked in) and its held-out sentences."""
    train = list(conllu_sentences(f"{data}/ud_english_ewt/en_ewt-ud-train.conllu"))
    for f in sorted(glob.glob(f"{data}/gum/dep/train/*.conllu.gz")):
        train += list(conllu_sentences(f))
    for k in range(FOLDS):
        d = f"{work}/fold{k}"
        os.makedirs(f"{d}/ud_english_ewt", exist_ok=True)
        os.makedirs(f"{d}/gum/dep/train", exist_ok=True)
        os.makedirs(f"{d}/models", exist_ok=True)
        with open(f"{d}/ud_english_ewt/en_ewt-ud-train.conllu", "w", encoding="utf-8") as out:
            out.writelines(s for i, s in enumerate(train) if i % FOLDS != k)
        with open(f"{d}/held.conllu", "w", encoding="utf-8") as out:
            out.writelines(s for i, s in enumerate(train) if i % FOLDS == k)
        for src, dst in [(f"{data}/ud_english_ewt/en_ewt-ud-dev.conllu", f"{d}/ud_english_ewt/en_ewt-ud-dev.conllu"), (f"{data}/gum/dep/dev", f"{d}/gum/dep/dev")]:
            if not os.path.exists(dst):
                os.symlink(os.path.abspath(src), dst)
        # `tag` loads every model of the directory: the shipped ones, except tagger and parser.
        for m in glob.glob("models/*.bin"):
            dst = f"{d}/models/{os.path.basename(m)}"
            if os.path.basename(m) not in ("tagger.bin", "parser.bin") and not os.path.exists(dst):
                os.symlink(os.path.abspath(m), dst)


def run_fold(binary, k, work):
    d = f"{work}/fold{k}"
    if os.path.exists(f"{d}/held.pred.conllu"):
        return
    subprocess.run([binary, "train", "tagger", "--data", d, "--out", f"{d}/models/tagger.bin", "--seed", "1"], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([binary, "train", "parser", "--data", d, "--out", f"{d}/models/parser.bin", "--tagger", f"{d}/models/tagger.bin",
                    "--jackknife", "4", "--epochs", "12", "--clusters", "models/clusters.bin", "--seeds", "1",
                    "--prune-moves", "1.0", "--prune-labels", "0.8"], check=True, stderr=subprocess.DEVNULL)
    with open(f"{d}/held.pred.conllu.tmp", "w", encoding="utf-8") as out:
        subprocess.run([binary, "tag", "--input", "conllu", "--models", f"{d}/models", f"{d}/held.conllu"], check=True, stdout=out, stderr=subprocess.DEVNULL)
    os.rename(f"{d}/held.pred.conllu.tmp", f"{d}/held.pred.conllu")


def read(path):
    """Per sentence: (form, upos, xpos, head, universal relation) of each word."""
    return [[(f, u, x, h, rel.split(":")[0]) for f, u, x, h, rel in sent] for sent in read_conllu(path)]


class Sent:
    """A parsed sentence (1-based arrays, index 0 = root) with its gold heads."""

    def __init__(self, pred, gold):
        self.n = len(pred)
        self.w = ["<root>"] + [t[0].lower() for t in pred]
        self.u = ["ROOT"] + [t[1] for t in pred]
        self.x = ["ROOT"] + [t[2] for t in pred]
        self.ph = [-1] + [t[3] for t in pred]
        self.pl = ["_"] + [t[4] for t in pred]
        self.gh = [-1] + [t[3] for t in gold]
        self.kids = [[] for _ in range(self.n + 1)]
        for d in range(1, self.n + 1):
            self.kids[self.ph[d]].append(d)
        self.verbs, self.puncts = [0] * (self.n + 2), [0] * (self.n + 2)
        for i in range(1, self.n + 1):
            self.verbs[i] = self.verbs[i - 1] + (self.u[i] == "VERB")
            self.puncts[i] = self.puncts[i - 1] + (self.u[i] == "PUNCT")

    def descendants(self, d):
        out, stack = set(), [d]
        while stack:
            for k in self.kids[stack.pop()]:
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out


def candidates(s, d):
    """(candidate head, its relation to the parser's head); the parser's own head first."""
    h = s.ph[d]
    if h == 0:
        return [(0, "self")]
    out = {h: "self"}
    gp = s.ph[h]
    if gp > 0:
        out.setdefault(gp, "gp")
    for k in s.kids[h]:
        if k != d:
            out.setdefault(k, "sib")
    if gp > 0 and s.ph[gp] > 0:
        out.setdefault(s.ph[gp], "ggp")
    below = s.descendants(d)
    return [(c, r) for c, r in out.items() if c not in below]


def bucket(x):
    x = abs(x)
    return x if x <= 4 else (5 if x <= 7 else 8)


def features(s, d, c, rel):
    h = s.ph[d]
    side, dist = ("L" if c < d else "R"), str(bucket(c - d))
    td, tc, th = s.x[d], s.x[c], s.x[h]
    ld, lc = s.pl[d], s.pl[c]
    lo, hi = min(c, d), max(c, d)
    verbs = str(min(s.verbs[hi - 1] - s.verbs[lo], 2)) if hi - 1 >= lo else "0"
    puncts = str(min(s.puncts[hi - 1] - s.puncts[lo], 2)) if hi - 1 >= lo else "0"
    same_label = str(any(s.pl[k] == ld for k in s.kids[c] if k != d))
    before_c = s.x[c - 1] if c > 0 else "BOS"
    after_c = s.x[c + 1] if c < s.n else "EOS"
    after_d = s.x[d + 1] if d < s.n else "EOS"
    return [
        "r" + rel, "rd" + rel + side + dist,
        "tt" + rel + td + "|" + tc, "ttd" + rel + td + "|" + tc + side, "ttdd" + rel + td + "|" + tc + side + dist,
        "uu" + rel + s.u[d] + "|" + s.u[c] + side,
        "lt" + rel + ld + "|" + tc, "ltt" + rel + ld + "|" + tc + "|" + td,
        "ll" + rel + ld + "|" + lc, "llt" + rel + ld + "|" + lc + "|" + tc,
        "th" + rel + td + "|" + tc + "|" + th,
        "v" + rel + verbs + ld, "p" + rel + puncts + ld, "vp" + rel + verbs + puncts + td + tc,
        "nk" + rel + str(min(len(s.kids[c]), 4)) + tc, "sl" + rel + same_label + ld,
        "wt" + rel + s.w[d] + "|" + tc, "tw" + rel + td + "|" + s.w[c], "ww" + rel + s.w[d] + "|" + s.w[c],
        "wl" + rel + s.w[c] + "|" + ld,
        "nb" + rel + td + "|" + tc + "|" + before_c + "|" + after_c,
        "db" + rel + td + "|" + tc + "|" + s.x[d - 1] + "|" + after_d,
    ]


class Perceptron:
    """Averaged perceptron over string features, lazily averaged."""

    def __init__(self):
        self.w, self.total, self.stamp, self.clock = {}, {}, {}, 0

    def score(self, feats):
        return sum(self.w.get(f, 0.0) for f in feats)

    def update(self, feats, delta):
        for f in feats:
            self.total[f] = self.total.get(f, 0.0) + (self.clock - self.stamp.get(f, 0)) * self.w.get(f, 0.0)
            self.stamp[f] = self.clock
            self.w[f] = self.w.get(f, 0.0) + delta

    def averaged(self):
        out = {}
        for f, w in self.w.items():
            avg = (self.total.get(f, 0.0) + (self.clock - self.stamp.get(f, 0)) * w) / max(self.clock, 1)
            if abs(avg) > 1e-6:
                out[f] = avg
        return out


def train(sents, epochs):
    """One averaged model per epoch, trained on the words whose gold head is a candidate."""
    data = []
    for s in sents:
        for d in range(1, s.n + 1):
            cands = candidates(s, d)
            if len(cands) > 1 and s.gh[d] in [c for c, _ in cands]:
                data.append((s.gh[d], [(c, features(s, d, c, r)) for c, r in cands]))
    model, rng, out = Perceptron(), random.Random(1), []
    for _ in range(epochs):
        rng.shuffle(data)
        for gold, cands in data:
            model.clock += 1
            guess = max(cands, key=lambda t: model.score(t[1]))
            if guess[0] != gold:
                model.update(next(f for c, f in cands if c == gold), 1.0)
                model.update(guess[1], -1.0)
        out.append(model.averaged())
    return out


def revise(weights, s, margin):
    """The revised heads: moves whose score beats the parser's head by `margin`, most
    confident first, each kept only if it makes no cycle."""
    moves = []
    for d in range(1, s.n + 1):
        cands = candidates(s, d)
        if len(cands) < 2:
            continue
        scored = [(sum(weights.get(f, 0.0) for f in features(s, d, c, r)), c) for c, r in cands]
        own = next(sc for sc, c in scored if c == s.ph[d])
        best = max(scored)
        if best[1] != s.ph[d] and best[0] - own > margin:
            moves.append((best[0] - own, d, best[1]))
    heads = s.ph[:]
    for _, d, c in sorted(moves, reverse=True):
        x, steps = c, 0
        while x > 0 and x != d and steps <= s.n:
            x, steps = heads[x], steps + 1
        if x != d:
            heads[d] = c
    return heads


def uas(sents, weights=None, margin=0.0):
    words = right = 0
    for s in sents:
        heads = revise(weights, s, margin) if weights is not None else s.ph
        words += s.n
        right += sum(heads[d] == s.gh[d] for d in range(1, s.n + 1))
    return right / words


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, data, work = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    os.makedirs(work, exist_ok=True)
    make_folds(data, work)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda k: run_fold(binary, k, work), range(FOLDS)))
    dev_pred = f"{work}/ewt-dev.pred.conllu"
    if not os.path.exists(dev_pred):
        with open(dev_pred, "w", encoding="utf-8") as out:
            subprocess.run([binary, "tag", "--input", "conllu", f"{data}/ud_english_ewt/en_ewt-ud-dev.conllu"], check=True, stdout=out, stderr=subprocess.DEVNULL)
    training = []
    for k in range(FOLDS):
        training += [Sent(p, g) for p, g in zip(read(f"{work}/fold{k}/held.pred.conllu"), read(f"{work}/fold{k}/held.conllu"))]
    dev = [Sent(p, g) for p, g in zip(read(dev_pred), read(f"{data}/ud_english_ewt/en_ewt-ud-dev.conllu"))]
    print(f"jackknifed training parses: UAS {uas(training):.4f}; EWT dev, shipped parser: UAS {uas(dev):.4f}")
    for epoch, weights in enumerate(train(training, epochs), 1):
        row = " ".join(f"margin {m:g}: {uas(dev, weights, m):.4f}" for m in (0.0, 1.0, 3.0))
        print(f"epoch {epoch}: EWT dev UAS after revision, {row}")


if __name__ == "__main__":
    main()
