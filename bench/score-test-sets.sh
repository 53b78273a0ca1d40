#!/usr/bin/env bash
# Issue 7, item 3: every model on the 500-sample test sets (31^3, contrast 10 and 50, hex8-bbar truth; seeds in
# runs/README.md: test31_c10 = seed 1010, test31_c50 = seed 1050), MASE mean +- std after every pass and seconds
# per sample, one JSON per model in bench/results/cCONTRAST/. Then bench/results_table.py prints the README table.
#
# Usage (from the repository root): bench/score-test-sets.sh [DATA_ROOT (runs/data)] [MODEL_ROOT (trained:)]
#   MODEL_ROOT "trained:" scores the models shipped in the jar; a directory holds FLN_c10/ RLN_t_c10/ ... instead.
# Models that are missing are skipped with a note. ONLY="published mks" (or "trained") scores a part. Pause background training first for the timings.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATA="${1:-runs/data}"
MODELS="${2:-trained:}"
THREADS="${THREADS:-2}"
ONLY="${ONLY:-trained published mks}"
wants() { case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
RLN="${RLN_CMD:-./rln}"   # e.g. RLN_CMD="java --add-modules jdk.incubator.vector -jar runs/rln-HASH.jar" while the tree is rebuilt
for c in 10 50; do
  test="$DATA/test31_c$c"
  out="bench/results/c$c"
  mkdir -p "$out"
  if [ ! -f "$test/meta.json" ]; then echo "no test set $test: skipped contrast $c"; continue; fi
  wants trained && for name in FLN RLN_t RLN; do
    if [ "$MODELS" = "trained:" ]; then spec="trained:${name}_c$c"; else spec="$MODELS/${name}_c$c"; fi
    $RLN eval --model "$spec" --data "$test" --json "$out/trained-${name}.json" --threads "$THREADS" || echo "skipped $spec"
  done
  wants published && for name in FLN RLN_t; do
    $RLN eval --model "published:${name}_c$c" --data "$test" --json "$out/published-${name}.json" --threads "$THREADS"
  done
  wants mks && $RLN eval --model mks --train "$DATA/train31_c$c" --data "$test" --json "$out/mks.json" --threads "$THREADS"
done
