package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.kernels.Padding;
import rln.tensor.BufferPool;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.util.Parallel;

class TapeTest {

    @Test
    void aValueUsedTwiceReceivesBothContributions() {
        Var x = Var.input(Tensor.wrap(new double[] {3, -2}, 2), true);
        try (Tape tape = Tape.open()) {
            // L = sum(x * x + x) => dL/dx = 2x + 1
            tape.backward(ReductionOps.sum(ArithmeticOps.add(ArithmeticOps.mul(x, x), x)));
        }
        assertArrayEquals(new double[] {7, -3}, x.grad().toDoubles());
    }

    @Test
    void detachStopsTheGradient() {
        Var x = Var.input(Tensor.wrap(new double[] {3}, 1), true);
        try (Tape tape = Tape.open()) {
            Var sq = ArithmeticOps.square(x);
            // L = x^2 + detach(x^2) * x: dL/dx = 2x + x^2 (the detached factor is a constant)
            tape.backward(ReductionOps.sum(ArithmeticOps.add(sq, ArithmeticOps.mul(sq.detach(), x))));
        }
        assertEquals(6 + 9, x.grad().get(0));
    }

    @Test
    void parameterGradientsAccumulateAcrossStepsUntilZeroed() {
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2}, 1));
        Var x = Var.constant(Tensor.wrap(new double[] {5}, 1));
        for (int step = 0; step < 2; step++)
            try (Tape tape = Tape.open()) {
                tape.backward(ReductionOps.sum(ArithmeticOps.mul(w, x)));
            }
        assertEquals(10, w.grad().get(0), "5 + 5");
        w.zeroGrad();
        assertEquals(0, w.grad().get(0));
    }

    @Test
    void noGradRecordsNothing() {
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2, 3}, 2));
        try (Tape tape = Tape.open()) {
            Var y;
            try (NoGrad g = NoGrad.enter()) {
                assertTrue(NoGrad.active());
                y = ReductionOps.sum(ArithmeticOps.square(w));
            }
            assertFalse(NoGrad.active());
            assertEquals(13, y.item());
            assertEquals(0, tape.size(), "no node recorded");
            assertFalse(y.requiresGrad());
            assertThrows(IllegalArgumentException.class, () -> tape.backward(y));
            Var z = ReductionOps.sum(ArithmeticOps.square(w));
            assertEquals(2, tape.size(), "recording resumes after the scope");
            tape.backward(z);
        }
        assertArrayEquals(new double[] {4, 6}, w.grad().toDoubles());
    }

    @Test
    void anInPlaceChangeBeforeBackwardIsCaught() {
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2, 3}, 2));
        Var x = Var.constant(Tensor.wrap(new double[] {1, 1}, 2));
        try (Tape tape = Tape.open()) {
            Var loss = ReductionOps.sum(ArithmeticOps.mul(w, x));
            x.value().set(0, 7); // mul saved x to form dL/dw = x
            var e = assertThrows(IllegalStateException.class, () -> tape.backward(loss));
            assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("modified in place"), e.getMessage());
        }
    }

    @Test
    void theGraphIsReleasedAfterBackwardAndValuesAtClose() {
        Parameter w = new Parameter("w", Tensor.wrap(new float[] {2, 3}, 2));
        Var y;
        Var hidden;
        try (Tape tape = Tape.open()) {
            hidden = ArithmeticOps.square(w);
            y = ReductionOps.sum(hidden);
            assertEquals(2, tape.size());
            tape.backward(y);
            assertEquals(0, tape.size(), "nodes, closures and saved tensors dropped");
            assertNull(hidden.grad(), "interior gradients go back to the pool");
            assertEquals(13, y.item(), "values stay readable until close");
            var e = assertThrows(IllegalStateException.class, () -> tape.backward(y));
            assertTrue(e.getMessage().contains("already"), e.getMessage());
        }
        assertTrue(hidden.value().isReleased());
        assertThrows(IllegalStateException.class, y::item);
        assertArrayEquals(new double[] {4, 6}, w.grad().toDoubles(), "parameter gradients persist");
    }

    @Test
    void anOptimizerStepBeforeBackwardIsCaught() {
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2, 3}, 2));
        try (Tape tape = Tape.open()) {
            Var loss = ReductionOps.sum(ArithmeticOps.square(w)); // square saves w for dL/dw = 2w
            w.value().set(1, 0);
            assertThrows(IllegalStateException.class, () -> tape.backward(loss));
        }
    }

    @Test
    void withoutATapeOpsJustCompute() {
        assertNull(Tape.current());
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2}, 1));
        Var y = ArithmeticOps.square(w);
        assertEquals(4, y.item());
        assertFalse(y.requiresGrad(), "no tape, no graph");
        assertFalse(y.value().isReleased());
    }

    @Test
    void tapesNestAndMustCloseInOrder() {
        try (Tape outer = Tape.open()) {
            Tape inner = Tape.open();
            assertSame(inner, Tape.current());
            assertThrows(IllegalStateException.class, outer::close);
            inner.close();
            assertSame(outer, Tape.current());
        }
        assertNull(Tape.current());
    }

    /** One float training step of a small net; returns the loss and copies of the gradients. */
    private static double[] step(Parameter w, Parameter b, Parameter a, Var x, Var target) {
        w.zeroGrad();
        b.zeroGrad();
        a.zeroGrad();
        try (Tape tape = Tape.open()) {
            Var h = ActivationOps.prelu(ConvOps.conv3d(x, w, b, 1, 1, Padding.CIRCULAR), a);
            Var p = ArithmeticOps.sub(h, ReductionOps.meanPerSample(h));
            Var loss = ArithmeticOps.mulScalar(ArithmeticOps.sqrt(LossOps.mse(ShapeOps.crop(ShapeOps.circularPad(p, 2, 3), 2, 3), target)), 100);
            tape.backward(loss);
            double[] out = new double[1 + w.value().size() + b.value().size() + a.value().size()];
            out[0] = loss.item();
            int k = 1;
            for (Parameter q : new Parameter[] {w, b, a})
                for (int i = 0; i < q.value().size(); i++) out[k++] = q.grad().get(i);
            return out;
        }
    }

    @Test
    void stepsAreBitwiseReproducibleAndReuseThePool() {
        Random rnd = new Random(11);
        Parameter w = new Parameter("w", GradCheck.random(rnd, 3, 3, 3, 2, 4).to(Precision.FLOAT));
        Parameter b = new Parameter("b", GradCheck.random(rnd, 4).to(Precision.FLOAT));
        Parameter a = new Parameter("a", Tensor.zeros(Precision.FLOAT, 4));
        a.value().fill(0.25);
        Var x = Var.constant(GradCheck.random(rnd, 2, 6, 6, 6, 2).to(Precision.FLOAT));
        Var target = Var.constant(GradCheck.random(rnd, 2, 6, 6, 6, 4).to(Precision.FLOAT));
        double[] first = step(w, b, a, x, target);
        long[] before = BufferPool.hitsAndMisses();
        double[] second = step(w, b, a, x, target);
        long[] after = BufferPool.hitsAndMisses();
        assertArrayEquals(first, second, 0, "same inputs, same threads: the same bits");
        assertEquals(before[1], after[1], "the second step allocates nothing from the pool's point of view (no misses)");
        assertTrue(after[0] > before[0]);
    }

    @Test
    void pointwiseOpsAndReductionsGiveTheSameBitsOnAnyThreadCount() {
        Random rnd = new Random(5);
        Tensor big = GradCheck.random(rnd, 2, 20, 20, 20, 8).to(Precision.FLOAT); // 128,000 values: above the split threshold
        Tensor slopes = GradCheck.random(rnd, 8).to(Precision.FLOAT);
        int threads = Parallel.threads();
        double[][] results = new double[2][];
        try {
            for (int run = 0; run < 2; run++) {
                Parallel.setThreads(run == 0 ? 1 : 2);
                Var x = Var.input(big, true);
                Parameter a = new Parameter("a", slopes.copy());
                try (Tape tape = Tape.open()) {
                    Var y = ActivationOps.prelu(ArithmeticOps.mul(x, ArithmeticOps.addScalar(x, 0.5)), a);
                    Var loss = ReductionOps.sum(ArithmeticOps.square(ArithmeticOps.sub(y, ReductionOps.meanPerSample(y))));
                    tape.backward(loss);
                    double[] r = new double[1 + 8 + 50];
                    r[0] = loss.item();
                    for (int c = 0; c < 8; c++) r[1 + c] = a.grad().get(c);
                    for (int i = 0; i < 50; i++) r[9 + i] = x.grad().get(i * 2557);
                    results[run] = r;
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
        assertArrayEquals(results[0], results[1], 0);
    }

    @Test
    void backwardNeedsAScalarRecordedOnThisTape() {
        Parameter w = new Parameter("w", Tensor.wrap(new double[] {2, 3}, 2));
        try (Tape tape = Tape.open()) {
            Var y = ArithmeticOps.square(w);
            assertThrows(IllegalArgumentException.class, () -> tape.backward(y));
        }
    }
}
