package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.autodiff.Parameter;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.util.Parallel;

/**
 * The data-parallel step ({@link Parallelism#SAMPLES}, {@link SampleSplitStep}): the loss and gradients of the whole
 * batch on one tape up to rounding (double precision, bounds derived below), the same bits twice and with
 * recomputation, and exactly the layers path where it does not split (T = 1, one sample).
 */
class SampleSplitStepTest {
    /** Double unit roundoff. */
    static final double U = 0x1p-53;

    static double gamma(long m) {
        return m * U / (1 - m * U);
    }

    /** Loss and every parameter's gradient (copied) of one step from zeroed gradients, at {@code threads} threads. */
    static double[][] step(LocalizationModel model, Tensor m, Tensor t, boolean recompute, Parallelism mode, int threads, double[] loss) {
        return step(model, m, t, recompute, mode, threads, null, loss);
    }

    /** {@link #step(LocalizationModel, Tensor, Tensor, boolean, Parallelism, int, double[])} on the loss weighted by {@code weights} (null: the paper's). */
    static double[][] step(LocalizationModel model, Tensor m, Tensor t, boolean recompute, Parallelism mode, int threads, PassWeights weights,
                           double[] loss) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            for (Parameter p : model.parameters()) p.zeroGrad();
            loss[0] = model.lossAndGradients(m, t, recompute, mode, weights).loss();
            List<Parameter> ps = model.parameters();
            double[][] g = new double[ps.size()][];
            for (int i = 0; i < g.length; i++) g[i] = ps.get(i).grad().toDoubles();
            return g;
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * In double, 3 samples of 3^3 (padded to 8^3 inside the network), the untied RLN with 2 passes, the whole batch
     * against 2 sub-batches (1 + 2 samples) and 3 (1 + 1 + 1, with recomputation).
     * <p>
     * What differs. Every op treats the samples of a batch independently and in the same order
     * ({@code RecurrenceTest.aBatchOfTwoPredictsAsTwoBatchesOfOne}), so each sample's iterates are the same numbers
     * either way. The differences are (a) MSE_k: the same n = 81 squares >= 0, summed in another order, and
     * (b) the sums over samples in the parameter gradients (the weight gradients, biases and PReLU slopes add the
     * samples' shares in another order, or in S partials added at the end).
     * <p>
     * The loss. A recursive sum of m terms >= 0 is within gamma_(m-1) of the exact sum, relatively (Higham 4.2), so
     * the two MSE_k agree to 2 gamma_n (with the divisions by n and the n_s / n factors: 2 gamma_(n+3)); the square root
     * halves that, the scalings by 100 / mean(t) and 1/P and the sum of P positive terms add gamma_(P+4) on each
     * side: |L_split - L| <= (gamma_(n+3) + 2 gamma_(P+4)) L.
     * <p>
     * The gradients. The seeds dL/dMSE_k = 50 / (P mean(t) sqrt(MSE_k)) differ relatively by delta <= gamma_(n+3) + 2
     * gamma_8 (the loss's error through 1/sqrt, and the roundings of the scalar chains of the two seeds), and the
     * backward is linear in its seed, so this part contributes delta |g|. A reordered sum of K terms differs by at most
     * 2 gamma_K sum|terms|; the longest sums of the backward are the weight gradients over N 8^3 = 1536 voxels
     * (backward data sums at most 48 x 27 = 1296 terms), and each of the D = 2 x 9 layers' backwards carries its error
     * on through the later ones, so |dg| <= (delta + 2 D gamma_1536) sum|terms| ~ 6e-12 sum|terms|. The sum of the
     * magnitudes of an entry's terms is not known here: relative to the largest entry we allow 50 x for cancellation,
     * 3e-10 x max|g|. (Measured: 1.3e-14 x max|g|; an error in the split, e.g. a missing n_s / n, is O(1).)
     */
    @Test
    void theSplitStepIsTheWholeBatchsLossAndGradientToRoundingInDouble() {
        LocalizationNetwork model = ((LocalizationNetwork) Models.create("rln", 2, false, 21)).to(Precision.DOUBLE);
        Tensor m = RecurrenceTest.micro(22, 3, 3, 3, 3).to(Precision.DOUBLE), t = RecurrenceTest.target(23, 3, 3, 3, 3).to(Precision.DOUBLE);
        int n = m.size(), P = 2, D = 2 * 9;
        double[] whole = new double[1], split = new double[1];
        double[][] g = step(model, m, t, false, Parallelism.LAYERS, 1, whole);
        double scale = 0;
        for (double[] a : g) for (double x : a) scale = Math.max(scale, Math.abs(x));
        assertTrue(scale > 0, "gradients are not all zero");
        double delta = gamma(n + 3) + 2 * gamma(8), lossTol = (gamma(n + 3) + 2 * gamma(P + 4)) * whole[0];
        double gradTol = 50 * (delta + 2 * D * gamma(1536)) * scale;
        for (int T : new int[] {2, 3}) {
            boolean recompute = T == 3;
            double[][] s = step(model, m, t, recompute, Parallelism.SAMPLES, T, split);
            assertTrue(model.gradientCopyCount() >= T - 1, "the step ran in " + T + " sub-batches");
            assertEquals(whole[0], split[0], lossTol, "loss, " + T + " sub-batches");
            for (int i = 0; i < g.length; i++)
                for (int j = 0; j < g[i].length; j++)
                    assertEquals(g[i][j], s[i][j], gradTol, model.parameters().get(i).name() + "[" + j + "], " + T + " sub-batches, recompute " + recompute);
        }
    }

    /** Float, 2 threads: the same bits twice, and with recomputation (the pass-by-pass backward's guarantee holds per sub-batch). */
    @Test
    void theSameBitsTwiceAndWithRecomputation() {
        LocalizationModel model = Models.create("rln-t", 2, false, 24);
        Tensor m = RecurrenceTest.micro(25, 4, 5, 5, 5), t = RecurrenceTest.target(26, 4, 5, 5, 5);
        double[] a = new double[1], b = new double[1], c = new double[1];
        double[][] first = step(model, m, t, false, Parallelism.SAMPLES, 2, a);
        double[][] again = step(model, m, t, false, Parallelism.SAMPLES, 2, b);
        double[][] recomputed = step(model, m, t, true, Parallelism.SAMPLES, 2, c);
        assertEquals(1, ((LocalizationNetwork) model).gradientCopyCount(), "one gradient copy: two sub-batches");
        assertEquals(a[0], b[0], 0.0);
        assertEquals(a[0], c[0], 0.0);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], again[i], 0.0, model.parameters().get(i).name());
            assertArrayEquals(first[i], recomputed[i], 0.0, model.parameters().get(i).name() + " (recompute)");
        }
    }

    /** Where nothing splits (one thread; a batch of one sample) the mode changes nothing, bit for bit. */
    @Test
    void oneThreadOrOneSampleIsTheLayersPathBitwise() {
        LocalizationModel model = Models.create("rln", 2, false, 27);
        Tensor m = RecurrenceTest.micro(28, 3, 5, 5, 5), t = RecurrenceTest.target(29, 3, 5, 5, 5);
        Tensor m1 = RecurrenceTest.sample(m, 0), t1 = RecurrenceTest.sample(t, 0);
        double[] a = new double[1], b = new double[1];
        for (int T : new int[] {1, 2}) {
            Tensor mm = T == 1 ? m : m1, tt = T == 1 ? t : t1;
            double[][] layers = step(model, mm, tt, false, Parallelism.LAYERS, T, a), samples = step(model, mm, tt, false, Parallelism.SAMPLES, T, b);
            assertEquals(a[0], b[0], 0.0, T + " threads");
            for (int i = 0; i < layers.length; i++) assertArrayEquals(layers[i], samples[i], 0.0, model.parameters().get(i).name() + ", " + T + " threads");
        }
        assertEquals(0, ((LocalizationNetwork) model).gradientCopyCount(), "no split ran");
    }

    @Test
    void theBatchMeanIsRefused() {
        LocalizationModel model = Models.create("rln-t", 2, true, 30);
        Tensor m = RecurrenceTest.micro(31, 2, 5, 5, 5), t = RecurrenceTest.target(32, 2, 5, 5, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.lossAndGradients(m, t, false, Parallelism.SAMPLES));
        assertTrue(e.getMessage().contains("batch mean"), e.getMessage());
    }
}
