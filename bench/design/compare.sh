#!/usr/bin/env bash
# The design comparison of the README: rln design through the FE adjoint and through the published RLN-t, on the
# same seeded starts. Usage: bench/design/compare.sh JAR RUNS_DIR (each run: RUNS_DIR/NAME/, its log beside it);
# then python3 bench/design/table.py RUNS_DIR/*/ for the table.
jar=$1; runs=$2
mkdir -p "$runs"
run() {
  local name=$1; shift
  echo "# $name start $(date -u +%H:%M:%S) load $(uptime | sed 's/.*load average: //')"
  java --add-modules jdk.incubator.vector -jar "$jar" design "$@" --out "$runs/$name" > "$runs/$name.log" 2>&1
  echo "# $name end $(date -u +%H:%M:%S) load $(uptime | sed 's/.*load average: //')"
  tail -1 "$runs/$name.log"
}
for seed in 1 2 3; do
  run fe21-s$seed --objective matrix-peak --vf 0.3 --size 21 --contrast 10 --through fe --seed $seed
  run rlnt21-s$seed --objective matrix-peak --vf 0.3 --size 21 --contrast 10 --through published:RLN_t_c10 --seed $seed
done
for seed in 1 2; do
  run fe31-s$seed --objective matrix-peak --vf 0.3 --size 31 --contrast 10 --through fe --seed $seed
  run rlnt31-s$seed --objective matrix-peak --vf 0.3 --size 31 --contrast 10 --through published:RLN_t_c10 --seed $seed
done
run fe21c50-s1 --objective matrix-peak --vf 0.3 --size 21 --contrast 50 --through fe --seed 1
run rlnt21c50-s1 --objective matrix-peak --vf 0.3 --size 21 --contrast 50 --through published:RLN_t_c50 --seed 1
run rlnt21c50-s1-300 --objective matrix-peak --vf 0.3 --size 21 --contrast 50 --through published:RLN_t_c50 --seed 1 --iterations 300
run c11min21-s1 --objective c11-min --vf 0.3 --size 21 --contrast 10 --through fe --seed 1
run c11max21-s1 --objective c11-max --vf 0.3 --size 21 --contrast 10 --through fe --seed 1
