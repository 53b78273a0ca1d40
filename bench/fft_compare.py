#!/usr/bin/env python3
"""Side-by-side timing of our real 3D FFT and numpy.fft.rfftn, alternating, on a shared machine.

Usage (repository root, after `mvn -B -q -DskipTests package`):
    /usr/bin/python3 bench/fft_compare.py [--rounds 3] [n ...]      (default sizes 15 21 31 32 63 64 127 128)
For every size and round it runs bench/fft_numpy.py and then `rln.cli.BenchFftCommand` (our RealFft3.create,
one thread) right after, so both see the same load; it prints the median over rounds of each one's median
and the ratio ours / numpy as a Markdown table.
"""
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_json(cmd):
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads([l for l in out.splitlines() if l.startswith("{")][-1])


def main():
    args = sys.argv[1:]
    rounds = 3
    if args[:1] == ["--rounds"]:
        rounds, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [15, 21, 31, 32, 63, 64, 127, 128]
    rows = []
    for n in sizes:
        numpy, ours = [], []
        for _ in range(rounds):
            numpy.append(run_json([sys.executable, "bench/fft_numpy.py", str(n)]))
            repeat = "20" if n > 100 else "100"
            ours.append(run_json(["java", "--add-modules", "jdk.incubator.vector", "-cp", "target/rln.jar",
                                  "rln.cli.BenchFftCommand", "--n", str(n), "--repeat", repeat]))
        med = lambda runs, key: statistics.median(r[key] for r in runs)
        row = (n, med(numpy, "forward_ms"), med(ours, "forward_ms"), med(numpy, "inverse_ms"), med(ours, "inverse_ms"))
        rows.append(row)
        print(json.dumps({"n": n, "numpy_forward_ms": row[1], "ours_forward_ms": row[2],
                          "numpy_inverse_ms": row[3], "ours_inverse_ms": row[4], "impl": ours[0]["impl"]}), flush=True)
    print("\n| n | numpy forward | ours forward | ratio | numpy inverse | ours inverse | ratio |")
    print("|---|---|---|---|---|---|---|")
    f = lambda v: f"{v:.3f}" if v < 10 else f"{v:.1f}"
    for n, nf, of, ni, oi in rows:
        print(f"| {n} | {f(nf)} | {f(of)} | {of / nf:.2f} | {f(ni)} | {f(oi)} | {oi / ni:.2f} |")


if __name__ == "__main__":
    main()
