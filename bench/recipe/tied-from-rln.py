#!/usr/bin/env python3
"""An RLN-t made from an RLN's pass networks (bench/TRAINING.md, "Two ideas for the RLN-t tested").

usage: /usr/bin/python3 bench/recipe/tied-from-rln.py RLN_DIR RLN_T_DIR OUT K[,K...]
The tied network's parameters are the mean (in double, stored as float32) of the RLN's networks K (0-based); the
RLN-t model directory RLN_T_DIR gives the model.json and the parameter names. Score it with
`rln eval --model OUT --data runs/data/valid31_c10 --threads 1`.
"""
import glob
import json
import os
import sys

import numpy as np

rln, tied, out, which = sys.argv[1], sys.argv[2], sys.argv[3], [int(k) for k in sys.argv[4].split(",")]
os.makedirs(out, exist_ok=True)
model = json.load(open(os.path.join(tied, "model.json")))
model["provenance"] = {"initialization": model["provenance"]["initialization"], "seed": model["provenance"]["seed"],
                       "note": "the tied network is the mean of the pass networks %s of %s" % (which, rln)}
json.dump(model, open(os.path.join(out, "model.json"), "w"), indent=2)
for path in glob.glob(os.path.join(tied, "model.*.npy")):
    name = os.path.basename(path)[len("model."):]
    mean = np.mean([np.load(os.path.join(rln, "models.%d.%s" % (k, name))).astype(np.float64) for k in which], axis=0)
    np.save(os.path.join(out, "model." + name), mean.astype(np.float32))
