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
 * We take m = (terms per output) + 2 (the initial value and the final rounding) and compute sum|terms| with the
 * reference on |x|, |w|, |initial value|. A wrong or missing term moves an output by about sum|terms|/m, which
 * exceeds this bound as long as m^2 * u << 1 (here m <= 3200: m^2 u < 0.7, and typical m is far smaller).
 */
public abstract class Conv3dContract {

    /** The implementation under test. */
    protected abstract Conv3dKernels kernels();

    static final double U = Math.scalb(1.0, -24);

    static double gamma(long m) {
        return m * U / (1 - m * U);
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
                .filter(g -> g != null);
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

    /** |got - want| <= gamma(m) * sumAbs, element by element, with a message naming the first failure. */
    static void assertWithin(String what, ConvGeometry g, float[] got, double[] want, double[] sumAbs, long m) {
        double gm = gamma(m);
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            if (!(err <= gm * sumAbs[i]))
                fail(what + " element " + i + ": got " + got[i] + " want " + want[i] + " err " + err
                        + " > bound " + gm * sumAbs[i] + " (m=" + m + ") for " + g);
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
            ConvGeometry.of(2, 10, 10, 13, 16, 1, 1, 1, 0, Padding.ZERO),   // 16 -> 1, k 1
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
        assertWithin("forward", g, y, want, sumAbs, (long) g.cin() * g.kd() * g.kh() * g.kw() + 2);
    }

    void checkBackwardData(ConvGeometry g, Random r) {
        float[] dy = random(r, g.outputSize()), w = random(r, g.weightSize()), dx0 = random(r, g.inputSize());
        float[] dx = dx0.clone();
        kernels().backwardData(g, dy, w, dx);
        double[] want = d(dx0), sumAbs = abs(dx0);
        ReferenceConv3d.backwardData(g, d(dy), d(w), want);
        ReferenceConv3d.backwardData(g, abs(dy), abs(w), sumAbs);
        // An input voxel receives at most 2 output voxels per tap along each axis (circular wrap when pad > 0).
        long perAxis = g.pad() > 0 && g.padding() == Padding.CIRCULAR ? 2 : 1;
        long m = (long) g.cout() * g.kd() * g.kh() * g.kw() * perAxis * perAxis * perAxis + 2;
        assertWithin("backwardData", g, dx, want, sumAbs, m);
    }

    void checkBackwardWeights(ConvGeometry g, Random r) {
        float[] x = random(r, g.inputSize()), dy = random(r, g.outputSize());
        float[] dw0 = random(r, g.weightSize()), db0 = random(r, g.cout());
        float[] dw = dw0.clone(), db = db0.clone();
        kernels().backwardWeights(g, x, dy, dw, db);
        double[] want = d(dw0), sumAbs = abs(dw0), wantB = d(db0), sumAbsB = abs(db0);
        ReferenceConv3d.backwardWeights(g, d(x), d(dy), want, wantB);
        ReferenceConv3d.backwardWeights(g, abs(x), abs(dy), sumAbs, sumAbsB);
        long m = (long) g.batch() * g.outD() * g.outH() * g.outW() + 2;
        assertWithin("backwardWeights", g, dw, want, sumAbs, m);
        assertWithin("backwardWeights bias", g, db, wantB, sumAbsB, m);
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
            assertWithin("forward 1 vs 2 threads", g, one[0], d(a[0]), scale(yAbs, 2), 16 * 27 + 2);
            assertWithin("backwardData 1 vs 2 threads", g, one[1], d(a[1]), scale(dxAbs, 2), 16 * 27 * 8 + 2);
            assertWithin("backwardWeights 1 vs 2 threads", g, one[2], d(a[2]), scale(dwAbs, 2), 2L * 8 * 9 * 10 + 2);
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
