#!/usr/bin/env python3
"""Two models scored on the same set, compared sample by sample (a paired difference of their final-pass MASE).

Usage (repository root): python3 bench/paired.py A.json B.json [A2.json B2.json ...]
Each JSON is `rln eval --json` output with mase_per_sample (the final pass's MASE of every sample, in the set's
order). For each pair it prints, over the n samples s of the set:
  d_s = MASE_A(s) - MASE_B(s);  mean d, its standard error sd(d) / sqrt(n) (sd with n - 1), the 95 % interval
  mean d +- 1.96 SE (normal approximation: n is in the hundreds here), and the share of samples with d_s < 0.
A mean difference whose interval excludes 0 is a difference between the models, not between the samples drawn.
"""
import json
import math
import sys


def load(path):
    with open(path) as f:
        j = json.load(f)
    if "mase_per_sample" not in j:
        sys.exit("paired.py: %s: no mase_per_sample (score it again with this version's rln eval --json)" % path)
    return j


def paired(a_path, b_path):
    a, b = load(a_path), load(b_path)
    if a["data"] != b["data"] or a["samples"] != b["samples"]:
        sys.exit("paired.py: %s and %s were scored on different sets (%s, %d samples; %s, %d samples)"
                 % (a_path, b_path, a["data"], a["samples"], b["data"], b["samples"]))
    d = [x - y for x, y in zip(a["mase_per_sample"], b["mase_per_sample"])]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    se = sd / math.sqrt(n)
    below = sum(1 for x in d if x < 0) / n
    return ("%s - %s on %s (n = %d): mean %+.3f points, SE %.3f, 95 %% interval [%+.3f, %+.3f]; A below B on %.0f %% of the samples"
            % (a["model"], b["model"], a["data"], n, mean, se, mean - 1.96 * se, mean + 1.96 * se, 100 * below))


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    for i in range(0, len(args), 2):
        print(paired(args[i], args[i + 1]))
