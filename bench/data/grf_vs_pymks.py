#!/usr/bin/python3
"""Peer check of rln.micro.GaussianRandomField against an independent numpy/scipy implementation of the
PyMKS recipe the authors used (make_microstructure: blur uniform noise with fourier_gaussian(ones(g), 1)
applied by FFT, then threshold at the volume-fraction quantile).

The noise streams differ (Java SplittableRandom vs numpy), so the comparison is statistical: the mean
two-point autocorrelation S2(lag) = P(phase(x) = 1 and phase(x + lag e_a) = 1) along each axis, over K
samples each, with its standard error. Usage (from the repository root, after ./rln has built the jar):
    /usr/bin/python3 bench/data/grf_vs_pymks.py [K]
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.ndimage import fourier_gaussian

N = 31
CASES = [((12, 3, 1), 0.4), ((1, 31, 6), 0.25), ((7, 7, 7), 0.6)]
LAGS = range(0, 9)


def pymks_recipe(rng, n, g, vf):
    """Uniform noise blurred with PyMKS's kernel (via FFT, periodic), thresholded at the vf quantile."""
    noise = rng.random((n, n, n))
    kernel = np.fft.fftshift(fourier_gaussian(np.ones(g), np.ones(3)))
    padded = np.zeros((n, n, n))
    starts = [(n - gi) // 2 for gi in g]  # centred, as pymks' zero_pad
    padded[starts[0]:starts[0] + g[0], starts[1]:starts[1] + g[1], starts[2]:starts[2] + g[2]] = kernel
    blurred = np.fft.ifftn(np.fft.fftn(np.fft.ifftshift(padded)) * np.fft.fftn(noise)).real
    ones = int(round(vf * n ** 3))
    order = np.argsort(-blurred.ravel(), kind="stable")
    phase = np.zeros(n ** 3, np.uint8)
    phase[order[:ones]] = 1
    return phase.reshape(n, n, n)


def s2(phases, axis, lag):
    """Mean over samples of P(phase = 1 at x and at x + lag e_axis), periodic; and its standard error."""
    v = [(p * np.roll(p, -lag, axis=axis)).mean() for p in phases.astype(np.float64)]
    return np.mean(v), np.std(v, ddof=1) / np.sqrt(len(v))


def main():
    k = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    jar = os.path.join(root, "target", "rln.jar")
    src = os.path.join(root, "bench", "data", "GrfSamples.java")
    rng = np.random.default_rng(7)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for g, vf in CASES:
            out = os.path.join(tmp, "ours.npy")
            subprocess.run(["java", "-cp", jar, src, out, str(k), str(N), *map(str, g), str(vf)], check=True)
            ours = np.load(out)
            theirs = np.stack([pymks_recipe(rng, N, g, vf) for _ in range(k)])
            assert ours.shape == theirs.shape and ours.dtype == np.uint8
            assert np.all(ours.reshape(k, -1).sum(1) == round(vf * N ** 3)), "exact volume fraction"
            print(f"g = {g}, vf = {vf}, {k} samples each: S2 along x | y | z, ours vs pymks recipe (z = diff / combined s.e.)")
            for lag in LAGS:
                cells = []
                for axis in range(3):
                    a, sa = s2(ours, axis, lag)
                    b, sb = s2(theirs, axis, lag)
                    z = (a - b) / max(np.hypot(sa, sb), 1e-12)
                    worst = max(worst, abs(z))
                    cells.append(f"{a:.4f} {b:.4f} z={z:+.1f}")
                print(f"  lag {lag}: " + " | ".join(cells))
    print(f"largest |z| = {worst:.2f} (|z| < 3 everywhere: no detectable difference)")


if __name__ == "__main__":
    main()
