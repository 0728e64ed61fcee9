#!/usr/bin/env python3
"""How much a projective parser can lose on the UD dev sets (models/MODELS.md, parser.bin).

For EWT dev and GUM dev: sentences with crossing arcs, and the heads that projectivisation
moves (Nivre & Nilsson 2005: lift the shortest non-projective arc to its head's head until
none is left). A projective parser scores at most 1 - moved / words UAS.

Usage: python3 scripts/projectivity.py DATA   (DATA: the shared/data layout)
"""
import glob
import gzip
import os
import sys


def sentences(path):
    """Heads (1-based, 0 = root) of each sentence; multiword and empty nodes skipped."""
    opener = gzip.open if path.endswith(".gz") else open
    heads = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if heads:
                    yield heads
                heads = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" not in cols[0] and "." not in cols[0]:
                    heads.append(int(cols[6]))
    if heads:
        yield heads


def dominates(heads, h, w):
    while w != 0:
        if w == h:
            return True
        w = heads[w - 1]
    return h == 0


def non_projective(heads, d):
    h = heads[d - 1]
    return any(not dominates(heads, h, k) for k in range(min(h, d) + 1, max(h, d)))


def lifted(heads):
    heads = list(heads)
    while True:
        bad = [d for d in range(1, len(heads) + 1) if non_projective(heads, d)]
        if not bad:
            return heads
        d = min(bad, key=lambda d: abs(heads[d - 1] - d))
        heads[d - 1] = heads[heads[d - 1] - 1]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = sys.argv[1]
    sets = [
        ("EWT dev", [os.path.join(data, "ud_english_ewt/en_ewt-ud-dev.conllu")]),
        ("GUM dev", sorted(glob.glob(os.path.join(data, "gum/dep/dev/*.conllu.gz")))),
    ]
    for name, files in sets:
        if not files or not all(os.path.exists(f) for f in files):
            sys.exit(f"{name}: no files under {data} (give the shared/data directory)")
        words = sents = crossing = moved = 0
        for f in files:
            for heads in sentences(f):
                words += len(heads)
                sents += 1
                proj = lifted(heads)
                changed = sum(a != b for a, b in zip(heads, proj))
                crossing += changed > 0
                moved += changed
        print(f"{name}: {sents} sentences, {crossing} with crossing arcs ({crossing / sents:.1%}); "
              f"projectivisation moves {moved} of {words} heads ({moved / words:.2%}): "
              f"projective UAS ceiling {1 - moved / words:.4f}")


if __name__ == "__main__":
    main()
