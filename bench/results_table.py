#!/usr/bin/env python3
"""Issue 7: the README's results table from bench/score-test-sets.sh's JSON (bench/results/cC/*.json).

One row per model kind, the paper's number beside ours at contrast 10 and 50 (METHOD.md section 5), then the
last pass of every recurrent model per pass.  Usage: python3 bench/results_table.py [bench/results]
"""
import json
import os
import sys

PAPER = {  # METHOD.md section 5: MASE mean, std (%), contrast 10 / 50
    "cnn": ((3.07, 1.22), (5.71, 2.46)),
    "FLN": ((4.98, 1.49), (9.23, 3.29)),
    "RLN_t": ((1.81, 0.58), (4.26, 1.65)),
    "RLN": ((1.21, 0.37), (2.92, 1.17)),
}
ROWS = [  # (file stem, label, paper key)
    ("mks", "MKS (fitted on the training set)", None),
    ("trained-cnn", "comparison CNN (Yang et al.), trained here", "cnn"),
    ("published-FLN", "FLN, published weights", "FLN"),
    ("trained-FLN", "**FLN, trained here**", "FLN"),
    ("published-RLN_t", "RLN-t, published weights", "RLN_t"),
    ("trained-RLN_t", "**RLN-t, trained here**", "RLN_t"),
    ("trained-RLN", "**RLN, trained here**", "RLN"),
]


def load(root, contrast, stem):
    path = os.path.join(root, "c%d" % contrast, stem + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def cell(r):
    if r is None:
        return "-"
    return "%.2f %% +- %.2f %%" % (r["mase_mean"], r["mase_std"])


def paper(key, i):
    if key is None:
        return "-"
    m, s = PAPER[key][i]
    return "%.2f %% +- %.2f %%" % (m, s)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "bench/results"
    print("| model | contrast 10, ours | paper | contrast 50, ours | paper | s per sample (c10 / c50) | samples |")
    print("|---|---|---|---|---|---|---|")
    for stem, label, key in ROWS:
        r10, r50 = load(root, 10, stem), load(root, 50, stem)
        if r10 is None and r50 is None:
            continue
        secs = " / ".join("-" if r is None else "%.3f" % r["seconds_per_sample"] for r in (r10, r50))
        n = " / ".join("-" if r is None else str(r["samples"]) for r in (r10, r50))
        print("| %s | %s | %s | %s | %s | %s | %s |" % (label, cell(r10), paper(key, 0), cell(r50), paper(key, 1), secs, n))
    print()
    print("MASE after every pass (%):")
    print()
    print("| model | contrast | " + " | ".join("pass %d" % k for k in range(1, 6)) + " |")
    print("|---|---|" + "---|" * 5)
    for stem, label, _ in ROWS:
        for c in (10, 50):
            r = load(root, c, stem)
            if r is None or len(r.get("passes", [])) < 2:
                continue
            print("| %s | %d | %s |" % (label, c, " | ".join("%.2f" % p["mase_mean"] for p in r["passes"])))


if __name__ == "__main__":
    main()
