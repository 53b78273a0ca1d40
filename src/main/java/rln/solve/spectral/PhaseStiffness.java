package rln.solve.spectral;

import rln.elastic.Isotropic;
import rln.solve.problem.Problem;

/** The two phases of a {@link Problem}: C(x) = C_0 (E = 1) or C_1 (E = contrast), one nu; sigma = C : eps per voxel. */
final class PhaseStiffness {
    final Isotropic[] phases;
    final double[][][] d; // 6 x 6 tensor-shear stiffness per phase

    PhaseStiffness(Problem p) {
        phases = new Isotropic[] {new Isotropic(1, p.nu()), new Isotropic(p.contrast(), p.nu())};
        d = new double[][][] {phases[0].stiffness(), phases[1].stiffness()};
    }

    /** The stress sigma(x) = C(x) : eps(x) per voxel; component-major fields of n voxels. */
    static void stress(Problem p, double[][][] d, double[] eps, double[] sigma) {
        polarization(p, d, ZERO, eps, sigma);
    }

    private static final double[][] ZERO = new double[6][6];

    /** The polarization tau(x) = (C(x) - C0) : eps(x) per voxel, C0 the reference medium d0; component-major. */
    static void polarization(Problem p, double[][][] d, double[][] d0, double[] eps, double[] out) {
        int n = p.voxels();
        byte[] phase = p.phase();
        double[] e = new double[6];
        for (int x = 0; x < n; x++) {
            double[][] dx = d[phase[x]];
            for (int c = 0; c < 6; c++) e[c] = eps[c * n + x];
            for (int r = 0; r < 6; r++) {
                double s = 0;
                for (int c = 0; c < 6; c++) s += (dx[r][c] - d0[r][c]) * e[c];
                out[r * n + x] = s;
            }
        }
    }
}
