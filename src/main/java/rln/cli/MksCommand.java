package rln.cli;

import rln.io.MicroFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.InputException;
import rln.io.Npy;
import rln.io.OutputLock;
import java.nio.file.Files;
import rln.nn.mks.MksModel;
import rln.train.Metrics;

/** {@code rln mks fit | predict}: the first-order MKS localization baseline. */
@Command(name = "mks", mixinStandardHelpOptions = true,
        description = "The first-order MKS localization baseline (influence coefficients fitted per wave vector).",
        subcommands = {MksCommand.Fit.class, MksCommand.Predict.class})
final class MksCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fits the influence coefficients to a dataset directory (micro.npy and strain.npy or exx.npy).")
    static final class Fit implements Callable<Integer> {
        @Option(names = "--train", required = true, description = "training dataset directory")
        Path train;

        @Option(names = "--out", required = true, description = "model directory to write (influence.npy, model.json)")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            // a new directory, or an MKS model's: never another model's (a trained network would lose its model.json)
            if (Files.exists(out.resolve("model.json")) && !MksModel.isModelDirectory(out))
                throw InputException.of(out, "holds another kind of model (model.json); --out needs a new directory or an MKS model's");
            try (OutputLock lock = Outputs.directory(spec, "--out", out)) {
                return fit();
            }
        }

        private int fit() throws java.io.IOException {
            long t0 = System.nanoTime();
            MicroFile m = MicroFile.read(train.resolve("micro.npy"));
            double[][] exx = FieldArrays.readExx(FieldArrays.strainFile(train), m, "strain");
            MksModel model = MksModel.fit(m.samples(), exx, m.nx(), m.ny(), m.nz());
            model.save(out);
            double[] mase = new double[m.count()];
            for (int i = 0; i < mase.length; i++) mase[i] = Metrics.mase(model.predict(m.sample(i)), exx[i]);
            System.out.printf(Locale.ROOT, "fitted on %d samples (%dx%dx%d), k = 0: %s; training MASE %s; %.1f s%n",
                    m.count(), m.nx(), m.ny(), m.nz(), model.k0Solution(), Metrics.summarize(mase).format(), (System.nanoTime() - t0) * 1e-9);
            System.out.printf("wrote %s%n", out);
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predicts eps_xx for microstructures; with --truth also prints MASE mean +- std (population).")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "model directory written by 'rln mks fit'")
        Path model;

        @Option(names = "--micro", required = true, description = "microstructures (n, nx, ny, nz) uint8")
        Path micro;

        @Option(names = "--truth", description = "optional FE strain to score against: (n, 6, nx, ny, nz) or (n, nx, ny, nz)")
        Path truth;

        @Option(names = "--out", required = true, description = "predictions (n, nx, ny, nz) float32")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (OutputLock lock = Outputs.file(spec, "--out", out)) {
                return predict();
            }
        }

        private int predict() throws java.io.IOException {
            MksModel mks = MksModel.load(model);
            MicroFile m = MicroFile.read(micro);
            if (m.nx() != mks.nx() || m.ny() != mks.ny() || m.nz() != mks.nz())
                throw InputException.of(micro, "grid " + m.nx() + "x" + m.ny() + "x" + m.nz() + " differs from the model's "
                        + mks.nx() + "x" + mks.ny() + "x" + mks.nz());
            double[][] t = truth == null ? null : FieldArrays.readExx(truth, m, "FE strain"); // read before anything is written
            long t0 = System.nanoTime();
            int v = m.voxels();
            float[] all = new float[m.count() * v];
            for (int i = 0; i < m.count(); i++) System.arraycopy(mks.predictFloat(m.sample(i)), 0, all, i * v, v);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Npy.writeFloats(out, all, m.count(), m.nx(), m.ny(), m.nz());
            System.out.printf(Locale.ROOT, "predicted %d samples in %.3f s (%.2f ms per sample)%n", m.count(), seconds, 1e3 * seconds / m.count());
            if (t != null) {
                double[] mase = new double[m.count()];
                for (int i = 0; i < mase.length; i++)
                    mase[i] = Metrics.mase(java.util.Arrays.copyOfRange(all, i * v, (i + 1) * v), t[i]);
                System.out.println("MASE " + Metrics.summarize(mase).format());
            }
            System.out.printf("wrote %s%n", out);
            return 0;
        }
    }
}
