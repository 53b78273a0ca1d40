package rln.solve.spectral;

import rln.elastic.GreenOperator;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import rln.elastic.Isotropic;

/**
 * The basic fixed-point scheme of Moulinec and Suquet (1994, 1998), METHOD.md section 2:
 * <pre>
 *   eps^0 = E
 *   tau^k = (C(x) - C0) : eps^k                       (the polarization)
 *   eps^(k+1) = E - Gamma0 * tau^k                    (Gamma0(0) = 0 keeps the mean at E)
 *   C0: lambda0 = (lambda_min + lambda_max)/2,  mu0 = (mu_min + mu_max)/2    (the convergent choice)
 * </pre>
 * The convolution is a product in Fourier space with the closed-form Gamma0(xi) (GreenOperator; Nyquist
 * frequencies as in FourierGrid). Iterations grow like the contrast.
 * <pre>
 *   stop   ||G[C : eps^k]|| / ||G[C : E]|| <= tol
 * </pre>
 * with G the projection onto compatible fields and ||.|| the tensor L2 norm: the same equilibrium residual as
 * the Galerkin scheme ({@link GalerkinSolver}), so the two are stopped by one measure (and, as there, a
 * homogeneous material, ||G[C : E]|| <= 1e-14 ||C : E||, returns E after 0 iterations).
 */
public final class BasicSchemeSolver implements Solver {
    public static final int MAX_ITERATIONS = 100_000;
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
        PhaseStiffness phases = new PhaseStiffness(pr);
        Isotropic soft = phases.phases[0], stiff = phases.phases[1];
        GreenOperator gamma0 = new GreenOperator((soft.lambda() + stiff.lambda()) / 2, (soft.mu() + stiff.mu()) / 2);
        double[][] c0 = Isotropic.fromLame(gamma0.lambda0(), gamma0.mu0()).stiffness();
        double[] gammaMatrices = grid.greenMatrices(gamma0);

        double[] applied = GalerkinSolver.uniform(pr.appliedStrain(), n);
        double[] eps = applied.clone(), tau = new double[6 * n], sigma = new double[6 * n], g = new double[6 * n];
        double normE = equilibrium(pr, phases, applied, sigma, g);
        double residual = normE > Solver.ROUNDING * Math.sqrt(FourierGrid.inner(sigma, sigma, n)) ? 1 : 0;
        int it = 0;
        while (residual > tol) {
            if (it == MAX_ITERATIONS) throw new ArithmeticException("basic scheme did not reach " + tol + " in " + it + " iterations");
            PhaseStiffness.polarization(pr, phases.d, c0, eps, tau);  // tau = (C - C0) : eps
            grid.convolve(gammaMatrices, tau, eps);                  // eps = Gamma0 * tau
            for (int i = 0; i < eps.length; i++) eps[i] = applied[i] - eps[i];   // eps = E - Gamma0 * tau
            it++;
            residual = equilibrium(pr, phases, eps, sigma, g) / normE;
        }
        return new Solution(eps, it, residual, (System.nanoTime() - t0) * 1e-9);
    }

    /** ||G[C : eps]||, using sigma and g as scratch. */
    private double equilibrium(Problem pr, PhaseStiffness phases, double[] eps, double[] sigma, double[] g) {
        PhaseStiffness.stress(pr, phases.d, eps, sigma);
        grid.convolve(projection, sigma, g);
        return Math.sqrt(FourierGrid.inner(g, g, grid.n));
    }
}
