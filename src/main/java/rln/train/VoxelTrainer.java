package rln.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import rln.io.InputException;
import rln.io.Json;
import rln.io.LearningCurveCsv;
import rln.io.LearningCurvePng;
import rln.nn.ComparisonCnn;
import rln.tensor.Tensor;
import rln.util.Parallel;

/**
 * The training loop of the comparison CNN (Yang et al. 2019), which learns from voxels, not whole fields. For each
 * epoch e = 1..E:
 * <pre>
 *   lr_e = cosine schedule from lr to lrMin at e - 1      (lrMin = lr: constant, Keras's Adam as Yang et al. ran it)
 *   from every training microstructure n, draw {@code voxels} distinct voxels (generator seeded by (seed, e, n))
 *   shuffle the microstructures (Trainer.shuffle(seed, e)); take them {@code batch} at a time:
 *       one step on their batch x voxels patches:  g = d/dtheta [ MSE(out, 10 eps_xx) + l2 sum ||kernel||^2 ]
 *                                                  theta <- Adam(theta, g, lr_e)        (no clipping, as in Keras)
 *   train loss = mean over the epoch's patches of the MSE term
 *   validation on a fixed voxel sample ({@code validVoxels} per validation microstructure, seeded by seed alone):
 *       loss = MSE in the training units; MASE(s) = 100 mean_sampled |pred - t| / mean_all t   (an estimate of
 *       the full-field MASE, which rln eval measures)
 *   best validation loss so far -> MODELDIR/best;  checkpoint -> MODELDIR;  curve.csv and curve.png;  one line
 *   early stopping: no better validation loss for {@code patience} epochs ends the run (Keras EarlyStopping)
 * </pre>
 * and finally the model after the last epoch run is written to MODELDIR. Resumable and bitwise reproducible like
 * {@link Trainer} (same checkpoint format; every random choice is a function of the seed, the epoch and the sample).
 */
public final class VoxelTrainer {

    /**
     * The recipe.
     *
     * @param batch       microstructures per step (the step sees batch x voxels patches)
     * @param voxels      voxels drawn from every training microstructure per epoch
     * @param l2          Keras's kernel_regularizer l2 coefficient (Yang et al.: 1e-4 at contrast 10, 5e-4 at 50)
     * @param patience    epochs without a better validation loss before stopping (Yang et al.: 10)
     * @param validVoxels voxels per validation microstructure (a fixed sample)
     */
    public record Config(int epochs, int batch, int voxels, double lr, double lrMin, long seed, double l2, int patience, int validVoxels) {
        public Config {
            if (epochs < 1 || batch < 1 || voxels < 1 || patience < 1 || validVoxels < 1)
                throw new IllegalArgumentException("epochs, batch, voxels, patience and validVoxels must be >= 1");
            if (!(lr > 0) || !(lrMin >= 0) || !(l2 >= 0)) throw new IllegalArgumentException("lr must be > 0, lrMin and l2 >= 0");
        }

        /** The entries a resumed run must share with the checkpoint (everything that changes the numbers). */
        public Map<String, Object> fingerprint() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "cnn");
            m.put("epochs", epochs);
            m.put("batch", batch);
            m.put("voxels", voxels);
            m.put("lr", lr);
            m.put("lr_min", lrMin);
            m.put("seed", seed);
            m.put("l2", l2);
            m.put("patience", patience);
            m.put("valid_voxels", validVoxels);
            return m;
        }
    }

    /** Seconds between progress lines inside an epoch. */
    static final double PROGRESS_SECONDS = 60;

    private final ComparisonCnn model;
    private final Config config;
    private final TrainingData train, valid;
    private final Path modelDir;
    private final Trainer.ModelWriter writer;

    public VoxelTrainer(ComparisonCnn model, Config config, TrainingData train, TrainingData valid, Path modelDir, Trainer.ModelWriter writer) {
        if (config.voxels() > train.voxels() || config.validVoxels() > valid.voxels())
            throw new IllegalArgumentException("more voxels per microstructure asked than a microstructure has (" + train.voxels() + ")");
        this.model = model;
        this.config = config;
        this.train = train;
        this.valid = valid;
        this.modelDir = modelDir;
        this.writer = writer;
    }

    /**
     * {@code count} distinct voxels of a microstructure of {@code n} voxels, uniformly: the first {@code count}
     * positions of a Fisher-Yates shuffle drawn from a generator seeded by {@code key}.
     */
    static int[] drawVoxels(int n, int count, long key) {
        SplittableRandom rnd = new SplittableRandom(key);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return java.util.Arrays.copyOf(idx, count);
    }

    /** The generator key of sample {@code sample}'s voxels in epoch {@code epoch} (epoch 0: the validation sample). */
    static long key(long seed, int epoch, int sample) {
        return (seed * 0x9E3779B97F4A7C15L + epoch) * 0xC2B2AE3D27D4EB4FL + sample;
    }

    /** Trains (or resumes) up to epoch {@code stopAfter} or early stopping; returns the reports of the epochs run now. */
    public List<Trainer.EpochReport> run(PrintWriter out, int stopAfter) throws IOException {
        Files.createDirectories(modelDir);
        try (Stream<Path> s = Files.list(modelDir)) { // temporary model directories of a killed run
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".model-")).toList()) rln.io.AtomicFiles.deleteTree(p);
        }
        Adam adam = new Adam(model.parameters(), config.lr(), 0.9, 0.999, 1e-7); // Keras's Adam defaults (epsilon 1e-7)
        CosineAnnealing schedule = new CosineAnnealing(adam, config.epochs(), config.lrMin());
        Checkpoint state = new Checkpoint(0, 0, Double.POSITIVE_INFINITY, 0, new ArrayList<>(), config.fingerprint());
        if (Checkpoint.exists(modelDir)) {
            state = Checkpoint.load(modelDir, model.parameters(), adam);
            checkSameRun(state.fingerprint());
            out.printf(Locale.ROOT, "resuming %s from epoch %d of %d (best validation loss %.4f at epoch %d)%n", modelDir, state.epoch(),
                    config.epochs(), state.bestValidLoss(), state.bestEpoch());
        }
        schedule.setEpoch(state.epoch());
        List<double[]> history = new ArrayList<>(state.history());
        double best = state.bestValidLoss();
        int bestEpoch = state.bestEpoch(), e = state.epoch();
        List<Trainer.EpochReport> reports = new ArrayList<>();
        long runStart = System.nanoTime();
        int last = Math.min(stopAfter, config.epochs());
        ValidationSet vset = new ValidationSet(valid, config.validVoxels(), config.seed());
        while (e < last && !stopped(e, bestEpoch)) {
            e++;
            long t0 = System.nanoTime();
            double cpu0 = Trainer.processCpuSeconds(), lr = adam.lr();
            double trainLoss = trainOneEpoch(adam, e, out);
            Evaluation v = vset.score(model);
            schedule.step();
            boolean isBest = v.loss() < best;
            if (isBest) {
                best = v.loss();
                bestEpoch = e;
                Trainer.writeModel(model, modelDir, modelDir.resolve(Trainer.BEST), writer);
            }
            double seconds = (System.nanoTime() - t0) * 1e-9, perEpoch = (System.nanoTime() - runStart) * 1e-9 / (e - state.epoch());
            Trainer.EpochReport r = new Trainer.EpochReport(e, config.epochs(), trainLoss, v, lr, seconds, Trainer.processCpuSeconds() - cpu0,
                    perEpoch * (config.epochs() - e), isBest);
            history.add(r.row());
            Map<String, Object> settings = new LinkedHashMap<>(config.fingerprint());
            settings.put("threads", Parallel.threads());
            new Checkpoint(e, adam.steps(), best, bestEpoch, history, settings).save(modelDir, model.parameters(), adam);
            LearningCurveCsv.write(modelDir.resolve(Trainer.CSV), history);
            LearningCurvePng.write(modelDir.resolve(Trainer.CSV), modelDir.resolve(Trainer.PNG), "cnn (" + train.size() + " training samples, "
                    + config.voxels() + " voxels each per epoch)");
            reports.add(r);
            out.println(r.line());
            out.flush();
        }
        boolean early = stopped(e, bestEpoch);
        if (early) out.printf("early stopping: no better validation loss since epoch %d (patience %d)%n", bestEpoch, config.patience());
        if (early || e == config.epochs()) Trainer.writeModel(model, modelDir, modelDir, writer);
        return reports;
    }

    private boolean stopped(int epoch, int bestEpoch) {
        return epoch > 0 && epoch - bestEpoch >= config.patience();
    }

    private double trainOneEpoch(Adam adam, int epoch, PrintWriter out) {
        int n = train.size(), V = train.voxels(), per = config.voxels();
        int[] order = Trainer.shuffle(n, config.seed(), epoch);
        long t0 = System.nanoTime(), lastLine = t0;
        double sum = 0;
        for (int from = 0; from < n; from += config.batch()) {
            int to = Math.min(n, from + config.batch());
            int[] ids = new int[(to - from) * per];
            float[] labels = new float[ids.length];
            for (int b = from; b < to; b++) {
                int[] vox = drawVoxels(V, per, key(config.seed(), epoch, order[b]));
                float[] t = train.target(order[b]);
                for (int j = 0; j < per; j++) {
                    ids[(b - from) * per + j] = (b - from) * V + vox[j];
                    labels[(b - from) * per + j] = t[vox[j]];
                }
            }
            adam.zeroGrad();
            ComparisonCnn.StepLoss loss = model.trainingStep(train.microBatch(order, from, to), ids, labels, config.l2());
            if (!Double.isFinite(loss.mse())) throw new IllegalStateException("epoch " + epoch + ": the training loss is " + loss.mse());
            adam.step();
            sum += loss.mse() * (to - from);
            long now = System.nanoTime();
            if ((now - lastLine) * 1e-9 >= PROGRESS_SECONDS && to < n) {
                lastLine = now;
                double seconds = (now - t0) * 1e-9;
                out.printf(Locale.ROOT, "  epoch %d: %d/%d microstructures, train MSE so far %.4f (penalty %.4f), %.0f s, epoch ETA %.1f min%n", epoch, to, n,
                        sum / to, loss.penalty(), seconds, seconds / to * (n - to) / 60);
                out.flush();
            }
        }
        return sum / n;
    }

    private void checkSameRun(Map<String, Object> saved) {
        Map<String, Object> now = config.fingerprint();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(now.keySet());
        for (String key : saved.keySet()) if (!key.equals("threads")) keys.add(key);
        for (String key : keys)
            if (!Json.write(now.get(key)).equals(Json.write(saved.get(key))))
                throw InputException.of(modelDir.resolve(Checkpoint.POINTER), "the checkpoint was made with " + key + " = " + Json.write(saved.get(key))
                        + ", this run asks for " + Json.write(now.get(key)) + " (use another --out, or the same settings to resume)");
    }

    /** The fixed validation voxels and their scoring. */
    static final class ValidationSet {
        private final TrainingData data;
        private final int[][] voxels;

        ValidationSet(TrainingData data, int perSample, long seed) {
            this.data = data;
            this.voxels = new int[data.size()][];
            for (int s = 0; s < data.size(); s++) voxels[s] = drawVoxels(data.voxels(), perSample, key(seed, 0, s));
        }

        /** loss = mean (10 (pred - t))^2 over the voxels (the training MSE's units); MASE per sample over its voxels. */
        Evaluation score(ComparisonCnn model) {
            int S = data.size(), V = data.voxels(), group = 16;
            double[] mase = new double[S];
            double squares = 0;
            long count = 0, t0 = System.nanoTime();
            int[] order = data.inOrder();
            for (int from = 0; from < S; from += group) {
                int to = Math.min(S, from + group);
                List<Integer> rows = new ArrayList<>();
                for (int s = from; s < to; s++) for (int v : voxels[s]) rows.add((s - from) * V + v);
                Tensor micro = data.microBatch(order, from, to);
                float[] pred = model.predictVoxels(micro, rows.stream().mapToInt(Integer::intValue).toArray());
                for (int s = from, r = 0; s < to; s++) {
                    float[] t = data.target(s);
                    double meanT = 0, abs = 0;
                    for (float x : t) meanT += x;
                    meanT /= V;
                    for (int v : voxels[s]) {
                        double d = pred[r++] - t[v];
                        abs += Math.abs(d);
                        squares += ComparisonCnn.LABEL_SCALE * ComparisonCnn.LABEL_SCALE * d * d;
                        count++;
                    }
                    mase[s] = 100 * abs / voxels[s].length / meanT;
                }
            }
            double loss = squares / count;
            return new Evaluation(loss, new double[] {loss}, new double[][] {mase}, (System.nanoTime() - t0) * 1e-9 / S);
        }
    }
}
