#!/usr/bin/python3
"""numpy peer timing of one MKS prediction at 31^3: p = irfftn(sum_h alpha_h(k) rfftn(m_h)), as MksBench.predict31.
Median of 7 repeats of 50 calls; single thread (numpy.fft is pocketfft, single-threaded). Run with /usr/bin/python3."""
import timeit

import numpy as np

n = 31
rng = np.random.default_rng(1)
micro = (rng.random((n, n, n)) < 0.3).astype(np.uint8)
alpha = [np.fft.rfftn(rng.normal(size=(n, n, n))) for _ in range(2)]


def predict():
    p = alpha[0] * np.fft.rfftn((micro == 0).astype(float)) + alpha[1] * np.fft.rfftn((micro == 1).astype(float))
    return np.fft.irfftn(p, s=(n, n, n))


times = timeit.repeat(predict, number=50, repeat=7)
print("numpy MKS predict 31^3: median %.3f ms per call (%s)" % (1e3 * np.median(times) / 50, np.__version__))
