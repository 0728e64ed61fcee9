#!/usr/bin/env python3
"""Error classes of the attribution stage on PolNeAR dev, from `eval attribution --dump`.

Usage:
    newsgraph eval attribution --polnear ../shared/data/polnear --dump /tmp/attr.jsonl
    python3 scripts/attribution_errors.py /tmp/attr.jsonl [CLASS [N]]

Counts, over the pairing `eval attribution` made (records sharing a cue merged):
- content: gold missed with a prediction overlapping it that was paired with another gold
  (`content_miss:merged`) or with none (`content_miss:none`); predictions paired with no gold
  that overlap a gold content (`fp:split`, a second piece of one gold) or none (`fp:none`),
  with or without a source;
- sources of gold that has one: lost with the attribution (`src_gold_missed_att`), right
  (`src_ok`), none predicted (`src_pred_none:*`) or another one (`src_wrong:*`), tagged
  `goldpron` (the gold source is a pronoun), `outsent` (the gold source is in another sentence
  than the cue), `cuebad` (the predicted cue does not overlap the gold one) or `nocue` (no
  predicted cue); sources predicted where the gold has none (`src_fp_gold_none`).
With CLASS, prints N random examples of it (seeded). Reads only the dump; run by hand.
"""
import bisect
import collections
import json
import random
import sys

PRONOUNS = set("he she they it we i you him her them us me who which this that his its their".split())


def word_chars(text, ranges):
    return {i for a, b in ranges for i in range(a, min(b, len(text))) if text[i].isalnum()}


def show(text, ranges):
    return " | ".join(text[a:b] for a, b in ranges)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    counts, examples = collections.Counter(), collections.defaultdict(list)
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        t, gold, pred, pairing, toks, sents = d["text"], d["gold"], d["pred"], d["pairing"], d["tokens"], d["sentences"]
        starts = [tk[0] for tk in toks]

        def sentence_of(c):
            k = max(0, bisect.bisect_right(starts, c) - 1)
            return next((i for i, (f, e) in enumerate(sents) if f <= k < e), -1)

        paired = {j for j in pairing if j is not None}
        gw = [word_chars(t, g["content"]) for g in gold]
        pw = [word_chars(t, p["content"]) for p in pred]
        for i, g in enumerate(gold):
            j = pairing[i]
            if j is None:
                cls = "content_miss:merged" if any(pw[k] & gw[i] for k in range(len(pred))) else "content_miss:none"
                counts[cls] += 1
                examples[cls].append((d["name"], show(t, g["source"]), show(t, g["cue"]), show(t, g["content"])[:150]))
                if g["source"]:
                    counts["src_gold_missed_att"] += 1
                continue
            p = pred[j]
            if not g["source"]:
                if p["source"]:
                    counts["src_fp_gold_none"] += 1
                    examples["src_fp_gold_none"].append((d["name"], show(t, p["source"]), show(t, p["cue"]), show(t, g["content"])[:100]))
                continue
            if p["source"] and word_chars(t, g["source"]) & word_chars(t, p["source"]):
                counts["src_ok"] += 1
                continue
            tags = []
            if show(t, g["source"]).strip().lower() in PRONOUNS:
                tags.append("goldpron")
            anchor = (g["cue"] or g["content"])[0][0]
            if sentence_of(g["source"][0][0]) != sentence_of(anchor):
                tags.append("outsent")
            cue_ok = g["cue"] and p["cue"] and word_chars(t, g["cue"]) & word_chars(t, p["cue"])
            if not cue_ok:
                tags.append("cuebad" if p["cue"] else "nocue")
            cls = ("src_wrong:" if p["source"] else "src_pred_none:") + (",".join(tags) or "plain")
            counts[cls] += 1
            examples[cls].append((d["name"], "gold " + show(t, g["source"]), "got " + show(t, p["source"]),
                                  "gold cue " + show(t, g["cue"]), "cue " + show(t, p["cue"]), show(t, g["content"])[:90]))
        for j, p in enumerate(pred):
            if j in paired:
                continue
            cls = "fp:split" if any(pw[j] & g for g in gw) else "fp:none"
            counts[cls + (":src" if p["source"] else ":nosrc")] += 1
            examples[cls].append((d["name"], p.get("kind", ""), show(t, p["source"]), show(t, p["cue"]), show(t, p["content"])[:150]))
    for k, v in sorted(counts.items()):
        print(f"{k:40} {v}")
    if len(sys.argv) > 2:
        rng = random.Random(0)
        pool = examples[sys.argv[2]]
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
        for e in rng.sample(pool, min(n, len(pool))):
            print(e)


if __name__ == "__main__":
    main()
