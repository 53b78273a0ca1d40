#!/usr/bin/env python3
"""numpy.fft.rfftn / irfftn timings (pocketfft, single-threaded) for the sizes in FftBench.

Usage: /usr/bin/python3 bench/fft_numpy.py [n ...]     (default: 15 21 31 32 63 64 127 128)
Prints one JSON line per size: n, forward_ms and inverse_ms (medians of timeit repeats), numpy version.
"""
import json
import sys
import timeit

import numpy as np


def median_ms(stmt, number, repeat):
    times = timeit.repeat(stmt, number=number, repeat=repeat)
    times.sort()
    return 1e3 * times[len(times) // 2] / number


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [15, 21, 31, 32, 63, 64, 127, 128]
    rng = np.random.default_rng(1)
    for n in sizes:
        x = rng.standard_normal((n, n, n))
        X = np.fft.rfftn(x)
        # aim at ~0.2 s per repeat so that one repeat outlasts scheduler noise
        t1 = timeit.timeit(lambda: np.fft.rfftn(x), number=3) / 3
        number = max(1, int(0.2 / max(t1, 1e-6)))
        fwd = median_ms(lambda: np.fft.rfftn(x), number, 15)
        inv = median_ms(lambda: np.fft.irfftn(X, s=x.shape), number, 15)
        print(json.dumps({"n": n, "forward_ms": round(fwd, 4), "inverse_ms": round(inv, 4),
                          "impl": "numpy " + np.__version__ + " pocketfft"}), flush=True)


if __name__ == "__main__":
    main()
