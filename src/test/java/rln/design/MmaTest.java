package rln.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MMA on min sum_j c_j (x_j - t_j)^2 over 0 <= x <= 1 with a bound on mean(x), whose optimum is known: by KKT,
 * x_j = clip(t_j + mu / (2 c_j), 0, 1) with the one mu >= 0 that puts mean(x) on the active bound (found here by
 * bisection). Targets in [-0.3, 1.3] make some bounds active, curvatures in [0.5, 5] make the steps uneven, and the
 * unconstrained mean (about 0.5) is above the bound, so the constraint is active.
 * <p>
 * Tolerance: the subproblem's interior point method stops at barrier epsilon 1e-7, which shifts x_j by about
 * epsilon / (2 c_j (x_j - alpha_j)); near a bound that is up to ~1e-5, so we allow 1e-4.
 */
class MmaTest {
    static final int N = 200;

    final double[] c = new double[N], t = new double[N];

    MmaTest() {
        Random rnd = new Random(4);
        for (int j = 0; j < N; j++) {
            c[j] = 0.5 + 4.5 * rnd.nextDouble();
            t[j] = -0.3 + 1.6 * rnd.nextDouble();
        }
    }

    /** The KKT point with mean(x) = v. */
    double[] optimum(double v) {
        double lo = 0, hi = 100;
        for (int k = 0; k < 200; k++) {
            double mu = 0.5 * (lo + hi);
            if (mean(clipped(mu)) > v) lo = mu;
            else hi = mu;
        }
        return clipped(0.5 * (lo + hi));
    }

    double[] clipped(double mu) {
        double[] x = new double[N];
        for (int j = 0; j < N; j++) x[j] = Math.max(0, Math.min(1, t[j] - mu / (2 * c[j])));
        return x;
    }

    /** MMA from x = 0.9 with constraints mean(x)/upper - 1 <= 0 and (when lower > 0) 1 - mean(x)/lower <= 0. */
    double[] solve(double upper, double lower, int[] iterations) {
        int m = lower > 0 ? 2 : 1;
        Mma mma = new Mma(N, m, 0.2);
        double[] x = new double[N], grad = new double[N];
        double[][] dg = new double[m][N];
        java.util.Arrays.fill(x, 0.9);
        java.util.Arrays.fill(dg[0], 1.0 / (N * upper));
        if (m == 2) java.util.Arrays.fill(dg[1], -1.0 / (N * lower));
        for (iterations[0] = 1; iterations[0] < 200; iterations[0]++) {
            for (int j = 0; j < N; j++) grad[j] = 2 * c[j] * (x[j] - t[j]);
            double[] g = m == 2 ? new double[] {mean(x) / upper - 1, 1 - mean(x) / lower} : new double[] {mean(x) / upper - 1};
            double[] next = mma.update(x, grad, g, dg);
            double change = 0;
            for (int j = 0; j < N; j++) change = Math.max(change, Math.abs(next[j] - x[j]));
            x = next;
            if (change < 1e-5) break; // below, the subproblem's own accuracy (barrier 1e-7) makes x dither at ~1e-6
        }
        return x;
    }

    @Test
    void reachesTheOptimumOfABoundedMean() {
        int[] iterations = new int[1];
        double[] x = solve(0.35, 0, iterations), expected = optimum(0.35);
        for (int j = 0; j < N; j++) assertEquals(expected[j], x[j], 1e-4, "x_" + j);
        assertEquals(0.35, mean(x), 1e-5);
        assertTrue(iterations[0] <= 40, "converged in " + iterations[0] + " iterations");
    }

    /** The designer's volume band: both constraints present, the upper one active at the optimum. */
    @Test
    void reachesTheOptimumInsideABand() {
        int[] iterations = new int[1];
        double[] x = solve(0.35 * 1.01, 0.35 * 0.99, iterations), expected = optimum(0.35 * 1.01);
        for (int j = 0; j < N; j++) assertEquals(expected[j], x[j], 1e-4, "x_" + j);
        assertTrue(iterations[0] <= 40, "converged in " + iterations[0] + " iterations");
    }

    @Test
    void denseSolveOfTheSmallSystem() {
        double[][] a = {{0, 2, 1}, {1, 1, 1}, {2, 1, 3}};
        double[] z = Mma.solveDense(a, new double[] {7, 6, 13});
        assertEquals(1, z[0], 1e-14);
        assertEquals(2, z[1], 1e-14);
        assertEquals(3, z[2], 1e-14);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
