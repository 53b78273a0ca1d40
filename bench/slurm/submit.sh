#!/usr/bin/env bash
# Submits one dataset as a K-task array of `rln generate --shard i/K` and a merge that runs when every task has
# succeeded. Prints the two job ids. Settings from the environment (defaults in brackets):
#   OUT (required; a directory every node sees), COUNT (required), K [4], SIZE [31], CONTRAST [50], SEED [0],
#   FIELDS [all], RLN [./rln: the launcher, or any command that runs the rln jar], CPUS [2 per task].
# Extra sbatch options (partition, account, time) via SBATCH_* environment variables, as sbatch reads them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${OUT:?OUT: the working directory of the dataset}" "${COUNT:?COUNT: samples in the whole dataset}"
export OUT COUNT K=${K:-4} SIZE=${SIZE:-31} CONTRAST=${CONTRAST:-50} SEED=${SEED:-0} FIELDS=${FIELDS:-all} RLN=${RLN:-$PWD/rln}
mkdir -p "$OUT"
array=$(sbatch --parsable --array=0-$((K - 1)) --cpus-per-task="${CPUS:-2}" --chdir="$OUT" --export=ALL "$here/generate-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes --chdir="$OUT" --export=ALL "$here/merge.sbatch")
merge=${merge%%;*}
echo "array $array ($K tasks: $OUT/shards/shard-0..$((K - 1))), merge $merge ($OUT/merged)"
