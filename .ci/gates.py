#!/usr/bin/env python3
"""Quality gates: run each evaluation on the dev corpora and check its figures against the
targets of the issues. Prints one line per check and exits non-zero if any fails.
usage: gates.py BIN DATA_DIR SHARED_DIR"""
import json
import subprocess
import sys
import tempfile
import time

BIN, DATA, SHARED = sys.argv[1:4]
failures = []


def run_json(args):
    started = time.time()
    out = subprocess.run([BIN] + args, check=True, capture_output=True, text=True).stdout
    return json.loads(out), time.time() - started


def check(name, value, minimum):
    ok = value >= minimum
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {value:.4f} (target >= {minimum})", flush=True)
    if not ok:
        failures.append(name)


# Segmentation (issue 2): token and sentence F1 on UD dev.
rows, secs = run_json(["eval", "segment", "--json", "--conllu",
                       f"{DATA}/ud_english_ewt/en_ewt-ud-dev.conllu", f"{DATA}/gum/dep/dev"])
check("segment EWT dev token F1", rows[0]["token_f1"], 0.98)
check("segment GUM dev token F1", rows[1]["token_f1"], 0.99)
check("segment GUM dev sentence F1", rows[1]["sentence_f1"], 0.92)

def gate_cmd(name, args):
    """A gate enforced by the evaluation command itself (its --min-* flags): exit status 0
    means the targets hold. Its report is printed either way."""
    started = time.time()
    done = subprocess.run([BIN] + args, capture_output=True, text=True)
    for line in (done.stdout + done.stderr).strip().splitlines()[-12:]:
        print(f"       {line}")
    ok = done.returncode == 0
    print(f"{'ok  ' if ok else 'FAIL'} {name} ({time.time() - started:.0f} s)", flush=True)
    if not ok:
        failures.append(name)


# Tagger and NER (issue 3). UNER's target (0.75) is not reached yet: the gate guards the
# current level against regressions.
gate_cmd("tagger EWT dev UPOS >= 0.95, XPOS >= 0.94", ["eval", "tagger", "--data", DATA, "--min-upos", "0.95", "--min-xpos", "0.94"])
# UNER: 0.591 on all of dev, 0.611 on its held-out half (odd-numbered documents) today.
gate_cmd("NER CoNLL testa F1 >= 0.88 (UNER guards: all >= 0.60, held-out half >= 0.66)", ["eval", "ner", "--data", DATA, "--min-conll", "0.88", "--min-uner", "0.60", "--min-uner-heldout", "0.66"])
# Times (issue 6): TimeBank targets relaxed 0.90, strict 0.82, value 0.80, guarded tighter.
gate_cmd("time TimeBank relaxed >= 0.93, strict >= 0.88, value >= 0.80", ["eval", "time", "--timeml", DATA, "--min-relaxed", "0.93", "--min-strict", "0.88", "--min-value", "0.80"])
# HTML extraction (issue 2): html-dev snippet F1 (0.906 today; readability scores 0.826).
gate_cmd("html-dev extraction F1 >= 0.88", ["eval", "html", "--data", DATA, "--min-f1", "0.88"])
# Attribution (issue 5): source target (0.75) not reached; regression guard.
# Rules + models/attribution.bin: content 0.813, source 0.747 (records sharing a cue merged,
# as PolNeAR annotates them; every record alone: 0.786 / 0.718) since session 23's parser
# (0.818 / 0.750 before; three attribution seeds spread 0.744-0.747 on the new parses and
# 0.740-0.750 on the old). The gate guards at 0.745 against regressions.
gate_cmd("attribution PolNeAR dev guard (content >= 0.81, source >= 0.745)", ["eval", "attribution", "--polnear", f"{DATA}/polnear", "--min-content-f1", "0.81", "--min-source-f1", "0.745"])
gate_cmd("attribution rules alone guard (content >= 0.73, source >= 0.65)", ["eval", "attribution", "--polnear", f"{DATA}/polnear", "--rules-only", "--min-content-f1", "0.73", "--min-source-f1", "0.65"])

# Parser (issue 4): targets (UAS 0.87, LAS 0.84) not reached; guard today's level (with
# supertags: 0.8616 / 0.8264, GUM 0.8579).
parser_rows, _ = run_json(["eval", "parser", "--data", DATA, "--json"])
parsed = {row["corpus"]: row for row in parser_rows}
check("parser EWT dev UAS (guard; target 0.87)", parsed["EWT dev"]["uas"], 0.860)
check("parser EWT dev LAS (guard; target 0.84)", parsed["EWT dev"]["las"], 0.824)
check("parser GUM dev UAS (guard; target 0.87)", parsed["GUM dev"]["uas"], 0.855)
# The beam-search parser (models/parser-beam.bin, beam 4): closer to the targets, half the speed.
beam_rows, _ = run_json(["eval", "parser", "--data", DATA, "--parser", "models/parser-beam.bin", "--json"])
parsed = {row["corpus"]: row for row in beam_rows}
check("beam parser EWT dev UAS (guard; target 0.87)", parsed["EWT dev"]["uas"], 0.866)
check("beam parser EWT dev LAS (guard; target 0.84)", parsed["EWT dev"]["las"], 0.831)
check("beam parser GUM dev LAS (guard; relabelled)", parsed["GUM dev"]["las"], 0.836)
check("beam parser GUM dev UAS (guard; target 0.87, 0.8702 today)", parsed["GUM dev"]["uas"], 0.869)
# Three parsers voting (beam, right-to-left beam, greedy): the most accurate parse.
vote_rows, _ = run_json(["eval", "parser", "--data", DATA, "--parser", "models/parser-beam.bin", "--parser", "models/parser-beam-rtl.bin", "--parser", "models/parser.bin", "--json"])
parsed = {row["corpus"]: row for row in vote_rows}
check("parser vote EWT dev UAS (target 0.87)", parsed["EWT dev"]["uas"], 0.870)
check("parser vote EWT dev LAS (guard; target 0.84, 0.8392 today)", parsed["EWT dev"]["las"], 0.838)
check("parser vote GUM dev UAS (target 0.87)", parsed["GUM dev"]["uas"], 0.870)
check("parser vote GUM dev LAS (target 0.84)", parsed["GUM dev"]["las"], 0.840)

# Entity resolution (issue 7) on GUM dev coreference, all key mentions (0.553 / 0.724 today).
gate_cmd("resolution GUM dev MUC F1 >= 0.52, B3 F1 >= 0.70", ["eval", "coref", "--data", DATA, "--min-muc-f1", "0.52", "--min-b3-f1", "0.70"])
# Places (issue 7): hand-checked GeoNames cases (0.989 and 1.000 today; 0.957 through NER).
gate_cmd("places cases >= 0.95", ["eval", "places", "--cases", "tests/fixtures/places/cases.tsv", "--min-accuracy", "0.95"])
gate_cmd("places held-out cases >= 0.95", ["eval", "places", "--cases", "tests/fixtures/places/heldout.tsv", "--min-accuracy", "0.95"])
gate_cmd("places cases through NER >= 0.90", ["eval", "places", "--cases", "tests/fixtures/places/cases.tsv", "--pipeline", "--min-accuracy", "0.90"])

# Duplicate detection (issue 8): PolNeAR texts with perturbed copies.
started = time.time()
done = subprocess.run(["cargo", "run", "--release", "-q", "-p", "newsgraph-store", "--example", "dedup_bench", "--", DATA, "0.98", "0.97"], capture_output=True, text=True)
for line in (done.stdout + done.stderr).strip().splitlines()[-6:]:
    print(f"       {line}")
print(f"{'ok  ' if done.returncode == 0 else 'FAIL'} duplicates precision >= 0.98, recall >= 0.97 ({time.time() - started:.0f} s)", flush=True)
if done.returncode != 0:
    failures.append("duplicates")

# Seed article (score_analysis.py): the layers that exist.
with tempfile.NamedTemporaryFile("w+", suffix=".json") as f:
    subprocess.run([BIN, "analyze", "--published", "2023-06-30", "--format", "json",
                    f"{SHARED}/seed/wagner-belarus.txt"], check=True, stdout=f)
    scored = subprocess.run([sys.executable, f"{SHARED}/tools/score_analysis.py",
                             f"{SHARED}/seed/wagner-belarus.gold.json", f.name, "--json"],
                            check=True, capture_output=True, text=True).stdout
seed = json.loads(scored[:scored.rindex("\noverall recall")])  # JSON, then a summary line
check("seed document (title, boilerplate removed)", seed["document"]["recall"], 1.0)
check("seed times recall", seed["times"]["recall"], 1.0)
check("seed amounts recall", seed["amounts"]["recall"], 1.0)
check("seed quotes recall", seed["quotes"]["recall"], 1.0)
check("seed quote speakers", seed["quotes"]["speaker_recall"], 1.0)
check("seed attributions recall", seed["attributions"]["recall"], 0.9)
check("seed attributions with sources", seed["attributions"]["source_recall"], 0.9)
check("seed attribution precision", seed["attributions"]["precision"], 0.85)
# Entities: the NER issue's target, all 23 required entities with the right type (1.00).
check("seed entities recall", seed["entities"]["recall"], 1.0)
check("seed entities precision (target 0.90)", seed["entities"]["precision"], 0.90)
check("seed entities merged (target 0.95)", seed["entities"]["merged"], 0.95)
check("seed relations recall (target 0.9)", seed["relations"]["recall"], 0.9)
check("seed events recall (target 0.75)", seed["events"]["recall"], 0.85)

if failures:
    print(f"{len(failures)} gate(s) failed: {', '.join(failures)}")
    sys.exit(1)
print("all gates passed")
