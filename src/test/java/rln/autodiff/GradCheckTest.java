package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import rln.tensor.Tensor;

/** The checker itself must be able to fail: a backward wrong by a relative 1e-5 is caught. */
class GradCheckTest {

    /** y = 3 x with a backward that claims dy/dx = 3 (1 + err). */
    static Var tripled(Var x, double err) {
        Tensor y = Tensor.zeros(x.precision(), x.shape());
        for (int i = 0; i < y.size(); i++) y.set(i, 3 * x.value().get(i));
        return Var.result("tripled", y, dy -> {
            Tensor g = x.gradForAccumulation();
            for (int i = 0; i < g.size(); i++) g.set(i, g.get(i) + 3 * (1 + err) * dy.get(i));
        }, x);
    }

    @Test
    void aCorrectBackwardPassesAndAWrongOneFails() {
        Tensor x = GradCheck.random(new Random(1), 2, 3);
        GradCheck.check("exact", v -> tripled(v.get(0), 0), List.of(x), 1);
        assertThrows(AssertionFailedError.class, () -> GradCheck.check("off by 1e-5", v -> tripled(v.get(0), 1e-5), List.of(x), 1));
    }

    @Test
    void theFloatContractFailsOnADifferentResult() {
        Tensor x = GradCheck.random(new Random(2), 4);
        // the FLOAT run differs from the DOUBLE run only by the float rounding of the inputs (exact here) and of 3x
        GradCheck.floatMatchesDouble("exact", v -> tripled(v.get(0), 0), List.of(x), 2, 3 * GradCheck.U, 3 * GradCheck.U);
        assertThrows(AssertionFailedError.class, () -> GradCheck.floatMatchesDouble("float differs",
                v -> tripled(v.get(0), v.get(0).value().isDouble() ? 0 : 1e-5), List.of(x), 2, 3 * GradCheck.U, 3 * GradCheck.U));
    }
}
