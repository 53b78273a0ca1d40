package rln.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.fft.RealFft3;
import rln.solve.Element;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import rln.solve.Solvers;
import rln.util.Parallel;

/**
 * {@code rln bench solve}: times the strain solver on a fixed periodic Gaussian random field (50 % stiff phase,
 * seed 1) per grid size and contrast, unit applied eps_xx, and prints one JSON object per line:
 * n, contrast, element, threads, iterations, residual, seconds (the median wall-clock time of --repeat timed
 * solves after --warmup untimed ones, on one solver instance, as the data generator uses it) and cpu_seconds
 * (the median CPU time of the calling thread over the same solves: on a loaded machine the better measure of
 * the work for --threads 1; it excludes the pool workers for --threads > 1).
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Time the strain solver per grid size and contrast; one JSON object per line.")
public final class BenchSolveCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--n", split = ",", defaultValue = "31", description = "Grid sizes (voxels per axis), comma-separated (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--contrast", split = ",", defaultValue = "50", description = "Contrasts, comma-separated (default: ${DEFAULT-VALUE}).")
    double[] contrasts;

    @Option(names = "--element", defaultValue = "hex8-bbar", description = "hex8-bbar, hex8, spectral or basic (default: ${DEFAULT-VALUE}).")
    Element element;

    @Option(names = "--threads", defaultValue = "1", description = "Worker threads of the solver (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed solves per case; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed solves per case first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--tol", defaultValue = "1e-8", description = "Solver tolerance (default: ${DEFAULT-VALUE}).")
    double tol;

    @Override
    public Integer call() {
        Element el = element;
        if (repeat < 1 || warmup < 0) throw bad("--repeat must be >= 1, --warmup >= 0");
        Options.threads(threads);
        Options.tolerance(tol);
        for (double c : contrasts) Options.contrast(c);
        for (int n : sizes) Options.size("--n", n);
        if (threads > 1) Parallel.setThreads(threads);
        for (int n : sizes) {
            byte[] phase = gaussianRandomField(n, 2.0, 0.5, 1);
            Solver solver = Solvers.create(el, threads);
            for (double c : contrasts) {
                Problem p = new Problem(n, n, n, phase, c, 0.3, Problem.unitStrain(0));
                for (int i = 0; i < warmup; i++) solver.solve(p, tol);
                double[] seconds = new double[repeat], cpu = new double[repeat];
                Solution last = null;
                var clock = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = 0; i < repeat; i++) {
                    long c0 = clock.getCurrentThreadCpuTime();
                    last = solver.solve(p, tol);
                    cpu[i] = (clock.getCurrentThreadCpuTime() - c0) * 1e-9;
                    seconds[i] = last.seconds();
                }
                System.out.println(String.format(Locale.ROOT,
                        "{\"n\": %d, \"contrast\": %s, \"element\": \"%s\", \"threads\": %d, \"iterations\": %d, \"residual\": %.3e, \"seconds\": %.6f, \"cpu_seconds\": %.6f}",
                        n, c, el, threads, last.iterations(), last.residual(), median(seconds), median(cpu)));
            }
        }
        return 0;
    }

    private picocli.CommandLine.ParameterException bad(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    /** Runs the command on its own: {@code java -cp target/rln.jar rln.cli.BenchSolveCommand --n 31}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchSolveCommand()).execute(args));
    }

    /**
     * A periodic two-phase microstructure: uniform noise (seed) smoothed with a Gaussian of width sigma voxels
     * (in Fourier space), the fraction {@code stiff} of highest values made phase 1.
     */
    static byte[] gaussianRandomField(int n, double sigma, double stiff, long seed) {
        RealFft3 fft = RealFft3.create(n, n, n);
        double[] x = new double[n * n * n], spec = new double[fft.spectrumLength()];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
        fft.forward(x, spec);
        int nzc = fft.nzc();
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                for (int s = 0; s < nzc; s++) {
                    double kp = 2 * Math.PI * (2 * p <= n ? p : p - n) / n, kq = 2 * Math.PI * (2 * q <= n ? q : q - n) / n, ks = 2 * Math.PI * s / n;
                    double g = Math.exp(-0.5 * sigma * sigma * (kp * kp + kq * kq + ks * ks));
                    int f = 2 * ((p * n + q) * nzc + s);
                    spec[f] *= g;
                    spec[f + 1] *= g;
                }
        fft.inverse(spec, x);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double threshold = sorted[(int) Math.min(sorted.length - 1, Math.round((1 - stiff) * sorted.length))];
        byte[] phase = new byte[x.length];
        for (int i = 0; i < x.length; i++) phase[i] = (byte) (x[i] >= threshold ? 1 : 0);
        return phase;
    }
}
