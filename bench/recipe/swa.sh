#!/usr/bin/env bash
# Issue 7: the uniform mean of one epoch's snapshots of a restart (stochastic weight averaging, rln average), scored
# on the validation set. The snapshots are the stage's checkpoint directories of epoch E: the ones inside it
# (epoch-(E-1)-sNNNNNN) and its end (epoch-E), kept by `KEEP=1 six.sh` (rln train --keep-checkpoints) in
# runs/six/NAME-S/checkpoints, or copied aside to runs/six/NAME-S.keep (the 2026-12-06 restart D).
# Usage (repository root): bench/recipe/swa.sh NAME S E   -> runs/six/NAME-S.swa-E (model), runs/six/NAME-S.swa-E.json
# (its validation) and runs/six/NAME-S.swa-E.snapshots (the snapshots averaged). ship.sh ships it instead of the
# stage's best/ or final model when its final-pass validation MASE is lower (record.py --pick).
# (JAR: default runs/rln.jar; THREADS: default 1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
name="${1:-}"; s="${2:-}"; e="${3:-}"
case "$name" in FLN_c10|FLN_c50|RLN_t_c10|RLN_t_c50|RLN_c10|RLN_c50) ;;
  *) echo "swa.sh: unknown model '$name' (FLN_c10 RLN_t_c10 RLN_c10 FLN_c50 RLN_t_c50 RLN_c50)" >&2; exit 2 ;; esac
restarts=$(python3 bench/recipe/record.py --stages); restarts="${restarts:2}"   # C to Z: the letters listed in record.py
[[ ${#s} = 1 && "$restarts" == *"$s"* ]] || { echo "swa.sh: STAGE must be one of $restarts, got '$s'" >&2; exit 2; }
case "$e" in [1-9]|[1-9][0-9]) ;; *) echo "swa.sh: EPOCH must be a number >= 1, got '$e'" >&2; exit 2 ;; esac
c="${name##*_c}"; run="runs/six/$name-$s"
J="java --add-modules jdk.incubator.vector -jar ${JAR:-runs/rln.jar}"
snaps=(); seen=" "
for dir in "$run.keep" "$run/checkpoints"; do  # both, each snapshot once (a stage may have run with and without KEEP=1)
  [ -d "$dir" ] || continue
  for d in "$dir"/epoch-$(printf %04d $((e - 1)))-s* "$dir"/epoch-$(printf %04d "$e"); do
    b=$(basename "$d")
    [ -d "$d" ] && [[ "$seen" != *" $b "* ]] && { snaps+=("$d"); seen="$seen$b "; }
  done
done
[ ${#snaps[@]} -gt 0 ] || { echo "swa.sh: no snapshots of epoch $e in $run/checkpoints or $run.keep (train with KEEP=1)" >&2; exit 2; }
out="$run.swa-$e"
rm -rf "$out" "$out.json" "$out.snapshots"
$J average --like "$run/best" --out "$out" "${snaps[@]}"   # the stage's best/: its kind and model.json
printf '%s\n' "${snaps[@]##*/}" > "$out.snapshots"        # record.py names them in the shipped history
$J eval --model "$out" --data "runs/data/valid31_c$c" --threads "${THREADS:-1}" --json "$out.json" | grep "pass .*/.*MASE" | tail -1
