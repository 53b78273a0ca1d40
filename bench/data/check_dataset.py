#!/usr/bin/python3
"""Reads a dataset written by `rln generate` / `rln merge` with numpy alone and checks what INTERFACES.md and
METHOD.md promise: shapes and dtypes, phases in {0, 1}, the stiff fraction of every sample equal to meta.json's
"vf", one meta entry per sample in index order, and the volume average of every strain field equal to the
applied strain (exact for the FE elements; printed as the largest deviation).
Usage: /usr/bin/python3 bench/data/check_dataset.py DIR
"""
import json
import os
import sys

import numpy as np


def main(d):
    meta = json.load(open(os.path.join(d, "meta.json")))
    micro = np.load(os.path.join(d, "micro.npy"), mmap_mode="r")
    lo, hi = meta["indices"]
    n = hi - lo
    assert micro.dtype == np.uint8 and micro.shape == (n, *meta["size"]), (micro.dtype, micro.shape)
    assert set(np.unique(micro)) <= {0, 1}, "phases must be 0 or 1"
    samples = meta["samples"]
    assert [s["index"] for s in samples] == list(range(lo, hi)), "one meta entry per sample, in index order"
    vf = micro.reshape(n, -1).mean(axis=1)
    assert np.array_equal(vf, np.array([s["vf"] for s in samples])), "stiff fraction matches meta.json"
    applied = np.array(meta["applied_strain"])
    if os.path.exists(os.path.join(d, "strain.npy")):
        strain = np.load(os.path.join(d, "strain.npy"), mmap_mode="r")
        assert strain.dtype == np.float64 and strain.shape == (n, 6, *meta["size"])
        dev = max(np.abs(strain[i].reshape(6, -1).mean(axis=1) - applied).max() for i in range(n))
    else:
        exx = np.load(os.path.join(d, "exx.npy"), mmap_mode="r")
        assert exx.dtype == np.float32 and exx.shape == (n, *meta["size"])
        dev = max(abs(exx[i].astype(np.float64).mean() - applied[0]) for i in range(n))
    its = [s["iterations"] for s in samples]
    print(f"{d}: {n} samples [{lo}, {hi}) of {meta['count']}, {meta['generator']['kind']}, contrast {meta['contrast']}, "
          f"element {meta['element']}, tol {meta['tolerance']}; iterations min/median/max {min(its)}/{int(np.median(its))}/{max(its)}; "
          f"largest |<eps> - E| = {dev:.2e}; OK")


if __name__ == "__main__":
    main(sys.argv[1])
