package rln.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Two builds of the convolution kernels side by side in one process, on one thread, timed by the calling thread's
 * CPU time (so the per-core rate can be read on a machine that other jobs share): each jar in its own class loader,
 * the two called alternately rep by rep on the same inputs; medians after 2 warm-ups; GFLOP per CPU-second and the
 * share of one core's 225 GFLOP/s. Also checks that both builds give the same bytes for every map.
 * Before each shape's rep, the thread's FMA ceiling in CPU time (bench/FmaPeak.java's loop) is measured too.
 * Reproduce: javac --add-modules jdk.incubator.vector -d target/ck bench/src/main/java/rln/bench/ConvKernelsCpu.java &&
 *   java --add-modules jdk.incubator.vector -cp target/ck rln.bench.ConvKernelsCpu OLD.jar NEW.jar [reps] [batch] [maps: fdw] [shapes: c48-32,...] [grid n instead of the layer's]
 */
public final class ConvKernelsCpu {
    /**
     * name, n, cin, cout, kernel (3: 3^3, stride 1, circular padding 1; 2: kernel 2, stride 2, no padding), transposed:
     * the proximal network's layers. A transposed layer (up32-32) is timed through the convolution G it transposes
     * (36^3 -> 18^3): its forward = G's transposedForward, its backward data = G's forward, its weights = G's weight
     * gradient with G's input = the layer's output gradient.
     */
    static final Object[][] SHAPES = {{"c48-32", 36, 48, 32, 3, false}, {"c32-16", 36, 32, 16, 3, false}, {"c16-16", 36, 16, 16, 3, false},
            {"c32-32@18", 18, 32, 32, 3, false}, {"c6-16", 36, 6, 16, 3, false}, {"down16-32", 36, 16, 32, 2, false},
            {"up32-32", 36, 32, 32, 2, true}};
    static final String[] MAPS = {"forward", "backward-data", "backward-weights"};

    public static void main(String[] args) throws Exception {
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7, batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        String maps = args.length > 4 ? args[4] : "fdw", only = args.length > 5 ? args[5] : ""; // maps: f, d, w; only: shape names
        Build[] builds = {new Build(args[0]), new Build(args[1])};
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (Object[] sh : SHAPES) {
            if (!only.isEmpty() && !("," + only + ",").contains("," + sh[0] + ",")) continue;
            int n = args.length > 6 ? Integer.parseInt(args[6]) : (Integer) sh[1], cin = (Integer) sh[2], cout = (Integer) sh[3];
            int kk = (Integer) sh[4], no = kk == 2 ? n / 2 : n; // no: the output grid
            boolean transposed = (Boolean) sh[5];
            Random r = new Random(1);
            float[] x = random(r, batch * n * n * n * cin), w = random(r, kk * kk * kk * cin * cout), b = random(r, transposed ? cin : cout);
            float[] dy = random(r, batch * no * no * no * cout);
            double[][][] sec = new double[2][3][reps];
            double[] peak = new double[reps];
            float[][][] out = new float[2][3][];
            for (int rep = 0; rep < reps; rep++) {
                long p0 = tm.getCurrentThreadCpuTime();
                float sink = fmaChains(20_000_000L);
                peak[rep] = 20_000_000L * 12 * 2.0 * FloatVector.SPECIES_PREFERRED.length() / ((tm.getCurrentThreadCpuTime() - p0) * 1e-9) / 1e9 + (sink == 42 ? 1 : 0);
                for (int jj = 0; jj < 2; jj++) {
                    int j = (jj + rep) % 2; // ABBA: each build goes first every other rep (the second finds warmer caches)
                    Build k = builds[j];
                    Object g = k.geometry(batch, n, cin, cout, kk);
                    float[] y = new float[transposed ? x.length : dy.length], dx = new float[transposed ? dy.length : x.length];
                    float[] dw = new float[w.length], db = new float[cout];
                    long t0 = tm.getCurrentThreadCpuTime();
                    if (maps.contains("f") && transposed) k.transposedForward.invoke(k.kernels, g, dy, w, b, y);
                    else if (maps.contains("f")) k.forward.invoke(k.kernels, g, x, w, b, y);
                    long t1 = tm.getCurrentThreadCpuTime();
                    if (maps.contains("d") && transposed) k.forward.invoke(k.kernels, g, x, w, null, dx);
                    else if (maps.contains("d")) k.backwardData.invoke(k.kernels, g, dy, w, dx);
                    long t2 = tm.getCurrentThreadCpuTime();
                    if (maps.contains("w") && transposed) k.backwardWeights.invoke(k.kernels, g, x, dy, dw, null);
                    else if (maps.contains("w")) k.backwardWeights.invoke(k.kernels, g, x, dy, dw, db);
                    long t3 = tm.getCurrentThreadCpuTime();
                    sec[j][0][rep] = (t1 - t0) * 1e-9;
                    sec[j][1][rep] = (t2 - t1) * 1e-9;
                    sec[j][2][rep] = (t3 - t2) * 1e-9;
                    out[j][0] = y;
                    out[j][1] = dx;
                    out[j][2] = dw;
                }
            }
            double gf = 2.0 * batch * no * no * no * cin * cout * kk * kk * kk / 1e9;
            System.out.printf(Locale.ROOT, "%-10s FMA ceiling of this thread (12 register chains, CPU time): %.1f GFLOP/cpu-s%n", sh[0], median(peak));
            for (int m = 0; m < 3; m++) {
                if (!maps.contains("fdw".substring(m, m + 1))) continue;
                double a = median(sec[0][m]), c = median(sec[1][m]);
                System.out.printf(Locale.ROOT, "%-10s batch %d %-16s old %8.2f CPU ms %6.1f GF/cpu-s %3.0f %%   new %8.2f CPU ms %6.1f GF/cpu-s %3.0f %%   new/old %.3f  %s%n",
                        sh[0], batch, MAPS[m], a * 1e3, gf / a, 100 * gf / a / 225, c * 1e3, gf / c, 100 * gf / c / 225, c / a,
                        Arrays.equals(out[0][m], out[1][m]) ? "same bytes" : "DIFFERENT");
            }
        }
    }

    /** One build's kernels, in its own class loader. */
    static final class Build {
        final Object kernels;
        final Method of, forward, backwardData, backwardWeights, transposedForward;
        final Object circular, zero;

        Build(String jar) throws Exception {
            ClassLoader cl = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            cl.loadClass("rln.util.Parallel").getMethod("setThreads", int.class).invoke(null, 1);
            kernels = cl.loadClass("rln.kernels.Kernels").getMethod("conv3d").invoke(null);
            Class<?> geo = cl.loadClass("rln.kernels.ConvGeometry"), pad = cl.loadClass("rln.kernels.Padding");
            Class<?> ki = cl.loadClass("rln.kernels.Conv3dKernels");
            of = geo.getMethod("of", int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class, pad);
            circular = pad.getField("CIRCULAR").get(null);
            zero = pad.getField("ZERO").get(null);
            forward = ki.getMethod("forward", geo, float[].class, float[].class, float[].class, float[].class);
            backwardData = ki.getMethod("backwardData", geo, float[].class, float[].class, float[].class);
            backwardWeights = ki.getMethod("backwardWeights", geo, float[].class, float[].class, float[].class, float[].class);
            transposedForward = ki.getMethod("transposedForward", geo, float[].class, float[].class, float[].class, float[].class);
        }

        /** Kernel 3: stride 1, circular padding 1; kernel 2: stride 2, no padding. */
        Object geometry(int batch, int n, int cin, int cout, int k) throws Exception {
            return k == 3 ? of.invoke(null, batch, n, n, n, cin, cout, 3, 1, 1, circular) : of.invoke(null, batch, n, n, n, cin, cout, 2, 2, 0, zero);
        }
    }

    /** bench/FmaPeak.java's loop: 12 independent FMA chains, no memory traffic. */
    static float fmaChains(long iters) {
        VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3), a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7), a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        FloatVector w = FloatVector.broadcast(S, 0.999999f), b = FloatVector.broadcast(S, 1e-7f);
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(w, b); a1 = a1.fma(w, b); a2 = a2.fma(w, b); a3 = a3.fma(w, b); a4 = a4.fma(w, b); a5 = a5.fma(w, b);
            a6 = a6.fma(w, b); a7 = a7.fma(w, b); a8 = a8.fma(w, b); a9 = a9.fma(w, b); a10 = a10.fma(w, b); a11 = a11.fma(w, b);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
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
