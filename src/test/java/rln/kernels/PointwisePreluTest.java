package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;

/**
 * The Vector API PReLU and the scalar loops do the same float operations: bitwise equal results. The maps the
 * tape calls ({@link PointwisePrelu#forward}, {@link PointwisePrelu#backwardData}: the vector ones by default, the
 * scalar ones in the surefire run "scalar-fallback") compute the formula.
 */
class PointwisePreluTest {

    @Property(tries = 40, seed = "20260602")
    void theChosenMapsComputeTheFormula(@ForAll("channels") int C, @ForAll @IntRange(min = 1, max = 200) int voxels,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        assertEquals(rln.util.VectorSupport.enabled(), PointwisePrelu.VECTOR, rln.util.VectorSupport.describe());
        Random rnd = new Random(seed);
        int n = voxels * C;
        float[] x = new float[n], a = new float[C], dy = new float[n], y = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(10) == 0 ? 0f : rnd.nextFloat() * 2 - 1;
            dy[i] = rnd.nextFloat() * 2 - 1;
            g[i] = rnd.nextFloat();
        }
        for (int c = 0; c < C; c++) a[c] = rnd.nextFloat();
        float[] g0 = g.clone();
        PointwisePrelu.forward(x, a, y, 0, n);
        PointwisePrelu.backwardData(x, a, dy, g, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] > 0 ? x[i] : a[i % C] * x[i], y[i], "forward at " + i);
            assertEquals(g0[i] + dy[i] * (x[i] > 0 ? 1f : a[i % C]), g[i], "backward data at " + i); // one float product, one float sum
        }
    }

    @Property(tries = 40, seed = "20260601")
    void vectorAndScalarAreBitwiseEqual(@ForAll("channels") int C, @ForAll @IntRange(min = 1, max = 200) int voxels,
                                        @ForAll @IntRange(min = 0, max = 37) int skip, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Assume.that(PointwisePreluVector.lanes() > 1);
        Random rnd = new Random(seed);
        int n = voxels * C, from = Math.min(skip, n), to = n - Math.min(skip / 2, n - from);
        float[] x = new float[n], a = new float[C], dy = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : rnd.nextFloat() * 2 - 1; // the kink itself included
            dy[i] = rnd.nextFloat() * 2 - 1;
        }
        for (int c = 0; c < C; c++) a[c] = rnd.nextFloat();
        float[] yv = new float[n], ys = new float[n], gv = new float[n], gs = new float[n];
        for (int i = 0; i < n; i++) gv[i] = gs[i] = rnd.nextFloat(); // backward accumulates
        PointwisePreluVector.forward(x, a, yv, from, to);
        PointwisePrelu.forwardScalar(x, a, ys, from, to);
        assertArrayEquals(ys, yv);
        PointwisePreluVector.backwardData(x, a, dy, gv, from, to);
        PointwisePrelu.backwardDataScalar(x, a, dy, gs, from, to);
        assertArrayEquals(gs, gv);
        for (int i = from; i < to; i++) assertEquals(x[i] > 0 ? x[i] : a[i % C] * x[i], ys[i], "the formula at " + i);
    }

    @Property(tries = 40, seed = "20260603")
    void slopePartialsVectorScalarAndFormulaAgree(@ForAll("channels") int C, @ForAll @IntRange(min = 1, max = 300) int voxels,
                                                  @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        int n = voxels * C, from = C * (voxels / 3);
        float[] x = new float[n], dy = new float[n], a = new float[C];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : rnd.nextFloat() * 2 - 1;
            dy[i] = rnd.nextFloat() * 2 - 1;
        }
        double[] scalar = new double[C + 3], chosen = new double[C + 3], formula = new double[C + 3];
        for (int c = 0; c < C + 3; c++) scalar[c] = chosen[c] = formula[c] = c; // accumulates, at an offset of 2
        PointwisePrelu.slopePartialScalar(x, dy, scalar, 2, from, n, C);
        PointwisePrelu.backward(x, a, dy, null, chosen, 2, from, n);
        for (int i = from; i < n; i++) formula[2 + i % C] += (double) dy[i] * (x[i] > 0 ? 0 : x[i]);
        assertArrayEquals(formula, scalar);
        assertArrayEquals(scalar, chosen, "vector (C = lanes or 2 lanes) and scalar slope partials");
    }

    @Provide
    Arbitrary<Integer> channels() {
        return Arbitraries.of(1, 2, 3, 6, 16, 32, 48);
    }
}
