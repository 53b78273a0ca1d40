#!/usr/bin/env bash
# An RLN-t training step at batch 8 on 31^3: ours (JMH TrainStepBench, single shot, median of 5) side by side
# with PyTorch's (bench/torch_rln.py time, median of 5), PyTorch measured before and after ours so that a change
# in the machine's load shows. Prints both and the ratio ours / PyTorch (target <= 0.5).
# Usage: bench/train_step_compare.sh     (from the repository root; needs /usr/bin/python3 with torch)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
torch_step() { /usr/bin/python3 "$here/torch_rln.py" time | grep 'training step' | sed 's/.*"seconds": \([0-9.e-]*\).*/\1/'; }
t1=$(torch_step)
json="$(mktemp)"
"$here/run-jmh.sh" TrainStepBench -rf json -rff "$json" >/dev/null
ours=$(/usr/bin/python3 -c "import json,sys,statistics; r=json.load(open(sys.argv[1]))[0]['primaryMetric']['rawData'][0]; print(statistics.median(r))" "$json")
rm -f "$json"
t2=$(torch_step)
/usr/bin/python3 - "$ours" "$t1" "$t2" <<'PY'
import sys
ours, t1, t2 = map(float, sys.argv[1:])
torch = min(t1, t2)
print(f"RLN-t training step, batch 8, 31^3: ours {ours:.2f} s (median of 5); PyTorch {t1:.2f} s before, {t2:.2f} s after")
print(f"ratio ours / PyTorch (the faster PyTorch run): {ours / torch:.2f}   (target <= 0.5)")
PY
