#!/usr/bin/env bash
# Issue 7: the recipe study runs (RLN-t, contrast 10, batch 8, lr 2e-3, 1 thread each), by name. Rerun to resume
# (same jar, same --threads). Usage (repository root): nohup nice -n 10 bench/recipe/study.sh NAME > runs/study/NAME.log 2>&1 &
# Results so far: bench/TRAINING.md, "The recipe study".
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p runs/study
J="java --add-modules jdk.incubator.vector -Xmx7g -jar ${JAR:-runs/rln.jar}"
T="train --model rln-t --batch 8 --threads 1 --seed 0 --valid runs/data/valid31_c10"
case "${1:-}" in
  s1-31-aug)     $J $T --train runs/data/train31_c10 --samples 500 --epochs 8 --augment --out runs/study/s1-31-aug ;;
  s2-15-aug)     $J $T --train runs/data/train15_c10 --epochs 3 --augment --out runs/study/s2-15-aug ;;
  s2-finish-31)  $J $T --train runs/data/train31_c10 --samples 500 --epochs 3 --augment --init runs/study/s2-15-aug/best --out runs/study/s2-finish-31 ;;
  # contrast 50 from scratch against a warm start from the contrast-10 model (equal data, one epoch each)
  s3-c50-scratch) $J ${T/valid31_c10/valid31_c50} --train runs/data/train15_c50 --samples 1000 --epochs 1 --augment --out runs/study/s3-c50-scratch ;;
  s3-c50-warm)    $J ${T/valid31_c10/valid31_c50} --train runs/data/train15_c50 --samples 1000 --epochs 1 --augment --init runs/study/s2-15-aug/best --out runs/study/s3-c50-warm ;;
  # RLN from the RLN-t (stage B after its epoch 1): the learning rate of the untied start, 200 cells of 31^3, one epoch
  s4-rln-lr1e-3)  $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 1e-3 --augment --init runs/six/RLN_t_c10/best --out runs/study/s4-rln-lr1e-3 ;;
  s4-rln-lr2e-3)  $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 2e-3 --augment --init runs/six/RLN_t_c10/best --out runs/study/s4-rln-lr2e-3 ;;
  # the same at lower rates, from a copy of that start (runs/study/RLN_t_c10-B1-best = runs/six/RLN_t_c10/best after B epoch 1)
  s4-rln-lr5e-4)  $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 5e-4 --augment --init runs/study/RLN_t_c10-B1-best --out runs/study/s4-rln-lr5e-4 ;;
  s4-rln-lr2.5e-4) $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 2.5e-4 --augment --init runs/study/RLN_t_c10-B1-best --out runs/study/s4-rln-lr2.5e-4 ;;
  # s5: the same two rates with a 12-step learning-rate warm-up (of the epoch's 25 steps)
  s5-rln-lr1e-3-w12)   $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 1e-3 --warmup-steps 12 --augment --init runs/study/RLN_t_c10-B1-best --out runs/study/s5-rln-lr1e-3-w12 ;;
  s5-rln-lr2.5e-4-w12) $J ${T/rln-t/rln} --train runs/data/train31_c10 --samples 200 --epochs 1 --lr 2.5e-4 --warmup-steps 12 --augment --init runs/study/RLN_t_c10-B1-best --out runs/study/s5-rln-lr2.5e-4-w12 ;;
  *) echo "study.sh: unknown run '${1:-}' (s1-31-aug, s2-15-aug, s2-finish-31, s3-c50-scratch, s3-c50-warm, s4-rln-lr1e-3, s4-rln-lr2e-3, s4-rln-lr5e-4, s4-rln-lr2.5e-4, s5-rln-lr1e-3-w12, s5-rln-lr2.5e-4-w12)" >&2; exit 2 ;;
esac
