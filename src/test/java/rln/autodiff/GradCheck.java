package rln.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Gradient checks in double precision against central differences, and the float/double contract.
 * <p>
 * The scalar checked is L = sum_i r_i f(x)_i with fixed random r in [-1, 1], so every output element and
 * every path through the op is exercised. The analytic gradient comes from the tape (with L built by
 * {@code mul} and {@code sum}); the numeric one from
 * dL/dx_j ~ (L(x + h e_j) - L(x - h e_j)) / (2h), with L summed here by hand, independently of the ops.
 */
final class GradCheck {
    private GradCheck() {}

    /** Step of the central differences (see the tolerance below). */
    static final double H = 1e-5;
    /** Relative tolerance on each gradient entry (the brief's 1e-6). */
    static final double RTOL = 1e-6;

    /** Random values in [-1, 1] that are exactly representable in float (so float and double see the same inputs). */
    static Tensor random(Random rnd, int... shape) {
        Tensor t = Tensor.zeros(Precision.DOUBLE, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, (float) (2 * rnd.nextDouble() - 1));
        return t;
    }

    /** Like {@link #random} but with |x| in [0.1, 1]: at least 0.1 = 10^4 h away from the ReLU/PReLU kink at 0. */
    static Tensor awayFromZero(Random rnd, int... shape) {
        Tensor t = Tensor.zeros(Precision.DOUBLE, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, (float) ((rnd.nextBoolean() ? 1 : -1) * (0.1 + 0.9 * rnd.nextDouble())));
        return t;
    }

    /** Random values in [lo, hi], float-representable. */
    static Tensor uniform(Random rnd, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(Precision.DOUBLE, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, (float) (lo + (hi - lo) * rnd.nextDouble()));
        return t;
    }

    /**
     * Asserts that the tape's gradient of L = sum r_i f(x)_i with respect to every input matches central
     * differences: |analytic - numeric| <= RTOL * max(|analytic|, |numeric|) + floor, for every entry.
     * <p>
     * The floor: the numeric derivative carries the rounding error of two evaluations of L divided by 2h,
     * about K * 2^-53 * S / h with S = sum_i |r_i f(x)_i| and K the length of the longest accumulation
     * (<= a few hundred here); with h = 1e-5 that is <= ~1e-9 S, and we allow 1e-8 * max(1, S). The
     * truncation error h^2/6 |L'''| ~ 2e-11 is far below the relative term. Piecewise-linear ops are only
     * checked at points >= 0.1 from their kinks, which no step of size h can cross.
     */
    static void check(String name, Function<List<Var>, Var> f, List<Tensor> inputs, long seed) {
        Random rnd = new Random(seed);
        Tensor r;
        List<Tensor> analytic = new ArrayList<>();
        Tensor base;
        try (Tape tape = Tape.open()) {
            List<Var> vars = new ArrayList<>();
            for (Tensor t : inputs) vars.add(Var.input(t, true));
            Var y = f.apply(vars);
            base = y.value().copy();
            r = random(rnd, y.shape());
            Var loss = ReductionOps.sum(ArithmeticOps.mul(y, Var.constant(r)));
            tape.backward(loss);
            for (Var v : vars) analytic.add(v.grad() == null ? Tensor.zeros(Precision.DOUBLE, v.shape()) : v.grad().copy());
        }
        double S = 0;
        for (int i = 0; i < base.size(); i++) S += Math.abs(r.get(i) * base.get(i));
        double floor = 1e-8 * Math.max(1, S);
        for (int k = 0; k < inputs.size(); k++) {
            Tensor x = inputs.get(k);
            for (int j = 0; j < x.size(); j++) {
                double x0 = x.get(j);
                x.set(j, x0 + H);
                double lp = projected(f, inputs, r);
                x.set(j, x0 - H);
                double lm = projected(f, inputs, r);
                x.set(j, x0);
                double num = (lp - lm) / (2 * H), an = analytic.get(k).get(j);
                double err = Math.abs(an - num), tol = RTOL * Math.max(Math.abs(an), Math.abs(num)) + floor;
                assertTrue(err <= tol, name + ": d L / d input" + k + "[" + j + "] analytic " + an + " numeric " + num + " (error " + err + " > " + tol + ")");
            }
        }
    }

    /** L = sum_i r_i f(x)_i, summed here in double without the ops (no tape: plain evaluation). */
    static double projected(Function<List<Var>, Var> f, List<Tensor> inputs, Tensor r) {
        List<Var> vars = new ArrayList<>();
        for (Tensor t : inputs) vars.add(Var.constant(t));
        Tensor y = f.apply(vars).value();
        double s = 0;
        for (int i = 0; i < y.size(); i++) s += r.get(i) * y.get(i);
        return s;
    }

    /**
     * The float/double contract: f on float copies of {@code inputs} gives outputs within {@code fwdTol} and
     * input gradients (of L = sum r_i f(x)_i) within {@code gradTol} of the double reference, entry by entry,
     * absolute. Each caller justifies its tolerances from float rounding (unit roundoff u = 2^-24).
     */
    static void floatMatchesDouble(String name, Function<List<Var>, Var> f, List<Tensor> inputs, long seed, double fwdTol, double gradTol) {
        Tensor[] outs = new Tensor[2];
        List<List<Tensor>> grads = new ArrayList<>();
        for (Precision p : new Precision[] {Precision.DOUBLE, Precision.FLOAT}) {
            Random rnd = new Random(seed);
            try (Tape tape = Tape.open()) {
                List<Var> vars = new ArrayList<>();
                for (Tensor t : inputs) vars.add(Var.input(t.to(p), true));
                Var y = f.apply(vars);
                outs[p.ordinal()] = y.value().to(Precision.DOUBLE);
                Var loss = ReductionOps.sum(ArithmeticOps.mul(y, Var.constant(random(rnd, y.shape()).to(p))));
                tape.backward(loss);
                List<Tensor> g = new ArrayList<>();
                for (Var v : vars) g.add(v.grad() == null ? Tensor.zeros(Precision.DOUBLE, v.shape()) : v.grad().to(Precision.DOUBLE));
                grads.add(g);
            }
        }
        double e = outs[0].maxAbsDiff(outs[1]);
        assertTrue(e <= fwdTol, name + ": float forward differs from double by " + e + " > " + fwdTol);
        for (int k = 0; k < inputs.size(); k++) {
            double eg = grads.get(0).get(k).maxAbsDiff(grads.get(1).get(k));
            assertTrue(eg <= gradTol, name + ": float gradient of input " + k + " differs from double by " + eg + " > " + gradTol);
        }
    }

    /** Float unit roundoff. */
    static final double U = 0x1p-24;
}
