#!/usr/bin/env python3
"""Writes testdata/fft/: a 5x6x7 real field and its numpy.fft.rfftn (complex as float64 (..., 2)).

Usage (from the repository root): /usr/bin/python3 bench/fft_testdata.py
The files are committed; RealFft3Contract holds every implementation's forward (and inverse) to them.
"""
import numpy as np

rng = np.random.default_rng(20211)
x = rng.standard_normal((5, 6, 7))
X = np.fft.rfftn(x)
np.save("testdata/fft/x_5x6x7.npy", x)
np.save("testdata/fft/rfftn_5x6x7.npy", np.ascontiguousarray(np.stack([X.real, X.imag], axis=-1)))
print("numpy", np.__version__, "X shape", X.shape, "sum|x|", np.abs(x).sum())
