#!/usr/bin/env bash
# Issue 8: the comparison CNN (Yang et al. 2019) at contrast C, trained and scored as in bench/CNN.md.
# Usage (repository root, data from bench/recipe/gen-data.sh in runs/data):
#   bench/cnn/run.sh C train    # resumable: rerun to continue from the last epoch (bitwise, same jar, 1 thread)
#   bench/cnn/run.sh C score    # OUT/best on the first 50 test samples -> runs/cnn/cC-test50.json
# C is 10 or 50 (l2 1e-4 / 5e-4 follow from the data's contrast). JAR: default target/rln.jar; CAP: the epoch cap (60).
# The runs here: 1 thread, nice 15 beside the RLN trainings; the curves and scores are in bench/cnn/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
c="${1:-}"; what="${2:-}"
case "$c" in 10|50) ;; *) echo "run.sh: C must be 10 or 50, got '$c'" >&2; exit 2 ;; esac
J="java --add-modules jdk.incubator.vector -Xmx4g -jar ${JAR:-target/rln.jar}"
mkdir -p runs/cnn
case "$what" in
  train) exec $J train --model cnn --train runs/data/train31_c$c --valid runs/data/valid31_c$c --out runs/cnn/c$c \
           --epochs 300 --voxels 8 --batch 32 --valid-voxels 32 --patience 10 --seed 0 --threads 1 --stop-after "${CAP:-60}" ;;
  score) exec $J eval --model runs/cnn/c$c/best --data runs/data/test31_c$c --samples 50 --threads 1 \
           --json runs/cnn/c$c-test50.json ;;
  *) echo "run.sh: say train or score, got '$what'" >&2; exit 2 ;;
esac
