"""Refuse to benchmark a crippled peer: PyTorch on Debian links libblas.so.3, which is the slow reference BLAS unless
an optimized one provides it. With the reference BLAS, PyTorch's conv3d (im2col + sgemm) ran 5-10x slower here
(bench/RLN.md, "the peer's BLAS"), which would make every ratio against it flatter us.

check() times one 1024^3 sgemm through torch; below 20 GFLOP/s it prints one line naming the fix and exits 2.
PEER_ALLOW_SLOW_BLAS=1 skips the check (to measure the slow peer on purpose).
"""
import os, sys, time


def check(torch):
    if os.environ.get("PEER_ALLOW_SLOW_BLAS") == "1":
        return
    a = torch.randn(1024, 1024)
    a @ a
    t = time.perf_counter()
    a @ a
    gflops = 2 * 1024 ** 3 / (time.perf_counter() - t) / 1e9
    if gflops < 20:
        sys.stderr.write(f"peer: PyTorch's sgemm runs at {gflops:.1f} GFLOP/s (reference BLAS?): "
                         "apt-get install libopenblas0-pthread, or set PEER_ALLOW_SLOW_BLAS=1 to measure it anyway\n")
        sys.exit(2)
