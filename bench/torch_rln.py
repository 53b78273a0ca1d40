"""The authors' RLN architecture (METHOD.md section 4) in PyTorch, as a peer on this machine.

Written from METHOD.md for this project (not the authors' code). Two uses:
  /usr/bin/python3 bench/torch_rln.py check [REFDIR]   hold it to the authors' published predictions
  /usr/bin/python3 bench/torch_rln.py time  [REFDIR]   median seconds: FLN / RLN-t inference per 31^3 sample
                                                       (batch 1) and one RLN-t training step at batch 8
  /usr/bin/python3 bench/torch_rln.py train [--model fln|rln-t|rln] [--n 31] [--batch 8] [--batch-mean] [--inference]
                                                       the peer of `rln bench train` (same options): one JSON line
THREADS (default 2) sets torch.set_num_threads. REFDIR defaults to ../shared/reference/published-rln.
"""
import sys, time, json, os
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(int(os.environ.get("THREADS", "2")))
REF = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] != "train" else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference", "published-rln")

class CB(nn.Module):
    def __init__(s, ci, co, act=True):
        super().__init__(); s.conv = nn.Conv3d(ci, co, 3, padding=1, padding_mode="circular")
        s.activ = nn.PReLU(co) if act else None
    def forward(s, x):
        x = s.conv(x); return s.activ(x) if s.activ is not None else x

class Prox(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv_begin_1 = CB(6, 16); s.conv_begin_2 = CB(16, 16)
        s.down_block = nn.Module(); s.down_block.convdown = nn.Conv3d(16, 32, 2, stride=2); s.down_block.activ_down = nn.PReLU(32)
        s.conv_down_1 = CB(32, 32); s.conv_down_2 = CB(32, 32)
        s.up_block = nn.Module(); s.up_block.conv_up = nn.ConvTranspose3d(32, 32, 2, stride=2); s.up_block.activ_up = nn.PReLU(32)
        s.conv_end_1 = CB(48, 32); s.conv_end_2 = CB(32, 16, act=False)
        s.output_block = nn.Module(); s.output_block.convflat = nn.Conv3d(16, 1, 1)
    def forward(s, x):
        x = F.pad(x, (2, 3, 2, 3, 2, 3), mode="circular")
        a = s.conv_begin_2(s.conv_begin_1(x))
        d = s.down_block.activ_down(s.down_block.convdown(a))
        d = s.conv_down_2(s.conv_down_1(d))
        u = s.up_block.activ_up(s.up_block.conv_up(d))
        e = s.conv_end_2(s.conv_end_1(torch.cat([u, a], 1)))
        o = s.output_block.convflat(e)
        return o[:, :, 2:-3, 2:-3, 2:-3]

class RLN(nn.Module):
    def __init__(s, passes, untied=False, batch_mean=True):
        super().__init__(); s.passes = passes; s.batch_mean = batch_mean
        if untied: s.models = nn.ModuleList([Prox() for _ in range(passes)])
        else: s.model = Prox()
    def net(s, k):
        return s.models[k] if hasattr(s, "models") else s.model
    def forward(s, m1):  # m1: (B,1,D,H,W) float stiff indicator
        m0 = 1 - m1
        y = torch.ones_like(m1); y1 = torch.zeros_like(m1); y2 = torch.zeros_like(m1); outs = []
        for k in range(s.passes):
            inp = torch.cat([m0*y, m1*y, m0*y1, m1*y1, m0*y2, m1*y2], 1)
            p = s.net(k)(inp)
            p = p - (p.mean() if s.batch_mean else p.mean(dim=(1, 2, 3, 4), keepdim=True))
            y2, y1, y = y1, y, 1 + p
            outs.append(y)
        return outs

def load(name):
    passes = 1 if name.startswith("FLN") else 5
    net = RLN(passes)
    sd = {}
    d = os.path.join(REF, "weights", name)
    for f in os.listdir(d):
        sd[f[:-4]] = torch.from_numpy(np.load(os.path.join(d, f)))
    missing = net.load_state_dict(sd, strict=True)
    return net.eval()

def check():
    micro = np.load(os.path.join(REF, "micro.npy"))
    for name in ["FLN_c10", "FLN_c50", "RLN_t_c10", "RLN_t_c50"]:
        net = load(name)
        ref = np.load(os.path.join(REF, f"pred_{name}.npy"))
        errs = []
        for i in range(micro.shape[0]):
            m = torch.from_numpy(micro[i].transpose(2, 1, 0).astype(np.float32).copy())[None, None]
            with torch.no_grad():
                outs = net(m)
            pred = np.stack([o[0, 0].numpy().transpose(2, 1, 0) for o in outs])
            errs.append(np.abs(pred - ref[i]).max())
        print(name, "max abs diff vs published pred:", max(errs), "params", sum(p.numel() for p in net.parameters()))


def median_seconds(fn, repeat):
    fn()
    ts = []
    for _ in range(repeat):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return float(np.median(ts))


def timing():
    rng = np.random.default_rng(0)
    m = torch.from_numpy((rng.random((1, 1, 31, 31, 31)) < 0.5).astype(np.float32))
    for name, passes in [("FLN", 1), ("RLN-t", 5)]:
        net = RLN(passes).eval()
        def infer():
            with torch.no_grad():
                net(m)
        print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                          "model": name, "job": "inference batch 1", "seconds": median_seconds(infer, 7)}))
    net = RLN(5).train()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    mb = torch.from_numpy((rng.random((8, 1, 31, 31, 31)) < 0.5).astype(np.float32))
    target = torch.from_numpy(1 + 0.3 * rng.standard_normal((8, 1, 31, 31, 31)).astype(np.float32))
    def step():
        opt.zero_grad()
        outs = net(mb)
        loss = sum(100 * torch.sqrt(F.mse_loss(o, target)) / target.mean() for o in outs) / len(outs)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
        opt.step()
    print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                      "model": "RLN-t", "job": "training step batch 8", "seconds": median_seconds(step, 5)}))


def forward_flops(batch, n):
    """The convolutions' 2 x multiply-adds of one network forward (ProximalNetwork.forwardFlops)."""
    d = n + 5 if n % 2 else n + 4
    h = d // 2
    f = 0
    for (ci, co, k, g) in [(6, 16, 3, d), (16, 16, 3, d), (16, 32, 2, h), (32, 32, 3, h), (32, 32, 3, h),
                           (32, 32, 2, h), (48, 32, 3, d), (32, 16, 3, d), (16, 1, 1, d)]:
        f += 2.0 * batch * g ** 3 * ci * co * k ** 3
    return f


def train_bench(argv):
    """The peer of `rln bench train`: the same step (zero grads, every pass supervised, clip at 2 x passes, Adam)."""
    import argparse
    ap = argparse.ArgumentParser(prog="torch_rln.py train")
    ap.add_argument("--model", default="rln-t", choices=["fln", "rln-t", "rln"])
    ap.add_argument("--n", type=int, default=31)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--passes", type=int)
    ap.add_argument("--batch-mean", action="store_true")
    ap.add_argument("--inference", action="store_true")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    a = ap.parse_args(argv)
    passes = a.passes or (1 if a.model == "fln" else 5)
    torch.manual_seed(0)
    net = RLN(passes, untied=a.model == "rln", batch_mean=a.batch_mean)
    rng = np.random.default_rng(0)
    mb = torch.from_numpy((rng.random((a.batch, 1, a.n, a.n, a.n)) < 0.5).astype(np.float32))
    target = torch.from_numpy(1 + 0.3 * rng.standard_normal((a.batch, 1, a.n, a.n, a.n)).astype(np.float32))
    if a.inference:
        net.eval()
        def step():
            with torch.no_grad():
                net(mb)
    else:
        net.train()
        opt = torch.optim.Adam(net.parameters(), lr=2e-3)
        def step():
            opt.zero_grad()
            outs = net(mb)
            loss = sum(100 * torch.sqrt(F.mse_loss(o, target)) / target.mean() for o in outs) / len(outs)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 2.0 * passes)
            opt.step()
    for _ in range(a.warmup):
        step()
    ts = []
    for _ in range(a.reps):
        t = time.perf_counter(); step(); ts.append(time.perf_counter() - t)
    sec = float(np.median(ts))
    gflop = passes * (1 if a.inference else 3) * forward_flops(a.batch, a.n) / 1e9
    print(json.dumps({"peer": "pytorch " + torch.__version__, "job": "inference" if a.inference else "train", "model": a.model,
                      "n": a.n, "batch": a.batch, "passes": passes, "threads": torch.get_num_threads(), "batch_mean": a.batch_mean,
                      "reps": a.reps, "step_seconds": round(sec, 4), "step_min_seconds": round(min(ts), 4),
                      "total_seconds": round(sum(ts), 4), "first_seconds": round(ts[0], 4),
                      "gflop_per_step": round(gflop, 2), "gflops": round(gflop / sec, 1), "seconds_per_sample": round(sec / a.batch, 5)}))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    if mode != "check":
        import peer_blas; peer_blas.check(torch)  # a timing against a reference-BLAS PyTorch would flatter us
    if mode == "train":
        train_bench(sys.argv[2:])
    else:
        check() if mode == "check" else timing()
