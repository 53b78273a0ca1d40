"""The ops of TapeOpsBench in PyTorch (CPU, float32, 2 threads), forward + backward seeded by y.sum().
Run with a Python that has PyTorch (1.13 was used): python3 bench/tape_ops_torch.py
Prints one line per op: the median over 30 repetitions, in milliseconds."""
import statistics
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(1)


def r(*shape, grad=True):
    return (torch.rand(*shape) * 2 - 1).requires_grad_(grad)


# channels-first, as PyTorch wants it
cases = {
    "prelu": lambda: (lambda x, a: F.prelu(x, a), (r(1, 16, 36, 36, 36), r(16))),
    "add": lambda: (lambda x, y: x + y, (r(1, 16, 36, 36, 36), r(1, 16, 36, 36, 36))),
    "maskMul": lambda: (lambda m, y: m * y, (r(1, 1, 31, 31, 31, grad=False), r(1, 1, 31, 31, 31))),
    "pad": lambda: (lambda x: F.pad(x, (2, 3, 2, 3, 2, 3), mode="circular"), (r(1, 6, 31, 31, 31),)),
    "crop": lambda: (lambda x: x[:, :, 2:-3, 2:-3, 2:-3], (r(1, 1, 36, 36, 36),)),
    "concat": lambda: (lambda x, y: torch.cat((x, y), 1), (r(1, 32, 36, 36, 36), r(1, 16, 36, 36, 36))),
    "meanRemoval": lambda: (lambda p: p - p.mean(dim=(1, 2, 3, 4), keepdim=True), (r(32, 1, 31, 31, 31),)),
    "mse": lambda: (lambda p, t: F.mse_loss(p, t), (r(32, 1, 31, 31, 31), r(32, 1, 31, 31, 31, grad=False))),
}

for name, make in cases.items():
    f, args = make()
    times = []
    for rep in range(35):
        for t in args:
            t.grad = None
        t0 = time.perf_counter()
        f(*args).sum().backward()
        t1 = time.perf_counter()
        if rep >= 5:
            times.append((t1 - t0) * 1e3)
    print(f"{name:12s} {statistics.median(times):8.3f} ms")
