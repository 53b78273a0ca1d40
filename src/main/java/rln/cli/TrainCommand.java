package rln.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.InputException;
import rln.io.OutputLock;
import rln.nn.LocalizationModel;
import rln.nn.ModelKind;
import rln.nn.Models;
import rln.nn.PassWeights;
import rln.nn.WarmStart;
import rln.train.Trainer;
import rln.train.TrainingConfig;
import rln.train.TrainingData;
import rln.util.Parallel;

/** {@code rln train}: trains FLN, RLN-t or RLN with the paper's recipe (rln.train.Trainer), resuming from a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a localization network (METHOD.md section 4): Adam, cosine annealing, gradient-norm clipping at "
                + "2 x passes, every pass supervised. Writes OUT/best (best validation loss), OUT (the final model), "
                + "OUT/curve.csv and OUT/curve.png, and a checkpoint after every epoch.",
                "Re-running with an OUT that holds a checkpoint continues from it (same settings required); with the same "
                + "--threads the result is bitwise that of an uninterrupted run."})
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, description = "training dataset directory (micro.npy + strain.npy or exx.npy)")
    Path trainDir;

    @Option(names = "--valid", required = true, description = "validation dataset directory")
    Path validDir;

    @Option(names = "--model", required = true, description = "fln, rln-t, rln or cnn (the comparison CNN of Yang et al. 2019)")
    ModelKind kind;

    @Option(names = "--out", required = true, description = "model directory (created; holds checkpoints while training)")
    Path out;

    @Option(names = "--epochs", defaultValue = "60", description = "epochs (default: ${DEFAULT-VALUE}); the cosine schedule spans them")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-3", description = "initial learning rate (default: ${DEFAULT-VALUE}), annealed to 1e-8")
    double lr;

    @Option(names = "--passes", description = "passes of a recurrent model (default 5; FLN has 1)")
    Integer passes;

    @Option(names = "--seed", defaultValue = "0", description = "initialization and shuffling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "worker threads (default: all cores); resume with the same number for bitwise identity")
    Integer threads;

    @Option(names = "--parallel", paramLabel = "MODE", defaultValue = "layers", description = "with 2 or more --threads: layers (every "
            + "layer's kernels split across the threads; default) or samples (each thread runs its share of the batch's samples through "
            + "the whole step, kernels single-threaded; not with --batch-mean); the same numbers up to rounding, recorded in the checkpoint")
    rln.nn.Parallelism parallel;

    @Option(names = "--batch-mean", description = "remove the mean of p_k over the whole batch (the authors' code) instead of per sample")
    boolean batchMean;

    @Option(names = "--recompute", description = "recompute each pass's internals during backward (less memory, about one more forward)")
    boolean recompute;

    @Option(names = "--eval-batch", defaultValue = "8", description = "batch size of validation inference (default: ${DEFAULT-VALUE}; same numbers)")
    int evalBatch;

    @Option(names = "--augment", description = "map every training sample, every epoch, by a random exact symmetry of the problem "
            + "(periodic shift, mirror of any axis, swap of y and z; drawn from --seed and the epoch)")
    boolean augment;

    @Option(names = "--init", paramLabel = "MODEL", description = "start from this model's parameters instead of a fresh initialization "
            + "(a model directory trained here: FLN or RLN-t -> RLN-t, RLN-t -> RLN (every pass starts as the tied network), any grid size)")
    Path init;

    @Option(names = "--samples", paramLabel = "N", description = "train on the first N samples of --train only (default: all)")
    Integer samples;

    @Option(names = "--stop-after", description = "stop after this epoch (resume later); the schedule still spans --epochs")
    Integer stopAfter;

    @Option(names = "--warmup-steps", paramLabel = "W", defaultValue = "0", description = "ramp the learning rate linearly over the "
            + "first W optimizer steps of the run (step s at s/W of the rate; default: 0 = none); for --init: Adam's first steps "
            + "move every parameter by about --lr and undo a warm start")
    int warmupSteps;

    @Option(names = "--ema", paramLabel = "BETA", defaultValue = "0", description = "keep a running average of the parameters, "
            + "theta_bar <- BETA theta_bar + (1 - BETA) theta after every step (0.99: about the last 100 steps; default: 0 = none); "
            + "validation, best/ and the final model use the average, and each epoch also prints the validation of the parameters as trained")
    double ema;

    @Option(names = "--pass-weights", paramLabel = "A1,..,AP", description = "train on the gradient of sum_k w_k L_k, w_k = A_k / sum A, "
            + "instead of the paper's mean of the pass losses (e.g. 1,1,1,1,4 for 5 passes: the last pass counts as much as the "
            + "four before it); the reported training loss and the validation stay the paper's")
    String passWeights;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", description = "inside an epoch, also checkpoint after the first batch "
            + "M minutes after the last checkpoint (default: 10; 0 = after every batch); a resume continues from there, bitwise the same")
    double checkpointMinutes = Trainer.DEFAULT_CHECKPOINT_MINUTES;

    @Option(names = "--keep-checkpoints", description = "keep every checkpoint directory (OUT/checkpoints/epoch-NNNN[-sNNNNNN]) instead of "
            + "the latest only: snapshots of the run for 'rln average'; the numbers do not change, and a run may resume with or without it")
    boolean keepCheckpoints;

    @picocli.CommandLine.Mixin
    CnnTrainOptions cnn;

    @Override
    public Integer call() throws Exception {
        Parallel.setThreads(Options.threads(threads));
        if (kind != ModelKind.CNN) cnn.refuseOutsideCnn(kind.id);
        int k = Options.passes(kind, passes);
        if (epochs < 1) throw new InputException("--epochs: must be >= 1, got " + epochs);
        if (batch < 1) throw new InputException("--batch: must be >= 1, got " + batch);
        if (evalBatch < 1) throw new InputException("--eval-batch: must be >= 1, got " + evalBatch);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new InputException("--lr: must be a finite number > 0, got " + lr);
        if (stopAfter != null && stopAfter < 1) throw new InputException("--stop-after: must be >= 1 (an epoch to stop after), got " + stopAfter);
        if (warmupSteps < 0) throw new InputException("--warmup-steps: must be >= 0, got " + warmupSteps);
        if (!(ema >= 0 && ema < 1)) throw new InputException("--ema: must be in [0, 1) (0 = none; 0.99 averages about the last 100 steps), got " + ema);
        Options.parallelism(parallel, batchMean);
        PassWeights weights = null;
        if (passWeights != null && kind != ModelKind.CNN) { // the CNN refuses the option by name (CnnTrainOptions)
            try {
                weights = PassWeights.parse(passWeights, k);
            } catch (IllegalArgumentException e) {
                throw new InputException("--pass-weights: " + e.getMessage());
            }
        }
        if (!(checkpointMinutes >= 0) || Double.isInfinite(checkpointMinutes))
            throw new InputException("--checkpoint-minutes: must be a number >= 0, got " + checkpointMinutes);
        if (samples != null && samples < 1) throw new InputException("--samples: must be >= 1, got " + samples);
        try (OutputLock lock = Outputs.directory(spec, "--out", out)) {
            boolean existed = java.nio.file.Files.exists(out);
            try {
                return kind == ModelKind.CNN ? cnn.run(this) : train(k, weights);
            } catch (RuntimeException | java.io.IOException | Error e) {
                if (!existed) Outputs.removeIfEmpty(out); // a run that failed before its first checkpoint leaves nothing
                throw e;
            }
        }
    }

    private int train(int k, PassWeights weights) throws java.io.IOException {
        LocalizationModel model = Models.create(kind.id, k, batchMean, seed);
        String warmStart = null;
        if (init != null) {
            if (!java.nio.file.Files.isDirectory(init)) throw InputException.of(init, "--init: is not a model directory (rln train)");
            try {
                warmStart = init.getFileName() + " (" + WarmStart.copy(Models.load(init), model) + ")";
            } catch (IllegalArgumentException e) {
                throw InputException.of(init, "--init: " + e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        TrainingData train = TrainingData.read(trainDir), valid = TrainingData.read(validDir);
        Options.networkGrid(trainDir, train.nx(), train.ny(), train.nz());
        Options.networkGrid(validDir, valid.nx(), valid.ny(), valid.nz());
        if (samples != null) {
            if (samples > train.size())
                throw InputException.of(trainDir, "--samples " + samples + ": the set holds only " + train.size() + " samples");
            train = train.range(0, samples);
        }
        TrainingConfig config = new TrainingConfig(kind.id, k, epochs, batch, lr, 1e-8, seed, batchMean, recompute, evalBatch, augment,
                warmStart, warmupSteps, parallel, ema, weights);
        PrintWriter w = new PrintWriter(System.out, true);
        w.printf(Locale.ROOT, "%s, %d passes: %d training and %d validation samples (%dx%dx%d) read in %.1f s; %d threads%s%n", kind, k,
                train.size(), valid.size(), train.nx(), train.ny(), train.nz(), (System.nanoTime() - t0) * 1e-9, Parallel.threads(),
                parallel == rln.nn.Parallelism.SAMPLES ? " (samples split)" : "");
        var reports = new Trainer(model, config, train, valid, out, Models::save).checkpointEvery(checkpointMinutes * 60).keepCheckpoints(keepCheckpoints).run(w, stopAfter == null ? epochs : stopAfter);
        w.println(TrainReport.line(out, reports, stopAfter == null || stopAfter >= epochs));
        return 0;
    }
}
