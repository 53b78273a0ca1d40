package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.kernels.ConvGeometry;
import rln.kernels.Padding;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class ConvOpsTest {

    @Property(tries = 30, seed = "20260311")
    void conv3dGradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 2, max = 4) int d,
                                                @ForAll @IntRange(min = 1, max = 3) int ci, @ForAll @IntRange(min = 1, max = 3) int co,
                                                @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 2) int stride,
                                                @ForAll @IntRange(min = 0, max = 1) int pad, @ForAll Padding padding,
                                                @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        int h = d + 1 - seed % 2, w = 3; // anisotropic grids too
        ConvGeometry g;
        try {
            g = new ConvGeometry(n, d, h, w, ci, co, k, k, k, stride, pad, padding);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        Random rnd = new Random(seed);
        List<Tensor> in = new ArrayList<>(List.of(GradCheck.random(rnd, n, d, h, w, ci), GradCheck.random(rnd, k, k, k, ci, co)));
        if (bias) in.add(GradCheck.random(rnd, co));
        Function<List<Var>, Var> f = v -> ConvOps.conv3d(v.get(0), v.get(1), bias ? v.get(2) : null, stride, pad, padding);
        GradCheck.check("conv3d " + g, f, in, seed);
        // float: an output is a sum of K = k^3 ci products (+ bias) of values <= 1; recursive summation in
        // any order errs by at most gamma_(K+1) * sum|terms| <= (K+1)^2 u (Higham, Accuracy and Stability, 3.1).
        // The input gradient sums <= k^3 co terms, the weight gradient n * out-voxels terms: the same bound.
        int K = k * k * k * ci, T = Math.max(k * k * k * co, g.batch() * g.outD() * g.outH() * g.outW());
        GradCheck.floatMatchesDouble("conv3d", f, in, seed, bound(K + 1), bound(T + 1));
    }

    static double bound(int terms) {
        return (double) terms * terms * GradCheck.U / (1 - terms * GradCheck.U);
    }

    @Property(tries = 25, seed = "20260312")
    void convTranspose3dGradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int d,
                                                         @ForAll @IntRange(min = 1, max = 3) int ci, @ForAll @IntRange(min = 1, max = 3) int co,
                                                         @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 2) int stride,
                                                         @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        List<Tensor> in = new ArrayList<>(List.of(GradCheck.random(rnd, n, d, 2, d, ci), GradCheck.random(rnd, k, k, k, co, ci)));
        if (bias) in.add(GradCheck.random(rnd, co));
        Function<List<Var>, Var> f = v -> ConvOps.convTranspose3d(v.get(0), v.get(1), bias ? v.get(2) : null, stride, 0);
        GradCheck.check("convTranspose3d", f, in, seed);
        int outVox = n * ((d - 1) * stride + k) * (stride + k) * ((d - 1) * stride + k);
        int K = k * k * k * ci, T = Math.max(k * k * k * co, outVox); // as for conv3d
        GradCheck.floatMatchesDouble("convTranspose3d", f, in, seed, bound(K + 1), bound(T + 1));
    }

    /** The transposed convolution is the adjoint of the convolution: <conv(u), v> = <u, conv^T(v)>. */
    @Property(tries = 20, seed = "20260313")
    void transposedConvolutionIsTheAdjoint(@ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 3) int k,
                                           @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        int big = (d - 1) * stride + k; // the convolution maps big -> d
        Random rnd = new Random(seed);
        Tensor u = GradCheck.random(rnd, 2, big, big, big, 2), v = GradCheck.random(rnd, 2, d, d, d, 3), w = GradCheck.random(rnd, k, k, k, 2, 3);
        Tensor cu = ConvOps.conv3d(Var.constant(u), Var.constant(w), null, stride, 0, Padding.ZERO).value();
        Tensor tv = ConvOps.convTranspose3d(Var.constant(v), Var.constant(w), null, stride, 0).value();
        double lhs = 0, rhs = 0, scale = 0;
        for (int i = 0; i < v.size(); i++) { lhs += cu.get(i) * v.get(i); scale += Math.abs(cu.get(i) * v.get(i)); }
        for (int i = 0; i < u.size(); i++) rhs += u.get(i) * tv.get(i);
        assertEquals(lhs, rhs, 1e-12 * Math.max(1, scale), "two orders of the same double sum of products");
    }

    @Test
    void circularConvolutionWithAShiftKernelRollsTheGrid() {
        // a 3^3 kernel that is 1 at tap (0,1,2) and 0 elsewhere reads x[z-1, r, c+1] (circular pad 1)
        int D = 4;
        Tensor x = Tensor.zeros(Precision.DOUBLE, 1, D, D, D, 1), w = Tensor.zeros(Precision.DOUBLE, 3, 3, 3, 1, 1);
        for (int i = 0; i < x.size(); i++) x.set(i, i);
        w.set(w.index(0, 1, 2, 0, 0), 1);
        for (Precision p : Precision.values()) {
            Tensor y = ConvOps.conv3d(Var.constant(x.to(p)), Var.constant(w.to(p)), null, 1, 1, Padding.CIRCULAR).value();
            for (int z = 0; z < D; z++)
                for (int r = 0; r < D; r++)
                    for (int c = 0; c < D; c++)
                        assertEquals(x.get(0, Math.floorMod(z - 1, D), r, Math.floorMod(c + 1, D), 0), y.get(0, z, r, c, 0), 0, p + " at " + z + r + c);
        }
    }

    @Test
    void downAndUpSamplingShapesOfTheProximalNetwork() {
        Var x = Var.constant(Tensor.zeros(Precision.FLOAT, 1, 36, 36, 36, 2));
        Var down = ConvOps.conv3d(x, Var.constant(Tensor.zeros(Precision.FLOAT, 2, 2, 2, 2, 3)), null, 2, 0, Padding.ZERO);
        assertArrayEquals(new int[] {1, 18, 18, 18, 3}, down.shape());
        Var up = ConvOps.convTranspose3d(down, Var.constant(Tensor.zeros(Precision.FLOAT, 2, 2, 2, 4, 3)), Var.constant(Tensor.zeros(Precision.FLOAT, 4)), 2, 0);
        assertArrayEquals(new int[] {1, 36, 36, 36, 4}, up.shape());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv3d(x, Var.constant(Tensor.zeros(Precision.FLOAT, 3, 3, 3, 5, 1)), null, 1, 1, Padding.CIRCULAR));
        assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
    }
}
