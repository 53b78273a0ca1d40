package rln.solve;

import rln.solve.problem.Problem;
import rln.solve.problem.Solver;
import rln.elastic.Isotropic;
import rln.elastic.Voigt;

/**
 * The effective (homogenized) stiffness of a periodic two-phase microstructure from six unit load cases:
 * <pre>
 *   column c of C_eff = < sigma >  for the applied strain E = e_c   (unit component c, Voigt order xx..xy)
 *   < sigma > = (1/N) sum_x C(x) : eps(x)      (per voxel: the element-average strain for the hex8 elements,
 *                                               exact for the volume average because stress is linear in u)
 * </pre>
 * so that <sigma> = C_eff E for any applied E, in the project's Voigt convention (TENSOR shear strain; for a
 * single isotropic phase C_eff = Isotropic.stiffness(), with 2 mu on the shear diagonal). Major symmetry of the
 * fourth-order tensor appears as symmetry of W C_eff (W = diag(1,1,1,2,2,2)); {@link #engineering} gives the
 * textbook symmetric matrix for engineering shear strain.
 */
public final class EffectiveStiffness {
    private EffectiveStiffness() {}

    /**
     * C_eff (6 x 6, tensor-shear strain) of the microstructure {@code phase} (nx*ny*nz voxels, C order, 0 = soft
     * modulus 1, 1 = stiff modulus {@code contrast}), Poisson's ratio {@code nu}, solved with {@code element}
     * to tolerance {@code tol} on {@code threads} workers.
     */
    public static double[][] compute(Element element, int threads, int nx, int ny, int nz, byte[] phase,
            double contrast, double nu, double tol) {
        return compute(Solvers.create(element, threads), nx, ny, nz, phase, contrast, nu, tol);
    }

    /** As above with a given solver (reused across the six solves). */
    public static double[][] compute(Solver solver, int nx, int ny, int nz, byte[] phase, double contrast, double nu, double tol) {
        double[][] c = new double[6][6];
        double[][][] d = {new Isotropic(1, nu).stiffness(), new Isotropic(contrast, nu).stiffness()};
        int n = nx * ny * nz;
        for (int load = 0; load < 6; load++) {
            Problem p = new Problem(nx, ny, nz, phase, contrast, nu, Problem.unitStrain(load));
            double[] eps = solver.solve(p, tol).strain();
            for (int x = 0; x < n; x++) {
                double[][] dx = d[phase[x]];
                for (int r = 0; r < 6; r++) {
                    double s = 0;
                    for (int k = 0; k < 6; k++) s += dx[r][k] * eps[k * n + x];
                    c[r][load] += s / n;
                }
            }
        }
        return c;
    }

    /** The engineering-shear form C_eng[r][c] = C[r][c] / W_c (sigma = C_eng gamma, gamma_yz = 2 eps_yz): symmetric. */
    public static double[][] engineering(double[][] c) {
        double[][] e = new double[6][6];
        for (int r = 0; r < 6; r++)
            for (int k = 0; k < 6; k++) e[r][k] = c[r][k] / Voigt.W[k];
        return e;
    }
}
