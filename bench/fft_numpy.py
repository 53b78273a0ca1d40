#!/usr/bin/env python3
"""numpy.fft.rfftn / irfftn timings (pocketfft, single-threaded) for the sizes in FftBench.

Usage: /usr/bin/python3 bench/fft_numpy.py [n ...]     (default: 15 21 31 32 63 64 127 128)
Prints one JSON line per size: n, forward_ms and inverse_ms, each the median of the times of single calls
(after a warm-up), measured exactly like rln.cli.BenchFftCommand measures ours, so that preemption on a busy
machine inflates neither more than the other. Run with /usr/bin/python3 (numpy 1.24).
"""
import json
import sys
import time

import numpy as np


def median_call_ms(f, seconds=1.0, at_least=15):
    for _ in range(3):
        f()
    times = []
    start = time.perf_counter()
    while len(times) < at_least or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    times.sort()
    return 1e3 * times[len(times) // 2]


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [15, 21, 31, 32, 63, 64, 127, 128]
    rng = np.random.default_rng(1)
    for n in sizes:
        x = rng.standard_normal((n, n, n))
        X = np.fft.rfftn(x)
        fwd = median_call_ms(lambda: np.fft.rfftn(x))
        inv = median_call_ms(lambda: np.fft.irfftn(X, s=x.shape))
        print(json.dumps({"n": n, "forward_ms": round(fwd, 4), "inverse_ms": round(inv, 4),
                          "impl": "numpy " + np.__version__ + " pocketfft"}), flush=True)


if __name__ == "__main__":
    main()
