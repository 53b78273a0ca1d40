package rln.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import rln.autodiff.Parameter;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.LearningCurveCsv;
import rln.io.LearningCurvePng;
import rln.nn.LocalizationModel;
import rln.util.Parallel;

/**
 * The training loop of METHOD.md section 4. For each epoch e = 1..E:
 * <pre>
 *   lr_e = cosine schedule at e - 1            (lr at e = 1, annealed to lrMin at e = E + 1)
 *   shuffle the training set with a generator seeded by (seed, e)
 *   for each batch B:   g = d loss_B / d theta                 loss_B = (1/K) sum_k 100 sqrt(MSE(y_k, t)) / mean(t)
 *                                                              (with --pass-weights: g = d/dtheta sum_k w_k L_k, loss_B as above)
 *                       g <- g * min(1, 2K / (|g| + 1e-6))     (gradient-norm clipping)
 *                       theta <- Adam(theta, g, lr_e * min(1, s / W))   (step s = 1, 2, ... of the run; warm-up W, 0 = none)
 *                       theta_bar <- beta theta_bar + (1 - beta) theta        (with --ema beta: {@link WeightAverage})
 *   train loss = mean over the epoch's samples of loss_B (each batch weighted by its size)
 *   validation loss and MASE over the whole validation set ({@link Evaluation}), of theta_bar when averaging
 *   (then also of theta, printed for comparison)
 *   best validation loss so far -> MODELDIR/best;  checkpoint -> MODELDIR ({@link Checkpoint});
 *   curve.csv and curve.png rewritten;  one progress line
 * </pre>
 * and finally the trained model (theta_bar when averaging) is written to MODELDIR itself. Inside an epoch a checkpoint is also written after
 * the first batch that ends {@link #checkpointEvery} or more after the last one (an epoch at 31^3 takes most of an
 * hour on one core). Re-running on a MODELDIR holding a checkpoint continues where it was written; with the same
 * seed and thread count the result is bitwise the one of an uninterrupted run (every random choice is a function
 * of (seed, epoch), the learning rate is constant within an epoch, and the checkpoint holds the parameters, Adam's
 * moments and step count, and the epoch's partial loss sum exactly).
 */
public final class Trainer {
    /** How a model directory is written (in use: {@code rln.nn.Models::save}). */
    @FunctionalInterface
    public interface ModelWriter {
        void save(LocalizationModel model, Path dir) throws IOException;
    }

    /** What one epoch did (also the row of the CSV). */
    public record EpochReport(int epoch, int epochs, double trainLoss, Evaluation valid, double lr, double seconds,
                              double cpuSeconds, double etaSeconds, boolean best) {
        public double[] row() {
            return new double[] {epoch, trainLoss, valid.loss(), valid.mase().mean(), lr, seconds};
        }

        /**
         * "epoch 3/60  train 12.345  valid 11.234  MASE 5.12 % +- 1.30 %  lr 1.99e-03  41.2 s  cpu 80.1 s  ETA 39.1 min": cpu is
         * the process's CPU time over the epoch (all threads, JIT and GC included), the compute it took whatever else ran.
         */
        public String line() {
            Metrics.Summary m = valid.mase();
            return String.format(Locale.ROOT, "epoch %d/%d  train %.4f  valid %.4f  MASE %.3f %% +- %.3f %%  lr %.3e  %.1f s  cpu %.1f s  ETA %.1f min%s",
                    epoch, epochs, trainLoss, valid.loss(), m.mean(), m.std(), lr, seconds, cpuSeconds, etaSeconds / 60, best ? "  (best)" : "");
        }
    }

    public static final String CSV = "curve.csv", PNG = "curve.png", BEST = "best";

    private final LocalizationModel model;
    private final TrainingConfig config;
    private final TrainingData train, valid;
    private final Path modelDir;
    private final ModelWriter writer;
    private double checkpointSeconds = DEFAULT_CHECKPOINT_MINUTES * 60;
    private boolean keepCheckpoints;

    /** Minutes between checkpoints inside an epoch, unless {@link #checkpointEvery} says otherwise. */
    public static final double DEFAULT_CHECKPOINT_MINUTES = 10;

    public Trainer(LocalizationModel model, TrainingConfig config, TrainingData train, TrainingData valid, Path modelDir, ModelWriter writer) {
        if (model.passes() != config.passes())
            throw new IllegalArgumentException("model has " + model.passes() + " passes, the configuration " + config.passes());
        this.model = model;
        this.config = config;
        this.train = train;
        this.valid = valid;
        this.modelDir = modelDir;
        this.writer = writer;
    }

    /**
     * Inside an epoch, write a checkpoint after the first batch that ends {@code seconds} or more after the previous
     * checkpoint (0: after every batch; infinity: at epoch ends only). Where the checkpoints fall does not change
     * the numbers.
     */
    public Trainer checkpointEvery(double seconds) {
        if (!(seconds >= 0)) throw new IllegalArgumentException("checkpoint interval must be >= 0 seconds, got " + seconds);
        checkpointSeconds = seconds;
        return this;
    }

    /**
     * Keep every checkpoint directory written (checkpoints/epoch-NNNN[-sNNNNNN]: the parameters as they were then, for
     * {@code rln average}) instead of only the latest. The numbers do not change; a resume still starts from the latest.
     */
    public Trainer keepCheckpoints(boolean keep) {
        keepCheckpoints = keep;
        return this;
    }

    /**
     * The order of the training samples in epoch {@code epoch}: a Fisher-Yates shuffle drawn from a generator
     * seeded by (seed, epoch) alone, so a resumed run draws the same orders.
     */
    public static int[] shuffle(int n, long seed, int epoch) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** Trains (or resumes) to the configured number of epochs; returns the reports of the epochs run now. */
    public List<EpochReport> run(PrintWriter out) throws IOException {
        return run(out, config.epochs());
    }

    /**
     * Trains (or resumes) up to epoch {@code stopAfter} (at most the configured number, which alone sets the
     * schedule); the final model is written only once all configured epochs are done.
     */
    public List<EpochReport> run(PrintWriter out, int stopAfter) throws IOException {
        Files.createDirectories(modelDir);
        try (Stream<Path> s = Files.list(modelDir)) { // temporary model directories of a killed run
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".model-")).toList()) AtomicFiles.deleteTree(p);
        }
        List<Parameter> params = model.parameters();
        Adam adam = new Adam(params, config.lr());
        CosineAnnealing schedule = new CosineAnnealing(adam, config.epochs(), config.lrMin());
        Checkpoint state = new Checkpoint(0, 0, Double.POSITIVE_INFINITY, 0, new ArrayList<>(), config.fingerprint());
        WeightAverage average = config.ema() > 0 ? new WeightAverage(params, config.ema()) : null; // starts at the run's start
        if (Checkpoint.exists(modelDir)) {
            state = Checkpoint.load(modelDir, params, adam);
            checkSameRun(state.fingerprint());
            if (average != null) Checkpoint.restoreAverage(modelDir, average);
            if (state.fingerprint().get("threads") instanceof Long t && t != Parallel.threads())
                out.printf("note: the checkpoint was made with %d threads, this run has %d: the sums (and so the result) will differ "
                        + "from an uninterrupted run in the last bits%n", t, Parallel.threads());
            out.printf(Locale.ROOT, "resuming %s from epoch %d of %d%s (best validation loss %.4f at epoch %d)%n",
                    modelDir, state.epoch(), config.epochs(), state.partial().samples() == 0 ? ""
                            : String.format(Locale.ROOT, " and %d of epoch %d's %d samples", state.partial().samples(), state.epoch() + 1, train.size()),
                    state.bestValidLoss(), state.bestEpoch());
        }
        schedule.setEpoch(state.epoch());
        List<double[]> history = new ArrayList<>(state.history());
        double best = state.bestValidLoss();
        int bestEpoch = state.bestEpoch();
        List<EpochReport> reports = new ArrayList<>();
        long runStart = System.nanoTime();
        int last = Math.min(stopAfter, config.epochs());
        Checkpoint.Partial partial = state.partial();
        for (int e = state.epoch() + 1; e <= last; e++) {
            long t0 = System.nanoTime() - (long) (partial.seconds() * 1e9);
            double cpu0 = processCpuSeconds() - partial.cpuSeconds();
            double lr = adam.lr();
            EpochState progress = new EpochState(e, best, bestEpoch, history, partial, System.nanoTime(), processCpuSeconds());
            double trainLoss = trainOneEpoch(adam, params, average, progress, out);
            partial = Checkpoint.Partial.NONE;
            Evaluation raw = average == null ? null : Evaluation.of(model, valid, config.evalBatch());
            Evaluation v;
            boolean isBest;
            try (WeightAverage.Swap averaged = average == null ? null : average.swappedIn()) {
                v = Evaluation.of(model, valid, config.evalBatch());
                isBest = v.loss() < best;
                if (isBest) {
                    best = v.loss();
                    bestEpoch = e;
                    saveModel(modelDir.resolve(BEST));
                }
            }
            schedule.step();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            double perEpoch = (System.nanoTime() - runStart) * 1e-9 / (e - state.epoch());
            EpochReport r = new EpochReport(e, config.epochs(), trainLoss, v, lr, seconds, processCpuSeconds() - cpu0, perEpoch * (config.epochs() - e), isBest);
            history.add(r.row());
            new Checkpoint(e, adam.steps(), best, bestEpoch, history, savedSettings()).save(modelDir, params, adam, average, keepCheckpoints);
            writeCurve(history);
            reports.add(r);
            if (raw != null)
                out.printf(Locale.ROOT, "  epoch %d, the parameters as trained (not averaged): valid %.4f  MASE %.3f %% +- %.3f %%%n", e, raw.loss(),
                        raw.mase().mean(), raw.mase().std());
            out.println(r.line());
            out.flush();
        }
        if (last == config.epochs())
            try (WeightAverage.Swap averaged = average == null ? null : average.swappedIn()) {
                saveModel(modelDir);
            }
        return reports;
    }

    /** Seconds between progress lines inside an epoch (an epoch of 500 samples at 31^3 takes minutes). */
    static final double PROGRESS_SECONDS = 60;

    /**
     * What a checkpoint inside epoch {@code epoch} records besides the parameters and Adam: the state after the
     * previous epoch, the part of this epoch already trained when it was resumed ({@code resumed}), and when (wall
     * clock, process CPU) this process started on it.
     */
    private record EpochState(int epoch, double best, int bestEpoch, List<double[]> history, Checkpoint.Partial resumed,
                              long startNanos, double startCpu) {}

    private double trainOneEpoch(Adam adam, List<Parameter> params, WeightAverage average, EpochState s, PrintWriter out) throws IOException {
        int n = train.size(), epoch = s.epoch();
        long t0 = System.nanoTime(), lastLine = t0, lastCheckpoint = t0;
        int[] order = shuffle(n, config.seed(), epoch);
        Symmetry[] maps = config.augment() ? Symmetry.forEpoch(n, train.nx(), train.ny(), train.nz(), config.seed(), epoch) : null;
        int start = s.resumed().samples();
        if (start % config.batch() != 0 || start >= n)
            throw InputException.of(modelDir.resolve(Checkpoint.POINTER), "the checkpoint is " + start + " samples into epoch " + epoch
                    + ", not a batch boundary of this run's " + n + " samples in batches of " + config.batch());
        double sum = s.resumed().lossSum();
        for (int from = start; from < n; from += config.batch()) {
            int to = Math.min(n, from + config.batch());
            adam.zeroGrad();
            LocalizationModel.StepResult r = model.lossAndGradients(train.microBatch(order, from, to, maps), train.targetBatch(order, from, to, maps),
                    config.recompute(), config.parallelism(), config.passWeights());
            if (!Double.isFinite(r.loss()))
                throw InputException.of(modelDir, "epoch " + epoch + ": the training loss is " + r.loss() + " (training diverged: try a smaller --lr"
                        + (epoch > 1 ? "; the checkpoint of epoch " + (epoch - 1) + " is kept)" : ")"));
            GradClip.clipGradNorm(params, config.clipNorm());
            double epochLr = adam.lr();
            adam.setLr(config.stepLr(epochLr, adam.steps() + 1)); // the warm-up's ramp (the epoch's rate once it is over)
            adam.step();
            adam.setLr(epochLr);
            if (average != null) average.update();
            sum += r.loss() * (to - from);
            long now = System.nanoTime();
            if ((now - lastCheckpoint) * 1e-9 >= checkpointSeconds && to < n) {
                lastCheckpoint = now;
                Checkpoint.Partial p = new Checkpoint.Partial(to, sum, s.resumed().seconds() + (now - s.startNanos()) * 1e-9,
                        s.resumed().cpuSeconds() + processCpuSeconds() - s.startCpu());
                new Checkpoint(epoch - 1, adam.steps(), s.best(), s.bestEpoch(), s.history(), savedSettings(), p).save(modelDir, params, adam, average, keepCheckpoints);
            }
            if ((now - lastLine) * 1e-9 >= PROGRESS_SECONDS && to < n) {
                lastLine = now;
                double seconds = (now - t0) * 1e-9;
                out.printf(Locale.ROOT, "  epoch %d: %d/%d samples, train loss so far %.4f, %.0f s, epoch ETA %.1f min%n", epoch, to, n, sum / to,
                        seconds + s.resumed().seconds(), seconds / (to - start) * (n - to) / 60);
                out.flush();
            }
        }
        return sum / n;
    }

    /** CPU time of this process so far, all threads (NaN where the platform does not tell). */
    static double processCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() * 1e-9).orElse(Double.NaN);
    }

    /** The settings a checkpoint records: those that must match on resume, and the thread count (a note if not). */
    private Map<String, Object> savedSettings() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(config.fingerprint());
        m.put("threads", Parallel.threads());
        return m;
    }

    private void checkSameRun(Map<String, Object> saved) {
        Map<String, Object> now = config.fingerprint();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(now.keySet()); // both ways: a setting only one side records differs too
        for (String key : saved.keySet()) if (!key.equals("threads")) keys.add(key);
        for (String key : keys) {
            String a = setting(now, key), b = setting(saved, key);
            if (!a.equals(b))
                throw InputException.of(modelDir.resolve(Checkpoint.POINTER), "the checkpoint was made with " + key + " = " + b + ", this run asks for "
                        + a + " (use another --out, or the same settings to resume)");
        }
    }

    /** A recorded setting as JSON; "the default" when not recorded (settings at their default are left out). */
    private static String setting(Map<String, Object> settings, String key) {
        return settings.containsKey(key) ? Json.inline(settings.get(key)) : "the default";
    }

    private void writeCurve(List<double[]> history) throws IOException {
        LearningCurveCsv.write(modelDir.resolve(CSV), history);
        LearningCurvePng.write(modelDir.resolve(CSV), modelDir.resolve(PNG), config.kind() + " (" + train.size() + " training samples)");
    }

    /**
     * Writes the model into {@code dir} without a reader ever seeing a partial model: it is written into a
     * fresh directory inside a temporary one, and its files are then renamed into {@code dir} one by one, model.json
     * (the file a reader opens first) last. Other files in {@code dir} (checkpoints, curves) stay.
     */
    private void saveModel(Path dir) throws IOException {
        writeModel(model, modelDir, dir, writer);
    }

    /** {@link #saveModel} for any trainer: {@code model} into {@code dir}, through a temporary directory inside {@code modelDir}. */
    static void writeModel(LocalizationModel model, Path modelDir, Path dir, ModelWriter writer) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(modelDir, ".model-");
        try {
            Path written = tmp.resolve("model"); // a path that does not exist yet, as a fresh output directory
            writer.save(model, written);
            List<Path> files;
            try (Stream<Path> s = Files.list(written)) {
                files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
            }
            files.sort((a, b) -> Boolean.compare(a.getFileName().toString().equals("model.json"), b.getFileName().toString().equals("model.json")));
            for (Path f : files) AtomicFiles.moveAtomically(f, dir.resolve(f.getFileName().toString()));
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }
}
