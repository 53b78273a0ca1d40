package rln.design;

import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.hex8.Hex8Adjoint;

/**
 * The exact route: the periodic hex8 FE system (B-bar by default) with the modulus of every voxel interpolated from
 * its density, and the gradient from its adjoint (rln.solve.hex8.Hex8Adjoint):
 * <pre>
 *   E_e = E(rho_e)                                   (Interpolation)
 *   K(E) w = f(E),  eps = E_xx + &lt;B&gt; w                (one PCG solve)
 *   dJ/drho_e = dJ/drho_e|explicit + (dJ/dE_e|explicit + lambda_e^T (f_e0 - K_e0 w_e)) dE/drho_e
 *                                                    (K lambda = dJ/dw: one more PCG solve)
 * </pre>
 * The load is a unit eps_xx.
 */
public final class FeRoute implements Route {
    private final int nx, ny, nz, n;
    private final Objective objective;
    private final Interpolation interpolation;
    private final double nu, p, tol;
    private final Hex8Adjoint adjoint;
    private final double[] modulus, slope, dJdStrain, dJdModulus, dJdRho;

    /**
     * @param p   the exponent of {@link MatrixPeak} (unused for C11)
     * @param tol relative residual of the forward and adjoint PCG solves
     */
    public FeRoute(int nx, int ny, int nz, Objective objective, Interpolation interpolation, double nu, double p,
            boolean bbar, double tol, int threads) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.n = nx * ny * nz;
        this.objective = objective;
        this.interpolation = interpolation;
        this.nu = nu;
        this.p = p;
        this.tol = tol;
        this.adjoint = new Hex8Adjoint(bbar, threads);
        modulus = new double[n];
        slope = new double[n];
        dJdStrain = new double[6 * n];
        dJdModulus = new double[n];
        dJdRho = new double[n];
    }

    @Override
    public String name() {
        return "fe";
    }

    @Override
    public Evaluation evaluate(double[] rho) {
        interpolation.modulus(rho, modulus);
        Solution s = adjoint.solve(nx, ny, nz, modulus, nu, Problem.unitStrain(0), tol);
        double[] eps = s.strain(), exx = java.util.Arrays.copyOf(eps, n);
        double j;
        java.util.Arrays.fill(dJdStrain, 0);
        java.util.Arrays.fill(dJdModulus, 0);
        java.util.Arrays.fill(dJdRho, 0);
        if (objective == Objective.MATRIX_PEAK) {
            double[] dJdExx = new double[n];
            j = MatrixPeak.value(rho, exx, p, dJdExx, dJdRho);
            System.arraycopy(dJdExx, 0, dJdStrain, 0, n); // component xx of dJ/deps
        } else {
            j = EffectiveC11.value(modulus, eps, nu, dJdStrain, dJdModulus);
        }
        double[] implicit = adjoint.modulusGradient(dJdStrain, tol);
        interpolation.slope(rho, slope);
        double[] gradient = new double[n];
        for (int e = 0; e < n; e++) gradient[e] = dJdRho[e] + (dJdModulus[e] + implicit[e]) * slope[e];
        return new Evaluation(j, gradient, exx, s.iterations() + adjoint.adjointIterations());
    }

    /** The objective of a two-phase microstructure (phase 0/1 per voxel), solved exactly (no gradient). */
    public double exact(byte[] phase) {
        double[] rho = new double[n];
        for (int e = 0; e < n; e++) rho[e] = phase[e];
        interpolation.modulus(rho, modulus);
        Solution s = adjoint.solve(nx, ny, nz, modulus, nu, Problem.unitStrain(0), tol);
        return objective == Objective.MATRIX_PEAK
                ? MatrixPeak.value(rho, s.strain(), p, null, null)
                : EffectiveC11.value(modulus, s.strain(), nu, null, null);
    }
}
