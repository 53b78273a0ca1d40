package rln.nn;

import static org.junit.jupiter.api.Assertions.*;
import static rln.nn.RecurrenceTest.micro;
import static rln.nn.RecurrenceTest.target;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.Parameter;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Weighted pass losses ({@link PassWeights}, {@code rln train --pass-weights}): the step's gradient is that of
 * sum_k w_k L_k (against one tape through all passes, in double), the step reports the paper's (1/P) sum_k L_k,
 * weights that are all equal are the paper's step bit for bit, and the data-parallel step weights as the whole batch.
 */
class PassWeightsTest {

    /** Loss and every parameter's gradient (copied) of one step at 1 thread, the layers path. */
    static double[][] step(LocalizationModel model, Tensor m, Tensor t, PassWeights w, double[] loss) {
        return SampleSplitStepTest.step(model, m, t, false, Parallelism.LAYERS, 1, w, loss);
    }

    /**
     * The tied RLN-t, 3 passes in double, weights (1, 0, 3) / 4: the pass-by-pass step against the chain rule on one tape
     * through all passes, backward from 0.25 L_1 + 0 L_2 + 0.75 L_3. A zero weight drops L_2 from the gradient but not
     * y_2 (pass 3 reads it). The same terms summed in another order: 1e-10 of the largest entry, as in
     * {@code RecurrenceTest.passByPassBackwardEqualsOneTapeThroughAllPasses}.
     */
    @Test
    void theStepIsTheGradientOfTheWeightedSumAndReportsThePapersLoss() {
        int passes = 3;
        LocalizationNetwork model = ((LocalizationNetwork) Models.create("rln-t", passes, false, 31)).to(Precision.DOUBLE);
        Tensor m = micro(32, 2, 3, 3, 3).to(Precision.DOUBLE), t = target(33, 2, 3, 3, 3).to(Precision.DOUBLE);
        PassWeights w = PassWeights.of(passes, 1, 0, 3);
        double[] loss = new double[1];
        double[][] weighted = step(model, m, t, w, loss);

        for (Parameter p : model.parameters()) p.zeroGrad();
        double meanT = RecurrenceTest.mean(t, 0, t.size());
        Tensor m0t = Tensor.zeros(Precision.DOUBLE, m.shape()), ones = Tensor.zeros(Precision.DOUBLE, m.shape());
        for (int i = 0; i < m.size(); i++) m0t.set(i, 1 - m.get(i));
        ones.fill(1);
        double paper = 0;
        try (Tape tape = Tape.open()) {
            Var m1 = Var.constant(m), m0 = Var.constant(m0t), zero = Var.constant(Tensor.zeros(Precision.DOUBLE, m.shape()));
            Var y2 = zero, y1 = zero, y = Var.constant(ones), objective = null;
            for (int k = 0; k < passes; k++) {
                Var next = model.pass(k, m0, m1, y, y1, y2);
                Var l = LocalizationNetwork.passLoss(next, Var.constant(t), meanT);
                paper += l.item() / passes;
                Var term = ArithmeticOps.mulScalar(l, w.weight(k));
                objective = objective == null ? term : ArithmeticOps.add(objective, term);
                y2 = y1;
                y1 = y;
                y = next;
            }
            tape.backward(objective);
        }
        assertEquals(paper, loss[0], 1e-12 * paper, "the step reports the paper's loss");
        List<Parameter> ps = model.parameters();
        double scale = 0;
        for (double[] g : weighted) for (double x : g) scale = Math.max(scale, Math.abs(x));
        assertTrue(scale > 0, "gradients are not all zero");
        for (int i = 0; i < ps.size(); i++) {
            double[] g = ps.get(i).grad().toDoubles();
            for (int j = 0; j < g.length; j++) assertEquals(g[j], weighted[i][j], 1e-10 * scale, ps.get(i).name() + "[" + j + "]");
        }
        // and it is not the paper's gradient: the weights reach the step
        double[][] uniform = step(model, m, t, null, new double[1]);
        double diff = 0;
        for (int i = 0; i < uniform.length; i++) for (int j = 0; j < uniform[i].length; j++) diff = Math.max(diff, Math.abs(uniform[i][j] - weighted[i][j]));
        assertTrue(diff > 1e-3 * scale, "weighted and uniform gradients differ (max difference " + diff + ")");
    }

    /** Equal weights normalize to exactly 1/P, so the step is the paper's, bit for bit (float, the kernels of training). */
    @Test
    void equalWeightsAreThePapersStepBitwise() {
        for (String kind : new String[] {"rln-t", "rln"}) {
            LocalizationModel model = Models.create(kind, 3, false, 34);
            Tensor m = micro(35, 2, 5, 5, 5), t = target(36, 2, 5, 5, 5);
            double[] a = new double[1], b = new double[1];
            double[][] paper = step(model, m, t, null, a), equal = step(model, m, t, PassWeights.parse("2, 2, 2", 3), b);
            assertEquals(a[0], b[0], 0.0, kind + " loss");
            for (int i = 0; i < paper.length; i++) assertArrayEquals(paper[i], equal[i], 0.0, kind + " " + model.parameters().get(i).name());
        }
    }

    /**
     * The data-parallel step with weights against the whole batch with the same weights, in double: the bound of
     * {@code SampleSplitStepTest.theSplitStepIsTheWholeBatchsLossAndGradientToRoundingInDouble} (the weight is one more
     * factor of each seed on both sides, within its 2 gamma_8).
     */
    @Test
    void theSplitStepWeightsAsTheWholeBatch() {
        LocalizationNetwork model = ((LocalizationNetwork) Models.create("rln", 2, false, 37)).to(Precision.DOUBLE);
        Tensor m = micro(38, 3, 3, 3, 3).to(Precision.DOUBLE), t = target(39, 3, 3, 3, 3).to(Precision.DOUBLE);
        PassWeights w = PassWeights.of(2, 1, 4);
        int n = m.size(), P = 2, D = 2 * 9;
        double[] whole = new double[1], split = new double[1];
        double[][] g = step(model, m, t, w, whole);
        double[][] s = SampleSplitStepTest.step(model, m, t, false, Parallelism.SAMPLES, 3, w, split);
        assertTrue(model.gradientCopyCount() >= 2, "the step ran in 3 sub-batches");
        double scale = 0;
        for (double[] a : g) for (double x : a) scale = Math.max(scale, Math.abs(x));
        double delta = SampleSplitStepTest.gamma(n + 3) + 2 * SampleSplitStepTest.gamma(8);
        double lossTol = (SampleSplitStepTest.gamma(n + 3) + 2 * SampleSplitStepTest.gamma(P + 4)) * whole[0];
        double gradTol = 50 * (delta + 2 * D * SampleSplitStepTest.gamma(1536)) * scale;
        assertEquals(whole[0], split[0], lossTol, "loss");
        for (int i = 0; i < g.length; i++)
            for (int j = 0; j < g[i].length; j++) assertEquals(g[i][j], s[i][j], gradTol, model.parameters().get(i).name() + "[" + j + "]");
    }

    @Test
    void weightsAreOnePerPassNonNegativeAndNotAllZero() {
        PassWeights w = PassWeights.parse("1,1,1,1,4", 5);
        assertArrayEquals(new double[] {0.125, 0.125, 0.125, 0.125, 0.5}, w.weights(), 0.0);
        assertEquals("0.125,0.125,0.125,0.125,0.5", w.toString());
        assertArrayEquals(w.weights(), PassWeights.parse(w.toString(), 5).weights(), 0.0, "the text parses back to the same weights");
        assertEquals("2 weights for 5 passes (one per pass)", assertThrows(IllegalArgumentException.class, () -> PassWeights.parse("1,2", 5)).getMessage());
        assertEquals("a weight must be a finite number >= 0, got -1.0", assertThrows(IllegalArgumentException.class, () -> PassWeights.parse("1,-1", 2)).getMessage());
        assertEquals("a weight must be a finite number >= 0, got NaN", assertThrows(IllegalArgumentException.class, () -> PassWeights.parse("NaN,1", 2)).getMessage());
        assertEquals("the weights are all 0", assertThrows(IllegalArgumentException.class, () -> PassWeights.parse("0,0", 2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PassWeights.parse("1,x", 2)).getMessage().startsWith("'x' is not a number"));
        LocalizationModel rlnT = Models.create("rln-t", 3, false, 40);
        assertThrows(IllegalArgumentException.class,
                () -> rlnT.lossAndGradients(micro(1, 1, 3, 3, 3), target(2, 1, 3, 3, 3), false, Parallelism.LAYERS, PassWeights.of(2, 1, 1)));
    }
}
