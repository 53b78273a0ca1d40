package rln.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rln.data.DatasetBuilder;
import rln.data.Shard;
import rln.io.AtomicFiles;
import rln.io.Fields;
import rln.io.Json;
import rln.io.PngSliceFigure;
import rln.nn.LocalizationModel;
import rln.nn.StrainPredictor;
import rln.nn.Models;
import rln.solve.Element;
import rln.solve.Solvers;
import rln.tensor.Tensor;
import rln.train.Evaluation;
import rln.train.Metrics;
import rln.train.MksLocalization;
import rln.train.Trainer;
import rln.train.TrainingConfig;
import rln.train.TrainingData;
import rln.util.Parallel;

/**
 * The whole method in a few minutes (INTERFACES.md, {@code rln demo}):
 * <ol>
 *   <li>make a small dataset: the authors' Gaussian-random-field microstructures (31^3, contrast 10), solved by
 *       the default FE solver (hex8 B-bar, METHOD.md section 3), split into train / validation / test;</li>
 *   <li>predict the test set with the published RLN-t (the authors' weights, imported), with a network trained
 *       here on the training split, and with the MKS baseline fitted on it;</li>
 *   <li>print MASE mean +- std per model and the speed-up of each model over the FE solve (seconds per sample,
 *       both on all the machine's cores), and draw one test sample's eps_xx slice for every model.</li>
 * </ol>
 * The published weights are the authors' (MIT licence, shipped in the jar: {@link Models#published}).
 */
public final class Demo {
    /** Everything the demo can be asked to change. */
    public record Settings(int size, double contrast, int train, int valid, int test, long seed, String trainKind, int passes,
                           int epochs, int batch, double lr, int threads, String projectVersion) {
        public int count() {
            return train + valid + test;
        }
    }

    /** One line of the result table. */
    public record Scored(String label, Evaluation evaluation, List<Tensor> firstTestPrediction) {}

    private final Settings s;
    private final Path out;
    private final PrintWriter log;

    public Demo(Settings settings, Path out, PrintWriter log) {
        this.s = settings;
        this.out = out;
        this.log = log;
    }

    public List<Scored> run() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        Parallel.setThreads(s.threads());

        // 1. data: generate and solve (FE seconds per sample measured here, all cores busy)
        Path dataDir = out.resolve("data");
        log.printf(Locale.ROOT, "1/4 generating %d microstructures (%d^3, contrast %s) and solving them (hex8-bbar FE) ...%n",
                s.count(), s.size(), number(s.contrast()));
        log.flush();
        long g0 = System.nanoTime();
        DatasetBuilder.Job job = new DatasetBuilder.Job("grf", s.size(), s.count(), s.seed(), Shard.WHOLE, s.contrast(), 0.3,
                Element.HEX8_BBAR, Solvers.DEFAULT_TOLERANCE, Fields.EXX, s.projectVersion());
        DatasetBuilder.build(job, dataDir, s.threads(), s.count(), () -> Solvers.create(Element.HEX8_BBAR, 1), new PrintWriter(java.io.Writer.nullWriter()));
        double feSeconds = (System.nanoTime() - g0) * 1e-9 / s.count();
        log.printf(Locale.ROOT, "    %s: %.2f s per sample (FE, %d threads)%n", dataDir, feSeconds, s.threads());
        TrainingData all = TrainingData.read(dataDir);
        TrainingData train = all.range(0, s.train()), valid = all.range(s.train(), s.train() + s.valid()),
                test = all.range(s.train() + s.valid(), s.count());

        List<Scored> rows = new ArrayList<>();
        // 2. the published RLN-t
        log.println("2/4 the published RLN-t (contrast 10, the authors' weights) and our shipped RLN ...");
        log.flush();
        LocalizationModel published = publishedRlnT();
        if (published != null) rows.add(score("published RLN-t", published, test));
        // beside it, the RLN (one network per pass) trained by this project, shipped in the jar as trained:RLN_c10
        if (Models.trainedInJar().contains("RLN_c10")) rows.add(score("our RLN (trained:RLN_c10)", Models.trained("RLN_c10"), test));
        else log.println("    (trained:RLN_c10 is not in this build: the demo shows it once it ships)");

        // 3. a network trained here
        log.printf(Locale.ROOT, "3/4 training %s from scratch on %d samples, %d epochs (validation on %d) ...%n", s.trainKind(), s.train(), s.epochs(), s.valid());
        log.flush();
        LocalizationModel trained = trainHere(train, valid);
        if (trained != null) rows.add(score(s.trainKind() + " trained here", trained, test));

        // 4. the MKS baseline
        log.println("4/4 the MKS baseline (first order, fitted on the training samples) ...");
        log.flush();
        rows.add(score("MKS baseline", MksLocalization.fit(train), test));

        printTable(rows, test.size(), feSeconds);
        figure(rows, test);
        writeSummary(rows, feSeconds, test.size());
        log.printf(Locale.ROOT, "demo done in %.0f s; everything is in %s%n", (System.nanoTime() - t0) * 1e-9, out.toAbsolutePath());
        log.flush();
        return rows;
    }

    private Scored score(String label, StrainPredictor m, TrainingData test) {
        Evaluation e = Evaluation.of(m, test, 1);
        List<Tensor> first = m.predict(test.microBatch(test.inOrder(), 0, 1));
        log.printf(Locale.ROOT, "    %s: MASE %s%n", label, e.mase().format());
        return new Scored(label, e, first);
    }

    /** The authors' RLN-t for contrast 10, shipped in the jar (imported as rln import-weights would: batch mean, axes reversed). */
    private LocalizationModel publishedRlnT() {
        try {
            return Models.published("RLN_t_c10");
        } catch (UnsupportedOperationException e) {
            log.println("    skipped: this build cannot load the published weights (" + e.getMessage() + ")");
            return null;
        }
    }

    private LocalizationModel trainHere(TrainingData train, TrainingData valid) throws IOException {
        LocalizationModel m;
        try {
            m = Models.create(s.trainKind(), s.passes(), false, s.seed());
        } catch (UnsupportedOperationException e) {
            log.println("    skipped: this build cannot create networks yet (" + e.getMessage() + ")");
            return null;
        }
        TrainingConfig c = new TrainingConfig(s.trainKind(), s.passes(), s.epochs(), s.batch(), s.lr(), 1e-8, s.seed(), false, false, 4);
        PrintWriter indented = new PrintWriter(new java.io.Writer() {
            @Override public void write(char[] b, int o, int n) { log.write(b, o, n); }
            @Override public void flush() { log.flush(); }
            @Override public void close() {}
        }, true);
        new Trainer(m, c, train, valid, out.resolve("trained-" + s.trainKind()), Models::save).run(indented);
        return m;
    }

    private void printTable(List<Scored> rows, int n, double feSeconds) {
        log.println();
        log.printf(Locale.ROOT, "eps_xx on %d test samples (%d^3, contrast %s); MASE mean +- std (population) over the samples%n", n, s.size(), number(s.contrast()));
        log.printf(Locale.ROOT, "%-26s %6s  %-22s %12s %10s%n", "model", "passes", "MASE", "s / sample", "speed-up");
        log.printf(Locale.ROOT, "%-26s %6s  %-22s %12.4f %10s%n", "FE solve (hex8-bbar)", "-", "(the truth)", feSeconds, "1x");
        for (Scored r : rows) {
            Evaluation e = r.evaluation();
            log.printf(Locale.ROOT, "%-26s %6d  %-22s %12.4f %10s%n", r.label(), e.passes(),
                    String.format(Locale.ROOT, "%.2f %% +- %.2f %%", e.mase().mean(), e.mase().std()), e.secondsPerSample(),
                    speedUp(feSeconds / e.secondsPerSample()));
            if (e.passes() > 1)
                for (int k = 1; k <= e.passes(); k++)
                    log.printf(Locale.ROOT, "%-26s %6s  %-22s%n", "", "pass " + k, String.format(Locale.ROOT, "%.2f %% +- %.2f %%", e.mase(k).mean(), e.mase(k).std()));
        }
        log.println("(seconds per sample on " + s.threads() + " threads, the FE solve and the models alike; the models' time includes all passes)");
        log.flush();
    }

    /** "30x", "3.1x", "0.48x": two significant digits, so a model slower than the solver does not print "0x". */
    static String speedUp(double ratio) {
        if (ratio >= 10) return String.format(Locale.ROOT, "%.0fx", ratio);
        if (ratio >= 1) return String.format(Locale.ROOT, "%.1fx", ratio);
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** One row per model: test sample 0, the slice z = n/2 (microstructure, FE eps_xx, prediction, error). */
    private void figure(List<Scored> rows, TrainingData test) throws IOException {
        byte[] micro = test.phases(0);
        double[] truth = new double[test.voxels()];
        for (int v = 0; v < truth.length; v++) truth[v] = test.target(0)[v];
        List<PngSliceFigure.Row> figRows = new ArrayList<>();
        for (Scored r : rows) {
            Tensor last = r.firstTestPrediction().get(r.firstTestPrediction().size() - 1);
            double[] pred = last.toDoubles();
            figRows.add(new PngSliceFigure.Row(r.label(), micro, truth, pred, Metrics.mase(pred, truth)));
        }
        if (figRows.isEmpty()) return;
        Path png = out.resolve("slice.png");
        PngSliceFigure.write(png, figRows, test.nx(), test.ny(), test.nz(), 2, test.nz() / 2);
        log.println("wrote " + png.toAbsolutePath());
    }

    private void writeSummary(List<Scored> rows, double feSeconds, int n) throws IOException {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("size", s.size());
        j.put("contrast", s.contrast());
        j.put("test_samples", n);
        j.put("threads", s.threads());
        j.put("fe_seconds_per_sample", feSeconds);
        List<Object> models = new ArrayList<>();
        for (Scored r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.label());
            m.put("passes", r.evaluation().passes());
            m.put("mase_mean", r.evaluation().mase().mean());
            m.put("mase_std", r.evaluation().mase().std());
            m.put("seconds_per_sample", r.evaluation().secondsPerSample());
            m.put("speed_up", feSeconds / r.evaluation().secondsPerSample());
            models.add(m);
        }
        j.put("models", models);
        AtomicFiles.writeString(out.resolve("demo.json"), Json.write(j) + "\n");
    }

    /** 10 as "10", 12.5 as "12.5". */
    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
