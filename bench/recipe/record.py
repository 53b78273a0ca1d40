#!/usr/bin/env python3
"""Issue 7: the record of one trained model, from its runs (bench/recipe/six.sh) and its test score.

Usage (repository root): python3 bench/recipe/record.py NAME OUT_DIR
Reads runs/six/NAME-A/ and runs/six/NAME-A.log (stage A, if the model has one; its first epoch only, as
--stop-after 1 keeps), runs/six/NAME/ and runs/six/NAME-B.log (stage B), runs/six/NAME-S/ and runs/six/NAME-S.log
for the warm restarts S = C, D, E, F (each from the best of the stage before it, if it was run),
bench/results/cC/trained-KIND.json (the test set), and writes OUT_DIR/RECORD.md and OUT_DIR/curve.csv (every stage
up to the one shipped, epochs numbered on; `rln curve` draws it).

`record.py --pick NAME` prints the run directory to ship: of stage B and the restarts that ran to their end
(NAME-S.done, S = C, D, ... in order, stopping at the first not done), the one with the lowest best validation loss
(the earlier one on a tie).
"""
import csv
import json
import os
import re
import sys

EPOCH = re.compile(r"^epoch (\d+)/(\d+) .*?MASE ([\d.]+) % \+- ([\d.]+) % .*? ([\d.]+) s  cpu ([\d.]+) s")
DATA = {  # bench/recipe/gen-data.sh
    "valid31": (100, 31, "20"), "train31": (2000, 31, "30"), "train15": (4000, 15, "40"), "test31": (500, 31, "10"),
}


def epochs_of(log, last=None):
    """{epoch: (wall s, cpu s)} from a training log's epoch lines (resumed runs print each epoch once)."""
    out = {}
    if not os.path.exists(log):
        return out
    with open(log) as f:
        for line in f:
            m = EPOCH.match(line.strip())
            if m and (last is None or int(m.group(1)) <= last):
                out[int(m.group(1))] = (float(m.group(5)), float(m.group(6)))
    return out


def rows_of(path, last=None):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if last is None or float(r["epoch"]) <= last]


def config_of(model_dir):
    """The settings a run's latest checkpoint records (its fingerprint)."""
    with open(os.path.join(model_dir, "checkpoint.json")) as f:
        latest = json.load(f)["latest"]
    with open(os.path.join(model_dir, latest, "state.json")) as f:
        state = json.load(f)
    return state.get("config", state)


def warmup(cfg):
    return ", lr warm-up over the first %d steps (--warmup-steps)" % cfg["warmup_steps"] if cfg.get("warmup_steps") else ""


def best_valid(model_dir):
    return min(float(r["valid_loss"]) for r in rows_of(os.path.join(model_dir, "curve.csv")))


RESTARTS = "CDEF"  # the warm-restart stages (bench/recipe/six.sh), each from the best of the stage before it


def restarts_done(name):
    """The restart stages of NAME that ran to their end, in order, up to the first that did not."""
    done = []
    for s in RESTARTS:
        if not os.path.exists("runs/six/%s-%s.done" % (name, s)):
            break
        done.append(s)
    return done


def shipped_restarts(name):
    """The restart stages in the shipped model's history: the finished ones up to the one with the lowest best
    validation loss (none when stage B's is lowest; the earlier stage on a tie)."""
    done = restarts_done(name)
    lowest, upto = best_valid("runs/six/%s" % name), 0
    for i, s in enumerate(done, 1):
        v = best_valid("runs/six/%s-%s" % (name, s))
        if v < lowest:
            lowest, upto = v, i
    return done[:upto]


def pick(name):
    stages = shipped_restarts(name)
    return "runs/six/%s-%s" % (name, stages[-1]) if stages else "runs/six/%s" % name


def stage_ab_cpu(name):
    """CPU seconds of stages A and B of NAME: what runs/six/NAME/best, the start of an RLN (six.sh RLN_cC B), cost.
    (A later stage C of the RLN-t is not part of that start, so it is not counted.)"""
    logs = ["runs/six/%s-A.log" % name, "runs/six/%s-B.log" % name]
    return sum(sum(t[1] for t in epochs_of(log, 1 if log.endswith("-A.log") else None).values())
               for log in logs if os.path.exists(log))


def main():
    if sys.argv[1] == "--pick":
        print(pick(sys.argv[2]))
        return
    name, out = sys.argv[1], sys.argv[2]
    c = name.rsplit("_c", 1)[1]
    kind = name.rsplit("_c", 1)[0]
    a_dir, b_dir = "runs/six/%s-A" % name, "runs/six/%s" % name
    has_a = os.path.isdir(a_dir)
    a_rows = rows_of(os.path.join(a_dir, "curve.csv"), 1) if has_a else []
    b_rows = rows_of(os.path.join(b_dir, "curve.csv"))
    a_t = epochs_of("runs/six/%s-A.log" % name, 1) if has_a else {}
    b_t = epochs_of("runs/six/%s-B.log" % name)
    cfg = config_of(b_dir)
    a_cfg = config_of(a_dir) if has_a else {}
    # the restarts count only up to the one shipped: (stage, rows, times, config) for each
    restarts = [(s, rows_of("runs/six/%s-%s/curve.csv" % (name, s)), epochs_of("runs/six/%s-%s.log" % (name, s)),
                 config_of("runs/six/%s-%s" % (name, s))) for s in shipped_restarts(name)]
    r_rows = [r for _, rows, _, _ in restarts for r in rows]

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "curve.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["epoch", "train_loss", "valid_loss", "valid_mase", "lr", "seconds"])
        for i, r in enumerate(a_rows + b_rows + r_rows, 1):
            w.writerow([i, r["train_loss"], r["valid_loss"], r["valid_mase"], r["lr"], r["seconds"]])

    test_path = "bench/results/c%s/trained-%s.json" % (c, kind)
    test = json.load(open(test_path)) if os.path.exists(test_path) else None
    cpu_a = sum(t[1] for t in a_t.values())
    cpu_b = sum(t[1] for t in b_t.values())
    cpu_r = [sum(t[1] for t in r_t.values()) for _, _, r_t, _ in restarts]
    wall = sum(t[0] for t in a_t.values()) + sum(t[0] for t in b_t.values()) + sum(t[0] for _, _, r_t, _ in restarts for t in r_t.values())
    L = []
    L.append("# %s: trained here (issue 7)" % name)
    L.append("")
    L.append("Kind %s, contrast %s, x = array axis 0. Loads as `--model trained:%s`." % (kind.replace("_t", "-t"), c, name))
    L.append("")
    L.append("## Test set (500 samples, 31^3, seed 10%s, hex8-bbar truth at tol 1e-8)" % c)
    if test:
        L.append("MASE %.2f %% +- %.2f %% (population std); per pass: %s %%; %.3f s per sample at %d thread(s)."
                 % (test["mase_mean"], test["mase_std"], " / ".join("%.2f" % p["mase_mean"] for p in test["passes"]),
                    test["seconds_per_sample"], test["threads"]))
    else:
        L.append("(not scored yet)")
    L.append("")
    stage_list = ("A|B|" if has_a else "B|") + "|".join(RESTARTS[:max(1, len(restarts))])  # C is always offered
    L.append("## Recipe (bench/recipe/six.sh %s %s; bench/TRAINING.md \"The recipe\")" % (name, stage_list))
    if has_a:
        L.append("- Stage A: train15_c%s (4000 samples, 15^3, seed 40%s), --augment, batch 8, Adam 2e-3, cosine spanning 3"
                 " epochs, stopped after 1 (--stop-after 1)%s%s. Validation MASE (31^3) after it: %s %%; CPU %.0f s."
                 % (c, c, ", warm start from the contrast-10 stage A" if c == "50" else ", fresh initialization, seed 0", warmup(a_cfg),
                    "%.2f" % float(a_rows[0]["valid_mase"]) if a_rows else "-", cpu_a))
        b_from = "stage A's model"
    else:
        b_from = "the finished RLN-t of contrast %s (trained:RLN_t_c%s): every pass starts as the tied network" % (c, c)
    L.append("- Stage B: from %s; train31_c%s (2000 samples, 31^3, seed 30%s), --augment, batch 8, Adam %s, cosine over"
             " %d epochs to 1e-8%s; every pass supervised; clipping at 2 x passes." % (b_from, c, c, cfg.get("lr", "?"),
                                                                                     len(b_rows) if "epochs" not in cfg else cfg["epochs"],
                                                                                     warmup(cfg)))
    before, before_rows = "B", b_rows
    for k, (s, rows, _, r_cfg) in enumerate(restarts):
        best_here = min(float(r["valid_mase"]) for r in rows)
        best_before = min(float(r["valid_mase"]) for r in before_rows)
        if k == len(restarts) - 1:  # the stage shipped
            verdict = ("It validated better than %s (best validation MASE %.2f %% against %.2f %%), so it is the model shipped."
                       % ("stage B" if k == 0 else "the stages before it", best_here, best_before))
        else:
            verdict = "Best validation MASE %.2f %% (%.2f %% before it)." % (best_here, best_before)
        L.append("- Stage %s (%s warm restart: stage %s's curve was still falling when its cosine ended): from stage %s's best"
                 " model, train31_c%s again, --augment, batch 8, Adam %s, cosine over %d epochs to 1e-8%s. %s"
                 % (s, "a" if k == 0 else "another", before, before, c, r_cfg.get("lr", "?"), r_cfg.get("epochs", len(rows)),
                    warmup(r_cfg), verdict))
        before, before_rows = s, before_rows + rows
    L.append("- Validation: valid31_c%s (100 samples, 31^3, seed 20%s) after every epoch; this model is the epoch with the"
             " lowest validation loss (best/)." % (c, c))
    L.append("- Data: `bench/recipe/gen-data.sh` (rln generate, the authors' generator family, hex8-bbar, tol 1e-8, exx).")
    L.append("- 1 thread per run, seed 0; resumable and bitwise reproducible with the same jar and thread count (stage B"
             " ran from %s; the jar of each stage is named in runs/README.md and bench/TRAINING.md)." % os.path.basename(os.environ.get("JAR", "runs/rln.jar")))
    L.append("")
    L.append("## Compute")
    cpu = cpu_a + cpu_b + sum(cpu_r)
    stages = ("stage A %.0f s, " % cpu_a if has_a else "") + "stage B %.0f s" % cpu_b + "".join(
        ", stage %s %.0f s" % (s, t) for (s, _, _, _), t in zip(restarts, cpu_r))
    L.append("CPU %.0f s (%.2f core-hours: %s); wall-clock %.0f s on a shared 2-core machine"
             " (other jobs beside it, niced)." % (cpu, cpu / 3600, stages, wall))
    if not has_a:  # an RLN: its start, the finished RLN-t, is part of what it cost
        start = "RLN_t_c%s" % c
        cpu_start = stage_ab_cpu(start)
        L.append("With the RLN-t it starts from (%s after its stages A and B, %.2f core-hours) the model took %.2f core-hours in all."
                 % (start, cpu_start / 3600, (cpu + cpu_start) / 3600))
    L.append("")
    L.append("## Curve (curve.png: epoch 1 is stage A when there is one)")
    L.append("| epoch | stage | train loss | valid loss | valid MASE | lr | wall s | cpu s |")
    L.append("|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(a_rows, 1):
        t = a_t.get(int(float(r["epoch"])), (float(r["seconds"]), float("nan")))
        L.append("| %d | A (15^3) | %.4f | %.4f | %.2f %% | %.3g | %.0f | %.0f |" % (i, float(r["train_loss"]), float(r["valid_loss"]), float(r["valid_mase"]), float(r["lr"]), t[0], t[1]))
    for j, r in enumerate(b_rows, 1):
        t = b_t.get(int(float(r["epoch"])), (float(r["seconds"]), float("nan")))
        L.append("| %d | B (31^3) | %.4f | %.4f | %.2f %% | %.3g | %.0f | %.0f |" % (len(a_rows) + j, float(r["train_loss"]), float(r["valid_loss"]), float(r["valid_mase"]), float(r["lr"]), t[0], t[1]))
    i = len(a_rows) + len(b_rows)
    for s, rows, r_t, _ in restarts:
        for r in rows:
            i += 1
            t = r_t.get(int(float(r["epoch"])), (float(r["seconds"]), float("nan")))
            L.append("| %d | %s (31^3) | %.4f | %.4f | %.2f %% | %.3g | %.0f | %.0f |" % (i, s, float(r["train_loss"]), float(r["valid_loss"]), float(r["valid_mase"]), float(r["lr"]), t[0], t[1]))
    with open(os.path.join(out, "RECORD.md"), "w") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
