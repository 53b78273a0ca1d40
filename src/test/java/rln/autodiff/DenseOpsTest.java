package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class DenseOpsTest {

    @Property(tries = 25, seed = "20261204")
    void denseGradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 3) int d1,
                                               @ForAll @IntRange(min = 1, max = 4) int d2, @ForAll @IntRange(min = 1, max = 6) int m,
                                               @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        int k = d1 * d2; // x [n, d1, d2] is flattened to [n, k], as Keras's Flatten before Dense
        List<Tensor> in = new ArrayList<>(List.of(GradCheck.random(rnd, n, d1, d2), GradCheck.random(rnd, k, m)));
        if (bias) in.add(GradCheck.random(rnd, m));
        Function<List<Var>, Var> f = v -> DenseOps.dense(v.get(0), v.get(1), bias ? v.get(2) : null);
        GradCheck.check("dense", f, in, seed);
        // float: an output sums k products and the bias; dx sums m products, dw sums n, db sums n terms, each of
        // magnitude <= 1: recursive summation errs by at most gamma_(t+1) sum|terms| <= (t+1)^2 u (ConvOpsTest.bound).
        GradCheck.floatMatchesDouble("dense", f, in, seed, ConvOpsTest.bound(k + 1), ConvOpsTest.bound(Math.max(m, n) + 1));
    }

    /** Long reductions and wide outputs go through the blocked kernel's panel and row-block edges. */
    @Test
    void floatMatchesDoubleOnKernelSizedShapes() {
        Random rnd = new Random(3);
        List<Tensor> in = List.of(GradCheck.random(rnd, 130, 300), GradCheck.random(rnd, 300, 70), GradCheck.random(rnd, 70));
        Function<List<Var>, Var> f = v -> DenseOps.dense(v.get(0), v.get(1), v.get(2));
        GradCheck.floatMatchesDouble("dense 130x300x70", f, in, 3, ConvOpsTest.bound(301), ConvOpsTest.bound(131));
    }

    @Test
    void handComputedLayer() {
        // x = [[1,2,3]] (one sample of [1,3]), w = [[1,0],[0,1],[1,1]], b = [10, 20]: y = [1+3+10, 2+3+20]
        for (Precision p : Precision.values()) {
            Var x = Var.constant(Tensor.wrap(new double[] {1, 2, 3}, 1, 1, 3).to(p));
            Var w = Var.constant(Tensor.wrap(new double[] {1, 0, 0, 1, 1, 1}, 3, 2).to(p));
            Var b = Var.constant(Tensor.wrap(new double[] {10, 20}, 2).to(p));
            Tensor y = DenseOps.dense(x, w, b).value();
            assertArrayEquals(new int[] {1, 2}, y.shape());
            assertEquals(14, y.get(0), 0, p.toString());
            assertEquals(25, y.get(1), 0, p.toString());
        }
    }

    @Test
    void misshapedOperandsAreNamed() {
        Var x = Var.constant(Tensor.zeros(Precision.FLOAT, 2, 5));
        var e = assertThrows(IllegalArgumentException.class, () -> DenseOps.dense(x, Var.constant(Tensor.zeros(Precision.FLOAT, 4, 3)), null));
        assertTrue(e.getMessage().contains("K = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DenseOps.dense(x, Var.constant(Tensor.zeros(Precision.FLOAT, 5, 3)), Var.constant(Tensor.zeros(Precision.FLOAT, 2))));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
    }
}
