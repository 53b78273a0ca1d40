#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs JMH with the Vector API module in the forks.
# Usage: bench/run-jmh.sh [JMH options, e.g. 'Conv3dBench' -p shape=16x16 -f 1 -wi 3 -i 5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
(cd "$here" && mvn -B -q -DskipTests package >/dev/null)
exec java --add-modules jdk.incubator.vector -jar "$here/target/benchmarks.jar" \
  -jvmArgsAppend "--add-modules jdk.incubator.vector" "$@"
