package rln.design;

import rln.elastic.Isotropic;

/**
 * The effective C11 under the applied strain E = e_xx: the mean stress sigma_xx,
 * <pre>
 *   C11 = (1/N) sum_e E_e (D0 eps_e)_xx = (1/N) sum_e E_e sum_c D0[xx][c] eps_ce      (D0: unit modulus, nu)
 *   dC11/deps_ce = E_e D0[xx][c] / N,    dC11/dE_e = (D0 eps_e)_xx / N                (explicit parts)
 * </pre>
 * the hex8 element's mean stress being E_e D0 times its centroid strain (rln.solve.EffectiveStiffness), so this is
 * column xx, row xx of C_eff. Both phases share nu: only E_e varies.
 */
final class EffectiveC11 {
    private EffectiveC11() {}

    /**
     * C11 of the moduli {@code modulus} and the strain field {@code strain} (6 N, component-major); neither
     * modified. When not null, {@code dJdStrain} (6 N) and {@code dJdModulus} (N) are overwritten with the partial
     * derivatives above.
     */
    static double value(double[] modulus, double[] strain, double nu, double[] dJdStrain, double[] dJdModulus) {
        double[] row = new Isotropic(1, nu).stiffness()[0];
        int n = modulus.length;
        double c11 = 0;
        for (int e = 0; e < n; e++) {
            double stress = 0; // (D0 eps_e)_xx
            for (int c = 0; c < 6; c++) stress += row[c] * strain[c * n + e];
            c11 += modulus[e] * stress;
            if (dJdModulus != null) dJdModulus[e] = stress / n;
            if (dJdStrain != null)
                for (int c = 0; c < 6; c++) dJdStrain[c * n + e] = modulus[e] * row[c] / n;
        }
        return c11 / n;
    }
}
