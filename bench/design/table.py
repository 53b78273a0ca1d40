#!/usr/bin/env python3
"""The README's design comparison table from rln design's report.json files: python3 table.py RUN_DIR..."""
import json, sys

print("| objective | grid, contrast | seed | route | exact start | exact design | network's own objective: start / design (minus exact) | iterations | s optimizing | s per iteration |")
print("|---|---|---|---|---|---|---|---|---|---|")
for d in sys.argv[1:]:
    r = json.load(open(d.rstrip("/") + "/report.json"))
    s, g = r["start"], r["design"]
    own = "-" if "predicted" not in g else "%.4f (%+.4f) / %.4f (%+.4f)" % (s["predicted"], s["predicted_minus_exact"], g["predicted"], g["predicted_minus_exact"])
    print("| %s | %d^3, %g | %d | %s | %.4f | **%.4f** | %s | %d | %.0f | %.2f |" % (
        r["objective"], r["size"], r["contrast"], r["seed"], r["through"], s["exact"], g["exact"], own,
        r["iterations"], r["seconds_optimization"], r["seconds_per_iteration"]))
