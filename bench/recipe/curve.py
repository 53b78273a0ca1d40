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
     restarts J, K and L were predicted from it before they ran (bench/TRAINING.md, "The learning curve").
"""
import json
import math
import os
import re
import sys
from collections import namedtuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
from record import STAGES, contrast, kind_of, model_mase  # noqa: E402  (the stage's model, as record.py ships it)
from results_table import PAPER  # noqa: E402  (METHOD.md's table: (mean, std) at contrast 10 and 50)

Point = namedtuple("Point", "stage label steps total cpu mase")  # one stage's end: its 31^3 sample-steps, the running
#                                                                  totals of sample-steps and CPU s, its model's MASE
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


def points(stages, tied_before):
    """One Point per stage, the stages the model was trained from (tied_before, labelled "RLN-t S") first."""
    out, t, cpu = [], 0.0, 0.0
    for label, s in [("RLN-t " + s["stage"], s) for s in tied_before] + [(s["stage"], s) for s in stages]:
        n = samples_per_epoch(s) * len(s["epochs"])
        t, cpu = t + n, cpu + s["cpu_s"]
        out.append(Point(s["stage"], label, n, t, cpu, model_mase(s)))
    return out


def steps(n):
    """A count of sample-steps, readable: 30k, 1.2M."""
    return "unbounded" if n == float("inf") else "%.0fk" % (n / 1e3) if n < 1e6 else "%.1fM" % (n / 1e6)


def fit(xs, ys):
    """Least squares y = b0 + b1 x through n >= 3 points; returns b0, b1 and the standard error of b1."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b1 = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    b0 = my - b1 * mx
    s2 = sum((y - b0 - b1 * x) ** 2 for x, y in zip(xs, ys)) / (n - 2)
    return b0, b1, math.sqrt(s2 / sxx)


def main():
    args = sys.argv[1:]
    first = "C"
    if len(args) == 3 and args[1] == "--from" and len(args[2]) == 1 and args[2] in STAGES:  # one letter, not a substring
        first = args[2]
    elif len(args) != 1:
        fail("usage: python3 bench/recipe/curve.py NAME [--from S]  (S one of %s)" % STAGES)
    name = args[0]
    if name not in NAMES:
        fail("NAME must be one of %s, got '%s'" % (" ".join(NAMES), name))
    c, kind = int(contrast(name)), kind_of(name)
    stages = history(name)["stages"]
    # an RLN starts from the finished RLN-t of its contrast: its stages A and B come first
    tied = [s for s in history(name.replace("RLN_", "RLN_t_"))["stages"] if s["stage"] in "AB"] if kind == "RLN" else []
    pts = points(stages, tied)
    with open("bench/results/c%d/trained-%s.json" % (c, kind)) as f:
        ours_test = json.load(f)["mase_mean"]
    with open("bench/results/c%d/published-%s.json" % (c, "RLN_t" if kind == "RLN" else kind)) as f:
        published_test = json.load(f)["mase_mean"]
    last = pts[-1]
    scale = last.mase / ours_test  # test -> validation scale: the shipped model's ratio
    cpu_per_step = stages[-1]["cpu_s"] / last.steps

    print("%s: validation MASE (final pass) of each stage's model against the training done so far" % name)
    print("| stage | 31^3 sample-steps (k) | CPU hours | validation MASE | gain per 1000 sample-steps |")
    print("|---|---|---|---|---|")
    prev = None
    for p in pts:
        gain = "" if prev is None else "%.4f" % ((prev - p.mase) / p.steps * 1000)
        print("| %s | %.1f | %.2f | %.3f %% | %s |" % (p.label, p.total / 1000, p.cpu / 3600, p.mase, gain))
        prev = p.mase

    def since(s):
        return [p for p in pts if STAGES.index(p.stage) >= STAGES.index(s)]
    use = since(first)
    if len(use) < 3 and len(args) == 1:  # the FLN: two restarts; its stage B, the first 31^3 cosine, joins them
        first = "B"
        use = since(first)
    if len(use) < 3:
        fail("fewer than 3 stages from %s on: no line to fit" % first)
    b0, b1, se = fit([math.log(p.total) for p in use], [math.log(p.mase) for p in use])
    alpha = -b1
    print("\npower law through the ends of stages %s..%s: MASE = %.3f t^(-%.4f), alpha's SE %.4f (t in sample-steps)"
          % (use[0].stage, use[-1].stage, math.exp(b0), alpha, se))
    print("shipped: validation %.3f %%, test %.3f %% (ratio %.4f), after %.1fk sample-steps; the last stage cost %.3f"
          " CPU-s per sample-step" % (last.mase, ours_test, scale, last.total / 1000, cpu_per_step))
    print("from the shipped model on, along the fitted slope (t = t_now (target / MASE_now)^(-1 / alpha)):")
    for label, target in (("published %s" % ("RLN-t" if kind == "RLN" else kind.replace("_t", "-t")), published_test),
                          ("paper", PAPER[kind][(10, 50).index(c)][0])):
        v = target * scale
        if v >= last.mase:
            print("- %s %.2f %% (validation scale %.3f %%): already below it" % (label, target, v))
            continue

        def more(a):  # sample-steps still to train along MASE ~ t^(-a), from the shipped model
            return float("inf") if a <= 0 else last.total * ((v / last.mase) ** (-1.0 / a) - 1)
        extra, lo, hi = more(alpha), more(alpha + 2 * se), more(alpha - 2 * se)
        if extra == float("inf"):
            print("- %s %.2f %%: the line does not fall; no projection" % (label, target))
            continue
        print("- %s %.2f %% (validation scale %.3f %%): %s more sample-steps (alpha +- 2 SE: %s to %s),"
              " %.1f CPU hours at %.3f CPU-s per sample-step"
              % (label, target, v, steps(extra), steps(lo), steps(hi), extra * cpu_per_step / 3600, cpu_per_step))


if __name__ == "__main__":
    main()
