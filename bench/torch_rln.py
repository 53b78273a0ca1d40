"""The authors' RLN architecture (METHOD.md section 4) in PyTorch, as a peer on this machine.

Written from METHOD.md for this project (not the authors' code). Two uses:
  /usr/bin/python3 bench/torch_rln.py check [REFDIR]   hold it to the authors' published predictions
  /usr/bin/python3 bench/torch_rln.py time  [REFDIR]   median seconds: FLN / RLN-t inference per 31^3 sample
                                                       (batch 1) and one RLN-t training step at batch 8
THREADS (default 2) sets torch.set_num_threads. REFDIR defaults to ../shared/reference/published-rln.
"""
import sys, time, json, os
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(int(os.environ.get("THREADS", "2")))
REF = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference", "published-rln")

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
    def __init__(s, passes):
        super().__init__(); s.model = Prox(); s.passes = passes
    def forward(s, m1):  # m1: (B,1,D,H,W) float stiff indicator
        m0 = 1 - m1
        y = torch.ones_like(m1); y1 = torch.zeros_like(m1); y2 = torch.zeros_like(m1); outs = []
        for k in range(s.passes):
            inp = torch.cat([m0*y, m1*y, m0*y1, m1*y1, m0*y2, m1*y2], 1)
            p = s.model(inp); p = p - p.mean()
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


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    check() if mode == "check" else timing()
