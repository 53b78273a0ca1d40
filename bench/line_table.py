#!/usr/bin/env python3
"""Markdown table for bench/FFT.md from a JMH LineDftBench run (ms per pass, median of the iterations).

Usage: bench/run-jmh.sh LineDftBench -rf json -rff line.json ; /usr/bin/python3 bench/line_table.py line.json
"""
import json
import statistics
import sys

res = {}
for b in json.load(open(sys.argv[1])):
    op = b["benchmark"].rsplit(".", 1)[1]
    iters = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
    res[(op, int(b["params"]["n"]), b["params"]["impl"])] = statistics.median(iters) / 1000.0
sizes = sorted({k[1] for k in res})
impls = ["paired", "factored", "jtransforms"]
cell = lambda v: "-" if v is None else f"{v:.3f}" if v < 10 else f"{v:.1f}"
print("| n | complex pass: " + " | ".join(impls) + " | real pass: " + " | ".join(impls) + " |")
print("|---" * 7 + "|")
for n in sizes:
    row = [cell(res.get(("complexPass", n, i))) for i in impls] + [cell(res.get(("realPass", n, i))) for i in impls]
    print(f"| {n} | " + " | ".join(row) + " |")
