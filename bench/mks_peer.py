#!/usr/bin/python3
"""Peer check of the MKS baseline: the PyMKS-style first-order localization fit written with numpy alone.

Per wave vector k of the full 3D DFT, least squares over the training samples of
    Y_n(k) ~ a_0(k) M_0n(k) + a_1(k) M_1n(k)
with numpy.linalg.lstsq (SVD, rcond = 1e4 * machine epsilon, as PyMKS's LocalizationRegressor does), which returns
the minimum-norm solution where the two columns are parallel (every k != 0, since m_0 + m_1 = 1).
Prediction: p = ifftn(sum_h a_h(k) M_h(k)).real.

usage: mks_peer.py TRAIN_DIR TEST_MICRO.npy OUT_PRED.npy
  TRAIN_DIR holds micro.npy (n, nx, ny, nz) uint8 and strain.npy (n, 6, ...) or exx.npy (n, ...).
Compare OUT_PRED.npy with `rln mks fit --train TRAIN_DIR --out M && rln mks predict --model M --micro TEST ...`.
Run with /usr/bin/python3 (numpy 1.24).
"""
import os
import sys

import numpy as np


def load_exx(d):
    p = os.path.join(d, "strain.npy")
    if os.path.exists(p):
        return np.load(p)[:, 0].astype(np.float64)
    return np.load(os.path.join(d, "exx.npy")).astype(np.float64)


def main(train_dir, test_micro, out):
    micro = np.load(os.path.join(train_dir, "micro.npy"))
    y = load_exx(train_dir)
    m = np.stack([(micro == 0), (micro == 1)], axis=-1).astype(np.float64)   # (n, nx, ny, nz, 2)
    fm = np.fft.fftn(m, axes=(1, 2, 3))
    fy = np.fft.fftn(y, axes=(1, 2, 3))
    coeff = np.zeros(fm.shape[1:], dtype=complex)
    rcond = np.finfo(float).eps * 1e4
    for ijk in np.ndindex(*fm.shape[1:4]):
        a = fm[(slice(None),) + ijk]          # (n, 2)
        b = fy[(slice(None),) + ijk]          # (n,)
        coeff[ijk] = np.linalg.lstsq(a, b, rcond=rcond)[0]
    test = np.load(test_micro)
    if test.ndim == 3:
        test = test[None]
    mt = np.stack([(test == 0), (test == 1)], axis=-1).astype(np.float64)
    fmt = np.fft.fftn(mt, axes=(1, 2, 3))
    pred = np.fft.ifftn((fmt * coeff[None]).sum(axis=-1), axes=(1, 2, 3)).real
    np.save(out, pred.astype(np.float32))
    print("wrote %s %s" % (out, pred.shape))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
