#!/usr/bin/python3
"""The networks against PyTorch 1.13 on the same machine, side by side (issue 10's targets): one RLN-t training step,
steady-state inference per 31^3 sample (FLN, RLN-t), and `rln predict` on 64 samples with its warm-up (a fresh JVM)
against PyTorch predicting the same 64 samples one by one from a fresh process. PyTorch runs before and after ours;
the faster of its two runs is the peer. Prints a markdown table and, with --json FILE, appends every raw JSON line.

Ours:   rln bench train (target/rln.jar; built by ./rln if needed), rln predict
Torch:  bench/torch_rln.py train (same options, THREADS = --threads)
Usage:  /usr/bin/python3 bench/rln_compare.py [--threads 2] [--batch 8] [--jobs train,infer,predict] [--json raw.jsonl]
        (every raw JSON line also goes to stderr, and to --json, as soon as it is measured)
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
JAR = os.environ.get('RLN_JAR', os.path.join(root, 'target', 'rln.jar'))  # RLN_JAR: another jar


def java(args, heap='-Xmx8g'):
    cmd = ['java', '--add-modules', 'jdk.incubator.vector', heap, '-jar', JAR] + args
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def ours(args):
    return json.loads([l for l in java(['bench', 'train'] + args).splitlines() if l.startswith('{"job"')][-1])


def torch(args, threads):
    env = dict(os.environ, THREADS=str(threads))
    run = subprocess.run(['/usr/bin/python3', os.path.join(here, 'torch_rln.py'), 'train'] + args, capture_output=True, text=True,
                         env=env)
    if run.returncode != 0:  # e.g. peer_blas: the peer is not fit to compare with; its one line says why
        sys.stderr.write(run.stderr.strip().splitlines()[-1] + '\n' if run.stderr.strip() else f'torch_rln.py exited {run.returncode}\n')
        sys.exit(2)
    out = run.stdout
    return json.loads(out.strip().splitlines()[-1])


def load():
    return open('/proc/loadavg').read().split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--jobs', default='train,infer,predict')
    ap.add_argument('--json', default=None)
    a = ap.parse_args()
    if 'RLN_JAR' not in os.environ:
        subprocess.run([os.path.join(root, 'rln'), '--version'], check=True, capture_output=True)  # builds the jar if needed
    raw = open(a.json, 'a') if a.json else None
    rows = []
    T = ['--threads', str(a.threads)]

    def record(*objs):
        for o in objs:
            if raw:
                raw.write(json.dumps(o) + '\n')
                raw.flush()  # a run cut short keeps what it measured
        print('measured:', *(json.dumps(o) for o in objs), sep='\n  ', file=sys.stderr, flush=True)

    jobs = a.jobs.split(',')
    if 'train' in jobs:
        args = ['--model', 'rln-t', '--n', '31', '--batch', str(a.batch), '--reps', '5', '--warmup', '2']
        l0 = load()
        t1 = torch(args, a.threads)
        o = ours(args + T)
        t2 = torch(args, a.threads)
        record(t1, o, t2)
        tp = min(t1['step_seconds'], t2['step_seconds'])
        rows.append((f'RLN-t training step, batch {a.batch}', o['step_seconds'], o['percent_of_peak'], tp, l0))
    if 'infer' in jobs:
        for model in ['fln', 'rln-t']:
            args = ['--model', model, '--n', '31', '--batch', '1', '--inference', '--reps', '15', '--warmup', '8']
            l0 = load()
            t1 = torch(args, a.threads)
            o = ours(args + T)
            t2 = torch(args, a.threads)
            record(t1, o, t2)
            rows.append((f'{model.upper()} inference, batch 1 (steady state)', o['step_seconds'], o['percent_of_peak'],
                         min(t1['step_seconds'], t2['step_seconds']), l0))
    if 'predict' in jobs:
        import numpy as np
        tmp = tempfile.mkdtemp()
        micro = os.path.join(tmp, 'm64.npy')
        np.save(micro, (np.random.default_rng(0).random((64, 31, 31, 31)) < 0.5).astype(np.uint8))
        for model, name in [('fln', 'published:FLN_c10'), ('rln-t', 'published:RLN_t_c10')]:
            l0 = load()
            targs = ['--model', model, '--n', '31', '--batch', '1', '--inference', '--reps', '64', '--warmup', '0']
            t1 = torch(targs, a.threads)
            out = java(['predict', '--model', name, '--micro', micro, '--out', os.path.join(tmp, 'p.npy')] + T)
            m = re.search(r'in ([0-9.]+) s \(([0-9.]+) s per sample.*?([0-9.]+) s of it JIT warm-up', out)
            total, warm = float(m.group(1)), float(m.group(3))
            t2 = torch(targs, a.threads)
            record(t1, {'job': 'predict', 'model': name, 'samples': 64, 'seconds': total, 'warmup_seconds': warm}, t2)
            rows.append((f'`rln predict` {model.upper()}, 64 samples incl. warm-up (per sample)', total / 64, None,
                         min(t1['total_seconds'], t2['total_seconds']) / 64, l0))
    print(f'threads {a.threads}; load average at the start of each job in the last column (2 cores)')
    print('| job (31^3) | ours s | % of peak | PyTorch 1.13 s | ratio | load |')
    print('|---|---|---|---|---|---|')
    for job, s, pct, tp, l0 in rows:
        print(f'| {job} | {s:.4f} | {"-" if pct is None else f"{pct:.0f} %"} | {tp:.4f} | {s / tp:.2f} | {l0} |')


if __name__ == '__main__':
    main()
