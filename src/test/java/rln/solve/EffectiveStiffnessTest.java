package rln.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rln.elastic.Isotropic;

/**
 * C_eff of a random, nearly isotropic voxel microstructure: major symmetry and the Hashin-Shtrikman bounds.
 * How the bounds are checked: the isotropic projections of C_eff,
 * <pre>
 *   K_eff = (1/9) sum_{i,j <= 3} C_ij                      (hydrostatic response: <sigma_m> / (3 <eps_m>))
 *   G_eff = (A - B + 3 S / 2) / 15,  A = C11+C22+C33, B = C12+C13+C23, S = C44+C55+C66   (isotropic shear
 *                                    projection; tensor-shear form, so an isotropic C gives A - B = 6 mu, S = 6 mu)
 * </pre>
 * must lie between the HS lower and upper bounds of bulk and shear modulus for the two phases at the
 * microstructure's volume fraction (the bounds of statistically isotropic composites; a 12^3 random voxel
 * field is isotropic enough that its projection sits well inside them at contrast 10).
 */
class EffectiveStiffnessTest {

    @ParameterizedTest
    @EnumSource(Element.class)
    void symmetricAndBetweenHashinShtrikmanBounds(Element el) {
        int n = 10;
        byte[] phase = Microstructures.random(n, n, n, 0.4, 4);
        double contrast = 10, nu = 0.3;
        double[][] c = EffectiveStiffness.compute(el, 1, n, n, n, phase, contrast, nu, 1e-10);
        double[][] ce = EffectiveStiffness.engineering(c);
        double scale = c[0][0];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                // major symmetry holds for the exact discrete solution; solved to 1e-10 the columns differ by ~1e-9
                assertEquals(ce[i][j], ce[j][i], 1e-8 * scale, el + " C_eng[" + i + "][" + j + "]");
        double f1 = 0;
        for (byte b : phase) f1 += b;
        f1 /= phase.length;
        double f0 = 1 - f1;
        Isotropic m0 = new Isotropic(1, nu), m1 = new Isotropic(contrast, nu);
        double k0 = m0.bulk(), k1 = m1.bulk(), g0 = m0.mu(), g1 = m1.mu();
        double kLow = k0 + f1 / (1 / (k1 - k0) + 3 * f0 / (3 * k0 + 4 * g0));
        double kHigh = k1 + f0 / (1 / (k0 - k1) + 3 * f1 / (3 * k1 + 4 * g1));
        double gLow = g0 + f1 / (1 / (g1 - g0) + 6 * f0 * (k0 + 2 * g0) / (5 * g0 * (3 * k0 + 4 * g0)));
        double gHigh = g1 + f0 / (1 / (g0 - g1) + 6 * f1 * (k1 + 2 * g1) / (5 * g1 * (3 * k1 + 4 * g1)));
        double kEff = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) kEff += c[i][j] / 9;
        double a = c[0][0] + c[1][1] + c[2][2], b = c[0][1] + c[0][2] + c[1][2], s = c[3][3] + c[4][4] + c[5][5];
        // for isotropic C: A = 3(lambda + 2mu), B = 3 lambda, S = 6 mu  ->  (A - B + 3 S / 2) / 15 = mu
        double gEff = (a - b + 1.5 * s) / 15;
        System.out.printf("%s: K_eff %.4f in [%.4f, %.4f], G_eff %.4f in [%.4f, %.4f]%n", el, kEff, kLow, kHigh, gEff, gLow, gHigh);
        assertTrue(kLow < kEff && kEff < kHigh, el + " bulk " + kEff + " outside HS [" + kLow + ", " + kHigh + "]");
        assertTrue(gLow < gEff && gEff < gHigh, el + " shear " + gEff + " outside HS [" + gLow + ", " + gHigh + "]");
    }

    @ParameterizedTest
    @EnumSource(Element.class)
    void homogeneousMaterialGivesItsOwnStiffness(Element el) {
        double[][] c = EffectiveStiffness.compute(el, 1, 3, 4, 5, new byte[60], 7, 0.2, 1e-10);
        double[][] d = new Isotropic(1, 0.2).stiffness();
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) assertEquals(d[i][j], c[i][j], 1e-13);
    }
}
