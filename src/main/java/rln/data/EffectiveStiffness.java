package rln.data;

import rln.elastic.Isotropic;
import rln.solve.Problem;
import rln.solve.Solution;
import rln.solve.Solver;

/**
 * The effective (homogenized) stiffness of a periodic cell from six solves. Column j of C_eff is the average
 * stress under the unit applied strain e_j (j = xx, yy, zz, yz, xz, xy, tensor shear):
 * <pre>
 *   C_eff[i][j] = < sigma_i(eps^(j)) >,   sigma = D_p eps  per voxel,  D_p = Isotropic(E_p, nu).stiffness() (tensor shear)
 * </pre>
 * so {@code <sigma> = C_eff : E} for E in these components; a unit tensor shear eps_yz = 1 is an engineering
 * shear of 2, hence C_eff[3][3] = 2 mu for an isotropic homogeneous cell. The stress is linear in the strain
 * and constant in the phase inside a voxel, so the voxel (element-average) strain gives the element-average
 * stress exactly, also for the hexahedral elements. Phase 0 has Young's modulus 1, phase 1 the contrast.
 */
public final class EffectiveStiffness {
    private EffectiveStiffness() {}

    /** Solves the six load cases of {@code micro} and returns C_eff (6x6). {@code solutions} (if not null) receives the six solutions. */
    public static double[][] compute(Solver solver, int nx, int ny, int nz, byte[] phase, double contrast, double nu,
                                     double tol, Solution[] solutions) {
        double[][] c = new double[6][6];
        for (int j = 0; j < 6; j++) {
            Problem p = new Problem(nx, ny, nz, phase, contrast, nu, Problem.unitStrain(j));
            Solution s = solver.solve(p, tol);
            if (solutions != null) solutions[j] = s;
            double[] mean = averageStress(phase, s.strain(), contrast, nu);
            for (int i = 0; i < 6; i++) c[i][j] = mean[i];
        }
        return c;
    }

    /** <sigma> over the cell, 6 components (xx, yy, zz, yz, xz, xy), from a component-major strain field. */
    public static double[] averageStress(byte[] phase, double[] strain, double contrast, double nu) {
        int n = phase.length;
        double[][][] d = {new Isotropic(1, nu).stiffness(), new Isotropic(contrast, nu).stiffness()}; // sigma = D eps, tensor shear
        double[] sum = new double[6];
        for (int v = 0; v < n; v++) {
            double[][] dv = d[phase[v]];
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++) sum[i] += dv[i][j] * strain[j * n + v];
        }
        for (int i = 0; i < 6; i++) sum[i] /= n;
        return sum;
    }
}
