package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.kernels.Padding;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class Conv2dOpsTest {

    @Property(tries = 25, seed = "20261205")
    void conv2dGradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 5) int h,
                                                @ForAll @IntRange(min = 1, max = 4) int w, @ForAll @IntRange(min = 1, max = 3) int c,
                                                @ForAll @IntRange(min = 1, max = 3) int co, @ForAll @IntRange(min = 1, max = 3) int kh,
                                                @ForAll @IntRange(min = 1, max = 3) int kw, @ForAll boolean bias,
                                                @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Assume.that(kh <= h && kw <= w);
        Random rnd = new Random(seed);
        List<Tensor> in = new ArrayList<>(List.of(GradCheck.random(rnd, n, h, w, c), GradCheck.random(rnd, kh, kw, c, co)));
        if (bias) in.add(GradCheck.random(rnd, co));
        Function<List<Var>, Var> f = v -> Conv2dOps.conv2d(v.get(0), v.get(1), bias ? v.get(2) : null);
        GradCheck.check("conv2d", f, in, seed);
        // float: an output sums kh kw c products and the bias; dx sums <= kh kw co products (co per column of dcol,
        // then <= kh kw columns added); dw sums n Ho Wo products: gamma_(t+1) sum|terms| <= (t+1)^2 u as in conv3d.
        int K = kh * kw * c, T = Math.max(kh * kw * co + kh * kw, n * (h - kh + 1) * (w - kw + 1));
        GradCheck.floatMatchesDouble("conv2d", f, in, seed, ConvOpsTest.bound(K + 1), ConvOpsTest.bound(T + 1));
    }

    /** The same map as the 3D convolution with a kernel one voxel deep on a grid one voxel deep (an independent code path). */
    @Property(tries = 15, seed = "20261206")
    void equalsAConv3dOfDepthOne(@ForAll @IntRange(min = 3, max = 7) int h, @ForAll @IntRange(min = 1, max = 20) int c,
                                 @ForAll @IntRange(min = 1, max = 20) int co, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        Tensor x = GradCheck.random(rnd, 2, h, h + 1, c), w = GradCheck.random(rnd, 3, 2, c, co), b = GradCheck.random(rnd, co);
        Tensor y2 = Conv2dOps.conv2d(Var.constant(x), Var.constant(w), Var.constant(b)).value();
        Tensor x3 = Tensor.wrap(x.doubles(), 2, h, h + 1, 1, c), w3 = Tensor.wrap(w.doubles(), 3, 2, 1, c, co);
        // conv3d takes one cubic stride and pad: pad 0 with kernel depth 3 x 2 x 1 is the valid convolution
        Tensor y3 = ConvOps.conv3d(Var.constant(x3), Var.constant(w3), Var.constant(b), 1, 0, Padding.ZERO).value();
        assertEquals(y3.size(), y2.size());
        for (int i = 0; i < y2.size(); i++) assertEquals(y3.get(i), y2.get(i), 1e-13 * (1 + 6 * c), "element " + i);
    }

    @Test
    void validPaddingShapesOfTheComparisonCnn() {
        Var x = Var.constant(Tensor.zeros(Precision.FLOAT, 2, 11, 11, 11));
        Var y1 = Conv2dOps.conv2d(x, Var.constant(Tensor.zeros(Precision.FLOAT, 3, 3, 11, 4)), null);
        assertArrayEquals(new int[] {2, 9, 9, 4}, y1.shape());
        Var y2 = Conv2dOps.conv2d(y1, Var.constant(Tensor.zeros(Precision.FLOAT, 3, 3, 4, 5)), Var.constant(Tensor.zeros(Precision.FLOAT, 5)));
        assertArrayEquals(new int[] {2, 7, 7, 5}, y2.shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Conv2dOps.conv2d(x, Var.constant(Tensor.zeros(Precision.FLOAT, 3, 3, 5, 4)), null));
        assertTrue(e.getMessage().contains("11 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dOps.conv2d(x, Var.constant(Tensor.zeros(Precision.FLOAT, 12, 3, 11, 4)), null));
        assertTrue(e.getMessage().contains("valid"), e.getMessage());
    }

    @Test
    void aShiftKernelReadsTheShiftedWindow() {
        // a 2x2 kernel that is 1 at tap (1,0): y[i,j] = x[i+1, j]
        Tensor x = Tensor.zeros(Precision.DOUBLE, 1, 3, 3, 1), w = Tensor.zeros(Precision.DOUBLE, 2, 2, 1, 1);
        for (int i = 0; i < 9; i++) x.set(i, i);
        w.set(w.index(1, 0, 0, 0), 1);
        for (Precision p : Precision.values()) {
            Tensor y = Conv2dOps.conv2d(Var.constant(x.to(p)), Var.constant(w.to(p)), null).value();
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++) assertEquals(x.get(0, i + 1, j, 0), y.get(0, i, j, 0), 0, p + " at " + i + "," + j);
        }
    }
}
