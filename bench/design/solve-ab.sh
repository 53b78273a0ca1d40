#!/usr/bin/env bash
# rln bench solve with two jars side by side, interleaved over 5 rounds (the two-phase path before and after the
# modulus-field solve and the adjoint went into rln.solve.hex8). Usage: bench/design/solve-ab.sh BEFORE.jar AFTER.jar > log
# then python3 bench/design/ab_table.py log.
before=$1; after=$2
for round in 1 2 3 4 5; do
  for v in before after; do
    jar=$before; [ $v = after ] && jar=$after
    for t in 1 2; do
      echo "# $v round $round threads $t load $(uptime | sed 's/.*load average: //')"
      java --add-modules jdk.incubator.vector -jar "$jar" bench solve --n 21,31 --contrast 10,50 --threads $t --repeat 5 2>/dev/null | sed "s/^/$v $t /"
    done
  done
done
