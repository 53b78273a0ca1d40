package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.autodiff.*;
import rln.kernels.Padding;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/** It learns: Adam from a random start, in float (the fast path), through the tape. */
class LearningTest {

    static Tensor uniform(Random rnd, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(Precision.FLOAT, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, lo + (hi - lo) * rnd.nextDouble());
        return t;
    }

    @Test
    void aConvolutionLayerRecoversAKnownKernel() {
        Random rnd = new Random(20260501);
        // teacher: y = conv(x, w*) + b*, 3^3 circular, 2 -> 2 channels; random inputs make w*, b* identifiable
        Tensor wStar = uniform(rnd, -0.5, 0.5, 3, 3, 3, 2, 2), bStar = uniform(rnd, -0.5, 0.5, 2);
        Var x = Var.constant(uniform(rnd, -1, 1, 2, 6, 6, 6, 2));
        Var target = ConvOps.conv3d(x, Var.constant(wStar), Var.constant(bStar), 1, 1, Padding.CIRCULAR);
        Parameter w = new Parameter("w", uniform(rnd, -0.2, 0.2, 3, 3, 3, 2, 2));
        Parameter b = new Parameter("b", uniform(rnd, -0.2, 0.2, 2));
        Adam adam = new Adam(List.of(w, b), 0.02);
        int steps = 400;
        CosineAnnealing schedule = new CosineAnnealing(adam, steps, 0);
        double first = 0, last = 0;
        for (int s = 0; s < steps; s++) {
            adam.zeroGrad();
            try (Tape tape = Tape.open()) {
                Var loss = LossOps.mse(ConvOps.conv3d(x, w, b, 1, 1, Padding.CIRCULAR), target);
                tape.backward(loss);
                if (s == 0) first = loss.item();
                last = loss.item();
            }
            adam.step();
            schedule.step();
        }
        System.out.printf("conv fit: loss %.3e -> %.3e, max |w - w*| %.2e%n", first, last, w.value().maxAbsDiff(wStar));
        assertTrue(last < 1e-6 * first, "loss " + first + " -> " + last);
        assertTrue(w.value().maxAbsDiff(wStar) < 1e-3, "recovered kernel off by " + w.value().maxAbsDiff(wStar));
        assertTrue(b.value().maxAbsDiff(bStar) < 1e-3);
    }

    @Test
    void aTwoLayerPeriodicNetOverfitsOneSample() {
        Random rnd = new Random(20260502);
        int n = 6, hidden = 16;
        Tensor m1 = Tensor.zeros(Precision.FLOAT, 1, n, n, n, 1);
        for (int i = 0; i < m1.size(); i++) m1.set(i, rnd.nextInt(2));
        Var m1v = Var.constant(m1);
        Var input = ShapeOps.concatChannels(ArithmeticOps.addScalar(ArithmeticOps.mulScalar(m1v, -1), 1), m1v); // (m0, m1)
        Var target = Var.constant(uniform(rnd, 0.5, 1.5, 1, n, n, n, 1));
        double meanTarget = ReductionOps.mean(target).item();
        double s1 = 1 / Math.sqrt(27 * 2), s2 = 1 / Math.sqrt(27 * hidden); // PyTorch's default init scale
        Parameter w1 = new Parameter("w1", uniform(rnd, -s1, s1, 3, 3, 3, 2, hidden)), b1 = new Parameter("b1", uniform(rnd, -s1, s1, hidden));
        Parameter a1 = new Parameter("a1", Tensor.zeros(Precision.FLOAT, hidden));
        a1.value().fill(0.25);
        Parameter w2 = new Parameter("w2", uniform(rnd, -s2, s2, 3, 3, 3, hidden, 1)), b2 = new Parameter("b2", uniform(rnd, -s2, s2, 1));
        List<Parameter> params = List.of(w1, b1, a1, w2, b2);
        Adam adam = new Adam(params, 0.02);
        int steps = 600;
        CosineAnnealing schedule = new CosineAnnealing(adam, steps, 1e-5);
        double first = 0, last = 0;
        for (int s = 0; s < steps; s++) {
            adam.zeroGrad();
            try (Tape tape = Tape.open()) {
                Var h = ActivationOps.prelu(ConvOps.conv3d(input, w1, b1, 1, 1, Padding.CIRCULAR), a1);
                Var y = ConvOps.conv3d(h, w2, b2, 1, 1, Padding.CIRCULAR);
                Var loss = ArithmeticOps.mulScalar(ArithmeticOps.sqrt(LossOps.mse(y, target)), 100 / meanTarget); // the paper's loss
                tape.backward(loss);
                if (s == 0) first = loss.item();
                last = loss.item();
            }
            GradClip.clipGradNorm(params, 2);
            adam.step();
            schedule.step();
        }
        System.out.printf("two-layer overfit: loss %.3f%% -> %.4f%%%n", first, last);
        // from ~100 % (relative RMS error of the untrained net) to a memorized sample: below 0.05 %
        assertTrue(last < 0.05, "loss " + first + " -> " + last);
    }
}
