package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class PenaltyOpsTest {

    @Property(tries = 20, seed = "20261207")
    void l2GradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 6) int a, @ForAll @IntRange(min = 1, max = 6) int b,
                                            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        double lambda = 0.37;
        List<Tensor> in = List.of(GradCheck.random(rnd, a, b), GradCheck.random(rnd, b));
        Function<List<Var>, Var> f = v -> PenaltyOps.l2(lambda, v.get(0), v.get(1));
        GradCheck.check("l2", f, in, seed);
        // float: the penalty sums a b + b squares (<= 1 each) in double and rounds once: <= u lambda (a b + b);
        // each gradient entry is fl(fl(2 lambda dP) w): two roundings of a value <= 2 lambda.
        GradCheck.floatMatchesDouble("l2", f, in, seed, 2 * GradCheck.U * lambda * (a * b + b), 4 * GradCheck.U * 2 * lambda);
    }

    @Test
    void theKerasPenaltyByHand() {
        // lambda * (1 + 4 + 9 + 0.25) with lambda = 1e-4, Keras's l2(1e-4)
        for (Precision p : Precision.values()) {
            Var w1 = Var.constant(Tensor.wrap(new double[] {1, -2, 3}, 3).to(p)), w2 = Var.constant(Tensor.wrap(new double[] {0.5}, 1).to(p));
            assertEquals(1e-4 * 14.25, PenaltyOps.l2(1e-4, w1, w2).item(), p == Precision.DOUBLE ? 0 : 1e-4 * 14.25 * GradCheck.U, p.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> PenaltyOps.l2(-1, Var.constant(Tensor.zeros(Precision.FLOAT, 1))));
    }
}
