package rln.train;

import static rln.autodiff.ArithmeticOps.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import rln.autodiff.*;
import rln.kernels.Padding;
import rln.nn.LocalizationModel;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * A small recurrent localization model for testing the loop fast: the RLN-t recurrence of METHOD.md section 4
 * with one 3^3 circular convolution (2 -> 1 channels) as the proximal network, K tied passes:
 * <pre>
 *   y_0 = 1;  p_k = conv(concat(m0 y_k, m1 y_k)) + b;  y_(k+1) = 1 + p_k - mean_sample(p_k)
 * </pre>
 * {@code failAfterSteps} >= 0 makes the (failAfterSteps + 1)-th training step throw: a simulated crash.
 */
final class TinyModel implements LocalizationModel {
    private final int passes;
    final Parameter w, b;
    int failAfterSteps = -1;
    int steps;

    TinyModel(int passes, long seed) {
        this.passes = passes;
        Random rnd = new Random(seed);
        double s = 1 / Math.sqrt(27 * 2);
        Tensor wv = Tensor.zeros(Precision.FLOAT, 3, 3, 3, 2, 1), bv = Tensor.zeros(Precision.FLOAT, 1);
        for (int i = 0; i < wv.size(); i++) wv.set(i, s * (2 * rnd.nextDouble() - 1));
        bv.set(0, s * (2 * rnd.nextDouble() - 1));
        w = new Parameter("proximal.conv.weight", wv);
        b = new Parameter("proximal.conv.bias", bv);
    }

    @Override public String kind() { return "tiny"; }
    @Override public int passes() { return passes; }
    @Override public List<Parameter> parameters() { return List.of(w, b); }

    private List<Var> forward(Var m1) {
        Var m0 = addScalar(mulScalar(m1, -1), 1);
        List<Var> ys = new ArrayList<>();
        Var y = addScalar(mulScalar(m1, 0), 1);
        for (int k = 0; k < passes; k++) {
            Var p = ConvOps.conv3d(ShapeOps.concatChannels(mul(m0, y), mul(m1, y)), w, b, 1, 1, Padding.CIRCULAR);
            y = addScalar(sub(p, ReductionOps.meanPerSample(p)), 1);
            ys.add(y);
        }
        return ys;
    }

    @Override
    public List<Tensor> predict(Tensor micro) {
        List<Tensor> out = new ArrayList<>();
        try (NoGrad g = NoGrad.enter()) {
            for (Var y : forward(Var.constant(micro))) out.add(y.value().copy());
        }
        return out;
    }

    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute) {
        return lossAndGradients(micro, target, recompute, rln.nn.Parallelism.LAYERS, null);
    }

    /** The gradient of sum_k w_k L_k (w_k = 1/K without weights); the reported loss is (1/K) sum_k L_k either way. */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute, rln.nn.Parallelism parallelism, rln.nn.PassWeights weights) {
        if (failAfterSteps >= 0 && steps >= failAfterSteps) throw new IllegalStateException("simulated crash at step " + steps);
        steps++;
        try (Tape tape = Tape.open()) {
            Var t = Var.constant(target);
            double meanT = ReductionOps.mean(t).item();
            Var loss = null;
            List<Var> ys = forward(Var.constant(micro));
            double[] terms = new double[passes];
            double paper = 0;
            for (int k = 0; k < passes; k++) {
                Var rmse = sqrt(LossOps.mse(ys.get(k), t)), term;
                if (weights == null) {
                    term = mulScalar(rmse, 100 / meanT / passes);
                    terms[k] = term.item() * passes;
                } else {
                    term = mulScalar(rmse, 100 / meanT * weights.weight(k));
                    terms[k] = 100 / meanT * rmse.item();
                    paper += terms[k] / passes;
                }
                loss = loss == null ? term : add(loss, term);
            }
            tape.backward(loss);
            return new StepResult(weights == null ? loss.item() : paper, terms);
        }
    }
}
