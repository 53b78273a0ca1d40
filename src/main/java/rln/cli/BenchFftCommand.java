package rln.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import rln.fft.JTransformsRealFft3;
import rln.fft.LineDft;
import rln.fft.RealFft3;
import rln.fft.RowColumnRealFft3;
import rln.util.Parallel;

/**
 * {@code rln bench fft}: times one real 3D transform of an n^3 field (forward and inverse), after a warm-up, and
 * prints one JSON line with the medians. A quick check on any machine; the careful comparison is the JMH
 * FftBench in bench/ (see bench/FFT.md).
 */
@Command(name = "fft", mixinStandardHelpOptions = true,
        description = "Time the real 3D FFT (forward and inverse) of an n^3 field; print one JSON line of medians.")
public final class BenchFftCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--n", description = "grid size n (the field is n x n x n, any n >= 1; default ${DEFAULT-VALUE})", defaultValue = "31")
    int n;

    @Option(names = "--threads", description = "threads the transform is split over (default ${DEFAULT-VALUE})", defaultValue = "1")
    int threads;

    @Option(names = "--repeat", description = "timed transforms of each kind; the median is printed (default ${DEFAULT-VALUE})", defaultValue = "200")
    int repeat;

    @Option(names = "--impl", description = "rowcolumn (RealFft3.create), rowcolumn-scalar, or jtransforms (the baseline) (default ${DEFAULT-VALUE})",
            defaultValue = "rowcolumn")
    String impl;

    @Override
    public Integer call() {
        if (n < 1) throw new ParameterException(spec.commandLine(), "--n must be >= 1, got " + n);
        Options.threads(threads);
        if (repeat < 1) throw new ParameterException(spec.commandLine(), "--repeat must be >= 1, got " + repeat);
        if (threads > Parallel.threads()) Parallel.setThreads(threads);
        RealFft3 fft = switch (impl) {
            case "rowcolumn" -> RealFft3.create(n, n, n, threads);
            case "rowcolumn-scalar" -> new RowColumnRealFft3(n, n, n, threads, k -> LineDft.create(k, false));
            case "jtransforms" -> {
                if (threads != 1 || n < 2)
                    throw new ParameterException(spec.commandLine(), "--impl jtransforms runs with --threads 1 and n >= 2");
                yield new JTransformsRealFft3(n, n, n);
            }
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--impl must be rowcolumn, rowcolumn-scalar or jtransforms, got " + impl);
        };
        Random r = new Random(1);
        double[] x = new double[fft.realLength()], X = new double[fft.spectrumLength()];
        double[] spectrum = new double[X.length], back = new double[x.length];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        fft.forward(x, X);
        // warm-up: let the JIT compile both directions (at least 1 s or 2 * repeat calls of each)
        long until = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 2 * repeat || System.nanoTime() < until; i++) {
            fft.forward(x, spectrum);
            System.arraycopy(X, 0, spectrum, 0, X.length);
            fft.inverse(spectrum, back);
        }
        double[] fwd = new double[repeat], inv = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            fft.forward(x, spectrum);
            long t1 = System.nanoTime();
            System.arraycopy(X, 0, spectrum, 0, X.length); // the inverse may overwrite its input
            long t2 = System.nanoTime();
            fft.inverse(spectrum, back);
            long t3 = System.nanoTime();
            fwd[i] = (t1 - t0) * 1e-6;
            inv[i] = (t3 - t2) * 1e-6;
        }
        String name = impl + (impl.startsWith("rowcolumn") && !impl.endsWith("scalar")
                ? (LineDft.VECTOR ? " (vector, " + LineDft.vectorLanes() + " lanes)" : " (scalar)") : "");
        System.out.println(String.format(Locale.ROOT, "{\"n\": %d, \"threads\": %d, \"forward_ms\": %.4f, \"inverse_ms\": %.4f, \"impl\": \"%s\"}",
                n, threads, median(fwd), median(inv), name));
        return 0;
    }

    /** Runs the command on its own (it is not yet wired under {@code rln bench}). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchFftCommand()).execute(args));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }
}
