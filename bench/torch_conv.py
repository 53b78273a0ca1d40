#!/usr/bin/python3
"""PyTorch peer timings for the convolution layers in conv_shapes.txt (Debian's python3-torch, oneDNN on CPU).

For each layer and batch size prints one JSON line: torch forward ms (torch.no_grad, the default path), forward+backward
ms under autograd (input and weights require grad; y.backward(dy) computes both gradients), and the forward with
oneDNN forced (mkldnn tensors; PyTorch's default path skips oneDNN for batch 1 with few channels), medians after warm-up.
The *_cpu_ms fields are process CPU time (time.process_time) over the same calls; with 1 thread they measure the work
on a shared machine; with more, OpenMP's spin-waiting is counted too.
Circular padding uses padding_mode='circular' (PyTorch pads, then convolves), as the authors' network does.
Usage: /usr/bin/python3 bench/torch_conv.py [--threads 2] [--batches 1,8] [--reps 15] [--only NAME]
"""
import argparse, json, os, statistics, time
import torch

def shapes(path):
    for line in open(path):
        line = line.split('#')[0].split()
        if line:
            name, n, cin, cout, k, stride, tr = line
            yield name, int(n), int(cin), int(cout), int(k), int(stride), tr == '1'

def layer(cin, cout, k, stride, transposed):
    if transposed:
        return torch.nn.ConvTranspose3d(cin, cout, k, stride=stride)
    pad = (k - 1) // 2 if stride == 1 else 0
    return torch.nn.Conv3d(cin, cout, k, stride=stride, padding=pad,
                           padding_mode='circular' if pad > 0 else 'zeros')

CPU = {}

def median_ms(fn, reps, warmup):
    """Median wall-clock ms; the median process CPU ms (all threads) is kept in CPU[fn.__name__]."""
    for _ in range(warmup):
        fn()
    t, c = [], []
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        t.append((time.perf_counter() - t0) * 1e3)
        c.append((time.process_time() - c0) * 1e3)
    CPU[fn.__name__] = statistics.median(c)
    return statistics.median(t)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batches', default='1,8')
    ap.add_argument('--reps', type=int, default=15)
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--only', default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    import peer_blas; peer_blas.check(torch)  # a timing against a reference-BLAS PyTorch would flatter us
    torch.manual_seed(1)
    here = os.path.dirname(os.path.abspath(__file__))
    for name, n, cin, cout, k, stride, tr in shapes(os.path.join(here, 'conv_shapes.txt')):
        if a.only and name != a.only:
            continue
        for batch in [int(b) for b in a.batches.split(',')]:
            m = layer(cin, cout, k, stride, tr)
            x = torch.randn(batch, cin, n, n, n)
            with torch.no_grad():
                y = m(x)
            dy = torch.randn_like(y)
            def fwd():
                with torch.no_grad():
                    m(x)
            xg = x.clone().requires_grad_(True)
            def fwd_bwd():
                m.zero_grad(set_to_none=True)
                xg.grad = None
                m(xg).backward(dy)
            out_n = y.shape[-1]
            flops = 2.0 * batch * cout * cin * k ** 3 * (n ** 3 if tr else out_n ** 3)
            f = median_ms(fwd, a.reps, a.warmup)
            fb = median_ms(fwd_bwd, a.reps, a.warmup)
            # oneDNN forced (module and input converted to mkldnn tensors): PyTorch's fastest CPU forward. The
            # mkldnn module pads with zeros, not circularly: same arithmetic, the cheap pad aside. Not for up.
            onednn = None
            if not tr:
                from torch.utils import mkldnn as mkldnn_utils
                mm = mkldnn_utils.to_mkldnn(torch.nn.Conv3d(cin, cout, k, stride=stride, padding=(k - 1) // 2 if stride == 1 else 0))
                xm = x.to_mkldnn()
                def fwd_onednn():
                    with torch.no_grad():
                        mm(xm)
                onednn = median_ms(fwd_onednn, a.reps, a.warmup)
            print(json.dumps({'name': name, 'n': n, 'batch': batch, 'cin': cin, 'cout': cout, 'k': k,
                              'stride': stride, 'transposed': tr, 'threads': a.threads,
                              'torch_forward_ms': round(f, 4), 'torch_fwd_bwd_ms': round(fb, 4),
                              'torch_onednn_forward_ms': None if onednn is None else round(onednn, 4),
                              'torch_forward_cpu_ms': round(CPU['fwd'], 4), 'torch_fwd_bwd_cpu_ms': round(CPU['fwd_bwd'], 4),
                              'torch_onednn_forward_cpu_ms': None if onednn is None else round(CPU['fwd_onednn'], 4),
                              'torch_forward_gflops': round(flops / f / 1e6, 1)}), flush=True)

if __name__ == '__main__':
    main()
