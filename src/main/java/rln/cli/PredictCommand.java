package rln.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.InputException;
import rln.io.OutputLock;
import rln.io.MicroFile;
import rln.io.Npy;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.tensor.Tensor;
import rln.util.Parallel;
import rln.util.ProgressLine;

/** {@code rln predict}: eps_xx / E_xx of a localization model (FLN, RLN-t, RLN) for microstructures. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts eps_xx / E_xx (load along axis 0) with a localization model: that of the last pass, or of"
                + " every pass with --all-passes.",
                "A model whose mean removal is over the batch (model.json batch_mean) depends on which samples share a batch;"
                        + " --batch 1 (the default) gives each sample its own mean, as the authors' published predictions were made."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true,
            description = "model directory (rln train / import-weights), published:NAME for the authors' weights (NAME = FLN_c10, FLN_c50, RLN_t_c10, RLN_t_c50), or trained:NAME for ours (FLN_c10, RLN_t_c10, RLN_c10, FLN_c50, RLN_t_c50, RLN_c50)")
    String model;

    @Option(names = "--micro", required = true, description = "microstructures (n, nx, ny, nz) or (nx, ny, nz) uint8, 1 = stiff")
    Path micro;

    @Option(names = "--out", required = true, description = "predictions (n, nx, ny, nz) float32; (n, passes, nx, ny, nz) with --all-passes")
    Path out;

    @Option(names = "--all-passes", description = "write every pass, not only the last")
    boolean allPasses;

    @Option(names = "--batch", defaultValue = "1", description = "samples per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (batch < 1) throw new InputException("--batch: must be >= 1, got " + batch);
        Parallel.setThreads(Options.threads(threads));
        try (OutputLock lock = Outputs.file(spec, "--out", out)) {
            return predict(o);
        }
    }

    private int predict(java.io.PrintWriter o) throws java.io.IOException {
        LocalizationModel m = load(model);
        MicroFile mf = MicroFile.read(micro);
        if (m instanceof rln.nn.LocalizationNetwork) Options.networkGrid(micro, mf.nx(), mf.ny(), mf.nz());
        int n = mf.count(), v = mf.voxels(), passes = m.passes(), kept = allPasses ? passes : 1;
        float[] all = new float[n * kept * v];
        long t0 = System.nanoTime();
        double warm = rln.nn.JitWarmup.forGrid(m, mf.nx(), mf.ny(), mf.nz()).seconds(); // part of the time reported below
        ProgressLine progress = new ProgressLine(o, "predict", n);
        for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            float[] x = new float[b * v];
            for (int i = 0; i < b * v; i++) x[i] = mf.phases()[from * v + i];
            List<Tensor> y = m.predict(Tensor.wrap(x, b, mf.nx(), mf.ny(), mf.nz(), 1));
            for (int s = 0; s < b; s++)
                for (int k = 0; k < kept; k++) {
                    float[] yk = y.get(allPasses ? k : passes - 1).floats();
                    System.arraycopy(yk, s * v, all, ((from + s) * kept + k) * v, v);
                }
            progress.update(from + b);
        }
        for (int i = 0; i < all.length; i++)
            if (!Float.isFinite(all[i]))
                throw InputException.of(model, "predicts " + all[i] + " for sample " + i / (kept * v) + " of " + micro + " (its weights overflow); nothing written");
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (allPasses) Npy.writeFloats(out, all, n, passes, mf.nx(), mf.ny(), mf.nz());
        else Npy.writeFloats(out, all, n, mf.nx(), mf.ny(), mf.nz());
        o.printf(Locale.ROOT, "%s, %d pass%s: predicted %d sample%s of %dx%dx%d in %.3f s (%.3f s per sample, %d threads; %.3f s of it JIT warm-up)%n",
                m.kind(), passes, passes == 1 ? "" : "es", n, n == 1 ? "" : "s", mf.nx(), mf.ny(), mf.nz(), seconds, seconds / n, Parallel.threads(), warm);
        o.printf("wrote %s%n", out);
        return 0;
    }

    /** A model directory, published:NAME or trained:NAME. */
    static LocalizationModel load(String spec) {
        LocalizationModel shipped = Models.shipped(spec);
        if (shipped != null) return shipped;
        Path dir = Path.of(spec);
        if (!Files.isDirectory(dir)) throw InputException.of(dir, "is not a model directory (rln train / import-weights), nor published:NAME or trained:NAME");
        return Models.load(dir);
    }
}
