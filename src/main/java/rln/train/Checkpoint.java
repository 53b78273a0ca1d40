package rln.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rln.autodiff.Parameter;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.Npy;
import rln.tensor.Tensor;

/**
 * The training state after a completed epoch, or after a batch inside one, on disk, so that a run can stop
 * anywhere and continue bitwise identically (same seed and thread count). Layout inside the model directory:
 * <pre>
 *   checkpoint.json                      {"latest": "checkpoints/epoch-0007"}   (the only pointer)
 *   checkpoints/epoch-0007/state.json    epoch, Adam step count, best validation, history, configuration
 *   checkpoints/epoch-0007/param-NNN.npy parameter NNN's values (its own precision)
 *   checkpoints/epoch-0007/adam-m-NNN.npy, adam-v-NNN.npy   Adam's moments of parameter NNN (float64)
 * </pre>
 * Inside an epoch the directory is checkpoints/epoch-0007-s000880 (epoch 7 completed, the first 880 samples of
 * epoch 8 trained) and state.json adds the {@link Partial} epoch. The RNG state is the seed and the epoch: epoch
 * e's shuffle and symmetry maps are drawn from generators seeded by (seed, e) ({@link Trainer#shuffle}), and the
 * learning rate is the cosine schedule at e, constant within the epoch. Crash safety: an epoch's
 * directory is written under a temporary name and renamed when complete; only then is checkpoint.json
 * replaced (atomically), and only then are older directories deleted. A process killed at any instant
 * leaves checkpoint.json naming a complete directory (or no checkpoint.json at all).
 *
 * @param epoch      epochs completed
 * @param adamSteps  optimizer steps taken
 * @param bestValidLoss the lowest validation loss so far (+infinity before the first epoch)
 * @param bestEpoch  the epoch that reached it (0 before the first)
 * @param history    one row per completed epoch: epoch, train_loss, valid_loss, valid_mase, lr, seconds
 * @param partial    how far epoch {@code epoch + 1} got ({@link Partial#NONE} at an epoch's end)
 */
public record Checkpoint(int epoch, int adamSteps, double bestValidLoss, int bestEpoch, List<double[]> history,
                         Map<String, Object> fingerprint, Partial partial) {

    /**
     * The part of an epoch trained before the checkpoint: its first {@code samples} samples (whole batches), the
     * sum over them of loss_B x batch size (the epoch's train loss is this sum / n at the end, so it is kept
     * exactly), and the wall and CPU seconds they took (for the epoch's report only).
     */
    public record Partial(int samples, double lossSum, double seconds, double cpuSeconds) {
        public static final Partial NONE = new Partial(0, 0, 0, 0);
    }

    /** The state at an epoch's end. */
    public Checkpoint(int epoch, int adamSteps, double bestValidLoss, int bestEpoch, List<double[]> history, Map<String, Object> fingerprint) {
        this(epoch, adamSteps, bestValidLoss, bestEpoch, history, fingerprint, Partial.NONE);
    }

    public static final String POINTER = "checkpoint.json";
    static final String DIR = "checkpoints";

    /** Writes the state of {@code params} and {@code adam} after {@code epoch} completed epochs and {@link #partial}. */
    public void save(Path modelDir, List<Parameter> params, Adam adam) throws IOException {
        save(modelDir, params, adam, null, false);
    }

    /**
     * {@link #save}, with the parameters' running average (ema-NNN.npy, float64) when {@code average} is not null;
     * {@code keepOlder}: leave the earlier checkpoint directories in place (snapshots of the run for
     * {@code rln average}) instead of deleting them once the pointer names the new one.
     */
    void save(Path modelDir, List<Parameter> params, Adam adam, WeightAverage average, boolean keepOlder) throws IOException {
        Path parent = modelDir.resolve(DIR);
        Files.createDirectories(parent);
        String name = String.format("epoch-%04d", epoch) + (partial.samples() > 0 ? String.format("-s%06d", partial.samples()) : "");
        Path tmp = Files.createTempDirectory(parent, "." + name + "-");
        AtomicFiles.shareable(tmp, "rwxr-xr-x");
        for (int k = 0; k < params.size(); k++) {
            Tensor v = params.get(k).value();
            if (v.isDouble()) Npy.writeDoubles(tmp.resolve(file("param", k)), v.doubles(), v.shape());
            else Npy.writeFloats(tmp.resolve(file("param", k)), v.floats(), v.shape());
            double[][] mv = adam.moments(k);
            Npy.writeDoubles(tmp.resolve(file("adam-m", k)), mv[0], mv[0].length);
            Npy.writeDoubles(tmp.resolve(file("adam-v", k)), mv[1], mv[1].length);
            if (average != null) Npy.writeDoubles(tmp.resolve(file("ema", k)), average.mean(k), average.mean(k).length);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", "rln-checkpoint");
        state.put("epoch", epoch);
        state.put("adam_steps", adamSteps);
        state.put("best_valid_loss", Double.isFinite(bestValidLoss) ? bestValidLoss : null);
        state.put("best_epoch", bestEpoch);
        List<String> names = new ArrayList<>();
        for (Parameter p : params) names.add(p.name());
        state.put("parameters", names);
        state.put("config", fingerprint);
        List<List<Object>> rows = new ArrayList<>(); // NaN (a missing value) has no JSON form: null
        for (double[] r : history) {
            List<Object> row = new ArrayList<>();
            for (double x : r) row.add(Double.isNaN(x) ? null : (Object) x);
            rows.add(row);
        }
        state.put("history", rows);
        if (partial.samples() > 0) { // the loss sum in Java's shortest round-trip form: read back bit for bit
            state.put("partial_samples", partial.samples());
            state.put("partial_loss_sum", partial.lossSum());
            state.put("partial_seconds", partial.seconds());
            state.put("partial_cpu_seconds", Double.isNaN(partial.cpuSeconds()) ? null : (Object) partial.cpuSeconds());
        }
        AtomicFiles.writeString(tmp.resolve("state.json"), Json.write(state) + "\n");
        Path target = parent.resolve(name);
        if (Files.exists(target)) AtomicFiles.deleteTree(target); // left by a run killed before it moved the pointer
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.writeString(modelDir.resolve(POINTER), Json.write(Map.of("latest", DIR + "/" + name)) + "\n");
        if (keepOlder) return;
        try (Stream<Path> s = Files.list(parent)) {
            for (Path old : s.filter(p -> !p.getFileName().toString().equals(name)).toList()) AtomicFiles.deleteTree(old);
        }
    }

    /** True when {@code modelDir} holds a checkpoint to resume from. */
    public static boolean exists(Path modelDir) {
        return Files.exists(modelDir.resolve(POINTER));
    }

    /**
     * Reads the latest checkpoint and restores it into {@code params} (values) and {@code adam} (moments and
     * step count). The caller checks {@link #fingerprint()} against its configuration.
     */
    public static Checkpoint load(Path modelDir, List<Parameter> params, Adam adam) {
        Path dir = latest(modelDir);
        Path stateFile = dir.resolve("state.json");
        if (!Files.exists(stateFile)) throw InputException.of(stateFile, "missing (checkpoint.json names an incomplete checkpoint)");
        Map<String, Object> state = Json.parseObject(stateFile, read(stateFile));
        int steps = integer(stateFile, state, "adam_steps");
        readParameters(dir, params);
        for (int k = 0; k < params.size(); k++)
            adam.restore(steps, k, Npy.read(dir.resolve(file("adam-m", k))).toDoubles(), Npy.read(dir.resolve(file("adam-v", k))).toDoubles());
        List<double[]> history = new ArrayList<>();
        for (Object row : list(stateFile, state, "history")) {
            if (!(row instanceof List<?> r)) throw InputException.of(stateFile, "\"history\" rows must be lists of numbers");
            double[] d = new double[r.size()];
            for (int c = 0; c < d.length; c++) d[c] = r.get(c) == null ? Double.NaN : ((Number) r.get(c)).doubleValue();
            history.add(d);
        }
        Object best = state.get("best_valid_loss");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = state.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Partial partial = Partial.NONE; // absent at an epoch's end, and in checkpoints from before partial epochs
        if (state.containsKey("partial_samples"))
            partial = new Partial(integer(stateFile, state, "partial_samples"), number(stateFile, state, "partial_loss_sum"),
                    number(stateFile, state, "partial_seconds"),
                    state.get("partial_cpu_seconds") == null ? Double.NaN : number(stateFile, state, "partial_cpu_seconds"));
        return new Checkpoint(integer(stateFile, state, "epoch"), steps,
                best instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY, integer(stateFile, state, "best_epoch"), history, config,
                partial);
    }

    /**
     * Reads the parameter values of one checkpoint directory (checkpoints/epoch-NNNN[-sNNNNNN]: state.json and
     * param-NNN.npy) into {@code params}, which must be the parameters it names, in its order and shapes; returns the
     * run's settings it records (its "config": kind, passes, ...).
     */
    public static Map<String, Object> readParameters(Path dir, List<Parameter> params) {
        Path stateFile = dir.resolve("state.json");
        if (!Files.exists(stateFile)) throw InputException.of(stateFile, "missing (not a checkpoint directory, or an incomplete one)");
        Map<String, Object> state = Json.parseObject(stateFile, read(stateFile));
        List<?> names = list(stateFile, state, "parameters");
        if (names.size() != params.size())
            throw InputException.of(stateFile, "holds " + names.size() + " parameters, the model has " + params.size());
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            if (!p.name().equals(names.get(k)))
                throw InputException.of(stateFile, "parameter " + k + " is \"" + names.get(k) + "\", the model's is \"" + p.name() + "\"");
            Path pf = dir.resolve(file("param", k));
            Npy.Array a = Npy.read(pf);
            if (!java.util.Arrays.equals(a.shape, p.value().shape()))
                throw InputException.of(pf, "shape " + a.shapeString() + ", the model's " + p.name() + " is " + Npy.shapeString(p.value().shape()));
            Tensor v = p.value();
            if (v.isDouble()) System.arraycopy(a.toDoubles(), 0, v.doubles(), 0, v.size());
            else System.arraycopy(a.toFloats(), 0, v.floats(), 0, v.size());
            v.markModified();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = state.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return config;
    }

    /** The directory checkpoint.json names. */
    private static Path latest(Path modelDir) {
        Path pointer = modelDir.resolve(POINTER);
        return modelDir.resolve(readString(pointer, Json.parseObject(pointer, read(pointer)), "latest"));
    }

    /** Restores the parameters' running average from the latest checkpoint (a run with --ema; its settings already checked). */
    static void restoreAverage(Path modelDir, WeightAverage average) {
        Path dir = latest(modelDir);
        for (int k = 0; k < average.size(); k++) {
            Path f = dir.resolve(file("ema", k));
            if (!Files.exists(f)) throw InputException.of(f, "missing: the checkpoint holds no parameter average (made without --ema?)");
            Npy.Array a = Npy.read(f);
            if (a.count() != average.mean(k).length)
                throw InputException.of(f, "holds " + a.count() + " values, parameter " + k + " has " + average.mean(k).length);
            average.restore(k, a.toDoubles());
        }
    }

    private static String file(String what, int k) {
        return String.format("%s-%03d.npy", what, k);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw InputException.of(f, "cannot read (" + e.getMessage() + ")");
        }
    }

    private static String readString(Path f, Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) throw InputException.of(f, "\"" + key + "\" must be a string, found " + m.get(key));
        return s;
    }

    private static int integer(Path f, Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE)
            throw InputException.of(f, "\"" + key + "\" must be a non-negative integer, found " + m.get(key));
        return (int) (long) l;
    }

    private static double number(Path f, Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number x)) throw InputException.of(f, "\"" + key + "\" must be a number, found " + m.get(key));
        return x.doubleValue();
    }

    private static List<?> list(Path f, Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof List<?> l)) throw InputException.of(f, "\"" + key + "\" must be a list, found " + m.get(key));
        return l;
    }
}
