package rln.solve.spectral;

import rln.elastic.GreenOperator;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;

/**
 * The Galerkin spectral scheme with conjugate gradients (Zeman, Vondrejc, Novak, Marek 2010; GooseFFT):
 * find the compatible, zero-mean strain fluctuation eps~ with
 * <pre>
 *   G[ C : (E + eps~) ] = 0,   i.e.   A eps~ = b,   A = G[C : .],   b = -G[C : E]
 * </pre>
 * where G = F^-1 Gamma_I(xi) F is the orthogonal projection onto compatible zero-mean strain fields, the Green
 * operator of the identity reference medium (GreenOperator.projection(); Nyquist handled as in FourierGrid).
 * A is symmetric positive definite on that subspace for the tensor inner product {@code <a, b> = sum_x a : b},
 * so plain CG applies; iterations grow like sqrt(contrast).
 * <pre>
 *   stop   ||r_k|| / ||b|| <= tol,   r_k = b - A eps~_k = -G[C : (E + eps~_k)]   (norms from <., .>)
 * </pre>
 * r is the projected stress: the part of sigma = C : eps that is not in equilibrium. When ||b|| vanishes to rounding,
 * ||b|| <= 1e-14 ||C : E|| (a homogeneous material), E is the solution, after 0 iterations. Output eps = E + eps~.
 */
public final class GalerkinSolver implements Solver {
    public static final int MAX_ITERATIONS = 10_000;
    private FourierGrid grid;
    private double[] projection;

    @Override
    public Solution solve(Problem pr, double tol) {
        long t0 = System.nanoTime();
        if (grid == null || !grid.sameShape(pr.nx(), pr.ny(), pr.nz())) {
            grid = new FourierGrid(pr.nx(), pr.ny(), pr.nz());
            projection = grid.greenMatrices(GreenOperator.projection());
        }
        int n = grid.n;
        double[][][] d = new PhaseStiffness(pr).d;
        double[] applied = uniform(pr.appliedStrain(), n);
        double[] sigma = new double[6 * n], b = new double[6 * n];
        PhaseStiffness.stress(pr, d, applied, sigma);
        grid.convolve(projection, sigma, b);                          // b = -G[C : E]
        for (int i = 0; i < b.length; i++) b[i] = -b[i];
        double normB = Math.sqrt(FourierGrid.inner(b, b, n));
        double[] x = new double[6 * n], r = b.clone(), p = b.clone(), q = new double[6 * n];
        double rr = normB * normB, residual = normB > Solver.ROUNDING * Math.sqrt(FourierGrid.inner(sigma, sigma, n)) ? 1 : 0;
        int it = 0;
        while (residual > tol) {
            if (it == MAX_ITERATIONS) throw new ArithmeticException("spectral CG did not reach " + tol + " in " + it + " iterations");
            PhaseStiffness.stress(pr, d, p, sigma);
            grid.convolve(projection, sigma, q);                      // q = A p = G[C : p]
            double alpha = rr / FourierGrid.inner(p, q, n);
            for (int i = 0; i < x.length; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            double rrNew = FourierGrid.inner(r, r, n);
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < p.length; i++) p[i] = r[i] + beta * p[i];
            it++;
            residual = Math.sqrt(rr) / normB;
        }
        for (int i = 0; i < x.length; i++) x[i] += applied[i];
        return new Solution(x, it, residual, (System.nanoTime() - t0) * 1e-9);
    }

    /** The constant field E: out[c*n + x] = E_c. */
    static double[] uniform(double[] e, int n) {
        double[] f = new double[6 * n];
        for (int c = 0; c < 6; c++) java.util.Arrays.fill(f, c * n, (c + 1) * n, e[c]);
        return f;
    }
}
