#!/usr/bin/env bash
# The first real training run (issue 4, item 9): data 500 / 100 / 100 at 31^3, contrast 10 (the authors' generator,
# hex8-bbar FE), then FLN and RLN-t with the paper's recipe for as many epochs as about an hour each allows, then
# every model scored on the test set next to the MKS baseline and the authors' published RLN-t.
#
# Usage (from the repository root; runs for a few hours, so e.g. under nohup):
#   nohup bench/first-run.sh > first-run.log 2>&1 &
# Settings through the environment (defaults in brackets):
#   RUN [runs/first]  output directory       THREADS [all cores]
#   SIZE [31]  N_TRAIN [500]  N_VALID [100]  N_TEST [100]   (a quick smoke test: SIZE=9 N_TRAIN=8 N_VALID=4 N_TEST=4)
#   FLN_EPOCHS [16]   RLNT_EPOCHS [4]        epochs: the cosine schedule spans them, so choose them up front;
#                     the defaults are about an hour each on 2 cores (bench/TRAINING.md: seconds per epoch)
#   JAVA_OPTS [-Xmx12g]  heap: RLN-t at batch 32 keeps about 10 GB live; RLNT_FLAGS=--recompute needs about 3 GB
#                     (same numbers bitwise, slower; bench/TRAINING.md)
# Everything resumes: re-running the script skips finished datasets and continues a training from its last
# checkpoint (one per epoch), so a killed run loses at most one epoch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUN="${RUN:-runs/first}"
SIZE="${SIZE:-31}"
FLN_EPOCHS="${FLN_EPOCHS:-16}"
RLNT_EPOCHS="${RLNT_EPOCHS:-4}"
RLNT_FLAGS="${RLNT_FLAGS:-}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx12g}"
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
stamp() { date -u +%H:%M:%S; }

for split in "train:${N_TRAIN:-500}:1" "valid:${N_VALID:-100}:2" "test:${N_TEST:-100}:3"; do
  IFS=: read -r name count seed <<<"$split"
  if [ -f "$RUN/data/$name/meta.json" ]; then echo "$(stamp) data/$name exists"; continue; fi
  echo "$(stamp) generating data/$name ($count samples, seed $seed)"
  ./rln generate --out "$RUN/data/$name" --count "$count" --size "$SIZE" --contrast 10 --seed "$seed" --fields exx "${threads[@]}"
done

echo "$(stamp) training FLN, $FLN_EPOCHS epochs"
./rln train --train "$RUN/data/train" --valid "$RUN/data/valid" --model fln --out "$RUN/fln" \
  --epochs "$FLN_EPOCHS" --batch 32 --lr 2e-3 --seed 0 "${threads[@]}"
echo "$(stamp) training RLN-t, $RLNT_EPOCHS epochs"
./rln train --train "$RUN/data/train" --valid "$RUN/data/valid" --model rln-t --out "$RUN/rln-t" \
  --epochs "$RLNT_EPOCHS" --batch 32 --lr 2e-3 --seed 0 $RLNT_FLAGS "${threads[@]}"

echo "$(stamp) scoring on data/test"
mkdir -p "$RUN/eval"
for m in fln fln/best rln-t rln-t/best; do
  ./rln eval --model "$RUN/$m" --data "$RUN/data/test" --json "$RUN/eval/${m//\//-}.json" "${threads[@]}"
done
./rln eval --model mks --train "$RUN/data/train" --data "$RUN/data/test" --json "$RUN/eval/mks.json" "${threads[@]}"
./rln eval --model published:RLN_t_c10 --data "$RUN/data/test" --json "$RUN/eval/published-rln-t.json" "${threads[@]}"
echo "$(stamp) done: $RUN/eval/*.json, curves in $RUN/fln/curve.png and $RUN/rln-t/curve.png"
