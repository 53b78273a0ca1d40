package rln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The gradient of a network's prediction with respect to its (relaxed) input, the model route of rln design: a
 * 2-pass RLN-t in double precision on a 3 x 3 x 5 grid (non-cubic, so the transposition of an imported model
 * shows), J = sum_v r_v y_P[v] with fixed random r, against central differences of the model itself: along a random
 * direction (all entries at once) and at two single voxels (the double-precision network is slow, so few probes).
 */
class InputGradientTest {
    static final int[] GRID = {3, 3, 5};
    static final int V = 45;

    @ParameterizedTest
    @EnumSource(InputAxes.class)
    void inputGradientMatchesCentralDifferencesOfTheModel(InputAxes axes) {
        LocalizationNetwork base = ((LocalizationNetwork) Models.create("rln-t", 2, false, 21)).to(Precision.DOUBLE);
        LocalizationNetwork model = new LocalizationNetwork(ModelKind.RLN_T, 2, false, axes, base.tensors(Precision.DOUBLE));
        SplittableRandom rnd = new SplittableRandom(5);
        Tensor m1 = Tensor.zeros(Precision.DOUBLE, 1, GRID[0], GRID[1], GRID[2], 1), r = Tensor.zeros(Precision.DOUBLE, m1.shape());
        for (int v = 0; v < V; v++) {
            m1.set(v, 0.1 + 0.8 * rnd.nextDouble());
            r.set(v, 2 * rnd.nextDouble() - 1);
        }
        LocalizationModel.InputGradient g = model.inputGradient(m1, y -> r);
        // the prediction is the last pass of predict()
        List<Tensor> passes = model.predict(m1);
        assertArrayEquals(passes.get(1).toDoubles(), g.prediction().toDoubles(), 1e-12);
        // Central differences with h = 1e-6, small enough that a step rarely crosses a PReLU kink (the network is only
        // piecewise smooth; a crossing errs by ~h times the slope jump, ~1e-9). Truncation h^2 |J'''| ~ 1e-12.
        // Rounding: each J sums terms of total size S = sum |r y| with relative error ~u = 2^-53, so the difference
        // over 2h carries ~u S / h; we allow 4 u S / h (1.1e-8 here; measured errors are 5e-10) beside the relative 1e-6.
        double h = 1e-6, worst = 0, s = 0;
        for (int v = 0; v < V; v++) s += Math.abs(r.get(v) * g.prediction().get(v));
        double floor = 4 * 0x1p-53 * s / h;
        // a random direction d (every entry of the gradient at once, dJ/dm1 . d), then voxels 21 and 43
        Tensor d = Tensor.zeros(Precision.DOUBLE, m1.shape());
        for (int v = 0; v < V; v++) d.set(v, 2 * rnd.nextDouble() - 1);
        for (int probe = -1; probe < V; probe += 22) {
            Tensor dir = probe < 0 ? d : Tensor.zeros(Precision.DOUBLE, m1.shape());
            if (probe >= 0) dir.set(probe, 1);
            double jp = dot(r, model.predict(shifted(m1, dir, h)).get(1)), jm = dot(r, model.predict(shifted(m1, dir, -h)).get(1));
            double numeric = (jp - jm) / (2 * h), analytic = dot(g.gradient(), dir), err = Math.abs(numeric - analytic);
            worst = Math.max(worst, err / (1e-6 * Math.abs(numeric) + floor));
            String what = probe < 0 ? "dJ/dm1 . d" : "dJ/dm1[" + probe + "]";
            assertTrue(err <= 1e-6 * Math.abs(numeric) + floor, axes + ": " + what + " tape " + analytic + ", central differences " + numeric);
        }
        System.out.printf("network input gradient (%s): largest error %.2f of the allowed (1e-6 relative + %.1e)%n", axes, worst, floor);
    }

    /** m + t dir (a new tensor). */
    private static Tensor shifted(Tensor m, Tensor dir, double t) {
        Tensor out = m.copy();
        for (int i = 0; i < out.size(); i++) out.set(i, m.get(i) + t * dir.get(i));
        return out;
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }
}
