package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class ReductionAndLossOpsTest {

    @Property(tries = 30, seed = "20260341")
    void reductionAndMseGradients(@ForAll("ops") String op, @ForAll @IntRange(min = 1, max = 3) int n,
                                  @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 3) int c,
                                  @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        Tensor x = GradCheck.random(rnd, n, d, 2, d, c);
        int size = x.size();
        List<Tensor> in = op.equals("mse") ? List.of(x, GradCheck.random(rnd, x.shape())) : List.of(x);
        Function<List<Var>, Var> f;
        switch (op) {
            case "sum": f = v -> ReductionOps.sum(v.get(0)); break;
            case "mean": f = v -> ReductionOps.mean(v.get(0)); break;
            case "meanPerSample": f = v -> ReductionOps.meanPerSample(v.get(0)); break;
            default: f = v -> LossOps.mse(v.get(0), v.get(1));
        }
        GradCheck.check(op, f, in, seed);
        // float: sums are accumulated in double and rounded once (<= u |sum| <= u size); the mse terms
        // (p - t)^2 <= 4 are each a float difference then a double square (<= 2u * 4 each); gradients are
        // dy times a constant or 2(p - t)/size: a few roundings of values <= 4
        GradCheck.floatMatchesDouble(op, f, in, seed, 8 * GradCheck.U * size, 16 * GradCheck.U);
    }

    @Provide
    Arbitrary<String> ops() {
        return Arbitraries.of("sum", "mean", "meanPerSample", "mse");
    }

    @Test
    void perSampleAndBatchMeanRemoval() {
        // two samples of two voxels: [1, 3] and [10, 30]
        Var p = Var.input(Tensor.wrap(new double[] {1, 3, 10, 30}, 2, 1, 1, 2, 1), true);
        try (Tape tape = Tape.open()) {
            Var perSample = ArithmeticOps.sub(p, ReductionOps.meanPerSample(p));
            assertArrayEquals(new double[] {-1, 1, -10, 10}, perSample.value().toDoubles());
            Var batch = ArithmeticOps.sub(p, ReductionOps.mean(p));
            assertArrayEquals(new double[] {-10, -8, -1, 19}, batch.value().toDoubles());
            // L = sum(perSample * w) with w = [1, 0, 0, 0]: dL/dp = w - (per-sample mean of w) = [0.5, -0.5, 0, 0]
            Var w = Var.constant(Tensor.wrap(new double[] {1, 0, 0, 0}, 2, 1, 1, 2, 1));
            tape.backward(ReductionOps.sum(ArithmeticOps.mul(perSample, w)));
            assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, p.grad().toDoubles(), 1e-15);
        }
    }

    @Test
    void floatSumsDoNotDependOnTheThreadCount() {
        Random rnd = new Random(3);
        float[] a = new float[300_000];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.3f;
        Var x = Var.constant(Tensor.wrap(a, a.length));
        int threads = rln.util.Parallel.threads();
        try {
            rln.util.Parallel.setThreads(1);
            double one = ReductionOps.sum(x).item();
            rln.util.Parallel.setThreads(3);
            double three = ReductionOps.sum(x).item();
            assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(three), "fixed blocks, added in order");
            double exact = 0;
            for (float v : a) exact += v;
            assertEquals(exact, one, Math.abs(exact) * 2 * GradCheck.U, "double accumulation, one float rounding");
        } finally {
            rln.util.Parallel.setThreads(threads);
        }
    }

    @Test
    void mseHandComputed() {
        Var p = Var.constant(Tensor.wrap(new double[] {1, 2, 3}, 3));
        Var t = Var.constant(Tensor.wrap(new double[] {1, 0, 6}, 3));
        assertEquals((0 + 4 + 9) / 3.0, LossOps.mse(p, t).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> LossOps.mse(p, Var.constant(Tensor.zeros(Precision.DOUBLE, 2))));
    }
}
