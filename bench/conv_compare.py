#!/usr/bin/python3
"""Our convolution kernels against PyTorch on the same machine: prints the ratio table (markdown) for
bench/conv_shapes.txt, batch 1 and 8, 2 threads.

Ours:   rln bench conv (run here as rln.cli.BenchConvCommand from target/rln.jar; built by ./rln if needed)
Torch:  bench/torch_conv.py (forward under no_grad; forward+backward under autograd)
Ratios: ours/torch forward time (default path, and oneDNN forced), and ours (forward + backward data + backward weights) / torch's autograd
        forward+backward time. Below 1 means we are faster. % peak = GFLOP/s / 450 (2 cores x 225).
Usage:  /usr/bin/python3 bench/conv_compare.py [--batches 1,8] [--threads 2] [--reps 15] [--json raw.jsonl]
"""
import argparse, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
PEAK = 450.0

def shapes():
    for line in open(os.path.join(here, 'conv_shapes.txt')):
        f = line.split('#')[0].split()
        if f:
            yield f[0], int(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]), f[6] == '1'

def ours(n, cin, cout, k, stride, tr, batch, threads, reps):
    cmd = ['java', '--add-modules', 'jdk.incubator.vector', '-Xmx8g', '-cp', os.path.join(root, 'target', 'rln.jar'),
           'rln.cli.BenchConvCommand', '--n', str(n), '--cin', str(cin), '--cout', str(cout), '--k', str(k),
           '--stride', str(stride), '--batch', str(batch), '--threads', str(threads), '--reps', str(reps)]
    if tr:
        cmd.append('--transposed')
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads([l for l in out.splitlines() if l.startswith('{')][-1])

def torch(name, batch, threads, reps):
    out = subprocess.run(['/usr/bin/python3', os.path.join(here, 'torch_conv.py'), '--only', name, '--batches', str(batch),
                          '--threads', str(threads), '--reps', str(reps)], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--batches', default='1,8')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--reps', type=int, default=15)
    ap.add_argument('--only', default=None)
    ap.add_argument('--json', default=None, help='also append the raw JSON lines to this file')
    ap.add_argument('--cpu', action='store_true', help='CPU time instead of wall clock on both sides (use with --threads 1 '
                    'on a loaded machine: GFLOP per CPU-second is then per-core efficiency; %% peak is of one core, 225)')
    a = ap.parse_args()
    subprocess.run([os.path.join(root, 'rln'), '--version'], check=True, capture_output=True)  # builds the jar if needed
    load = open('/proc/loadavg').read().split()[0] if os.path.exists('/proc/loadavg') else '?'
    print(f'load average at start: {load} (2 cores; the machine is shared, so timings are noisy); '
          f'threads {a.threads}; ' + ('CPU ms (all threads), GF per CPU-second' if a.cpu else 'wall-clock ms, GF/s'))
    print('| layer | batch | fwd ms | fwd GF/s | fwd % peak | bwd ms (data+weights) | bwd GF/s | bwd % peak '
          '| torch fwd ms | torch oneDNN fwd ms | torch fwd+bwd ms | fwd ratio | fwd ratio vs oneDNN | fwd+bwd ratio |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    raw = open(a.json, 'a') if a.json else None
    for name, n, cin, cout, k, stride, tr in shapes():
        if a.only and name != a.only:
            continue
        for batch in [int(b) for b in a.batches.split(',')]:
            o = ours(n, cin, cout, k, stride, tr, batch, a.threads, a.reps)
            t = torch(name, batch, a.threads, a.reps)
            if raw:
                raw.write(json.dumps(dict(o, name=name)) + '\n')
                raw.write(json.dumps(t) + '\n')
            fwd, bwd = o['forward_ms'], o['backward_ms']
            od = t.get('torch_onednn_forward_ms')
            if a.cpu:
                fwd, bwd, od = o['forward_cpu_ms'], o['backward_cpu_ms'], t.get('torch_onednn_forward_cpu_ms')
                o = dict(o, forward_gflops=o['forward_gflops_per_cpu_s'], backward_gflops=o['backward_gflops_per_cpu_s'])
                t = dict(t, torch_forward_ms=t['torch_forward_cpu_ms'], torch_fwd_bwd_ms=t['torch_fwd_bwd_cpu_ms'])
            od_ms, od_ratio = ('-', '-') if od is None else (f'{od:.2f}', f'{fwd / od:.2f}')
            peak = 225.0 if a.cpu else PEAK
            print(f"| {name} | {batch} | {fwd:.2f} | {o['forward_gflops']:.0f} | {100 * o['forward_gflops'] / peak:.0f} % "
                  f"| {bwd:.2f} | {o['backward_gflops']:.0f} | {100 * o['backward_gflops'] / peak:.0f} % "
                  f"| {t['torch_forward_ms']:.2f} | {od_ms} | {t['torch_fwd_bwd_ms']:.2f} "
                  f"| {fwd / t['torch_forward_ms']:.2f} | {od_ratio} | {(fwd + bwd) / t['torch_fwd_bwd_ms']:.2f} |", flush=True)

if __name__ == '__main__':
    main()
