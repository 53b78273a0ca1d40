package rln.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import rln.kernels.MatrixKernels;
import rln.kernels.MatrixProducts;
import rln.util.Parallel;

/**
 * The comparison CNN's layer products (the shapes of MatrixProductsBench) on one thread, timed by the thread's CPU
 * time rather than the wall clock, so that the per-core rate can be read on a machine other jobs share: median of
 * 5 repeats after 2 warm-ups, GFLOP/s = 2 m k n / CPU seconds.
 * Reproduce (no JMH needed): javac -cp target/rln.jar -d target/mp bench/src/main/java/rln/bench/MatrixProductsCpu.java &&
 *   java --add-modules jdk.incubator.vector -cp target/rln.jar:target/mp rln.bench.MatrixProductsCpu
 */
public final class MatrixProductsCpu {
    public static void main(String[] args) {
        Parallel.setThreads(1);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        MatrixProducts p = MatrixKernels.best();
        String[] names = {"dense1", "dense2", "conv2", "conv1"};
        int[][] shapes = {{256, 12544, 2048}, {256, 2048, 1024}, {256 * 49, 1152, 256}, {256 * 81, 99, 128}};
        Random r = new Random(1);
        for (int c = 0; c < shapes.length; c++) {
            int m = shapes[c][0], k = shapes[c][1], n = shapes[c][2];
            float[] x = random(r, m * k), w = random(r, k * n), y = new float[m * n];
            float[] dx = new float[m * k], dw = new float[k * n];
            double[][] seconds = new double[3][7];
            for (int rep = 0; rep < 7; rep++) {
                long t0 = tm.getCurrentThreadCpuTime();
                p.forward(m, k, n, x, w, null, y);
                long t1 = tm.getCurrentThreadCpuTime();
                p.backwardData(m, k, n, y, w, dx);
                long t2 = tm.getCurrentThreadCpuTime();
                p.backwardWeights(m, k, n, x, y, dw);
                long t3 = tm.getCurrentThreadCpuTime();
                seconds[0][rep] = (t1 - t0) * 1e-9;
                seconds[1][rep] = (t2 - t1) * 1e-9;
                seconds[2][rep] = (t3 - t2) * 1e-9;
            }
            double f = MatrixProducts.flops(m, k, n) / 1e9;
            System.out.printf(Locale.ROOT, "%s %-7s %6d x %5d x %4d  forward %6.1f  backward-data %6.1f  backward-weights %6.1f GFLOP/s (CPU time, 1 thread)%n",
                    p.name(), names[c], m, k, n, f / median(seconds[0]), f / median(seconds[1]), f / median(seconds[2]));
        }
    }

    static float[] random(Random r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = r.nextFloat() - 0.5f;
        return a;
    }

    private static double median(double[] s) {
        double[] t = Arrays.copyOfRange(s, 2, s.length); // after 2 warm-ups
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
