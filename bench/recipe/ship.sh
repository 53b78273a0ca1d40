#!/usr/bin/env bash
# Issue 7: ship one trained model into the jar (src/main/resources/rln/trained/NAME/, loaded as trained:NAME): the
# stage trained here that record.py --pick names (a restart C, D, ... whose model validates below the shipped model
# at the final pass's MASE: its best/, its final model, or the mean of one epoch's snapshots scored by swa.sh, whichever
# is lowest; nothing to ship otherwise, exit 1), scored on the 500-sample test set (bench/results/cC/trained-KIND.json,
# unless that is newer than the model); its history.json (the shipped history plus the new stages), RECORD.md and
# curve.csv (bench/recipe/record.py) and curve.png (rln curve); the resource directory replaced in one rename.
# Usage (repository root): bench/recipe/ship.sh NAME   (JAR: default runs/rln.jar; HEAP: -Xmx, default 6g)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
name="${1:-}"
case "$name" in FLN_c10|FLN_c50|RLN_t_c10|RLN_t_c50|RLN_c10|RLN_c50) ;;
  *) echo "ship.sh: unknown model '$name' (FLN_c10 RLN_t_c10 RLN_c10 FLN_c50 RLN_t_c50 RLN_c50)" >&2; exit 2 ;; esac
c="${name##*_c}"; kind="${name%_c*}"
# a finished restart's model (best/, final, or the mean of an epoch's snapshots), when it validates better than the shipped model
best="$(python3 bench/recipe/record.py --pick "$name")"
[ -f "$best/model.json" ] || { echo "ship.sh: $best: no model (train it first: bench/recipe/six.sh $name B)" >&2; exit 2; }
J="java --add-modules jdk.incubator.vector -Xmx${HEAP:-6g} -jar ${JAR:-runs/rln.jar}"
json="bench/results/c$c/trained-$kind.json"
mkdir -p "bench/results/c$c"
if [ ! -f "$json" ] || [ "$best/model.json" -nt "$json" ]; then
  $J eval --model "$best" --data "runs/data/test31_c$c" --json "$json" --threads "${THREADS:-2}"
fi
dst="src/main/resources/rln/trained/$name"
mkdir -p src/main/resources/rln/trained
tmp="$(mktemp -d "src/main/resources/rln/trained/.$name.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$best"/* "$tmp/"
JAR="${JAR:-runs/rln.jar}" python3 bench/recipe/record.py "$name" "$tmp"
$J curve --csv "$tmp/curve.csv" --out "$tmp/curve.png" --title "$name (trained here; epoch 1 = 15^3 stage when there is one)"
rm -rf "$dst"; mv "$tmp" "$dst"; trap - EXIT
echo "shipped $name -> $dst ($(du -sh "$dst" | cut -f1))"
