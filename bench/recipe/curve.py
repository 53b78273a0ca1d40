#!/usr/bin/env python3
"""Issue 7: does more compute close a missed target? The learning curve of a shipped model, and where it leads.

Usage (repository root): python3 bench/recipe/curve.py NAME [--from S]     NAME: FLN_c10 ... RLN_c50

Reads only tracked files: the model's history (src/main/resources/rln/trained/NAME/history.json), its test score
and the published model's (bench/results/cC/trained-KIND.json, published-KIND.json; an RLN is held to the published
RLN-t, as the issue asks). Prints:

  1. the curve: for every stage, the validation MASE (final pass, 100 samples) of the model the stage ends with,
     against the training done so far, counted in 31^3 sample-steps (one sample through one training step; the
     15^3 samples of stage A count (15/31)^3 each, their share of the voxels) and in CPU hours. Sample-steps are the
     same on every machine; CPU hours are not (the AVX2 machine of 2026-12-06 took ~2.8 CPU-s per RLN-t sample-step,
     the AVX-512 machine of 2026-12-07 ~0.9), so the projection below is in sample-steps and converted to CPU hours
     at the last stage's cost per sample-step.
     An RLN starts from the finished RLN-t of its contrast (its stages A and B): they are counted first.
  2. a power law through the stage ends from stage S on (default C, the first warm restart; B as well when fewer
     than three restarts follow it, as for the FLN):
         log MASE = log a - alpha log t,   least squares, with alpha's standard error,
     and, for each target (the published model's test MASE, and the paper's), the sample-steps still to train from
     the shipped model (t_now, MASE_now) along that slope, t = t_now (target / MASE_now)^(-1 / alpha), with the range
     alpha +- 2 SE gives, and the CPU hours they cost at the last stage's rate.
     A target is on the validation set's scale: target_test x (our validation MASE / our test MASE), the shipped
     model's ratio (the two sets are drawn alike, 100 and 500 samples).
     The line describes the restarts so far; it is no law. Should the curve flatten faster than a power law (a floor
     set by the network's size or by the 2000 training cells), the compute needed is more than it says, or unbounded;
     restart J was predicted from it before it ran (bench/TRAINING.md, "The learning curve").
"""
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import STAGES, contrast, kind_of, model_mase  # noqa: E402  (the stage's model, as record.py ships it)

PAPER = {"FLN": {10: 4.98, 50: 9.23}, "RLN_t": {10: 1.81, 50: 4.26}, "RLN": {10: 1.21, 50: 2.92}}  # METHOD.md's table
NAMES = ("FLN_c10", "RLN_t_c10", "RLN_c10", "FLN_c50", "RLN_t_c50", "RLN_c50")
SAMPLES = re.compile(r"\((\d+) samples, (\d+)\^3")


def fail(msg):
    print("curve.py: " + msg, file=sys.stderr)
    sys.exit(2)


def history(name):
    path = "src/main/resources/rln/trained/%s/history.json" % name
    if not os.path.exists(path):
        fail("%s: no such file (run from the repository root)" % path)
    with open(path) as f:
        return json.load(f)


def samples_per_epoch(stage):
    """31^3 sample-steps per epoch: the stage's "samples" (the restarts), else the training set named in its text."""
    if stage.get("samples"):
        n, grid = stage["samples"], stage["grid"]
    else:
        m = SAMPLES.search(stage.get("text", ""))
        if not m:
            fail("stage %s: neither \"samples\" nor a training set \"(N samples, G^3\" in its text" % stage["stage"])
        n, grid = int(m.group(1)), int(m.group(2))
    return n * (grid / 31.0) ** 3


def points(name):
    """(stage, cumulative 31^3 sample-steps, cumulative CPU s, validation MASE of the stage's model) per stage."""
    stages = history(name)["stages"]
    if kind_of(name) == "RLN":
        tied = history(name.replace("RLN_", "RLN_t_"))["stages"]
        stages = [dict(s, label="RLN-t " + s["stage"]) for s in tied if s["stage"] in "AB"] + stages
    out, t, cpu = [], 0.0, 0.0
    for s in stages:
        t += samples_per_epoch(s) * len(s["epochs"])
        cpu += s["cpu_s"]
        out.append((s["stage"], t, cpu, model_mase(s), samples_per_epoch(s) * len(s["epochs"]), s.get("label", s["stage"])))
    return out


def steps(n):
    """A count of sample-steps, readable: 30k, 1.2M."""
    return "unbounded" if n == float("inf") else "%.0fk" % (n / 1e3) if n < 1e6 else "%.1fM" % (n / 1e6)


def fit(xs, ys):
    """Least squares y = b0 + b1 x; returns b0, b1 and the standard error of b1."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b1 = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    b0 = my - b1 * mx
    if n < 3:
        return b0, b1, float("nan")
    s2 = sum((y - b0 - b1 * x) ** 2 for x, y in zip(xs, ys)) / (n - 2)
    return b0, b1, math.sqrt(s2 / sxx)


def main():
    args = sys.argv[1:]
    first = "C"
    if len(args) == 3 and args[1] == "--from" and args[2] in STAGES:
        first = args[2]
    elif len(args) != 1:
        fail("usage: python3 bench/recipe/curve.py NAME [--from S]  (S one of %s)" % STAGES)
    name = args[0]
    if name not in NAMES:
        fail("NAME must be one of %s, got '%s'" % (" ".join(NAMES), name))
    c, kind = int(contrast(name)), kind_of(name)
    pts = points(name)
    with open("bench/results/c%d/trained-%s.json" % (c, kind)) as f:
        ours_test = json.load(f)["mase_mean"]
    with open("bench/results/c%d/published-%s.json" % (c, "RLN_t" if kind == "RLN" else kind)) as f:
        published_test = json.load(f)["mase_mean"]
    last = pts[-1]
    scale = last[3] / ours_test  # test -> validation scale: the shipped model's ratio
    cost = history(name)["stages"][-1]
    cpu_per_step = cost["cpu_s"] / (samples_per_epoch(cost) * len(cost["epochs"]))

    print("%s: validation MASE (final pass) of each stage's model against the training done so far" % name)
    print("| stage | 31^3 sample-steps (k) | CPU hours | validation MASE | gain per 1000 sample-steps |")
    print("|---|---|---|---|---|")
    prev = None
    for stage, t, cpu, mase, done, label in pts:
        gain = "" if prev is None else "%.4f" % ((prev - mase) / done * 1000)
        print("| %s | %.1f | %.2f | %.3f %% | %s |" % (label, t / 1000, cpu / 3600, mase, gain))
        prev = mase
    use = [p for p in pts if STAGES.index(p[0]) >= STAGES.index(first)]
    if len(use) < 3 and len(args) == 1:  # the FLN: two restarts; its stage B, the first 31^3 cosine, joins them
        first = "B"
        use = [p for p in pts if STAGES.index(p[0]) >= STAGES.index(first)]
    if len(use) < 3:
        fail("fewer than 3 stages from %s on: no line to fit" % first)
    b0, b1, se = fit([math.log(p[1]) for p in use], [math.log(p[3]) for p in use])
    alpha = -b1
    print("\npower law through the ends of stages %s..%s: MASE = %.3f t^(-%.4f), alpha's SE %.4f (t in sample-steps)"
          % (use[0][0], use[-1][0], math.exp(b0), alpha, se))
    print("shipped: validation %.3f %%, test %.3f %% (ratio %.4f), after %.1fk sample-steps; the last stage cost %.3f"
          " CPU-s per sample-step" % (last[3], ours_test, scale, last[1] / 1000, cpu_per_step))
    print("from the shipped model on, along the fitted slope (t = t_now (target / MASE_now)^(-1 / alpha)):")
    for label, target in (("published %s" % ("RLN-t" if kind == "RLN" else kind.replace("_t", "-t")), published_test),
                          ("paper", PAPER[kind][c])):
        v = target * scale
        if v >= last[3]:
            print("- %s %.2f %% (validation scale %.3f %%): already below it" % (label, target, v))
            continue

        def more(a):  # sample-steps still to train along MASE ~ t^(-a), from the shipped model
            return float("inf") if a <= 0 else last[1] * ((v / last[3]) ** (-1.0 / a) - 1)
        extra, lo, hi = more(alpha), more(alpha + 2 * se), more(alpha - 2 * se)
        if extra == float("inf"):
            print("- %s %.2f %%: the line does not fall; no projection" % (label, target))
            continue
        print("- %s %.2f %% (validation scale %.3f %%): %s more sample-steps (alpha +- 2 SE: %s to %s),"
              " %.1f CPU hours at %.3f CPU-s per sample-step"
              % (label, target, v, steps(extra), steps(lo), steps(hi), extra * cpu_per_step / 3600, cpu_per_step))

if __name__ == "__main__":
    main()
