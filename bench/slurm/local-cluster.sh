#!/usr/bin/env bash
# The scale-out path on a real scheduler, on this one machine (needs root; not part of `mvn test`):
#   1. installs Debian's slurm-wlm daemons and munge (apt-get) unless they are there,
#   2. starts munged, slurmctld and slurmd as a one-node cluster (its files under $WORK),
#   3. submits one dataset as a K-task array of `rln generate --shard i/K` and a merge that waits for it
#      (submit.sh), plus, with DUPLICATE=1, the same array a second time, as a resubmitted job would be, and an
#      array that forgot --shard (K tasks into one --out),
#   4. waits, then checks that every task of the first array and the merge succeeded, that every task of the
#      duplicate was refused by the output lock (exit 2, one line) or found its shard already made (exit 0,
#      nothing to do), that of the array without --shard one task wrote the dataset and the others were refused
#      or had nothing to do, that scancel of a running task leaves no JVM behind (the launcher execs it), and that the
#      merged dataset (and the one of the array without --shard) is byte-identical to a single `rln generate` of
#      the same arguments,
#   5. stops the daemons it started.
# Settings (defaults): WORK (target/rln-slurm), JAR (target/rln.jar; `mvn -B -DskipTests package` makes it), COUNT (48),
# K (4), SIZE (15), CONTRAST (50), SEED (7), FIELDS (all), DUPLICATE (1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
WORK=${WORK:-$repo/target/rln-slurm} JAR=${JAR:-$repo/target/rln.jar}
COUNT=${COUNT:-48} K=${K:-4} SIZE=${SIZE:-15} CONTRAST=${CONTRAST:-50} SEED=${SEED:-7} FIELDS=${FIELDS:-all} DUPLICATE=${DUPLICATE:-1}
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
[ "$(id -u)" = 0 ] || { echo "local-cluster.sh: needs root (it installs packages and starts daemons)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "local-cluster.sh: $JAR: missing (build it: mvn -B -DskipTests package)" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------- 1. packages
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurmctld slurmd slurm-client munge (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
fi
say "slurm $(dpkg-query -W -f='${Version}' slurmctld 2>/dev/null || slurmctld -V), $(munged --version 2>&1 | head -1)"

# ---------------------------------------------------------------------------------------------- 2. the cluster
rm -rf "$WORK" && mkdir -p "$WORK"/{etc,state,spool,log,home/target}
started=()
cleanup() {
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged
  sleep 1
  started+=("$(cat /run/munge/munged.pid)")
fi
munge -n | unmunge >/dev/null && say "munge: credentials encode and decode"

host=$(hostname -s) cpus=$(nproc) mem=$(free -m | awk '/^Mem:/ {print $2}')
export SLURM_CONF="$WORK/etc/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=rln
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=3600
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
SlurmdParameters=config_overrides
NodeName=$host CPUs=$((2 * cpus)) RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
started+=("$(sleep 1; cat "$WORK/slurmctld.pid")")
slurmd -f "$SLURM_CONF"
started+=("$(sleep 1; cat "$WORK/slurmd.pid")")
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
say "cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %T') (twice the $cpus cores: tasks overlap, as on many nodes)"

# ---------------------------------------------------------------------------------------------- 3. the jobs
cp "$repo/rln" "$WORK/home/rln" && cp "$JAR" "$WORK/home/target/rln.jar" # the launcher beside its jar: no rebuild
export RLN="$WORK/home/rln" OUT="$WORK/data" COUNT K SIZE CONTRAST SEED FIELDS CPUS=1
t0=$(date +%s)
submitted=$("$here/submit.sh")
array=$(sed -E 's/^array ([0-9]+).*/\1/' <<< "$submitted") merge=$(sed -E 's/.*, merge ([0-9]+).*/\1/' <<< "$submitted")
say "submitted: $submitted"
if [ "$DUPLICATE" = 1 ]; then # queued to start once the first array has started, as a resubmission would run
  dup=$(sbatch --parsable --array=0-$((K - 1)) --cpus-per-task=1 --chdir="$OUT" --job-name=rln-duplicate --export=ALL \
      --dependency=after:"$array" "$here/generate-array.sbatch")
  dup=${dup%%;*}
  say "submitted the same array again, as a resubmitted job: $dup"
  noshard=$(sbatch --parsable --array=0-$((K - 1)) --cpus-per-task=1 --chdir="$OUT" --job-name=rln-noshard --output=%x-%A_%a.out \
      --wrap="exec '$RLN' generate --out '$OUT/whole' --count $COUNT --size $SIZE --contrast $CONTRAST --seed $SEED --fields $FIELDS --threads 1")
  noshard=${noshard%%;*}
  say "submitted an array that forgot --shard ($K tasks into $OUT/whole): $noshard"
fi

# ---------------------------------------------------------------------------------------------- 4. wait and check
state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort | uniq -c | tr '\n' ' '; }
while squeue -h -j "$merge${dup:+,$dup,$noshard}" 2>/dev/null | grep -q .; do sleep 2; done
say "queue empty after $(( $(date +%s) - t0 )) s: array [$(state "$array")] merge [$(state "$merge")]${dup:+ duplicate [$(state "$dup")] no-shard [$(state "$noshard")]}"
fail=0
for i in $(seq 0 $((K - 1))); do
  code=$(scontrol show job "${array}_$i" | grep -o ' ExitCode=[0-9:]*' | head -1 | cut -d= -f2)
  say "task $i: exit $code, $(tail -1 "$OUT/rln-generate-${array}_$i.out")"
  [ "$code" = 0:0 ] || fail=1
done
code=$(scontrol show job "$merge" | grep -o ' ExitCode=[0-9:]*' | head -1 | cut -d= -f2)
say "merge: exit $code, $(tail -1 "$OUT/rln-merge-$merge.out")"
[ "$code" = 0:0 ] || fail=1
if [ -n "${dup:-}" ]; then
  for i in $(seq 0 $((K - 1))); do
    log="$OUT/rln-duplicate-${dup}_$i.out"
    code=$(scontrol show job "${dup}_$i" | grep -o ' ExitCode=[0-9:]*' | head -1 | cut -d= -f2)
    say "duplicate task $i: exit $code, $(grep -v '^WARNING: Using incubator' "$log" | tail -1)"
    if [ "$code" = 2:0 ]; then
      [ "$(grep -vc '^WARNING: Using incubator' "$log")" = 1 ] || { say "  expected one line"; fail=1; }
    elif [ "$code" != 0:0 ]; then fail=1; fi
  done
  wrote=0
  for i in $(seq 0 $((K - 1))); do
    log="$OUT/rln-noshard-${noshard}_$i.out"
    code=$(scontrol show job "${noshard}_$i" | grep -o ' ExitCode=[0-9:]*' | head -1 | cut -d= -f2)
    last=$(grep -v '^WARNING: Using incubator' "$log" | tail -1)
    say "no-shard task $i: exit $code, $last"
    case "$code:$last" in
      0:0:wrote*) wrote=$((wrote + 1)) ;;
      0:0:*"nothing to do") ;;
      2:0:*"is being written by"*) [ "$(grep -vc '^WARNING: Using incubator' "$log")" = 1 ] || fail=1 ;;
      *) fail=1 ;;
    esac
  done
  [ "$wrote" = 1 ] || { say "expected exactly one no-shard task to write $OUT/whole, $wrote did"; fail=1; }
fi

say "scancel of a running task: its SIGTERM must reach the JVM"
long=$(sbatch --parsable --cpus-per-task=1 --chdir="$OUT" --job-name=rln-cancelled --output=%x-%j.out \
    --wrap="exec '$RLN' generate --out '$OUT/cancelled' --count 100000 --size 9 --contrast 10 --fields exx --threads 1")
long=${long%%;*}
for _ in $(seq 120); do [ -s "$OUT/.cancelled.lock" ] && break; sleep 1; done
jvm=$(pgrep -f -- "--out $OUT/cancelled" | head -1 || true)
say "job $long running, the JVM is pid ${jvm:-?} ($(ps -o comm= -p "${jvm:-1}" 2>/dev/null))"
scancel "$long"
for _ in $(seq 30); do pgrep -f -- "--out $OUT/cancelled" >/dev/null || break; sleep 1; done
if pgrep -f -- "--out $OUT/cancelled" >/dev/null; then say "a JVM survived scancel"; fail=1; else say "after scancel no process writes $OUT/cancelled"; fi

say "single run of the same arguments for comparison"
"$RLN" generate --out "$WORK/single" --count "$COUNT" --size "$SIZE" --contrast "$CONTRAST" --seed "$SEED" --fields "$FIELDS" \
    --threads 2 | tail -1
for f in micro.npy "$( [ "$FIELDS" = exx ] && echo exx.npy || echo strain.npy )" meta.json; do
  if cmp -s "$WORK/single/$f" "$OUT/merged/$f"; then say "identical: merged/$f = single/$f ($(stat -c %s "$OUT/merged/$f") bytes)"
  else say "DIFFERENT: merged/$f vs single/$f"; fail=1; fi
  if [ -n "${noshard:-}" ]; then
    if cmp -s "$WORK/single/$f" "$OUT/whole/$f"; then say "identical: whole/$f = single/$f"
    else say "DIFFERENT: whole/$f vs single/$f"; fail=1; fi
  fi
done
[ "$fail" = 0 ] && say "PASS: $K-task Slurm array + merge = a single run, byte for byte" || say "FAIL"
exit "$fail"
