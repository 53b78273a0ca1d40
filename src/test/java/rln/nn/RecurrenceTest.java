package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.Parameter;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The recurrence of METHOD.md section 4 around the proximal network: mean removal (per sample / over the batch),
 * independence of the samples of a batch, the pass-by-pass backward (with and without recomputation) against one
 * tape through all passes, and the loading-axis handling of imported models. Small grids keep it fast; the full
 * 31^3 network is exercised by {@link PublishedWeightsTest}.
 */
class RecurrenceTest {

    static Tensor micro(long seed, int n, int... grid) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(Precision.FLOAT, n, grid[0], grid[1], grid[2], 1);
        for (int i = 0; i < t.size(); i++) t.set(i, r.nextInt(2));
        return t;
    }

    static Tensor target(long seed, int n, int... grid) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(Precision.FLOAT, n, grid[0], grid[1], grid[2], 1);
        for (int i = 0; i < t.size(); i++) t.set(i, 1 + 0.3 * (2 * r.nextDouble() - 1));
        return t;
    }

    /** Sample s of a batch as a batch of one. */
    static Tensor sample(Tensor batch, int s) {
        int[] shape = batch.shape();
        int v = batch.size() / shape[0];
        shape[0] = 1;
        return Tensor.wrap(java.util.Arrays.copyOfRange(batch.floats(), s * v, (s + 1) * v), shape);
    }

    static double mean(Tensor t, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += t.get(i);
        return s / len;
    }

    @Test
    void perSampleMeanKeepsEachSampleAtMeanOneAndBatchMeanOnlyTheBatch() {
        LocalizationNetwork perSample = (LocalizationNetwork) Models.create("rln-t", 3, false, 11);
        LocalizationNetwork batchMean = perSample.with(3, true);
        Tensor m = micro(1, 2, 5, 5, 5);
        int v = 125;
        List<Tensor> a = perSample.predict(m), b = batchMean.predict(m);
        for (int k = 0; k < 3; k++) {
            // float32 sums of 125 values of order 1: |error| ~ 1e-7 * 125 = 1.2e-5 at worst
            for (int s = 0; s < 2; s++) assertEquals(1, mean(a.get(k), s * v, v), 2e-5, "per sample: pass " + k + " sample " + s);
            assertEquals(1, mean(b.get(k), 0, 2 * v), 2e-5, "batch mean: pass " + k);
        }
        // pass 1 sees the same input (y_0 = 1) in both: the same p, so per sample s
        //   y_batch - y_sample = mean_s(p) - mean_batch(p) = (mean_s(p) - mean_other(p)) / 2 * (+-1),  a constant field
        double[] shift = new double[2];
        for (int s = 0; s < 2; s++) {
            shift[s] = b.get(0).get(s * v) - a.get(0).get(s * v);
            for (int i = s * v; i < (s + 1) * v; i++)
                assertEquals(shift[s], b.get(0).get(i) - a.get(0).get(i), 1e-6, "constant shift (float rounding of values ~1)");
        }
        assertEquals(0, shift[0] + shift[1], 1e-6, "the shifts of the two samples cancel");
        assertTrue(Math.abs(shift[0]) > 1e-5, "the samples' means differ, so the batch mean moves each (shift " + shift[0] + ")");
    }

    @Test
    void batchMeanAndPerSampleMeanAgreeBitwiseForOneSample() {
        LocalizationNetwork perSample = (LocalizationNetwork) Models.create("rln", 3, false, 12);
        LocalizationNetwork batchMean = perSample.with(3, true);
        Tensor m = micro(2, 1, 5, 5, 5);
        List<Tensor> a = perSample.predict(m), b = batchMean.predict(m);
        for (int k = 0; k < 3; k++) assertTrue(a.get(k).bitwiseEquals(b.get(k)), "pass " + k);
    }

    @Test
    void aBatchOfTwoPredictsAsTwoBatchesOfOne() {
        LocalizationModel model = Models.create("rln-t", 3, false, 13);
        Tensor m = micro(3, 2, 5, 5, 5);
        List<Tensor> both = model.predict(m);
        for (int s = 0; s < 2; s++) {
            List<Tensor> one = model.predict(sample(m, s));
            for (int k = 0; k < 3; k++) {
                // every op treats the samples independently, in the same order: the same bits
                assertTrue(sample(both.get(k), s).bitwiseEquals(one.get(k)), "sample " + s + " pass " + k);
            }
        }
    }

    /** Gradients of every parameter, copied, after zeroing, one step. */
    static double[][] gradients(LocalizationModel model, Tensor micro, Tensor target, boolean recompute, double[] loss) {
        for (Parameter p : model.parameters()) p.zeroGrad();
        LocalizationModel.StepResult r = model.lossAndGradients(micro, target, recompute);
        loss[0] = r.loss();
        List<Parameter> ps = model.parameters();
        double[][] g = new double[ps.size()][];
        for (int i = 0; i < g.length; i++) g[i] = ps.get(i).grad().toDoubles();
        return g;
    }

    @Test
    void recomputationGivesBitwiseIdenticalLossAndGradients() {
        for (String kind : new String[] {"rln-t", "rln"}) {
            LocalizationModel model = Models.create(kind, 4, true, 14);
            Tensor m = micro(4, 2, 5, 5, 5), t = target(5, 2, 5, 5, 5);
            double[] l1 = new double[1], l2 = new double[1];
            double[][] kept = gradients(model, m, t, false, l1), again = gradients(model, m, t, true, l2);
            assertEquals(l1[0], l2[0], 0.0, kind + " loss");
            double norm = 0;
            for (int i = 0; i < kept.length; i++) {
                assertArrayEquals(kept[i], again[i], 0.0, kind + " " + model.parameters().get(i).name());
                for (double g : kept[i]) norm += g * g;
            }
            assertTrue(norm > 0, "gradients are not all zero");
        }
    }

    /**
     * The pass-by-pass backward (seeding each pass with L_k/P + sum y_k G_k) equals the plain chain rule: one tape
     * through all passes, in double precision. Four passes, so that the y_(k-3) link (pass 4 reads y_1 as its
     * "y_(k-2)") is exercised.
     */
    @Test
    void passByPassBackwardEqualsOneTapeThroughAllPasses() {
        for (boolean batchMean : new boolean[] {false, true}) {
            int passes = batchMean ? 2 : 4; // (the double reference kernels are slow: the y_(k-3) link once is enough)
            LocalizationNetwork model = ((LocalizationNetwork) Models.create("rln", passes, batchMean, 15)).to(Precision.DOUBLE);
            Tensor m = micro(6, 2, 3, 3, 3).to(Precision.DOUBLE), t = target(7, 2, 3, 3, 3).to(Precision.DOUBLE);
            double[] loss = new double[1];
            double[][] segmented = gradients(model, m, t, true, loss);

            for (Parameter p : model.parameters()) p.zeroGrad();
            double meanT = mean(t, 0, t.size());
            Tensor m0t = Tensor.zeros(Precision.DOUBLE, m.shape()), ones = Tensor.zeros(Precision.DOUBLE, m.shape());
            for (int i = 0; i < m.size(); i++) m0t.set(i, 1 - m.get(i));
            ones.fill(1);
            double plain;
            try (Tape tape = Tape.open()) {
                Var m1 = Var.constant(m), m0 = Var.constant(m0t), zero = Var.constant(Tensor.zeros(Precision.DOUBLE, m.shape()));
                Var y2 = zero, y1 = zero, y = Var.constant(ones), total = null;
                for (int k = 0; k < passes; k++) {
                    Var next = model.pass(k, m0, m1, y, y1, y2);
                    Var l = LocalizationNetwork.passLoss(next, Var.constant(t), meanT);
                    total = total == null ? l : ArithmeticOps.add(total, l);
                    y2 = y1;
                    y1 = y;
                    y = next;
                }
                Var L = ArithmeticOps.mulScalar(total, 1.0 / passes);
                plain = L.item();
                tape.backward(L);
            }
            // double precision, the same terms summed in another order: agreement to ~1e-15 relative per term;
            // 1e-10 relative to the largest gradient entry leaves room for cancellation, far below any real error
            assertEquals(plain, loss[0], 1e-12 * plain, "loss");
            List<Parameter> ps = model.parameters();
            double scale = 0;
            for (double[] g : segmented) for (double x : g) scale = Math.max(scale, Math.abs(x));
            for (int i = 0; i < ps.size(); i++) {
                double[] g = ps.get(i).grad().toDoubles();
                for (int j = 0; j < g.length; j++)
                    assertEquals(g[j], segmented[i][j], 1e-10 * scale, ps.get(i).name() + "[" + j + "] batchMean " + batchMean);
            }
        }
    }

    /**
     * The imported models transpose each sample (x,y,z) -> (z,y,x) in and out. Because the padding, the cropping and
     * the strides are the same on every axis, this equals running the untransposed sample through the network with
     * each kernel's spatial axes reversed, w'[a,b,e] = w[e,b,a]: checked here on a non-cubic grid.
     */
    @Test
    void transposingTheSampleEqualsReversingTheKernelsSpatialAxes() {
        LocalizationNetwork xyz = (LocalizationNetwork) Models.create("rln-t", 2, true, 16);
        java.util.Map<String, Tensor> values = xyz.tensors(Precision.FLOAT), reversed = new java.util.LinkedHashMap<>();
        values.forEach((name, w) -> reversed.put(name, w.rank() == 5 ? reverseKernelAxes(w) : w));
        LocalizationNetwork zyx = new LocalizationNetwork(ModelKind.RLN_T, 2, true, InputAxes.ZYX, values);
        LocalizationNetwork permuted = new LocalizationNetwork(ModelKind.RLN_T, 2, true, InputAxes.XYZ, reversed);
        Tensor m = micro(8, 2, 7, 5, 3);
        List<Tensor> a = zyx.predict(m), b = permuted.predict(m);
        for (int k = 0; k < 2; k++) {
            // float32, the same products summed in another order: a few ulps of values of order 1
            assertTrue(a.get(k).allClose(b.get(k), 0, 1e-5), "pass " + k + ": max diff " + a.get(k).maxAbsDiff(b.get(k)));
            assertFalse(a.get(k).allClose(xyz.predict(m).get(k), 0, 1e-3), "the transpose matters on this grid");
        }
    }

    /** w'[e,b,a,i,o] = w[a,b,e,i,o]. */
    static Tensor reverseKernelAxes(Tensor w) {
        int A = w.dim(0), B = w.dim(1), E = w.dim(2), I = w.dim(3), O = w.dim(4);
        Tensor r = Tensor.zeros(w.precision(), E, B, A, I, O);
        for (int a = 0; a < A; a++)
            for (int b = 0; b < B; b++)
                for (int e = 0; e < E; e++)
                    for (int io = 0; io < I * O; io++) r.set(((e * B + b) * A + a) * I * O + io, w.get(((a * B + b) * E + e) * I * O + io));
        return r;
    }
}
