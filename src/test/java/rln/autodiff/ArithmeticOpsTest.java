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

class ArithmeticOpsTest {

    /** The broadcast operand shapes the model uses, plus a general one. */
    enum Mode { SAME, SCALAR, PER_CHANNEL, PER_SAMPLE, MASK, GENERAL }

    static int[] operandShape(Mode m, int[] s) {
        switch (m) {
            case SAME: return s.clone();
            case SCALAR: return new int[] {1};
            case PER_CHANNEL: return new int[] {s[4]};
            case PER_SAMPLE: return new int[] {s[0], 1, 1, 1, 1};
            case MASK: return new int[] {s[0], s[1], s[2], s[3], 1};
            default: return new int[] {1, s[1], 1, s[3], 1};
        }
    }

    static Function<List<Var>, Var> binary(String op) {
        switch (op) {
            case "add": return v -> ArithmeticOps.add(v.get(0), v.get(1));
            case "sub": return v -> ArithmeticOps.sub(v.get(0), v.get(1));
            default: return v -> ArithmeticOps.mul(v.get(0), v.get(1));
        }
    }

    @Property(tries = 40, seed = "20260301")
    void binaryOpsBroadcastWithExactGradients(@ForAll("binaryOps") String op, @ForAll Mode mode, @ForAll boolean smallFirst,
                                              @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int d,
                                              @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        int[] big = {n, d, 2, d, c};
        Tensor a = GradCheck.random(rnd, big), b = GradCheck.random(rnd, operandShape(mode, big));
        List<Tensor> in = smallFirst ? List.of(b, a) : List.of(a, b);
        GradCheck.check(op + " " + mode, binary(op), in, seed);
        // float: one rounding per output (|y| <= 2, so <= 2u); a broadcast operand's gradient sums
        // M = size(out)/size(operand) terms of magnitude <= 1, each rounded once, then the sum once: <= 2u M
        int M = a.size() / b.size();
        GradCheck.floatMatchesDouble(op, binary(op), in, seed, 2 * GradCheck.U, 2 * GradCheck.U * (M + 1));
    }

    @Provide
    Arbitrary<String> binaryOps() {
        return Arbitraries.of("add", "sub", "mul");
    }

    @Property(tries = 20, seed = "20260302")
    void unaryOpsHaveExactGradients(@ForAll("unaryOps") String op, @ForAll @IntRange(min = 1, max = 40) int size,
                                    @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        // sqrt is checked on [0.5, 2], where it is smooth (its derivative blows up at 0)
        Tensor x = op.equals("sqrt") ? GradCheck.uniform(rnd, 0.5, 2, size) : GradCheck.random(rnd, size);
        Function<List<Var>, Var> f = unary(op);
        GradCheck.check(op, f, List.of(x), seed);
        // float: one or two roundings per element of values <= 2 in magnitude: 4u; gradients likewise
        // (dy / (2y) with y >= 0.7 and |dy| <= 1: a quotient of rounded values, <= 4u)
        GradCheck.floatMatchesDouble(op, f, List.of(x), seed, 4 * GradCheck.U * 2, 4 * GradCheck.U * 2);
    }

    @Provide
    Arbitrary<String> unaryOps() {
        return Arbitraries.of("addScalar", "mulScalar", "square", "sqrt");
    }

    static Function<List<Var>, Var> unary(String op) {
        switch (op) {
            case "addScalar": return v -> ArithmeticOps.addScalar(v.get(0), 0.75);
            case "mulScalar": return v -> ArithmeticOps.mulScalar(v.get(0), -1.5);
            case "square": return v -> ArithmeticOps.square(v.get(0));
            default: return v -> ArithmeticOps.sqrt(v.get(0));
        }
    }

    @Test
    void handComputedBroadcasts() {
        // a [1,1,1,2,2] = [[1,2],[3,4]] (two voxels, two channels); per-channel b = [10, 20]; mask m = [2, -1]
        Tensor a = Tensor.wrap(new double[] {1, 2, 3, 4}, 1, 1, 1, 2, 2);
        Var va = Var.input(a, true);
        Var bias = Var.input(Tensor.wrap(new double[] {10, 20}, 2), true);
        Var mask = Var.input(Tensor.wrap(new double[] {2, -1}, 1, 1, 1, 2, 1), true);
        try (Tape tape = Tape.open()) {
            Var y = ArithmeticOps.mul(ArithmeticOps.add(va, bias), mask); // (a + b) * m
            assertArrayEquals(new double[] {22, 44, -13, -24}, y.value().toDoubles());
            tape.backward(ReductionOps.sum(y));
            // dL/da = m broadcast; dL/db_c = sum over voxels of m; dL/dm_v = sum over channels of (a + b)
            assertArrayEquals(new double[] {2, 2, -1, -1}, va.grad().toDoubles());
            assertArrayEquals(new double[] {1, 1}, bias.grad().toDoubles());
            assertArrayEquals(new double[] {33, 37}, mask.grad().toDoubles());
        }
    }

    @Test
    void incompatibleShapesAreRejectedWithBothShapes() {
        Var a = Var.constant(Tensor.zeros(Precision.DOUBLE, 2, 3));
        Var b = Var.constant(Tensor.zeros(Precision.DOUBLE, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> ArithmeticOps.add(a, b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
        Var f = Var.constant(Tensor.zeros(Precision.FLOAT, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ArithmeticOps.add(a, f), "mixed precisions");
    }
}
