#!/usr/bin/env python3
"""Peer comparison (run by hand, not in CI): spaCy vs newsgraph on the same pre-tokenised
dev sentences. Prints one table with NER micro F1 (CoNLL-2003 eng.testa, UNER EWT dev), POS
accuracy (EWT dev) and throughput for both systems.

Both systems are scored by this script with the same span matcher (exact span and type,
conlleval-style). Label mapping for both: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; for CoNLL,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE (and our internal MISC) -> MISC; everything
else (DATE, CARDINAL, ...) is ignored.

Usage:
    pip install spacy            # and a spaCy English pipeline, see below
    python3 scripts/peer_spacy.py --data ../shared/data --bin target/release/newsgraph \
        [--model en_core_web_sm] [--models models]

en_core_web_sm is not published on PyPI by Explosion (it ships from GitHub releases); pass
any installed spaCy pipeline package name with --model.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ONTO_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                 "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
                 "LAW": "MISC", "LANGUAGE": "MISC", "MISC": "MISC"}
ONTO_TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def spans_of_iob(tags):
    """Spans (start, end, type) of IOB1/IOB2 tags, as conlleval reads them."""
    out, open_ = [], None
    for i, t in enumerate(tags + ["O"]):
        bio, _, ty = t.partition("-")
        if open_ and not (bio == "I" and open_[1] == ty):
            out.append((open_[0], i, open_[1]))
            open_ = None
        if bio in ("B", "I") and open_ is None:
            open_ = (i, ty)
    return out


def read_conll2003(path):
    sents, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                sents.append((words, spans_of_iob(tags)))
                words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sents.append((words, spans_of_iob(tags)))
    return sents


def read_uner(path):
    sents, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 3:
            if words:
                sents.append((words, spans_of_iob(tags)))
                words, tags = [], []
            continue
        words.append(cols[1])
        tags.append(cols[2])
    if words:
        sents.append((words, spans_of_iob(tags)))
    return sents


def read_conllu(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if c[0].isdigit():
            cur.append((c[1], c[3], c[4]))
    if cur:
        sents.append(cur)
    return sents


def f1(gold, pred):
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    np_, ng = sum(map(len, pred)), sum(map(len, gold))
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def mapped(spans, table):
    return [(a, b, table[t]) for a, b, t in spans if t in table]


def run_spacy(nlp, sentences):
    """Run the pipeline on pre-tokenised sentences; returns (docs, seconds)."""
    from spacy.tokens import Doc
    docs = [Doc(nlp.vocab, words=w) for w in sentences]
    t = time.perf_counter()
    out = list(nlp.pipe(docs, batch_size=256))
    return out, time.perf_counter() - t


def run_ours(binary, models, fmt, text):
    with tempfile.NamedTemporaryFile("w", suffix="." + fmt, delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    cmd = [binary, "tag", "--input", fmt, path] + (["--models", models] if models else [])
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    secs = time.perf_counter() - t
    os.unlink(path)
    return out, secs


def ours_ner(binary, models, sentences):
    text = "\n\n".join("\n".join(w) for w in sentences) + "\n"
    out, secs = run_ours(binary, models, "conll", text)
    preds, tags = [], []
    for line in out.split("\n"):
        if not line.strip():
            if tags:
                preds.append(spans_of_iob(tags))
                tags = []
            continue
        tags.append(line.split()[-1])
    return preds, secs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.environ.get("NEWSGRAPH_DATA", "../shared/data"))
    ap.add_argument("--bin", default="target/release/newsgraph")
    ap.add_argument("--models", default=None)
    ap.add_argument("--model", default="en_core_web_sm")
    a = ap.parse_args()
    try:
        import spacy
        nlp = spacy.load(a.model)
        peer = f"spaCy {spacy.__version__} {a.model} {nlp.meta.get('version', '')}"
    except Exception as e:  # noqa: BLE001 - report and go on with our numbers alone
        print(f"spaCy pipeline {a.model!r} unavailable ({e}); printing newsgraph only", file=sys.stderr)
        nlp, peer = None, None

    conll = read_conll2003(os.path.join(a.data, "conll2003/eng.testa"))
    uner = read_uner(os.path.join(a.data, "uner_english_ewt/en_ewt-ud-dev.iob2"))
    ewt = read_conllu(os.path.join(a.data, "ud_english_ewt/en_ewt-ud-dev.conllu"))
    rows = []
    for name, sents, table in [("CoNLL-2003 eng.testa NER F1", conll, ONTO_TO_CONLL), ("UNER EWT dev NER F1", uner, ONTO_TO_UNER)]:
        words = [w for w, _ in sents]
        gold = [s for _, s in sents]
        ntok = sum(map(len, words))
        preds, secs = ours_ner(a.bin, a.models, words)
        ours = (f1(gold, [mapped(p, table) for p in preds]), ntok / secs)
        theirs = None
        if nlp is not None:
            docs, secs = run_spacy(nlp, words)
            pred = [mapped([(e.start, e.end, e.label_) for e in d.ents], table) for d in docs]
            theirs = (f1(gold, pred), ntok / secs)
        rows.append((name, ours, theirs))
    # POS on EWT dev (gold tokens).
    words = [[w for w, _, _ in s] for s in ewt]
    ntok = sum(map(len, words))
    text = "\n\n".join("\n".join(f"{i+1}\t{w}\t_\t_\t_\t_\t_\t_\t_\t_" for i, w in enumerate(s)) for s in words) + "\n"
    out, secs = run_ours(a.bin, a.models, "conllu", text)
    pred = [l.split("\t") for l in out.split("\n") if l and not l.startswith("#")]
    gold = [t for s in ewt for t in s]
    up = sum(p[3] == g[1] for p, g in zip(pred, gold)) / len(gold)
    xp = sum(p[4] == g[2] for p, g in zip(pred, gold)) / len(gold)
    theirs_pos = None
    if nlp is not None:
        docs, s2 = run_spacy(nlp, words)
        toks = [t for d in docs for t in d]
        theirs_pos = (sum(t.pos_ == g[1] for t, g in zip(toks, gold)) / len(gold),
                      sum(t.tag_ == g[2] for t, g in zip(toks, gold)) / len(gold), ntok / s2)
    print(f"| measure | newsgraph | {peer or 'spaCy (not installed)'} |")
    print("|---|---|---|")
    for name, ours, theirs in rows:
        t = f"{theirs[0]:.3f} ({theirs[1]:,.0f} tok/s)" if theirs else "n/a"
        print(f"| {name} | {ours[0]:.3f} ({ours[1]:,.0f} tok/s) | {t} |")
    t = f"{theirs_pos[0]:.3f} / {theirs_pos[1]:.3f} ({theirs_pos[2]:,.0f} tok/s)" if theirs_pos else "n/a"
    print(f"| EWT dev UPOS / XPOS | {up:.3f} / {xp:.3f} ({ntok / secs:,.0f} tok/s) | {t} |")
    print("\nnewsgraph tok/s include process start, model loading and I/O of `newsgraph tag`;"
          " spaCy tok/s time nlp.pipe over pre-built Docs only.")


if __name__ == "__main__":
    main()
