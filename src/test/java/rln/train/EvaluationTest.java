package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rln.nn.StrainPredictor;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/** Set-level scores against values computed independently, sample by sample. */
class EvaluationTest {

    /** Predicts y_k = 1 + k * 0.1 * (m - 1/2) after pass k: different errors per pass, known in closed form per voxel. */
    static final class FixedModel implements StrainPredictor {
        @Override public String kind() { return "fixed"; }
        @Override public int passes() { return 3; }
        @Override public List<Tensor> predict(Tensor micro) {
            List<Tensor> out = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                Tensor y = Tensor.zeros(Precision.FLOAT, micro.shape());
                for (int i = 0; i < y.size(); i++) y.set(i, 1 + k * 0.1 * (micro.get(i) - 0.5));
                out.add(y);
            }
            return out;
        }
    }

    @Test
    void lossAndMaseMatchTheirDefinitionsWhateverTheBatch() {
        TrainingData d = TrainerTest.data(7, 3);
        Evaluation e = Evaluation.of(new FixedModel(), d, 1);
        Evaluation e3 = Evaluation.of(new FixedModel(), d, 3);
        int V = d.voxels();
        double lossSum = 0;
        for (int k = 1; k <= 3; k++) {
            double sq = 0, sumT = 0;
            double[] mase = new double[d.size()];
            for (int s = 0; s < d.size(); s++) {
                float[] y = new float[V];
                for (int x = 0; x < V; x++) y[x] = (float) (1 + k * 0.1 * (d.micro(s)[x] - 0.5));
                mase[s] = Metrics.mase(y, d.target(s));
                for (int x = 0; x < V; x++) {
                    sq += ((double) y[x] - d.target(s)[x]) * ((double) y[x] - d.target(s)[x]);
                    sumT += d.target(s)[x];
                }
            }
            double loss = 100 * Math.sqrt(sq / (d.size() * V)) / (sumT / (d.size() * V));
            lossSum += loss / 3;
            // the same sums in another order: equal to rounding of double sums of ~1e3 terms
            assertEquals(loss, e.passLoss()[k - 1], 1e-12 * loss);
            assertEquals(Metrics.summarize(mase).mean(), e.mase(k).mean(), 1e-12);
            assertEquals(Metrics.summarize(mase).std(), e.mase(k).std(), 1e-12);
        }
        assertEquals(lossSum, e.loss(), 1e-12 * lossSum);
        // the batch only groups the inference: bitwise the same numbers
        assertEquals(e.loss(), e3.loss(), 0);
        assertArrayEquals(e.masePerPass()[2], e3.masePerPass()[2], 0);
        assertEquals(e.mase(3), e.mase());
        assertTrue(e.mase(1).mean() != e.mase(3).mean(), "passes are scored separately");
    }
}
