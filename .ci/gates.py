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

# Seed article (score_analysis.py): the layers that exist.
with tempfile.NamedTemporaryFile("w+", suffix=".json") as f:
    subprocess.run([BIN, "analyze", "--published", "2023-06-30", "--format", "json",
                    f"{SHARED}/seed/wagner-belarus.txt"], check=True, stdout=f)
    scored = subprocess.run([sys.executable, f"{SHARED}/tools/score_analysis.py",
                             f"{SHARED}/seed/wagner-belarus.gold.json", f.name, "--json"],
                            check=True, capture_output=True, text=True).stdout
seed = json.loads(scored[:scored.rindex("\noverall recall")])  # JSON, then a summary line
check("seed document (title, boilerplate removed)", seed["document"]["recall"], 1.0)

if failures:
    print(f"{len(failures)} gate(s) failed: {', '.join(failures)}")
    sys.exit(1)
print("all gates passed")
