#!/usr/bin/env python3
"""Learn the attribution cue lexicon from PolNeAR train and write it as data.

For every word form (lowercased) this counts how often it is part of an annotated Cue span
and how often it occurs at all in the training texts; words seen as a cue at least
MIN_CUE times are written as `form<TAB>cue_count<TAB>total_count`, most frequent first.
The Rust attributor reads the file (crates/extract/data/cues.tsv) and keeps the forms whose
ratio cue_count/total_count passes its threshold, so the lexicon is measured, not typed.

usage: scripts/polnear_cues.py [POLNEAR_DIR] > crates/extract/data/cues.tsv
(for articles with several annotators the first .ann in name order is used)
"""
import collections
import os
import re
import sys

MIN_CUE = 3
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("NEWSGRAPH_DATA", "../shared/data"), "polnear")
    split = os.path.join(root, "train")
    anns = collections.defaultdict(list)
    for name in sorted(os.listdir(os.path.join(split, "attributions"))):
        if name.endswith(".ann"):
            anns[name.rsplit("_", 1)[0]].append(name)
    cue = collections.Counter()
    total = collections.Counter()
    for art in sorted(anns):
        text = open(os.path.join(split, "text", art + ".txt"), encoding="utf-8").read()
        for m in WORD.finditer(text):
            total[m.group().lower().replace("’", "'")] += 1
        for line in open(os.path.join(split, "attributions", anns[art][0]), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, _, offs = parts[1].partition(" ")
            if kind != "Cue":
                continue
            for piece in offs.split(";"):
                a, b = (int(x) for x in piece.split())
                for m in WORD.finditer(text[a:b]):
                    cue[m.group().lower().replace("’", "'")] += 1
    print("# form\tcue_count\ttotal_count  (PolNeAR train, scripts/polnear_cues.py)")
    for w, n in sorted(cue.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_CUE:
            print(f"{w}\t{n}\t{max(total[w], n)}")


if __name__ == "__main__":
    main()
