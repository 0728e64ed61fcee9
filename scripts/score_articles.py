#!/usr/bin/env python3
"""Score newsgraph on a folder of hand-annotated articles in the seed's gold format.

For every DIR/NAME.txt that has a DIR/NAME.gold.json (the format of
../shared/seed/wagner-belarus.gold.json), this runs `BIN analyze --format json` on the
article (with `--published` from DIR/published.tsv, `NAME<TAB>YYYY-MM-DD`, when listed),
scores it with ../shared/tools/score_analysis.py, and prints per article and summed over
all articles (micro-averaged): quote recall and quote-speaker recall, attribution recall,
recall with the right source, and attribution precision, plus entity recall/precision.
With -v it prints the scorer's misses and unexpected attributions. With --sections it also
prints each article's recall in all eight sections of the scorer (document, entities,
quotes, attributions, relations, times, amounts, events) and their means over the
articles (an article with nothing required in a section counts 1.0, as the scorer says),
with the mean entity precision and the mean of the eight ("overall", the scorer's own
summary figure). Several DIRs may be given; the totals then cover all of them.

usage: scripts/score_articles.py BIN DIR [DIR ...] [--models MODELS_DIR] [--scorer SCORE_ANALYSIS_PY] [-v] [--sections]

The point is a check on articles the project never tuned on: such a folder (news texts are
their publishers' copyright) lives outside the repository; MODELS.md gives its figures.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys


SECTIONS = ["document", "entities", "quotes", "attributions", "relations", "times", "amounts", "events"]


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_analysis", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bin")
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    ap.add_argument("--models")
    ap.add_argument("--scorer", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools", "score_analysis.py"))
    ap.add_argument("-v", action="store_true", help="print misses and unexpected attributions")
    ap.add_argument("--sections", action="store_true", help="print the recall of all eight sections per article and their means")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    articles = []  # (dir, name, published date or None)
    for d in args.dirs:
        published = {}
        dates = os.path.join(d, "published.tsv")
        if os.path.exists(dates):
            for line in open(dates, encoding="utf-8"):
                if line.strip() and not line.startswith("#"):
                    name, date = line.rstrip("\n").split("\t")[:2]
                    published[name] = date
        names = sorted(f[:-len(".gold.json")] for f in os.listdir(d) if f.endswith(".gold.json") and os.path.exists(os.path.join(d, f[:-len(".gold.json")] + ".txt")))
        if not names:
            sys.exit(f"{d}: no NAME.txt with a NAME.gold.json beside it")
        articles += [(d, name, published.get(name)) for name in names]
    total = dict.fromkeys(["quotes", "quote_hit", "speaker", "atts", "att_hit", "source", "predicted", "matched"], 0)
    sections = {k: [] for k in SECTIONS}
    entity_precision = []
    for d, name, date in articles:
        cmd = [args.bin, "analyze", "--format", "json", os.path.join(d, name + ".txt")]
        if date:
            cmd += ["--published", date]
        if args.models:
            cmd += ["--models", args.models]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{name}: analyze failed: {done.stderr.strip()[-500:]}")
        analysis = json.loads(done.stdout)
        gold = json.load(open(os.path.join(d, name + ".gold.json"), encoding="utf-8"))
        res = scorer.score(gold, analysis)
        q, a, e = res["quotes"], res["attributions"], res["entities"]
        nq, na, npred = len(gold["quotes"]["required"]), len(gold["attributions"]["required"]), len(analysis.get("attributions", []))
        total["quotes"] += nq
        total["quote_hit"] += round(q["recall"] * nq)
        total["speaker"] += round(q["speaker_recall"] * nq)
        total["atts"] += na
        total["att_hit"] += round(a["recall"] * na)
        total["source"] += round(a["source_recall"] * na)
        total["predicted"] += npred
        total["matched"] += round(a["precision"] * npred)
        for k in SECTIONS:
            sections[k].append(res[k]["recall"])
        entity_precision.append(e["precision"])
        print(f"{name:24} quotes {q['recall']:.2f} speakers {q['speaker_recall']:.2f} | attributions R {a['recall']:.2f}"
              f" with source {a['source_recall']:.2f} P {a['precision']:.2f} | entities R {e['recall']:.2f} P {e['precision']:.2f}")
        if args.sections:
            print(" " * 24 + " " + " ".join(f"{k} {res[k]['recall']:.2f}" for k in SECTIONS))
        if args.v:
            for m in q["missed"] + a["missed"]:
                print("    missed", m)
            for u in a["unexpected"]:
                print("    unexpected", u)
            if args.sections:
                for k in ("entities", "relations", "times", "amounts", "events"):
                    for m in res[k].get("missed", []):
                        print(f"    missed {k}: {m}")
    t = total
    ratio = lambda x, y: x / y if y else 1.0
    print(f"{'all (' + str(len(articles)) + ' articles)':24} quotes {ratio(t['quote_hit'], t['quotes']):.3f} speakers {ratio(t['speaker'], t['quotes']):.3f} | "
          f"attributions R {ratio(t['att_hit'], t['atts']):.3f} with source {ratio(t['source'], t['atts']):.3f} P {ratio(t['matched'], t['predicted']):.3f}"
          f" ({t['quotes']} quotes, {t['atts']} attributions, {t['predicted']} predicted)")
    if args.sections:
        mean = lambda xs: sum(xs) / len(xs)
        means = {k: mean(v) for k, v in sections.items()}
        print("mean recall per article: " + " ".join(f"{k} {v:.3f}" for k, v in means.items())
              + f" | entity precision {mean(entity_precision):.3f} | overall {mean(list(means.values())):.3f}")


if __name__ == "__main__":
    main()
