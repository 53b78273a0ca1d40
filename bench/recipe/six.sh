#!/usr/bin/env bash
# Issue 7: the six models, trained with the recipe the study chose (bench/TRAINING.md, "The recipe"):
#   stage A: 4000 cells of 15^3, exact-symmetry augmentation, batch 8, Adam 2e-3 with the cosine spanning 3 epochs,
#            stopped after the first (--stop-after 1: the study saw the 31^3 error rise in the second);
#   stage B: --init from stage A, 2000 cells of 31^3, augmentation, batch 8, cosine over the stage's epochs.
#   RLN starts from the finished RLN-t of its contrast (every pass = the tied network) and runs stage B only, at
#   lr 2.5e-4 (the study's s4: lower rates keep more of the warm start).
#   stage C (optional): --init from stage B's best, 31^3, cosine over 6 epochs from 1e-3 with a 25-step warm-up, for
#   a model whose stage-B curve was still falling (RLN: from 2.5e-4 over 4 epochs); stages D to Z (optional): the
#   same restart again, each from the best of the stage before it, while the curve still falls. ship.sh ships
#   whichever of B and the finished restarts validates best (record.py --pick).
# A restart in a fresh checkout (no runs/: it is not tracked) starts from the shipped model when the shipped history
# (src/main/resources/rln/trained/NAME/history.json) ends with the stage before it; record.py --start decides.
# EPOCHS_C, LR_C and SAMPLES (--samples: the first N of train31_cC) set a restart's schedule to fit a session; EMA
# (--ema BETA) averages a restart's parameters over its steps (validation, best/ and the model use the average); KEEP=1
# (--keep-checkpoints, not part of the run's settings: a resume may add it) keeps every checkpoint as a snapshot for
# rln average.
# 1 thread per run, seed 0, validation on the 100 samples of valid31_cC after every epoch. Rerun to resume (same jar,
# same --threads, same environment; HEAP, default 7g, sets -Xmx). Usage (repository root):
#   nohup nice -n 10 bench/recipe/six.sh NAME STAGE > runs/six/NAME-STAGE.log 2>&1 &
# (RLN_t_c10-A is the study's s2-15-aug after its first epoch: the same command, jar 462cdd6; runs/six/RLN_t_c10-A
# links to it.) NAME: FLN_c10 RLN_t_c10 RLN_c10 FLN_c50 RLN_t_c50 RLN_c50; STAGE: A to Z. JAR: default runs/rln.jar.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
name="${1:-}"; stage="${2:-}"
c="${name##*_c}"
case "$name" in FLN_c10|FLN_c50|RLN_t_c10|RLN_t_c50|RLN_c10|RLN_c50) ;;
  *) echo "six.sh: unknown model '$name' (FLN_c10 RLN_t_c10 RLN_c10 FLN_c50 RLN_t_c50 RLN_c50)" >&2; exit 2 ;; esac
stages=$(python3 bench/recipe/record.py --stages) || exit 2   # the stage letters, A to Z: listed in record.py only
[[ ${#stage} = 1 && "$stages" == *"$stage"* ]] || { echo "six.sh: STAGE must be one of $stages, got '$stage'" >&2; exit 2; }
mkdir -p runs/six
echo "six.sh: jar $(basename "$(readlink -f "${JAR:-runs/rln.jar}")")"   # record.py names each stage's jar from this line
J="java --add-modules jdk.incubator.vector -Xmx${HEAP:-7g} -jar ${JAR:-runs/rln.jar}"  # HEAP: FLN needs ~1 GB of live data at 31^3, batch 8
T="train --batch 8 --threads 1 --seed 0 --augment --valid runs/data/valid31_c$c"
case "$name" in FLN_*) kind=fln ;; RLN_t_*) kind=rln-t ;; *) kind=rln ;; esac
# a learning-rate warm-up over the first 25 steps (200 samples) of every stage started from another model's
# parameters (bench/TRAINING.md: a fresh Adam's first step at 2e-3 undid the warm start). FLN_c10 and RLN_t_c10 /
# RLN_t_c50 had started before the option existed and keep their settings (a resume must match its checkpoint).
wu=""
case "$name" in FLN_c50|RLN_c10|RLN_c50) wu="--warmup-steps 25" ;; esac
# stage A's start: FLN and RLN-t at contrast 10 from a fresh initialization; at contrast 50 from the same model
# kind at contrast 10 (the study's s3 runs measured the warm start against a fresh one)
# the restarts' schedule (C to Z): 6 epochs from 1e-3; the RLNs 4 epochs from their stage B's own peak 2.5e-4 (at 1e-3 the study's
# s4 saw the untied start lose ground)
c_epochs=6; c_lr=1e-3
case "$name" in RLN_c*) c_epochs=4; c_lr=2.5e-4 ;; esac
a_init=""
[ "$c" = 50 ] && a_init="--init runs/six/${name%_c50}_c10-A/best"
case "$name:$stage" in
  RLN_c*:A) echo "six.sh: $name has no stage A (it starts from runs/six/RLN_t_c$c/best)" >&2; exit 2 ;;
  *:A) exec $J $T --model $kind --train runs/data/train15_c$c --epochs 3 --stop-after 1 $a_init ${a_init:+$wu} --out runs/six/$name-A ;;
  RLN_c*:B) exec $J $T --model rln --train runs/data/train31_c$c --epochs "${EPOCHS_B:-4}" --lr "${LR_B:-2.5e-4}" \
              --init runs/six/RLN_t_c$c/best $wu --out runs/six/$name ;;
  *:B) exec $J $T --model $kind --train runs/data/train31_c$c --epochs "${EPOCHS_B:-6}" --lr "${LR_B:-2e-3}" \
              --init runs/six/$name-A/best $wu --out runs/six/$name ;;
  # stage C: a warm restart where stage B's curve was still falling when its cosine ended (issue 7: a model is done
  # when its validation curve has flattened): from B's best, 31^3 again, a new cosine from half of B's peak rate;
  # stages D to Z: the same restart from the best of the stage before it (which has to have finished); the stage
  # letter was checked above, so every stage after A and B is a restart
  *)
        # the stage before: trained here and finished (its best/, or the mean of an epoch's snapshots when swa.sh scored
        # one lower), or the model shipped when its history ends with it (a fresh checkout has no runs/: record.py
        # --start copies the shipped parameters to runs/six/NAME-S.start); the choice is kept in
        # runs/six/NAME-S.start-from, so every resume starts from the same directory
        start=$(python3 bench/recipe/record.py --start "$name" "$stage") || exit 2
        # a seed of its own per restart (C 0, D 1, ..., Z 23: the letter minus 67): the shuffles and symmetry maps of epoch e are drawn from
        # (seed, e), so with one seed every restart would replay the one before it
        seed=$(( $(printf %d "'$stage") - 67 ))
        exec $J ${T/--seed 0/--seed $seed} --model $kind --train runs/data/train31_c$c --epochs "${EPOCHS_C:-$c_epochs}" --lr "${LR_C:-$c_lr}" \
              ${SAMPLES:+--samples $SAMPLES} ${EMA:+--ema $EMA} ${PASSW:+--pass-weights $PASSW} ${KEEP:+--keep-checkpoints} --init "$start" --warmup-steps 25 --out runs/six/$name-$stage ;;
esac
