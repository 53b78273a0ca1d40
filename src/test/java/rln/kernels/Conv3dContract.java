package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;
import rln.util.Parallel;

/**
 * The contract every {@link Conv3dKernels} implementation inherits (Hipparchus style): the three maps agree
 * with {@link ReferenceConv3d} (double precision) on random geometries, exactly on hand-computed cases, and
 * are bitwise reproducible for a given thread count.
 *
 * <p>Tolerance. Every output is a sum of m float products (plus its initial value: the bias, or the value a
 * backward map accumulates onto). Whatever the order and grouping of the summation, with or without FMA, the
 * float result obeys |fl(sum) - sum| <= gamma_m * sum|terms|, gamma_m = m*u/(1 - m*u), u = 2^-24 (Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 3.5 and section 4.2); the inputs are floats,
 * so the products are exact in the double reference, whose own error (about m * 2^-53) is 2^29 times smaller.
 * We take m = (the true number of terms of that output) + 2 (the initial value and the final rounding), counted
 * per output from the geometry ({@link Terms}: taps that read a zero pad are no terms; a circular wrap can make one
 * input voxel a term of an output several times), and compute sum|terms| with the reference on |x|, |w|,
 * |initial value|. A wrong or missing term of average size moves an output by sum|terms|/m; the bound, at most
 * gamma_m * sum|terms|, stays below a quarter of that when m * gamma_m <= 1/4, i.e. m <= {@link #M_MAX}
 * (m^2 u <= 1/4). Every case checked here is held to that ({@link #assertWithin} fails otherwise), and the random
 * geometries are drawn within it, so a missing term cannot pass unseen.
 */
public abstract class Conv3dContract {

    /** The implementation under test. */
    protected abstract Conv3dKernels kernels();

    static final double U = Math.scalb(1.0, -24);

    static double gamma(long m) {
        return m * U / (1 - m * U);
    }

    /** The largest m with m * gamma_m <= 1/4: outputs with more terms could hide a missing one. */
    static final long M_MAX = largestSensitiveM();

    private static long largestSensitiveM() {
        long m = 1;
        while ((m + 1) * gamma(m + 1) <= 0.25) m++;
        return m;
    }

    /**
     * The true number of terms of every output of the three maps, from the geometry alone: per axis, which
     * (output, tap) pairs read an input inside the grid ({@link Padding#source}); a term per such pair per channel.
     */
    static final class Terms {
        /** Per axis of input size n (output size out, kernel k): reads[o][t] = the input index, or -1 (zero pad). */
        private static int[][] reads(ConvGeometry g, int n, int out, int k) {
            int[][] s = new int[out][k];
            for (int o = 0; o < out; o++)
                for (int t = 0; t < k; t++) s[o][t] = g.padding().source(o * g.stride() + t - g.pad(), n);
            return s;
        }

        /** forward: terms of output o = #{taps t : reads[o][t] >= 0}, per axis. */
        private static long[] perOutput(int[][] reads) {
            long[] c = new long[reads.length];
            for (int o = 0; o < reads.length; o++) for (int src : reads[o]) if (src >= 0) c[o]++;
            return c;
        }

        /** backward data: terms of input i = #{(o, t) : reads[o][t] = i}, per axis. */
        private static long[] perInput(int[][] reads, int n) {
            long[] c = new long[n];
            for (int[] row : reads) for (int src : row) if (src >= 0) c[src]++;
            return c;
        }

        /** backward weights: terms of tap t = #{o : reads[o][t] >= 0}, per axis. */
        private static long[] perTap(int[][] reads, int k) {
            long[] c = new long[k];
            for (int[] row : reads) for (int t = 0; t < k; t++) if (row[t] >= 0) c[t]++;
            return c;
        }

        private static int[][][] axes(ConvGeometry g) {
            return new int[][][] {reads(g, g.inD(), g.outD(), g.kd()), reads(g, g.inH(), g.outH(), g.kh()), reads(g, g.inW(), g.outW(), g.kw())};
        }

        /** m per element of y (terms + 2). */
        static long[] forward(ConvGeometry g) {
            int[][][] a = axes(g);
            long[] z = perOutput(a[0]), r = perOutput(a[1]), c = perOutput(a[2]);
            long[] m = new long[g.outputSize()];
            for (int n = 0; n < g.batch(); n++) for (int i = 0; i < z.length; i++) for (int j = 0; j < r.length; j++) for (int l = 0; l < c.length; l++)
                for (int o = 0; o < g.cout(); o++) m[ReferenceConv3d.outIndex(g, n, i, j, l, o)] = g.cin() * z[i] * r[j] * c[l] + 2;
            return m;
        }

        /** m per element of dx (terms + 2). */
        static long[] backwardData(ConvGeometry g) {
            int[][][] a = axes(g);
            long[] z = perInput(a[0], g.inD()), r = perInput(a[1], g.inH()), c = perInput(a[2], g.inW());
            long[] m = new long[g.inputSize()];
            for (int n = 0; n < g.batch(); n++) for (int i = 0; i < z.length; i++) for (int j = 0; j < r.length; j++) for (int l = 0; l < c.length; l++)
                for (int ch = 0; ch < g.cin(); ch++) m[ReferenceConv3d.inIndex(g, n, i, j, l, ch)] = g.cout() * z[i] * r[j] * c[l] + 2;
            return m;
        }

        /** m per element of dw (terms + 2). */
        static long[] backwardWeights(ConvGeometry g) {
            int[][][] a = axes(g);
            long[] z = perTap(a[0], g.kd()), r = perTap(a[1], g.kh()), c = perTap(a[2], g.kw());
            long[] m = new long[g.weightSize()];
            for (int i = 0; i < z.length; i++) for (int j = 0; j < r.length; j++) for (int l = 0; l < c.length; l++)
                for (int ci = 0; ci < g.cin(); ci++) for (int o = 0; o < g.cout(); o++)
                    m[ReferenceConv3d.weightIndex(g, i, j, l, ci, o)] = g.batch() * z[i] * r[j] * c[l] + 2;
            return m;
        }

        /** m per element of dbias: every output voxel is a term. */
        static long[] bias(ConvGeometry g) {
            long[] m = new long[g.cout()];
            java.util.Arrays.fill(m, (long) g.batch() * g.outD() * g.outH() * g.outW() + 2);
            return m;
        }

        /** The largest m of the three maps. */
        static long max(ConvGeometry g) {
            long m = 0;
            for (long[] a : new long[][] {forward(g), backwardData(g), backwardWeights(g), bias(g)}) for (long v : a) m = Math.max(m, v);
            return m;
        }
    }

    // ------------------------------------------------------------------ random geometries

    @Provide
    Arbitrary<ConvGeometry> geometries() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 7);
        Arbitrary<Integer> ch = Arbitraries.integers().between(1, 40).edgeCases(e -> e.add(1, 16, 17, 32));
        Arbitrary<Integer> k = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> stride = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> pad = Arbitraries.integers().between(0, 2);
        Arbitrary<Padding> padding = Arbitraries.of(Padding.class);
        Arbitrary<int[]> sizes = Combinators.combine(Arbitraries.integers().between(1, 3), size, size, size)
                .as((b, d, h, w) -> new int[] {b, d, h, w});
        return Combinators.combine(sizes, ch, ch, k, stride, pad, padding)
                .as((s, ci, co, kk, st, p, pd) -> valid(s[0], s[1], s[2], s[3], ci, co, kk, st, p, pd))
                .filter(g -> g != null && Terms.max(g) <= M_MAX);
    }

    private static ConvGeometry valid(int b, int d, int h, int w, int ci, int co, int k, int s, int p, Padding pd) {
        try {
            return ConvGeometry.of(b, d, h, w, ci, co, k, s, p, pd);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }

    static double[] d(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }

    static double[] abs(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.abs(a[i]);
        return r;
    }

    /**
     * |got_i - want_i| <= gamma(m_i) * sumAbs_i, element by element, with a message naming the first failure; and
     * first, that every m_i <= {@link #M_MAX}, without which the bound could hide a missing term.
     */
    static void assertWithin(String what, ConvGeometry g, float[] got, double[] want, double[] sumAbs, long[] m) {
        for (int i = 0; i < want.length; i++)
            if (m[i] > M_MAX) fail(what + ": output " + i + " has m = " + m[i] + " > " + M_MAX + " terms, too many for a sensitive bound: " + g);
        for (int i = 0; i < want.length; i++) {
            double bound = gamma(m[i]) * sumAbs[i], err = Math.abs(got[i] - want[i]);
            if (!(err <= bound))
                fail(what + " element " + i + ": got " + got[i] + " want " + want[i] + " err " + err
                        + " > bound " + bound + " (m=" + m[i] + ") for " + g);
        }
    }

    // ------------------------------------------------------------------ agreement with the reference

    @Property(tries = 40, seed = "20211")
    void forwardMatchesReference(@ForAll("geometries") ConvGeometry g, @ForAll long seed) {
        checkForward(g, new Random(seed));
    }

    @Property(tries = 40, seed = "20212")
    void backwardDataMatchesReference(@ForAll("geometries") ConvGeometry g, @ForAll long seed) {
        checkBackwardData(g, new Random(seed));
    }

    @Property(tries = 40, seed = "20213")
    void backwardWeightsMatchesReference(@ForAll("geometries") ConvGeometry g, @ForAll long seed) {
        checkBackwardWeights(g, new Random(seed));
    }

    /** {@link Terms} counts what the reference sums: the reference on all-ones inputs gives the number of terms. */
    @Property(tries = 40, seed = "20214")
    void termCountsAreWhatTheReferenceSums(@ForAll("geometries") ConvGeometry g) {
        double[] x = ones(g.inputSize()), w = ones(g.weightSize()), dy = ones(g.outputSize());
        double[] y = new double[g.outputSize()], dx = new double[g.inputSize()], dw = new double[g.weightSize()], db = new double[g.cout()];
        ReferenceConv3d.forward(g, x, w, null, y);
        ReferenceConv3d.backwardData(g, dy, w, dx);
        ReferenceConv3d.backwardWeights(g, x, dy, dw, db);
        assertCounts("forward", y, Terms.forward(g));
        assertCounts("backwardData", dx, Terms.backwardData(g));
        assertCounts("backwardWeights", dw, Terms.backwardWeights(g));
        assertCounts("bias", db, Terms.bias(g));
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    private static void assertCounts(String what, double[] sums, long[] m) {
        for (int i = 0; i < sums.length; i++) assertEquals(sums[i] + 2, m[i], 0.0, what + " element " + i);
    }

    /** The bound catches one missing term: the reference without one weight (one term fewer per output of its channel). */
    @Test
    void aMissingTermFailsTheBound() {
        ConvGeometry g = ConvGeometry.of(1, 8, 9, 10, 48, 32, 3, 1, 1, Padding.CIRCULAR); // the most terms per output here
        Random r = new Random(5);
        float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), y = new float[g.outputSize()];
        kernels().forward(g, x, w, null, y);
        float[] wMissing = w.clone();
        wMissing[ReferenceConv3d.weightIndex(g, 1, 0, 2, 17, 5)] = 0;
        double[] want = new double[g.outputSize()], sumAbs = new double[g.outputSize()];
        ReferenceConv3d.forward(g, d(x), d(wMissing), null, want);
        ReferenceConv3d.forward(g, abs(x), abs(w), null, sumAbs);
        assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertWithin("forward", g, y, want, sumAbs, Terms.forward(g)));
    }

    /** The proximal network's layer shapes (on smaller grids): these take the register-blocked paths. */
    static ConvGeometry[] networkShapes() {
        return new ConvGeometry[] {
            ConvGeometry.of(1, 9, 10, 11, 6, 16, 3, 1, 1, Padding.CIRCULAR),
            ConvGeometry.of(2, 5, 6, 24, 6, 16, 3, 1, 1, Padding.CIRCULAR), // rows of 12: the paths for few channels
            ConvGeometry.of(1, 6, 5, 12, 4, 20, 3, 1, 1, Padding.ZERO),
            ConvGeometry.of(2, 9, 9, 12, 16, 16, 3, 1, 1, Padding.CIRCULAR),
            ConvGeometry.of(1, 8, 9, 10, 48, 32, 3, 1, 1, Padding.CIRCULAR),
            ConvGeometry.of(1, 8, 8, 17, 32, 16, 3, 1, 1, Padding.CIRCULAR),
            ConvGeometry.of(2, 6, 6, 9, 32, 32, 3, 1, 1, Padding.CIRCULAR),
            ConvGeometry.of(2, 10, 10, 20, 16, 32, 2, 2, 0, Padding.ZERO),  // down
            ConvGeometry.of(1, 12, 12, 24, 32, 32, 2, 2, 0, Padding.ZERO),  // its backward data = the up conv
            ConvGeometry.of(1, 10, 10, 13, 16, 1, 1, 1, 0, Padding.ZERO),   // 16 -> 1, k 1 (batch 1: 1300 terms per weight)
            ConvGeometry.of(1, 7, 8, 19, 20, 24, 3, 1, 1, Padding.ZERO),    // channels not multiples of 16
            ConvGeometry.of(1, 5, 6, 14, 17, 40, 3, 1, 1, Padding.CIRCULAR), // odd cin, a lane-block pair plus one block
        };
    }

    @Test
    void networkShapesMatchReference() {
        Random r = new Random(7);
        for (ConvGeometry g : networkShapes()) {
            checkForward(g, r);
            checkBackwardData(g, r);
            checkBackwardWeights(g, r);
        }
    }

    void checkForward(ConvGeometry g, Random r) {
        float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), bias = r.nextBoolean() ? random(r, g.cout()) : null;
        float[] y = random(r, g.outputSize()); // forward must overwrite whatever is there
        kernels().forward(g, x, w, bias, y);
        double[] want = new double[g.outputSize()], sumAbs = new double[g.outputSize()];
        ReferenceConv3d.forward(g, d(x), d(w), bias == null ? null : d(bias), want);
        ReferenceConv3d.forward(g, abs(x), abs(w), bias == null ? null : abs(bias), sumAbs);
        assertWithin("forward", g, y, want, sumAbs, Terms.forward(g));
    }

    void checkBackwardData(ConvGeometry g, Random r) {
        float[] dy = random(r, g.outputSize()), w = random(r, g.weightSize()), dx0 = random(r, g.inputSize());
        float[] dx = dx0.clone();
        kernels().backwardData(g, dy, w, dx);
        double[] want = d(dx0), sumAbs = abs(dx0);
        ReferenceConv3d.backwardData(g, d(dy), d(w), want);
        ReferenceConv3d.backwardData(g, abs(dy), abs(w), sumAbs);
        assertWithin("backwardData", g, dx, want, sumAbs, Terms.backwardData(g));
    }

    void checkBackwardWeights(ConvGeometry g, Random r) {
        float[] x = random(r, g.inputSize()), dy = random(r, g.outputSize());
        float[] dw0 = random(r, g.weightSize()), db0 = random(r, g.cout());
        float[] dw = dw0.clone(), db = db0.clone();
        kernels().backwardWeights(g, x, dy, dw, db);
        double[] want = d(dw0), sumAbs = abs(dw0), wantB = d(db0), sumAbsB = abs(db0);
        ReferenceConv3d.backwardWeights(g, d(x), d(dy), want, wantB);
        ReferenceConv3d.backwardWeights(g, abs(x), abs(dy), sumAbs, sumAbsB);
        assertWithin("backwardWeights", g, dw, want, sumAbs, Terms.backwardWeights(g));
        assertWithin("backwardWeights bias", g, db, wantB, sumAbsB, Terms.bias(g));
        float[] dw2 = dw0.clone();
        kernels().backwardWeights(g, x, dy, dw2, null); // no bias gradient requested: same weight gradient
        assertArrayEquals(dw, dw2);
    }

    // ------------------------------------------------------------------ hand-computed cases (exact)

    /** A kernel with a single 1 at tap (a,b,e) from input channel i to output channel o. */
    static float[] delta(ConvGeometry g, int a, int b, int e, int i, int o) {
        float[] w = new float[g.weightSize()];
        w[ReferenceConv3d.weightIndex(g, a, b, e, i, o)] = 1f;
        return w;
    }

    @Test
    void centreTapIsTheIdentity() {
        // 3^3 kernel, circular pad 1, channel i -> channel i at the centre tap: y = x exactly (one product by 1).
        ConvGeometry g = ConvGeometry.of(2, 5, 6, 17, 3, 3, 3, 1, 1, Padding.CIRCULAR);
        float[] w = new float[g.weightSize()];
        for (int i = 0; i < 3; i++) w[ReferenceConv3d.weightIndex(g, 1, 1, 1, i, i)] = 1f;
        float[] x = random(new Random(3), g.inputSize()), y = new float[g.outputSize()];
        kernels().forward(g, x, w, null, y);
        assertArrayEquals(x, y);
    }

    @Test
    void cornerTapIsACircularShiftAndItsAdjointShiftsBack() {
        // Tap (0,1,2): y[z,r,c] = x[z-1 mod D, r, c+1 mod W]; backward data moves dy back: dx[z,r,c] = dy[z+1, r, c-1].
        ConvGeometry g = ConvGeometry.of(1, 4, 5, 18, 2, 1, 3, 1, 1, Padding.CIRCULAR);
        float[] w = delta(g, 0, 1, 2, 1, 0);
        float[] x = random(new Random(4), g.inputSize()), y = new float[g.outputSize()];
        kernels().forward(g, x, w, new float[] {0.5f}, y);
        for (int z = 0; z < 4; z++)
            for (int r = 0; r < 5; r++)
                for (int c = 0; c < 18; c++)
                    assertEquals(x[ReferenceConv3d.inIndex(g, 0, Math.floorMod(z - 1, 4), r, (c + 1) % 18, 1)] + 0.5f,
                            y[ReferenceConv3d.outIndex(g, 0, z, r, c, 0)]);
        float[] dx = new float[g.inputSize()];
        kernels().backwardData(g, y, w, dx);
        for (int z = 0; z < 4; z++)
            for (int r = 0; r < 5; r++)
                for (int c = 0; c < 18; c++) {
                    assertEquals(0f, dx[ReferenceConv3d.inIndex(g, 0, z, r, c, 0)]);
                    assertEquals(y[ReferenceConv3d.outIndex(g, 0, (z + 1) % 4, r, Math.floorMod(c - 1, 18), 0)],
                            dx[ReferenceConv3d.inIndex(g, 0, z, r, c, 1)]);
                }
    }

    @Test
    void strideTwoKernelTwoIsATileMap() {
        // Kernel 2 stride 2, all weights 1, one channel: y = the sum of each 2x2x2 block; dx spreads dy back.
        ConvGeometry g = ConvGeometry.of(1, 4, 4, 20, 1, 1, 2, 2, 0, Padding.ZERO);
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1};
        float[] x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = i % 7; // small integers: every sum is exact in float
        float[] y = new float[g.outputSize()];
        kernels().forward(g, x, w, null, y);
        for (int z = 0; z < 2; z++)
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 10; c++) {
                    float s = 0;
                    for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int e = 0; e < 2; e++)
                        s += x[ReferenceConv3d.inIndex(g, 0, 2 * z + a, 2 * r + b, 2 * c + e, 0)];
                    assertEquals(s, y[ReferenceConv3d.outIndex(g, 0, z, r, c, 0)]);
                }
        float[] dx = new float[g.inputSize()];
        kernels().backwardData(g, y, w, dx);
        for (int z = 0; z < 4; z++) for (int r = 0; r < 4; r++) for (int c = 0; c < 20; c++)
            assertEquals(y[ReferenceConv3d.outIndex(g, 0, z / 2, r / 2, c / 2, 0)], dx[ReferenceConv3d.inIndex(g, 0, z, r, c, 0)]);
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void bitwiseReproducibleForAGivenThreadCountAndCloseAcrossThreadCounts() {
        int before = Parallel.threads();
        try {
            ConvGeometry g = ConvGeometry.of(2, 8, 9, 10, 16, 16, 3, 1, 1, Padding.CIRCULAR);
            Random r = new Random(11);
            float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), dy = random(r, g.outputSize());
            Parallel.setThreads(2);
            float[][] a = runAll(g, x, w, dy), b = runAll(g, x, w, dy);
            for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], "map " + i + " differs between two runs");
            Parallel.setThreads(1);
            float[][] one = runAll(g, x, w, dy);
            double[] sx = abs(x), sw = abs(w), sdy = abs(dy);
            double[] yAbs = new double[g.outputSize()], dxAbs = new double[g.inputSize()], dwAbs = new double[g.weightSize()];
            ReferenceConv3d.forward(g, sx, sw, null, yAbs);
            ReferenceConv3d.backwardData(g, sdy, sw, dxAbs);
            ReferenceConv3d.backwardWeights(g, sx, sdy, dwAbs, null);
            // Both results are within gamma_m * sum|terms| of the exact value, so of each other within twice that.
            assertWithin("forward 1 vs 2 threads", g, one[0], d(a[0]), scale(yAbs, 2), Terms.forward(g));
            assertWithin("backwardData 1 vs 2 threads", g, one[1], d(a[1]), scale(dxAbs, 2), Terms.backwardData(g));
            assertWithin("backwardWeights 1 vs 2 threads", g, one[2], d(a[2]), scale(dwAbs, 2), Terms.backwardWeights(g));
        } finally {
            Parallel.setThreads(before);
        }
    }

    static double[] scale(double[] a, double f) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] *= f;
        return r;
    }

    private float[][] runAll(ConvGeometry g, float[] x, float[] w, float[] dy) {
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        kernels().forward(g, x, w, null, y);
        kernels().backwardData(g, dy, w, dx);
        kernels().backwardWeights(g, x, dy, dw, null);
        return new float[][] {y, dx, dw};
    }
}
