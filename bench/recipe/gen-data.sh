#!/usr/bin/env bash
# Issue 7: the datasets of the recipe study, the six models and the test sets (hex8-bbar FE, tol 1e-8, GRF family,
# exx.npy). Same seeds -> same bytes on any machine and thread count, so a fresh checkout regenerates them exactly.
# Usage (repository root): nohup nice -n 10 bench/recipe/gen-data.sh > runs/gen-data.log 2>&1 &   (rerun resumes)
# JAR: the jar to run (default runs/rln.jar; copy target/rln.jar there first so a rebuild never replaces it).
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
J="java --add-modules jdk.incubator.vector -Xmx4g -jar ${JAR:-runs/rln.jar}"
D=runs/data
for c in 10 50; do
  [ -f $D/valid31_c$c/meta.json ] || $J generate --out $D/valid31_c$c --count 100  --size 31 --contrast $c --seed 20$c --fields exx
  [ -f $D/train31_c$c/meta.json ] || $J generate --out $D/train31_c$c --count 2000 --size 31 --contrast $c --seed 30$c --fields exx
  [ -f $D/train15_c$c/meta.json ] || $J generate --out $D/train15_c$c --count 4000 --size 15 --contrast $c --seed 40$c --fields exx
  [ -f $D/test31_c$c/meta.json ]  || $J generate --out $D/test31_c$c  --count 500  --size 31 --contrast $c --seed 10$c --fields exx
done
