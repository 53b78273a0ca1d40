#!/usr/bin/env python3
"""Markdown table for bench/FFT.md from a JMH FftBench run and bench/fft_numpy.py output.

Usage: /usr/bin/python3 bench/fft_table.py JMH.json NUMPY.txt
  JMH.json:  bench/run-jmh.sh FftBench -rf json -rff JMH.json
  NUMPY.txt: /usr/bin/python3 bench/fft_numpy.py > NUMPY.txt   (one JSON line per size)
Every number is a median in ms per transform (JMH: median of the measurement iterations' averages).
"""
import json
import statistics
import sys


def main():
    jmh = json.load(open(sys.argv[1]))
    numpy = {}
    for line in open(sys.argv[2]):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            numpy[r["n"]] = r
    ours = {}
    for b in jmh:
        op = b["benchmark"].rsplit(".", 1)[1]
        n, impl = int(b["params"]["n"]), b["params"]["impl"]
        assert b["primaryMetric"]["scoreUnit"] == "us/op"
        iters = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
        ours[(op, n, impl)] = statistics.median(iters) / 1000.0
    sizes = sorted({k[1] for k in ours})
    for op in ("forward", "inverse"):
        print(f"\n{op} (ms per transform, median; ratio = ours / numpy)\n")
        print("| n | numpy rfftn | JTransforms baseline | ours (vector) | ours (scalar) | ours / numpy | baseline / ours |")
        print("|---|---|---|---|---|---|---|")
        for n in sizes:
            npy = numpy.get(n, {}).get(op + "_ms")
            jt, rc, sc = (ours.get((op, n, i)) for i in ("jtransforms", "rowcolumn", "rowcolumn-scalar"))
            cell = lambda v: "-" if v is None else f"{v:.3f}" if v < 10 else f"{v:.1f}"
            ratio = f"{rc / npy:.2f}" if rc and npy else "-"
            speedup = f"{jt / rc:.1f}x" if rc and jt else "-"
            print(f"| {n} | {cell(npy)} | {cell(jt)} | {cell(rc)} | {cell(sc)} | {ratio} | {speedup} |")


if __name__ == "__main__":
    main()
