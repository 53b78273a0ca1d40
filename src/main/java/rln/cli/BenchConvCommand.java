package rln.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.kernels.Conv3dKernels;
import rln.kernels.ConvGeometry;
import rln.kernels.Kernels;
import rln.kernels.Padding;
import rln.util.Parallel;

/**
 * {@code rln bench conv}: times one 3D convolution layer (forward, backward data, backward weights) and prints
 * one JSON line of medians after warm-up. FLOP counts: forward 2*N*out*cout*cin*k^3 (the usual count), and the
 * same for each backward map, so backward GFLOP/s = 2 * forward FLOPs / backward_ms. The *_cpu_ms fields are the
 * CPU time of all JVM threads over the same call: on a shared machine they measure the work, not the queue.
 */
@Command(name = "conv", mixinStandardHelpOptions = true,
        description = "Time a 3D convolution layer (channels last) and print one JSON line (milliseconds, medians).")
public final class BenchConvCommand implements Callable<Integer> {

    @Option(names = "--n", required = true, description = "grid size of the layer input (n^3 voxels)")
    int n;

    @Option(names = "--batch", defaultValue = "1", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--cin", required = true, description = "input channels")
    int cin;

    @Option(names = "--cout", required = true, description = "output channels")
    int cout;

    @Option(names = "--k", defaultValue = "3", description = "kernel size (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--stride", defaultValue = "1", description = "stride (default ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--pad", description = "padding per side (default (k-1)/2 for stride 1, else 0)")
    Integer pad;

    @Option(names = "--padding", defaultValue = "CIRCULAR", description = "CIRCULAR or ZERO (default ${DEFAULT-VALUE})")
    Padding padding;

    @Option(names = "--transposed", description = "time the transposed convolution (input n^3 -> output (n*stride)^3), "
            + "i.e. the backward-data map of the strided convolution")
    boolean transposed;

    @Option(names = "--threads", description = "worker threads (default: the shared pool's)")
    Integer threads;

    @Option(names = "--impl", defaultValue = "best", description = "best, vector, scalar or reference (default ${DEFAULT-VALUE})")
    String impl;

    @Option(names = "--reps", defaultValue = "15", description = "timed repetitions (default ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed warm-up repetitions (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        if (threads != null) Parallel.setThreads(Options.threads(threads));
        Conv3dKernels kern = switch (impl) {
            case "best", "vector" -> Kernels.conv3d();
            case "scalar" -> Kernels.scalar();
            case "reference" -> Kernels.reference();
            default -> throw new rln.io.InputException("--impl: expected best, vector, scalar or reference, got '" + impl + "'");
        };
        if (impl.equals("vector") && !kern.name().startsWith("vector"))
            throw new IllegalStateException("--impl vector: the Vector API is not available (" + rln.util.VectorSupport.describe() + ")");
        int p = pad != null ? pad : stride == 1 ? (k - 1) / 2 : 0;
        // The timed layer maps a -> b. A transposed layer is the backward-data map of the strided convolution g.
        int inN = transposed ? (n - 1) * stride + k - 2 * p : n;
        ConvGeometry g;
        try {
            g = transposed
                    ? ConvGeometry.of(batch, inN, inN, inN, cout, cin, k, stride, p, padding)
                    : ConvGeometry.of(batch, n, n, n, cin, cout, k, stride, p, padding);
        } catch (IllegalArgumentException e) {
            throw new rln.io.InputException("options --n/--batch/--cin/--cout/--k/--stride/--pad: " + e.getMessage());
        }
        Random r = new Random(1);
        float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), y = random(r, g.outputSize());
        float[] bias = random(r, g.cout());
        float[] dx = new float[g.inputSize()], dw = new float[g.weightSize()], db = new float[g.cout()];
        Runnable fwd, bwdData, bwdWeights;
        if (!transposed) {
            fwd = () -> kern.forward(g, x, w, bias, y);
            bwdData = () -> kern.backwardData(g, y, w, dx);        // dy lives in y, dx in dx
            bwdWeights = () -> kern.backwardWeights(g, x, y, dw, db);
        } else {
            // Transposed layer: input u = y-shaped (n^3, cin), output v = x-shaped. forward v = conv^T(u);
            // its backward data du = conv(dv); its weight gradient = backwardWeights with the roles swapped.
            fwd = () -> { Arrays.fill(x, 0f); kern.backwardData(g, y, w, x); };
            bwdData = () -> kern.forward(g, dx, w, null, y);
            bwdWeights = () -> kern.backwardWeights(g, dx, y, dw, null);
        }
        Runnable bwd = () -> { bwdData.run(); bwdWeights.run(); };
        for (int i = 0; i < warmup; i++) { fwd.run(); bwd.run(); }
        double f = median(fwd), fCpu = lastCpuMs, bd = median(bwdData), bw = median(bwdWeights), b = median(bwd), bCpu = lastCpuMs;
        double flops = g.flops();
        System.out.println(String.format(Locale.ROOT,
                "{\"n\":%d,\"batch\":%d,\"cin\":%d,\"cout\":%d,\"k\":%d,\"stride\":%d,\"pad\":%d,\"padding\":\"%s\","
                        + "\"transposed\":%b,\"threads\":%d,\"impl\":\"%s\",\"forward_ms\":%.4f,\"backward_ms\":%.4f,"
                        + "\"backward_data_ms\":%.4f,\"backward_weights_ms\":%.4f,\"forward_gflops\":%.1f,\"backward_gflops\":%.1f,"
                        + "\"forward_cpu_ms\":%.4f,\"backward_cpu_ms\":%.4f,\"forward_gflops_per_cpu_s\":%.1f,\"backward_gflops_per_cpu_s\":%.1f}",
                n, batch, cin, cout, k, stride, p, padding, transposed, Parallel.threads(), kern.name(),
                f, b, bd, bw, flops / f / 1e6, 2 * flops / b / 1e6, fCpu, bCpu, flops / fCpu / 1e6, 2 * flops / bCpu / 1e6));
        return 0;
    }

    /** Standalone entry point until the command is wired under {@code rln bench}: the same options. */
    public static void main(String[] args) {
        picocli.CommandLine cl = new picocli.CommandLine(new BenchConvCommand());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean input = ex instanceof rln.io.InputException;
            line.getErr().println("rln bench conv: " + (input ? "error: " : "failed: ") + ex.getMessage());
            return input ? 2 : 1;
        });
        System.exit(cl.execute(args));
    }

    /** Median wall-clock ms of {@code reps} runs; the median CPU ms (all JVM threads) lands in {@link #lastCpuMs}. */
    private double median(Runnable task) {
        double[] t = new double[reps], cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = cpuNanos(), t0 = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (cpuNanos() - c0) / 1e6;
        }
        lastCpuMs = med(cpu);
        return med(t);
    }

    private double lastCpuMs;

    static double med(double[] a) {
        double[] t = a.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    /**
     * CPU time of all live JVM threads, in ns. On a shared machine the wall clock mostly measures the other
     * jobs; CPU time measures the work (GFLOP per CPU-second = per-core efficiency, bounded by one core's peak).
     */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long c = mx.getThreadCpuTime(id);
            if (c > 0) sum += c;
        }
        return sum;
    }

    private static float[] random(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }
}
