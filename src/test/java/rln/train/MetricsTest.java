package rln.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void maseOfAHandComputedCase() {
        // truth mean = (1 + 2 + 3 + 2) / 4 = 2; |errors| = 0.5, 0, 1, 0.5 -> mean 0.5; MASE = 100 * 0.5 / 2 = 25 %
        double[] truth = {1, 2, 3, 2};
        double[] pred = {1.5, 2, 2, 2.5};
        assertEquals(25.0, Metrics.mase(pred, truth), 1e-12); // exact in binary up to one rounding
        float[] predF = {1.5f, 2f, 2f, 2.5f};
        assertEquals(25.0, Metrics.mase(predF, truth), 1e-12);  // these floats are exact
        assertEquals(25.0, Metrics.mase(predF, new float[] {1, 2, 3, 2}), 1e-12);
    }

    @Test
    void maseIsZeroForAPerfectPredictionAndScalesWithTheError() {
        double[] truth = {0.5, 1.5, 1.0, 1.0};
        assertEquals(0.0, Metrics.mase(truth.clone(), truth), 0.0);
        double[] pred = new double[4];
        for (int i = 0; i < 4; i++) pred[i] = truth[i] + (i % 2 == 0 ? 0.01 : -0.01);
        // mean |error| 0.01, mean truth 1: 1 %
        assertEquals(1.0, Metrics.mase(pred, truth), 1e-12);
    }

    @Test
    void maseUsesTheMeanOfTheTruthNotOfItsAbsoluteValue() {
        // truth with a negative voxel: mean = (3 - 1) / 2 = 1, mean |truth| would be 2
        double[] truth = {3, -1};
        double[] pred = {4, -1};
        assertEquals(50.0, Metrics.mase(pred, truth), 1e-12);
    }

    @Test
    void summaryUsesThePopulationStdLikeNumpyAndAlsoGivesTheSampleStd() {
        // values 1, 2, 3, 4: mean 2.5, squared deviations sum 5; np.std = sqrt(5/4), ddof=1: sqrt(5/3)
        Metrics.Summary s = Metrics.summarize(new double[] {1, 2, 3, 4});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(1.25), s.std(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3.0), s.sampleStd(), 1e-15);
        assertTrue(s.format().startsWith("2.50 % +- 1.12 %"), s.format());
        assertTrue(Double.isNaN(Metrics.summarize(new double[] {7}).sampleStd()));
        assertEquals(0.0, Metrics.summarize(new double[] {7}).std(), 0.0);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.mase(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.summarize(new double[0]));
    }
}
