package rln.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** MMA on problems whose optimum is known in closed form. */
class MmaTest {

    /**
     * min sum_j c_j (x_j - t_j)^2 subject to mean(x) = v (two inequalities, as the designer holds the volume),
     * 0 <= x <= 1. KKT: x_j = clip(t_j + mu / (2 c_j), 0, 1) with the one mu that gives mean v (found here by
     * bisection). Targets outside [0, 1] make some bounds active; curvatures c in [0.5, 5] make the steps uneven.
     */
    @Test
    void separableQuadraticWithAHeldMean() {
        int n = 200;
        double v = 0.35;
        Random rnd = new Random(4);
        double[] c = new double[n], t = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = 0.5 + 4.5 * rnd.nextDouble();
            t[j] = -0.3 + 1.6 * rnd.nextDouble();
        }
        double lo = -100, hi = 100;
        for (int k = 0; k < 200; k++) {
            double mu = 0.5 * (lo + hi);
            if (mean(optimum(c, t, mu)) > v) hi = mu;
            else lo = mu;
        }
        double[] expected = optimum(c, t, 0.5 * (lo + hi));

        Mma mma = new Mma(n, 1, 0.2);
        double[] x = new double[n];
        java.util.Arrays.fill(x, 0.9);
        double[] grad = new double[n], dv = new double[n], minus = new double[n];
        java.util.Arrays.fill(dv, 1.0 / (n * v));
        java.util.Arrays.fill(minus, -1.0 / (n * v));
        int iterations = 0;
        for (; iterations < 100; iterations++) {
            for (int j = 0; j < n; j++) grad[j] = 2 * c[j] * (x[j] - t[j]);
            if (Boolean.getBoolean("shift")) { double m = mean(grad); for (int j = 0; j < n; j++) grad[j] -= m; }
            double[] next = mma.update(x, grad, new double[] {mean(x) / v - 1}, new double[][] {dv});
            double change = 0;
            for (int j = 0; j < n; j++) change = Math.max(change, Math.abs(next[j] - x[j]));
            x = next;
            double err = 0; for (int j = 0; j < n; j++) err = Math.max(err, Math.abs(x[j] - expected[j]));
            int w = 0; for (int j = 0; j < n; j++) if (Math.abs(x[j] - expected[j]) > Math.abs(x[w] - expected[w])) w = j;
            System.out.println(iterations + " change " + change + " err " + err + " mean " + mean(x) + " worst " + w + " x " + x[w] + " exp " + expected[w] + " t " + t[w]);
            if (change < 1e-7) break;
        }
        for (int j = 0; j < n; j++) assertEquals(expected[j], x[j], 1e-4, "x_" + j);
        assertEquals(v, mean(x), 1e-5);
        assertTrue(iterations < 60, "converged in " + iterations + " iterations");
        System.out.println("MMA, separable quadratic with a held mean: " + iterations + " iterations");
    }

    private static double[] optimum(double[] c, double[] t, double mu) {
        double[] x = new double[c.length];
        for (int j = 0; j < c.length; j++) x[j] = Math.max(0, Math.min(1, t[j] + mu / (2 * c[j])));
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
