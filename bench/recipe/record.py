#!/usr/bin/env python3
"""Issue 7: the record of one trained model: its history, RECORD.md and curve.csv.

A shipped model carries its history in src/main/resources/rln/trained/NAME/history.json: every stage it went
through (A: 15^3, B: 31^3, the warm restarts C to Z), each stage's settings and every epoch's losses, validation
MASE, learning rate, wall and CPU seconds. runs/ is not tracked, and a fresh checkout has none, so the history
is what lets a later session add a stage: bench/recipe/six.sh starts it from the shipped model, and this script
appends it to the shipped history.

Usage (repository root):
  record.py NAME OUT_DIR     the record as it ships: the shipped stages before the first stage trained here
                             (runs/six/NAME-A, runs/six/NAME for B, runs/six/NAME-S for S = C..Z, with their logs
                             runs/six/NAME-S.log), then the finished stages trained here up to the one with the lowest
                             best validation loss; writes OUT_DIR/history.json, RECORD.md and curve.csv, reading the
                             test score from bench/results/cC/trained-KIND.json
  record.py --pick NAME      the model directory to ship, when a stage trained here validates better than the shipped
                             model: that stage's model (below); otherwise one line saying why not, exit 1
  record.py --start NAME S   the model that stage S starts from: the stage before it trained here when it finished
                             (its model as --pick would choose it: best/, the final model or an average), else the
                             shipped model when its history ends with that stage (copied to runs/six/NAME-S.start, so
                             that a later ship cannot change a running stage's start); the choice is written to
                             runs/six/NAME-S.start-from on the first call and kept after (a resume must start from the
                             same directory: its name is part of the run's settings)
  record.py --stages         the stage letters, in order (STAGES below: six.sh and swa.sh check a STAGE against it)

Which model a stage trained here ends with, and whether it beats the shipped one, is decided by the validation MASE
of the final pass (curve.csv's valid_mase, the paper's table's measure), over the models the stage keeps:
  - best/, the epoch of the lowest validation loss (the paper's mean over the passes: the trainer keeps it),
  - the run's final model (runs/six/NAME-S itself: its last epoch), and
  - an average (the uniform mean of one epoch's snapshots, rln average, bench/recipe/swa.sh: runs/six/NAME-S.swa-E,
    scored in runs/six/NAME-S.swa-E.json by rln eval), recorded in the stage's "average" when it validates below
    the other two.
The validation loss alone would not do: a stage trained on weighted pass losses (--pass-weights) lowers the last
pass's error at the cost of the mean over the passes. The stage records the model it ends with in "model" (best/ or
the final model or the average, with its epoch). The shipped stages before "model" existed ended with
best/ (or their average): the shipped model's MASE is that epoch's (or the average's).
"""
import csv
import json
import os
import re
import shutil
import string
import sys

EPOCH = re.compile(r"^epoch (\d+)/(\d+) .*?MASE ([\d.]+) % \+- ([\d.]+) % .*? ([\d.]+) s  cpu ([\d.]+) s")
READ = re.compile(r"^\S.*?: (\d+) training and \d+ validation samples")
JAR = re.compile(r"^six\.sh: jar (\S+)")
STAGES = string.ascii_uppercase  # the one list of stage letters: A, B, then the restarts C to Z, in this order
RESTARTS = STAGES[2:]  # the warm-restart stages (bench/recipe/six.sh), each from the best of the stage before it
SHIPPED = "src/main/resources/rln/trained/%s"
TRAIN31 = 2000  # samples in train31_cC (bench/recipe/gen-data.sh)
FIELDS = ["train_loss", "valid_loss", "valid_mase", "lr", "seconds"]  # curve.csv's columns after the epoch


def fail(msg):
    print("record.py: " + msg, file=sys.stderr)
    sys.exit(2)


def contrast(name):
    return name.rsplit("_c", 1)[1]


def kind_of(name):
    return name.rsplit("_c", 1)[0]


def shipped_history(name):
    path = os.path.join(SHIPPED % name, "history.json")
    if not os.path.exists(path):
        fail("%s: no history (a model shipped before histories existed?)" % path)
    with open(path) as f:
        return json.load(f)


def run_dir(name, s):
    return "runs/six/%s" % name if s == "B" else "runs/six/%s-%s" % (name, s)


def config_of(model_dir):
    """The settings a run's latest checkpoint records (its fingerprint)."""
    with open(os.path.join(model_dir, "checkpoint.json")) as f:
        latest = json.load(f)["latest"]
    with open(os.path.join(model_dir, latest, "state.json")) as f:
        state = json.load(f)
    return state.get("config", state)


def rows_of(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def finished(name, s):
    """A stage B or later trained here that ran to the end of its schedule."""
    d = run_dir(name, s)
    if not os.path.exists(os.path.join(d, "curve.csv")) or not os.path.exists(os.path.join(d, "checkpoint.json")):
        return False
    return len(rows_of(os.path.join(d, "curve.csv"))) >= config_of(d)["epochs"]


def stage_from_run(name, s):
    """One restart stage (C..F) of the history, from its run directory and its log."""
    d, log = run_dir(name, s), "runs/six/%s-%s.log" % (name, s)
    if s not in RESTARTS:
        fail("%s: stages A and B trained here after a shipped history are not supported yet (ship them with a history "
             "written by hand, or start from stage C)" % d)
    cfg = config_of(d)
    times, samples, jars = {}, None, []
    if os.path.exists(log):
        with open(log) as f:
            for line in f:
                line = line.strip()
                m = EPOCH.match(line)
                if m:
                    times[int(m.group(1))] = (float(m.group(5)), float(m.group(6)))
                m = READ.match(line)
                if m:
                    samples = int(m.group(1))
                m = JAR.match(line)
                if m and m.group(1) not in jars:  # a stage resumed with another jar (the same floats) names both
                    jars.append(m.group(1))
    jar = " then ".join(jars) or None
    epochs = []
    for r in rows_of(os.path.join(d, "curve.csv")):
        e = int(float(r["epoch"]))
        wall, cpu = times.get(e, (float(r["seconds"]), None))
        epochs.append(dict({k: r[k] for k in FIELDS}, wall_s=wall, cpu_s=cpu))
    stage = {"stage": s, "grid": 31, "lr": cfg["lr"], "epochs_planned": cfg["epochs"],
             "warmup_steps": cfg.get("warmup_steps", 0), "samples": samples or TRAIN31, "seed": cfg["seed"], "jar": jar,
             "cpu_s": sum(e["cpu_s"] or 0 for e in epochs), "epochs": epochs}
    if cfg.get("ema"):  # recorded only when used: the histories of earlier stages stay as they were
        stage["ema"] = cfg["ema"]
    if cfg.get("pass_weights"):  # likewise
        stage["pass_weights"] = cfg["pass_weights"]
    stage["model"] = kept(stage)
    better = [a for a in averages(name, s) if a["valid_mase"] < model_mase(stage)]
    if better:  # likewise: only a stage that has one records it
        stage["average"] = min(better, key=lambda a: a["valid_mase"])
        stage["model"] = {"dir": "average", "epoch": stage["average"]["epoch"]}
    return stage


def kept(stage):
    """Of the two models a finished run keeps, the one with the lower final-pass validation MASE: best/ (the epoch of
    the lowest validation loss) or the final model (the last epoch); best/ when they tie or are the same epoch."""
    rows = stage["epochs"]
    b = min(range(len(rows)), key=lambda i: float(rows[i]["valid_loss"]))
    last = len(rows) - 1
    if float(rows[last]["valid_mase"]) < float(rows[b]["valid_mase"]):
        return {"dir": "final", "epoch": last + 1}
    return {"dir": "best", "epoch": b + 1}


def averages(name, s):
    """The stage's scored averages (bench/recipe/swa.sh): runs/six/NAME-S.swa-E with its validation and snapshot list."""
    out, c = [], contrast(name)
    prefix = run_dir(name, s) + ".swa-"
    for e in range(1, 100):
        d = prefix + str(e)
        paths = [os.path.join(d, "model.json"), d + ".json", d + ".snapshots"]
        if not all(os.path.exists(p) for p in paths):
            continue
        with open(d + ".json") as f:
            score = json.load(f)
        if os.path.normpath(score["data"]) != "runs/data/valid31_c" + c or os.path.getmtime(paths[0]) > os.path.getmtime(paths[1]):
            fail("%s: not the validation of %s on runs/data/valid31_c%s (rerun bench/recipe/swa.sh %s %s %d)" % (paths[1], d, c, name, s, e))
        with open(d + ".snapshots") as f:
            snaps = [line.strip() for line in f if line.strip()]
        out.append({"epoch": e, "snapshots": snaps, "valid_loss": score["loss"], "valid_mase": score["mase_mean"],
                    "valid_mase_std": score["mase_std"], "valid_samples": score["samples"]})
    return out


def model_mase(stage):
    """The final-pass validation MASE of the model a stage ends with: its average's, or its "model" epoch's, or (a
    stage shipped before "model" existed) the epoch of its lowest validation loss (best/)."""
    if stage.get("average"):
        return stage["average"]["valid_mase"]
    rows = stage["epochs"]
    e = stage["model"]["epoch"] if stage.get("model") else 1 + min(range(len(rows)), key=lambda i: float(rows[i]["valid_loss"]))
    return float(rows[e - 1]["valid_mase"])


def below_what(st):
    """What a stage's average validated below: every epoch's loss (the stages shipped before "model" existed), or the
    MASE of the models the run keeps."""
    rows = st["epochs"]
    if st.get("model"):
        return "best/'s and the final model's MASE (%.2f and %.2f %%)" % (
            float(min(rows, key=lambda e: float(e["valid_loss"]))["valid_mase"]), float(rows[-1]["valid_mase"]))
    return "every epoch's as trained (best %.4f)" % min(float(e["valid_loss"]) for e in rows)


def model_dir(name, st):
    """The directory of a stage's model: the mean of an epoch's snapshots when the stage records one, else best/ or
    the run's final model (the run directory itself), as its "model" says."""
    d = run_dir(name, st["stage"])
    if st.get("average"):
        return "%s.swa-%d" % (d, st["average"]["epoch"])
    return d if st.get("model", {}).get("dir") == "final" else os.path.join(d, "best")


def new_stages(name, history):
    """The finished stages trained here after the shipped history, in order, up to the first not finished."""
    last = history["stages"][-1]["stage"]
    out = []
    for s in STAGES[STAGES.index(last) + 1:]:
        if not finished(name, s):
            break
        out.append(stage_from_run(name, s))
    return out


def shipped_mase(history):
    """The shipped model's final-pass validation MASE: its last stage's model's."""
    return model_mase(history["stages"][-1])


def candidate(name, history):
    """The new stages up to the one whose model validates lowest (final-pass MASE), if it beats the shipped model; else []."""
    stages = new_stages(name, history)
    lowest, upto = shipped_mase(history), 0
    for i, st in enumerate(stages, 1):
        if model_mase(st) < lowest:
            lowest, upto = model_mase(st), i
    return stages[:upto]


def start(name, s):
    chosen = "runs/six/%s-%s.start-from" % (name, s)
    if os.path.exists(chosen):
        with open(chosen) as f:
            return f.read().strip()
    d = choose_start(name, s)
    with open(chosen + ".tmp", "w") as f:
        f.write(d + "\n")
    os.rename(chosen + ".tmp", chosen)
    return d


def choose_start(name, s):
    prev = STAGES[STAGES.index(s) - 1]
    if finished(name, prev):
        return model_dir(name, stage_from_run(name, prev)) if prev in RESTARTS else os.path.join(run_dir(name, prev), "best")
    last = shipped_history(name)["stages"][-1]["stage"]
    if last != prev:
        fail("%s %s starts from stage %s, which has neither finished here (%s) nor shipped (the shipped history ends "
             "with stage %s); run bench/recipe/six.sh %s %s first" % (name, s, prev, run_dir(name, prev), last, name, prev))
    dst = "runs/six/%s-%s.start" % (name, s)
    if not os.path.exists(os.path.join(dst, "model.json")):
        tmp = dst + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        src = SHIPPED % name
        for f in os.listdir(src):
            if f == "model.json" or f.endswith(".npy"):
                shutil.copy(os.path.join(src, f), tmp)
        shutil.rmtree(dst, ignore_errors=True)
        os.rename(tmp, dst)
    return dst


def warmup(st):
    w = ", lr warm-up over the first %d steps (--warmup-steps)" % st["warmup_steps"] if st.get("warmup_steps") else ""
    if st.get("ema"):
        w += ", the parameters averaged over the steps with decay %g (--ema: validation and the model use the average)" % st["ema"]
    if st.get("pass_weights"):
        w += ", trained on the pass losses weighted %s (--pass-weights; validation on the paper's mean)" % st["pass_weights"]
    return w


def render(name, history, test):
    """RECORD.md's lines and curve.csv's rows of a history."""
    c, kind = contrast(name), kind_of(name)
    stages = history["stages"]
    has_a = stages[0]["stage"] == "A"
    restarts = [st for st in stages if st["stage"] in RESTARTS]
    L = ["# %s: trained here (issue 7)" % name, "",
         "Kind %s, contrast %s, x = array axis 0. Loads as `--model trained:%s`." % (kind.replace("_t", "-t"), c, name), "",
         "## Test set (500 samples, 31^3, seed 10%s, hex8-bbar truth at tol 1e-8)" % c]
    if test:
        L.append("MASE %.2f %% +- %.2f %% (population std); per pass: %s %%; %.3f s per sample at %d thread(s)."
                 % (test["mase_mean"], test["mase_std"], " / ".join("%.2f" % p["mase_mean"] for p in test["passes"]),
                    test["seconds_per_sample"], test["threads"]))
    else:
        L.append("(not scored yet)")
    L.append("")
    stage_list = ("A|B|" if has_a else "B|") + "|".join(RESTARTS[:max(1, len(restarts))])  # C is always offered
    L.append("## Recipe (bench/recipe/six.sh %s %s; bench/TRAINING.md \"The recipe\")" % (name, stage_list))
    before, before_rows, averaged = None, [], []
    for k, st in enumerate(stages):
        s = st["stage"]
        if s in "AB":
            L.append("- Stage %s: %s" % (s, st["text"]))
        else:
            r = restarts.index(st)
            av = st.get("average")
            best_here = min([float(e["valid_mase"]) for e in st["epochs"]] + ([av["valid_mase"]] if av else []))
            best_before = min([float(e["valid_mase"]) for e in before_rows] + averaged)
            if st.get("model"):  # a stage that records its model: compared model to model
                how = "Its model (%s, epoch %d)" % ({"best": "best/", "final": "the final model", "average": "the average"}[
                    st["model"]["dir"]], st["model"]["epoch"])
                verdict = ("%s validated at final-pass MASE %.2f %% against %.2f %% for the model before it%s."
                           % (how, model_mase(st), model_mase(stages[k - 1]),
                              ", so it is the model shipped" if k == len(stages) - 1 else ""))
            elif k == len(stages) - 1:  # the stage shipped
                verdict = ("It validated better than %s (best validation MASE %.2f %% against %.2f %%), so it is the model shipped."
                           % ("stage B" if r == 0 else "the stages before it", best_here, best_before))
            else:
                verdict = "Best validation MASE %.2f %% (%.2f %% before it)." % (best_here, best_before)
            data = "train31_c%s again" % c if st["samples"] == TRAIN31 else "the first %d samples of train31_c%s" % (st["samples"], c)
            mean = ""
            if av:
                mean = (" Its model is the uniform mean of the %d snapshots of its epoch %d (%s; `rln average`, bench/recipe/swa.sh):"
                        " validation loss %.4f, MASE %.2f %% +- %.2f %%, below %s."
                        % (len(av["snapshots"]), av["epoch"], ", ".join(av["snapshots"]), av["valid_loss"], av["valid_mase"],
                           av["valid_mase_std"], below_what(st)))
            L.append("- Stage %s (%s warm restart: stage %s's curve was still falling when its cosine ended): from stage %s's"
                     " model, %s, --augment, batch 8, Adam %s, cosine over %d epochs to 1e-8%s%s.%s %s"
                     % (s, "a" if r == 0 else "another", before, before, data, st["lr"], st["epochs_planned"], warmup(st),
                        ", seed %d (shuffles and symmetry maps of its own)" % st["seed"] if st["seed"] else "", mean, verdict))
        if s != "A":
            before_rows = before_rows + st["epochs"]
            averaged = averaged + ([st["average"]["valid_mase"]] if st.get("average") else [])
        before = s
    last = stages[-1]
    if last.get("average"):
        this = "the mean of stage %s's snapshots above (its validation %s is the lowest)" % (
            last["stage"], "MASE" if last.get("model") else "loss")
    elif last.get("model", {}).get("dir") == "final":
        this = ("stage %s's final model (its last epoch, %d: of the models the run keeps, best/ and the final one, it has"
                " the lower validation MASE, %.2f %%)" % (last["stage"], last["model"]["epoch"], model_mase(last)))
    else:
        this = "the epoch with the lowest validation loss (best/)"
    L.append("- Validation: valid31_c%s (100 samples, 31^3, seed 20%s) after every epoch; this model is %s." % (c, c, this))
    L.append("- Data: `bench/recipe/gen-data.sh` (rln generate, the authors' generator family, hex8-bbar, tol 1e-8, exx).")
    jars = "; ".join("stage %s ran from %s" % (st["stage"], st["jar"]) for st in stages if st.get("jar"))
    own_seeds = any(st["seed"] for st in stages if st["stage"] in RESTARTS)
    L.append("- 1 thread per run, seed 0%s; resumable and bitwise reproducible with the same jar and thread count (%s)."
             % (" (the restarts after C: their own seeds, above)" if own_seeds else "", jars))
    L.append("")
    L.append("## Compute")
    cpu = sum(st["cpu_s"] for st in stages)
    wall = sum(e["wall_s"] for st in stages for e in st["epochs"])
    parts = ", ".join("stage %s %.0f s" % (st["stage"], st["cpu_s"]) for st in stages)
    L.append("CPU %.0f s (%.2f core-hours: %s); wall-clock %.0f s on a shared 2-core machine"
             " (other jobs beside it, niced)." % (cpu, cpu / 3600, parts, wall))
    if history.get("start"):  # an RLN: its start, the finished RLN-t, is part of what it cost
        s0 = history["start"]
        L.append("With the RLN-t it starts from (%s after its stages %s, %.2f core-hours) the model took %.2f core-hours in all."
                 % (s0["model"], " and ".join(s0["stages"]), s0["cpu_s"] / 3600, (cpu + s0["cpu_s"]) / 3600))
    L.append("")
    L.append("## Curve (curve.png: epoch 1 is stage A when there is one)")
    L.append("| epoch | stage | train loss | valid loss | valid MASE | lr | wall s | cpu s |")
    L.append("|---|---|---|---|---|---|---|---|")
    rows, i = [], 0
    for st in stages:
        for e in st["epochs"]:
            i += 1
            cpu_e = e["cpu_s"] if e["cpu_s"] is not None else float("nan")
            L.append("| %d | %s (%d^3) | %.4f | %.4f | %.2f %% | %.3g | %.0f | %.0f |"
                     % (i, st["stage"], st["grid"], float(e["train_loss"]), float(e["valid_loss"]), float(e["valid_mase"]),
                        float(e["lr"]), e["wall_s"], cpu_e))
            rows.append([i] + [e[k] for k in FIELDS])
    return L, rows


def write(name, history, out):
    c, kind = contrast(name), kind_of(name)
    test_path = "bench/results/c%s/trained-%s.json" % (c, kind)
    test = json.load(open(test_path)) if os.path.exists(test_path) else None
    lines, rows = render(name, history, test)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "history.json"), "w") as f:
        json.dump(history, f, indent=1)
        f.write("\n")
    with open(os.path.join(out, "curve.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["epoch"] + FIELDS)
        w.writerows(rows)
    with open(os.path.join(out, "RECORD.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    a = sys.argv[1:]
    if a == ["--stages"]:
        print(STAGES)
    elif len(a) == 3 and a[0] == "--start":
        print(start(a[1], a[2]))
    elif len(a) == 2 and a[0] == "--pick":
        history = shipped_history(a[1])
        new = candidate(a[1], history)
        if not new:
            done = new_stages(a[1], history)
            print("record.py: nothing to ship for %s: %s" % (a[1], "no stage after the shipped %s has finished here"
                  % history["stages"][-1]["stage"] if not done else "the lowest final-pass validation MASE of stages %s (%.4f %%) is not below the"
                  " shipped model's %.4f %%" % ("".join(st["stage"] for st in done), min(model_mase(st) for st in done),
                                             shipped_mase(history))), file=sys.stderr)
            sys.exit(1)
        print(model_dir(a[1], new[-1]))
    elif len(a) == 2:
        name, out = a
        history = shipped_history(name)
        history = dict(history, stages=history["stages"] + candidate(name, history))
        write(name, history, out)
    else:
        fail("usage: record.py NAME OUT_DIR | --pick NAME | --start NAME STAGE | --stages")


if __name__ == "__main__":
    main()
