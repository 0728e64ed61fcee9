#!/usr/bin/env python3
"""Peer comparison for attribution: textacy's direct-quotation extractor (spaCy
en_core_web_sm) against newsgraph on PolNeAR dev, scored the same way, printed as one table.

Run by hand (not in CI): needs `pip install spacy textacy` and the en_core_web_sm model
(`python -m spacy download en_core_web_sm`; the official model is published on GitHub
releases, not PyPI), and a built newsgraph binary.

usage: scripts/peer_textacy.py [--polnear DIR] [--newsgraph BIN] [--limit N]

Scoring mirrors `newsgraph eval attribution`: one .ann per article (first in name order),
gold and predicted attributions paired one to one by largest content overlap (shared
letters/digits), content exact after trimming punctuation/quote marks, source and cue
overlap within pairs. newsgraph's predictions are read from `newsgraph analyze` JSON
(attributions nested in another's content are dropped, as PolNeAR annotates only the outer).
"""
import argparse
import json
import os
import subprocess
import sys

QUOTES = "\"'“”‘’«»„"


def read_split(d):
    anns = sorted(f for f in os.listdir(os.path.join(d, "attributions")) if f.endswith(".ann"))
    seen, out = set(), []
    for a in anns:
        name = a[: -len(".ann")].rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        text = open(os.path.join(d, "text", name + ".txt"), encoding="utf-8").read()
        spans, events = {}, []
        for line in open(os.path.join(d, "attributions", a), encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if len(p) < 2:
                continue
            if p[0].startswith("T"):
                kind, _, offs = p[1].partition(" ")
                try:
                    spans[p[0]] = (kind, [tuple(int(x) for x in r.split()) for r in offs.split(";")])
                except ValueError:
                    pass
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


def words(text, ranges):
    return {i for a, b in ranges for i in range(a, min(b, len(text))) if text[i].isalnum()}


def trimmed(text, ranges):
    s = " ".join(text[a:b] for a, b in ranges)
    s = s.strip("".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + QUOTES + "— \n\t")
    return " ".join(s.split())


def score(articles, preds):
    c = dict(pred=0, gold=0, exact_p=0, exact_r=0, hit=0, src=0, psrc=0, gsrc=0, cue=0, pcue=0, gcue=0)
    for (name, text, gold), pred in zip(articles, preds):
        c["pred"] += len(pred)
        c["gold"] += len(gold)
        gt = [trimmed(text, g["content"]) for g in gold]
        pt = [trimmed(text, p["content"]) for p in pred]
        c["exact_p"] += sum(p in gt for p in pt)
        c["exact_r"] += sum(g in pt for g in gt)
        gw = [words(text, g["content"]) for g in gold]
        pw = [words(text, p["content"]) for p in pred]
        pairs = sorted(((len(g & p), i, j) for i, g in enumerate(gw) for j, p in enumerate(pw) if g & p), key=lambda x: (-x[0], x[1], x[2]))
        gm, pm = {}, set()
        for o, i, j in pairs:
            if i not in gm and j not in pm:
                gm[i] = j
                pm.add(j)
        c["psrc"] += sum(bool(p["source"]) for p in pred)
        c["gsrc"] += sum(bool(g["source"]) for g in gold)
        c["pcue"] += sum(bool(p["cue"]) for p in pred)
        c["gcue"] += sum(bool(g["cue"]) for g in gold)
        for i, j in gm.items():
            c["hit"] += 1
            g, p = gold[i], pred[j]
            if g["source"] and p["source"] and words(text, g["source"]) & words(text, p["source"]):
                c["src"] += 1
            if g["cue"] and p["cue"] and words(text, g["cue"]) & words(text, p["cue"]):
                c["cue"] += 1
    return c


def prf(hp, n_p, hr, n_g):
    p = hp / n_p if n_p else 0.0
    r = hr / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_textacy(articles):
    import spacy
    from textacy.extract import triples

    nlp = spacy.load("en_core_web_sm")
    out = []
    for name, text, _ in articles:
        doc = nlp(text)
        preds = []
        try:
            for q in triples.direct_quotations(doc):
                span = lambda toks: [(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))] if toks else []
                preds.append({"source": span(q.speaker), "cue": span(q.cue), "content": span(q.content)})
        except ValueError:
            # textacy gives up on an article with an odd number of quotation marks.
            pass
        out.append(preds)
    return out


def run_newsgraph(articles, binary):
    out = []
    for name, text, _ in articles:
        res = subprocess.run([binary, "analyze", "--format", "json", "-"], input=text.encode(), capture_output=True, check=True)
        an = json.JSONDecoder().raw_decode(res.stdout.decode().lstrip())[0]
        doc_text = an["document"]["text"]
        shift = text.find(doc_text[:200]) if doc_text and not text.startswith(doc_text[:200]) else 0
        preds = []
        for a in an.get("attributions", []):
            cs, ce = a["content_start"] + max(shift, 0), a["content_end"] + max(shift, 0)
            def find(s):
                if not s:
                    return []
                k = text.rfind(s, 0, cs) if text.rfind(s, 0, cs) >= 0 else text.find(s, ce)
                return [(k, k + len(s))] if k >= 0 else []
            preds.append({"source": find(a.get("source_text")), "cue": find(a.get("cue")), "content": [(cs, ce)]})
        # Drop nested attributions, as `eval attribution` does.
        keep = [p for p in preds if not any(q is not p and q["content"][0][0] <= p["content"][0][0] and p["content"][0][1] <= q["content"][0][1]
                                            and (q["content"][0][1] - q["content"][0][0]) > (p["content"][0][1] - p["content"][0][0]) for q in preds)]
        out.append(keep)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", default=os.path.join(os.environ.get("NEWSGRAPH_DATA", "../shared/data"), "polnear"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--newsgraph", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "newsgraph"))
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    arts = read_split(os.path.join(a.polnear, a.split))
    if a.limit:
        arts = arts[: a.limit]
    systems = []
    try:
        systems.append(("textacy direct_quotations", run_textacy(arts)))
    except (ImportError, OSError) as e:
        print(f"textacy/spaCy unavailable ({e}); install spacy, textacy and en_core_web_sm to compare", file=sys.stderr)
    systems.append(("newsgraph", run_newsgraph(arts, a.newsgraph)))
    print(f"PolNeAR {a.split}: {len(arts)} articles")
    print("| system | content exact F1 | content overlap P | R | F1 | source overlap F1 | cue overlap F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, preds in systems:
        c = score(arts, preds)
        ex = prf(c["exact_p"], c["pred"], c["exact_r"], c["gold"])
        ov = prf(c["hit"], c["pred"], c["hit"], c["gold"])
        sr = prf(c["src"], c["psrc"], c["src"], c["gsrc"])
        cu = prf(c["cue"], c["pcue"], c["cue"], c["gcue"])
        print(f"| {name} | {ex[2]:.3f} | {ov[0]:.3f} | {ov[1]:.3f} | {ov[2]:.3f} | {sr[2]:.3f} | {cu[2]:.3f} |")


if __name__ == "__main__":
    main()
