"""Reference values for rln.autodiff.ProximalNetTorchTest: the miniature RLN proximal network of
ProximalNetGradientTest (METHOD.md section 4 at channel widths 2 and 3 on a 3^3 grid, batch 2, two tied passes,
per-sample then batch mean removal, the paper's loss) built with PyTorch's own ops in float64, its loss and
the gradients of every parameter by PyTorch autograd.

Run with the interpreter that has PyTorch (1.13 was used):
    python3 bench/proximal_net_torch.py testdata/autodiff/proximal-net-torch
Writes, in this project's layouts (channels-last; conv weights [k,k,k,Ci,Co]; transposed-conv weights
[k,k,k,Co,Ci]): <name>.npy per parameter, m1.npy, target.npy (N,3,3,3,1), loss.npy (1,), grad.<name>.npy."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20260701)
C1, C2, GRID, BATCH = 2, 3, 3, 2


def uniform(lo, hi, *shape):
    return (lo + (hi - lo) * torch.rand(*shape, generator=gen)).requires_grad_(True)


P = {}


def conv(name, k, ci, co, transposed=False):
    s = 1 / np.sqrt(k ** 3 * ci)
    P[name + ".weight"] = uniform(-s, s, *((ci, co) if transposed else (co, ci)), k, k, k)
    P[name + ".bias"] = uniform(-s, s, co)


def slope(name, c):
    P[name + ".weight"] = uniform(0.15, 0.35, c)


conv("conv1", 3, 6, C1); slope("act1", C1)
conv("conv2", 3, C1, C1); slope("act2", C1)
conv("down", 2, C1, C2); slope("act3", C2)
conv("conv3", 3, C2, C2); slope("act4", C2)
conv("conv4", 3, C2, C2); slope("act5", C2)
conv("up", 2, C2, C2, transposed=True); slope("act6", C2)
conv("conv5", 3, C1 + C2, C2); slope("act7", C2)
conv("conv6", 3, C2, C1)
conv("out", 1, C1, 1)


def circ3(x, name):  # conv3d 3^3 with padding_mode='circular', padding=1
    return F.conv3d(F.pad(x, (1, 1, 1, 1, 1, 1), mode="circular"), P[name + ".weight"], P[name + ".bias"])


def net(x):
    x = F.pad(x, (2, 3, 2, 3, 2, 3), mode="circular")
    x = F.prelu(circ3(x, "conv1"), P["act1.weight"])
    skip = F.prelu(circ3(x, "conv2"), P["act2.weight"])
    x = F.prelu(F.conv3d(skip, P["down.weight"], P["down.bias"], stride=2), P["act3.weight"])
    x = F.prelu(circ3(x, "conv3"), P["act4.weight"])
    x = F.prelu(circ3(x, "conv4"), P["act5.weight"])
    x = F.prelu(F.conv_transpose3d(x, P["up.weight"], P["up.bias"], stride=2), P["act6.weight"])
    x = torch.cat((x, skip), 1)
    x = F.prelu(circ3(x, "conv5"), P["act7.weight"])
    x = circ3(x, "conv6")
    x = F.conv3d(x, P["out.weight"], P["out.bias"])
    return x[:, :, 2:-3, 2:-3, 2:-3]


m1 = (torch.rand(BATCH, 1, GRID, GRID, GRID, generator=gen) < 0.5).double()
m0 = 1 - m1
target = 0.6 + torch.rand(BATCH, 1, GRID, GRID, GRID, generator=gen)
zero, one = torch.zeros_like(m1), torch.ones_like(m1)
y = [zero, zero, one]  # y_(k-2), y_(k-1), y_k
total = 0
for k in range(2):
    inp = torch.cat((m0 * y[2], m1 * y[2], m0 * y[1], m1 * y[1], m0 * y[0], m1 * y[0]), 1)
    p = net(inp)
    p = p - (p.mean(dim=(1, 2, 3, 4), keepdim=True) if k == 0 else p.mean())
    nxt = 1 + p
    total = total + 100 * torch.sqrt(F.mse_loss(nxt, target)) / target.mean()
    y = [y[1], y[2], nxt]
loss = 0.5 * total
loss.backward()

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def ours(name, t):
    t = t.detach()
    if t.dim() == 5 and name.endswith(".weight"):  # (Co,Ci,k,k,k) or transposed (Ci,Co,k,k,k) -> [k,k,k, dim1, dim0]
        t = t.permute(2, 3, 4, 1, 0)
    return np.ascontiguousarray(t.numpy())


for name, t in P.items():
    np.save(os.path.join(out, name + ".npy"), ours(name, t))
    np.save(os.path.join(out, "grad." + name + ".npy"), ours(name, t.grad))
np.save(os.path.join(out, "m1.npy"), np.ascontiguousarray(m1.permute(0, 2, 3, 4, 1).numpy()))
np.save(os.path.join(out, "target.npy"), np.ascontiguousarray(target.permute(0, 2, 3, 4, 1).numpy()))
np.save(os.path.join(out, "loss.npy"), np.array([loss.item()]))
print("loss", loss.item(), "parameters", sum(t.numel() for t in P.values()))
