package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;
import static rln.kernels.Conv3dContract.abs;
import static rln.kernels.Conv3dContract.d;
import static rln.kernels.Conv3dContract.gamma;
import static rln.kernels.Conv3dContract.random;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.util.Parallel;

/**
 * The contract every {@link MatrixProducts} implementation inherits: the three maps agree with
 * {@link ReferenceMatrixProducts} (double precision) on random shapes, exactly on a hand-computed case, forward
 * overwrites and the backward maps accumulate, and the results are bitwise the same for any thread count.
 *
 * <p>Tolerance (as in {@link Conv3dContract}). An output is its initial value (the bias, or what a backward map
 * accumulates onto) plus a sum of r float products, r the reduction length. In any order, with or without FMA,
 * |fl - exact| <= gamma_(r+2) * (|initial| + sum |terms|), gamma_m = m u / (1 - m u), u = 2^-24 (Higham, Accuracy
 * and Stability of Numerical Algorithms, 2nd ed., 3.5); the inputs are floats, so the double reference is exact to
 * 2^-53 relative per term. sum|terms| is the reference run on |x|, |w|. A missing or wrong term moves an output by
 * about sum|terms| / r, far above the bound while r^2 u << 1 (here r <= 700: r^2 u < 0.03).
 */
public abstract class MatrixProductsContract {

    /** The implementation under test. */
    protected abstract MatrixProducts products();

    static void assertWithin(String what, float[] got, double[] want, double[] sumAbs, long terms) {
        double g = gamma(terms + 2);
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]), tol = g * sumAbs[i];
            if (!(err <= tol)) fail(what + ": element " + i + " is " + got[i] + ", reference " + want[i] + " (error " + err + " > " + tol + ")");
        }
    }

    /** Sizes around the kernels' block edges: 1, the micro-tile rows (4), a vector (16), the panel (64), the blocks (128, 256). */
    @Provide
    Arbitrary<Integer> size() {
        return Arbitraries.integers().between(1, 140).edgeCases(e -> e.add(1, 3, 4, 5, 15, 16, 17, 63, 64, 65, 127, 128, 129));
    }

    @Property(tries = 60, seed = "20261201")
    void forwardMatchesTheReference(@ForAll("size") int m, @ForAll("size") int k, @ForAll("size") int n, @ForAll boolean bias,
                                    @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        float[] x = random(rnd, m * k), w = random(rnd, k * n), b = bias ? random(rnd, n) : null, y = new float[m * n];
        Arrays.fill(y, Float.NaN); // forward overwrites
        products().forward(m, k, n, x, w, b, y);
        double[] want = new double[m * n], scale = new double[m * n];
        ReferenceMatrixProducts.forward(m, k, n, d(x), d(w), b == null ? null : d(b), want);
        ReferenceMatrixProducts.forward(m, k, n, abs(x), abs(w), b == null ? null : abs(b), scale);
        assertWithin(products().name() + " forward " + m + "x" + k + "x" + n, y, want, scale, k);
    }

    @Property(tries = 60, seed = "20261202")
    void backwardDataMatchesTheReference(@ForAll("size") int m, @ForAll("size") int k, @ForAll("size") int n,
                                         @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        float[] dy = random(rnd, m * n), w = random(rnd, k * n), dx = random(rnd, m * k);
        double[] want = d(dx), scale = abs(dx);
        products().backwardData(m, k, n, dy, w, dx);
        ReferenceMatrixProducts.backwardData(m, k, n, d(dy), d(w), want);
        ReferenceMatrixProducts.backwardData(m, k, n, abs(dy), abs(w), scale);
        assertWithin(products().name() + " backwardData " + m + "x" + k + "x" + n, dx, want, scale, n);
    }

    @Property(tries = 60, seed = "20261203")
    void backwardWeightsMatchesTheReference(@ForAll("size") int m, @ForAll("size") int k, @ForAll("size") int n,
                                            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        float[] x = random(rnd, m * k), dy = random(rnd, m * n), dw = random(rnd, k * n);
        double[] want = d(dw), scale = abs(dw);
        products().backwardWeights(m, k, n, x, dy, dw);
        ReferenceMatrixProducts.backwardWeights(m, k, n, d(x), d(dy), want);
        ReferenceMatrixProducts.backwardWeights(m, k, n, abs(x), abs(dy), scale);
        assertWithin(products().name() + " backwardWeights " + m + "x" + k + "x" + n, dw, want, scale, m);
    }

    /** Long reductions (several panels of 256) and many row blocks, the shapes of the CNN's layers in miniature. */
    @Test
    void longReductionsAndManyRowBlocks() {
        Random rnd = new Random(11);
        int m = 300, k = 700, n = 70;
        float[] x = random(rnd, m * k), w = random(rnd, k * n), b = random(rnd, n), y = new float[m * n];
        products().forward(m, k, n, x, w, b, y);
        double[] want = new double[m * n], scale = new double[m * n];
        ReferenceMatrixProducts.forward(m, k, n, d(x), d(w), d(b), want);
        ReferenceMatrixProducts.forward(m, k, n, abs(x), abs(w), abs(b), scale);
        assertWithin("forward 300x700x70", y, want, scale, k);
        float[] dw = new float[k * n];
        products().backwardWeights(m, k, n, x, y, dw);
        double[] wantW = new double[k * n], scaleW = new double[k * n];
        ReferenceMatrixProducts.backwardWeights(m, k, n, d(x), d(y), wantW);
        ReferenceMatrixProducts.backwardWeights(m, k, n, abs(x), abs(y), scaleW);
        assertWithin("backwardWeights 300x700x70", dw, wantW, scaleW, m);
        float[] dx = new float[m * k];
        products().backwardData(m, k, n, y, w, dx);
        double[] wantX = new double[m * k], scaleX = new double[m * k];
        ReferenceMatrixProducts.backwardData(m, k, n, d(y), d(w), wantX);
        ReferenceMatrixProducts.backwardData(m, k, n, abs(y), abs(w), scaleX);
        assertWithin("backwardData 300x700x70", dx, wantX, scaleX, n);
    }

    /** [[1,2],[3,4]] [[5,6],[7,8]] + [1,-1] = [[20,21],[44,49]]; the backward maps of that product by hand. */
    @Test
    void handComputedProducts() {
        float[] x = {1, 2, 3, 4}, w = {5, 6, 7, 8}, y = new float[4];
        products().forward(2, 2, 2, x, w, new float[] {1, -1}, y);
        assertArrayEquals(new float[] {20, 21, 44, 49}, y);
        float[] dx = {1, 1, 1, 1};
        products().backwardData(2, 2, 2, new float[] {1, 0, 0, 1}, w, dx); // dx += I w^T = w^T
        assertArrayEquals(new float[] {6, 8, 7, 9}, dx);
        float[] dw = {0, 0, 0, 1};
        products().backwardWeights(2, 2, 2, x, new float[] {1, 0, 0, 1}, dw); // dw += x^T I = x^T
        assertArrayEquals(new float[] {1, 3, 2, 5}, dw);
    }

    /** The same bits on 1, 2 and 3 threads (the partition of c changes, each element's summation order does not). */
    @Test
    void bitwiseTheSameForAnyThreadCount() {
        Random rnd = new Random(5);
        int m = 260, k = 300, n = 200;
        float[] x = random(rnd, m * k), w = random(rnd, k * n), b = random(rnd, n), dy = random(rnd, m * n);
        float[][] first = null;
        int before = Parallel.threads();
        try {
            for (int t : new int[] {1, 2, 3}) {
                Parallel.setThreads(t);
                float[] y = new float[m * n], dx = new float[m * k], dw = new float[k * n];
                products().forward(m, k, n, x, w, b, y);
                products().backwardData(m, k, n, dy, w, dx);
                products().backwardWeights(m, k, n, x, dy, dw);
                float[][] now = {y, dx, dw};
                if (first == null) first = now;
                else for (int i = 0; i < 3; i++) assertArrayEquals(first[i], now[i], products().name() + " map " + i + " on " + t + " threads");
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
