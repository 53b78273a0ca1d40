package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Tensor;

class ActivationOpsTest {

    @Property(tries = 25, seed = "20260321")
    void reluAndPreluGradientsAwayFromTheKink(@ForAll boolean prelu, @ForAll @IntRange(min = 1, max = 3) int n,
                                              @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 4) int c,
                                              @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        Tensor x = GradCheck.awayFromZero(rnd, n, d, 2, d, c);
        List<Tensor> in = prelu ? List.of(x, GradCheck.random(rnd, c)) : List.of(x);
        Function<List<Var>, Var> f = prelu ? v -> ActivationOps.prelu(v.get(0), v.get(1)) : v -> ActivationOps.relu(v.get(0));
        GradCheck.check(prelu ? "prelu" : "relu", f, in, seed);
        // float: y is x or one product (<= u); dx is dy or one product (<= u); a slope's gradient sums
        // V = size/c products of magnitude <= 1 in double, rounded once: <= 2u (V + 1)
        int V = x.size() / c;
        GradCheck.floatMatchesDouble("prelu", f, in, seed, GradCheck.U, 2 * GradCheck.U * (V + 1));
    }

    @Test
    void preluHandComputed() {
        // x = [[-2, 3], [4, -1]] (two voxels, two channels), slopes a = [0.5, 0.25]
        Var x = Var.input(Tensor.wrap(new double[] {-2, 3, 4, -1}, 2, 2), true);
        Var a = Var.input(Tensor.wrap(new double[] {0.5, 0.25}, 2), true);
        try (Tape tape = Tape.open()) {
            Var y = ActivationOps.prelu(x, a);
            assertArrayEquals(new double[] {-1, 3, 4, -0.25}, y.value().toDoubles());
            tape.backward(ReductionOps.sum(y));
            assertArrayEquals(new double[] {0.5, 1, 1, 0.25}, x.grad().toDoubles());
            assertArrayEquals(new double[] {-2, -1}, a.grad().toDoubles()); // da_c = sum of the negative x in channel c
        }
    }
}
