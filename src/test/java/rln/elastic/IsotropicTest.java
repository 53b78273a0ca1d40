package rln.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IsotropicTest {
    static final double TOL = 1e-14; // a few ulps of O(1) values: these are closed-form identities

    @Test
    void lameConstantsByHand() {
        Isotropic m = new Isotropic(1, 0.3);
        // lambda = 0.3 / (1.3 * 0.4) = 0.576923..., mu = 1 / 2.6 = 0.384615..., K = 1 / (3 * 0.4)
        assertEquals(0.3 / 0.52, m.lambda(), TOL);
        assertEquals(1 / 2.6, m.mu(), TOL);
        assertEquals(1 / 1.2, m.bulk(), TOL);
        Isotropic back = Isotropic.fromLame(m.lambda(), m.mu());
        assertEquals(1, back.young(), TOL);
        assertEquals(0.3, back.nu(), TOL);
    }

    @Test
    void tensorShearConventionSigmaYzIsTwoMuEpsYz() {
        Isotropic m = new Isotropic(2.5, 0.2);
        double[][] d = m.stiffness();
        for (int c = 3; c < 6; c++) {
            double[] eps = new double[6];
            eps[c] = 0.7; // tensor shear eps_yz (engineering gamma would be 1.4)
            double sigma = 0;
            for (int k = 0; k < 6; k++) sigma += d[c][k] * eps[k];
            assertEquals(2 * m.mu() * 0.7, sigma, TOL);
            // the same as sigma = mu * gamma with engineering shear
            assertEquals(m.mu() * 1.4, sigma, TOL);
        }
        // a pure volumetric strain e*I gives a hydrostatic stress 3 K e
        double[] vol = {1e-3, 1e-3, 1e-3, 0, 0, 0};
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int k = 0; k < 6; k++) s += d[r][k] * vol[k];
            assertEquals(3 * m.bulk() * 1e-3, s, 1e-17);
        }
    }

    @Test
    void energyDensityUsesTheShearWeight() {
        // eps : C : eps = lambda tr(eps)^2 + 2 mu eps:eps, with eps:eps counting each shear twice
        Isotropic m = new Isotropic(1, 0.3);
        double[] eps = {0.1, -0.2, 0.3, 0.05, -0.07, 0.11};
        double[][] d = m.stiffness();
        double[] sigma = new double[6];
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 6; c++) sigma[r] += d[r][c] * eps[c];
        double tr = eps[0] + eps[1] + eps[2];
        double expected = m.lambda() * tr * tr + 2 * m.mu() * Voigt.contract(eps, eps);
        assertEquals(expected, Voigt.contract(sigma, eps), TOL);
    }
}
