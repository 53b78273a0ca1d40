package rln.design;

/**
 * The strain concentration in the soft matrix: the p-mean of eps_xx over the soft phase, each voxel weighted by its
 * soft fraction 1 - rho,
 * <pre>
 *   J = M^(1/p),   M = A / S,   A = sum_e (1 - rho_e) |eps_e|^p,   S = sum_e (1 - rho_e)
 *   dJ/deps_e = (1/p) J^(1-p) dM/deps_e = J^(1-p) (1 - rho_e) |eps_e|^(p-1) sgn(eps_e) / S
 *   dJ/drho_e = (1/p) J^(1-p) dM/drho_e = (1/p) J^(1-p) (M - |eps_e|^p) / S        (at fixed eps)
 * </pre>
 * For large p it tends to the largest matrix strain; p = 8 keeps it smooth. The applied eps_xx is 1 and the mean
 * strain equals it, so a matrix strained uniformly gives J = 1: a design invariant along x (fibres or layers along
 * the load) has eps_xx = 1 everywhere, its lower limit in practice.
 */
final class MatrixPeak {
    private MatrixPeak() {}

    /**
     * J for the densities {@code rho} and strains {@code exx} (not modified). When not null, {@code dJdExx} and
     * {@code dJdRho} are overwritten with the partial derivatives above.
     */
    static double value(double[] rho, double[] exx, double p, double[] dJdExx, double[] dJdRho) {
        double a = 0, s = 0;
        for (int e = 0; e < rho.length; e++) {
            double w = 1 - rho[e];
            a += w * Math.pow(Math.abs(exx[e]), p);
            s += w;
        }
        if (!(s > 0)) throw new IllegalArgumentException("no soft phase: the matrix strain is undefined");
        double m = a / s, j = Math.pow(m, 1 / p), scale = Math.pow(j, 1 - p) / s;
        for (int e = 0; e < rho.length; e++) {
            double abs = Math.abs(exx[e]);
            if (dJdExx != null) dJdExx[e] = scale * (1 - rho[e]) * Math.pow(abs, p - 1) * Math.signum(exx[e]);
            if (dJdRho != null) dJdRho[e] = scale * (m - Math.pow(abs, p)) / p;
        }
        return j;
    }
}
