package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class InputOpsTest {

    /** Phase indicators of 0 and 1 (m0 = 1 - m1), as in the network's training. */
    private static Tensor[] phases(Random rnd, int... shape) {
        Tensor m1 = Tensor.zeros(Precision.DOUBLE, shape), m0 = Tensor.zeros(Precision.DOUBLE, shape);
        for (int i = 0; i < m1.size(); i++) {
            m1.set(i, rnd.nextBoolean() ? 1 : 0);
            m0.set(i, 1 - m1.get(i));
        }
        return new Tensor[] {m0, m1};
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Random rnd = new Random(11);
        int[] shape = {2, 3, 2, 3, 1};
        // two phases with fractional values (the gradient with respect to a phase is checked too) and three fields
        List<Tensor> in = List.of(GradCheck.uniform(rnd, 0.1, 1, shape), GradCheck.random(rnd, shape), GradCheck.random(rnd, shape),
                GradCheck.random(rnd, shape), GradCheck.random(rnd, shape));
        Function<List<Var>, Var> f = v -> InputOps.phaseProducts(new Var[] {v.get(0), v.get(1)}, new Var[] {v.get(2), v.get(3), v.get(4)});
        GradCheck.check("phaseProducts", f, in, 5);
        // float: one product per output; a gradient entry sums <= 3 products of magnitude <= 1
        GradCheck.floatMatchesDouble("phaseProducts", f, in, 5, GradCheck.U, 3 * 3 * GradCheck.U);
    }

    /**
     * The network's input, fused, against concat(m0 y, m1 y, m0 y1, m1 y1, ...) on the tape: the same bits forward
     * and in every gradient, in both precisions; with one Var given three times (its gradient entries then sum three
     * non-zero products, in an order that shows), a field without gradient and a phase with one.
     */
    @Test
    void bitwiseTheProductsAndTheirConcatenation() {
        Random rnd = new Random(3);
        int[] shape = {2, 4, 3, 5, 1};
        Tensor[] m = phases(rnd, shape);
        Tensor y = GradCheck.random(rnd, shape), y1 = GradCheck.random(rnd, shape), y0 = GradCheck.random(rnd, shape);
        Tensor r = GradCheck.random(rnd, 2, 4, 3, 5, 10);
        for (Precision p : Precision.values()) {
            List<Tensor> fused = run(p, m, y, y1, y0, r, true), composed = run(p, m, y, y1, y0, r, false);
            for (int k = 0; k < fused.size(); k++)
                assertArrayEquals(composed.get(k).toDoubles(), fused.get(k).toDoubles(), p + " output/gradient " + k);
        }
    }

    /** [output, dy, dy1, dm0] of the fused op or of the composition on fields (y, y1, y0, y1, y1); y0 and m1 are constants. */
    private static List<Tensor> run(Precision p, Tensor[] m, Tensor y, Tensor y1, Tensor y0, Tensor r, boolean fused) {
        try (Tape tape = Tape.open()) {
            Var[] ms = {Var.input(m[0].to(p), true), Var.constant(m[1].to(p))};
            Var vy = Var.input(y.to(p), true), vy1 = Var.input(y1.to(p), true), c = Var.constant(y0.to(p));
            Var[] fields = {vy, vy1, c, vy1, vy1};
            Var out;
            if (fused) out = InputOps.phaseProducts(ms, fields);
            else {
                Var[] products = new Var[fields.length * ms.length];
                for (int j = 0; j < fields.length; j++)
                    for (int q = 0; q < ms.length; q++) products[j * ms.length + q] = ArithmeticOps.mul(ms[q], fields[j]);
                out = ShapeOps.concatChannels(products);
            }
            tape.backward(ReductionOps.sum(ArithmeticOps.mul(out, Var.constant(r.to(p)))));
            return List.of(out.value().copy(), vy.grad().copy(), vy1.grad().copy(), ms[0].grad().copy());
        }
    }

    @Test
    void refusesMismatchedShapes() {
        Var a = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 2, 1));
        Var b = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 3, 1));
        Var c = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> InputOps.phaseProducts(new Var[] {a}, new Var[] {b}));
        assertThrows(IllegalArgumentException.class, () -> InputOps.phaseProducts(new Var[] {c}, new Var[] {c}));
    }
}
