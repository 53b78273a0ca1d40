#!/usr/bin/env bash
# The pass-weights A/B of issue 7 (bench/TRAINING.md, "Weighting the last pass"): one epoch of a warm restart of
# the shipped RLN-t of contrast C, once on the paper's loss (the mean of the 5 pass losses) and once on the gradient
# of sum_k w_k L_k (--pass-weights W), everything else the same: the first 700 samples of train31_cC, batch 8,
# --augment, seed 2, cosine over the one epoch from 2e-4 with a 25-step warm-up, --ema 0.98, 1 thread.
#   usage (repository root): nohup nice -n 10 bench/recipe/pass-weights-ab.sh C ARM > runs/pw/RLN_t_cC-ARM.log 2>&1 &
#   C: 10 or 50; ARM: paper, or a weight list such as 1,1,1,1,4. JAR (default runs/rln.jar) and START (default: the
#   shipped model, src/main/resources/rln/trained/RLN_t_cC) may be set. Rerun to resume.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
c="${1:-}"; arm="${2:-}"
case "$c" in 10|50) ;; *) echo "pass-weights-ab.sh: C must be 10 or 50, got '$c'" >&2; exit 2 ;; esac
[ -n "$arm" ] || { echo "pass-weights-ab.sh: ARM must be 'paper' or weights such as 1,1,1,1,4" >&2; exit 2; }
start="${START:-src/main/resources/rln/trained/RLN_t_c$c}"
mkdir -p runs/pw
weights=""; [ "$arm" = paper ] || weights="--pass-weights $arm"
echo "pass-weights-ab.sh: jar $(basename "$(readlink -f "${JAR:-runs/rln.jar}")"), start $start"
exec java --add-modules jdk.incubator.vector -Xmx${HEAP:-7g} -jar "${JAR:-runs/rln.jar}" train --model rln-t --batch 8 --threads 1 \
     --seed 2 --augment --train runs/data/train31_c$c --samples 700 --valid runs/data/valid31_c$c --epochs 1 --lr 2e-4 \
     --warmup-steps 25 --ema 0.98 --init "$start" $weights --out "runs/pw/RLN_t_c$c-${arm//,/-}"
