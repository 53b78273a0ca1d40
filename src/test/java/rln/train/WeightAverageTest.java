package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/** The running average of the parameters: its recurrence, its closed form, and the swap that must leave no trace. */
class WeightAverageTest {
    static Parameter floats(String name, Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return new Parameter(name, Tensor.wrap(v, n));
    }

    static Parameter doubles(String name, Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return new Parameter(name, Tensor.wrap(v, n));
    }

    static double value(Parameter p, int i) {
        return p.value().isDouble() ? p.value().doubles()[i] : p.value().floats()[i];
    }

    static void set(Parameter p, int i, double x) {
        if (p.value().isDouble()) p.value().doubles()[i] = x;
        else p.value().floats()[i] = (float) x;
        p.value().markModified();
    }

    @Test
    void theRecurrenceIsTheGeometricWeightingOfTheSteps() {
        Random r = new Random(3);
        Parameter f = floats("f", r, 5), d = doubles("d", r, 4);
        List<Parameter> ps = List.of(f, d);
        double beta = 0.9;
        int steps = 20;
        double[][][] theta = new double[steps + 1][2][]; // theta[s][parameter][i]: the values after step s (0: the start)
        WeightAverage avg = new WeightAverage(ps, beta);
        for (int s = 0; s <= steps; s++) {
            if (s > 0) {
                for (Parameter p : ps) for (int i = 0; i < p.value().size(); i++) set(p, i, r.nextGaussian());
                avg.update();
            }
            for (int k = 0; k < 2; k++) {
                theta[s][k] = new double[ps.get(k).value().size()];
                for (int i = 0; i < theta[s][k].length; i++) theta[s][k][i] = value(ps.get(k), i);
            }
        }
        // closed form: beta^S theta_0 + sum_s (1 - beta) beta^(S - s) theta_s, summed in another order than the
        // recurrence; values O(1), 20 steps: the two differ by rounding, a few times 20 * 2^-53 at most
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < theta[0][k].length; i++) {
                double closed = Math.pow(beta, steps) * theta[0][k][i];
                for (int s = 1; s <= steps; s++) closed += (1 - beta) * Math.pow(beta, steps - s) * theta[s][k][i];
                assertEquals(closed, avg.mean(k)[i], 1e-14, "parameter " + k + " value " + i);
            }
        // beta = 0: the average is the latest parameters, exactly
        WeightAverage none = new WeightAverage(ps, 0);
        set(f, 2, 0.125);
        none.update();
        assertEquals(0.125, none.mean(0)[2], 0);
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(ps, 1));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(ps, -0.1));
    }

    @Test
    void theSwapShowsTheRoundedAverageAndPutsTheTrainedValuesBackBitForBit() {
        Random r = new Random(4);
        Parameter f = floats("f", r, 7), d = doubles("d", r, 3);
        List<Parameter> ps = List.of(f, d);
        WeightAverage avg = new WeightAverage(ps, 0.5);
        for (Parameter p : ps) for (int i = 0; i < p.value().size(); i++) set(p, i, r.nextGaussian());
        avg.update();
        float[] fTrained = f.value().floats().clone();
        double[] dTrained = d.value().doubles().clone();
        try (WeightAverage.Swap s = avg.swappedIn()) {
            for (int i = 0; i < 7; i++) assertEquals((float) avg.mean(0)[i], f.value().floats()[i], 0);
            for (int i = 0; i < 3; i++) assertEquals(avg.mean(1)[i], d.value().doubles()[i], 0);
            assertFalse(java.util.Arrays.equals(fTrained, f.value().floats()), "beta 0.5 after one step: the average differs");
        }
        assertArrayEquals(fTrained, f.value().floats());
        assertArrayEquals(dTrained, d.value().doubles());
    }
}
