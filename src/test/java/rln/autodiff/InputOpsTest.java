package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class InputOpsTest {

    /** Phase indicators of 0 and 1 (m0 = 1 - m1), as in the network. */
    private static Tensor[] phases(Random rnd, int... shape) {
        Tensor m1 = Tensor.zeros(Precision.DOUBLE, shape), m0 = Tensor.zeros(Precision.DOUBLE, shape);
        for (int i = 0; i < m1.size(); i++) {
            m1.set(i, rnd.nextBoolean() ? 1 : 0);
            m0.set(i, 1 - m1.get(i));
        }
        return new Tensor[] {m0, m1};
    }

    @Test
    void gradientOfTheFieldsMatchesCentralDifferences() {
        Random rnd = new Random(11);
        int[] shape = {2, 3, 2, 3, 1};
        Tensor[] m = phases(rnd, shape);
        Tensor u = GradCheck.uniform(rnd, 0.1, 1, shape); // a third phase with fractional values
        List<Tensor> fields = List.of(GradCheck.random(rnd, shape), GradCheck.random(rnd, shape), GradCheck.random(rnd, shape));
        Function<List<Var>, Var> f = v -> InputOps.phaseProducts(
                new Var[] {Var.constant(m[0].to(v.get(0).precision())), Var.constant(m[1].to(v.get(0).precision())), Var.constant(u.to(v.get(0).precision()))},
                new Var[] {v.get(0), v.get(1), v.get(2)});
        GradCheck.check("phaseProducts", f, fields, 5);
        // float: one product per output; a gradient entry sums P = 3 products of magnitude <= 1
        GradCheck.floatMatchesDouble("phaseProducts", f, fields, 5, GradCheck.U, 3 * 3 * GradCheck.U);
    }

    /**
     * The network's input, fused, against concat(m0 y, m1 y, m0 y1, m1 y1, ...) on the tape: the same bits forward
     * and in every gradient, in both precisions; with one Var given three times (its gradient entries then sum three
     * non-zero products, in an order that shows) and a field without gradient.
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

    /** [output, dy, dy1] of the fused op or of the composition on fields (y, y1, y0, y1, y1); y0 is a constant. */
    private static List<Tensor> run(Precision p, Tensor[] m, Tensor y, Tensor y1, Tensor y0, Tensor r, boolean fused) {
        try (Tape tape = Tape.open()) {
            Var[] ms = {Var.constant(m[0].to(p)), Var.constant(m[1].to(p))};
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
            return List.of(out.value().copy(), vy.grad().copy(), vy1.grad().copy());
        }
    }

    @Test
    void refusesMismatchedShapesAndPhasesWithGradients() {
        Var a = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 2, 1));
        Var b = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> InputOps.phaseProducts(new Var[] {a}, new Var[] {b}));
        try (Tape tape = Tape.open()) {
            Var g = Var.input(Tensor.zeros(Precision.DOUBLE, 1, 2, 2, 2, 1), true);
            assertThrows(IllegalArgumentException.class, () -> InputOps.phaseProducts(new Var[] {g}, new Var[] {a}));
        }
    }
}
