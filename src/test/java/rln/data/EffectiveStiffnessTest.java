package rln.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import rln.elastic.Isotropic;
import rln.micro.Laminate;
import rln.solve.Element;
import rln.solve.Solver;
import rln.solve.Solvers;

class EffectiveStiffnessTest {
    // the solves run to 1e-11; C_eff is linear in the strain, so it carries about that relative error
    static final double TOL = 1e-11, CHECK = 1e-8;

    @Test
    void homogeneousCellGivesTheMaterialStiffness() {
        int n = 4;
        byte[] phase = new byte[n * n * n];
        java.util.Arrays.fill(phase, (byte) 1);
        double[][] c = EffectiveStiffness.compute(Solvers.create(Element.HEX8_BBAR, 1), n, n, n, phase, 7, 0.3, TOL, null);
        double[][] d = new Isotropic(7, 0.3).stiffness();
        for (int i = 0; i < 6; i++) assertArrayEquals(d[i], c[i], CHECK * 7);
    }

    @Test
    void laminateNormalToXMatchesItsClosedForm() {
        // layers normal to x under eps_xx: sigma_xx is continuous and eps_yy = eps_zz = 0 in every layer, so
        // eps_xx,p = (lambda0 + 2 mu0) eps_0 / (lambda_p + 2 mu_p) with eps_0 = 1 / (f0 + f1/c), and
        // C_xxxx = (lambda0 + 2 mu0) / (f0 + f1/c), C_yyxx = C_zzxx = lambda0 / (f0 + f1/c). The FE solution is
        // piecewise constant there, hence exact up to the solver tolerance.
        int n = 6;
        double c = 20, nu = 0.3;
        byte[] phase = Laminate.generate(n, n, n, 0, 0.5, 0);
        for (Element el : new Element[] {Element.HEX8_BBAR, Element.HEX8}) {
            Solver s = Solvers.create(el, 1);
            double[][] ce = EffectiveStiffness.compute(s, n, n, n, phase, c, nu, TOL, null);
            Isotropic m0 = new Isotropic(1, nu);
            double eps0 = 1 / (0.5 + 0.5 / c);
            assertEquals((m0.lambda() + 2 * m0.mu()) * eps0, ce[0][0], CHECK * ce[0][0], el.cliName);
            assertEquals(m0.lambda() * eps0, ce[1][0], CHECK * ce[0][0], el.cliName);
            assertEquals(m0.lambda() * eps0, ce[2][0], CHECK * ce[0][0], el.cliName);
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++) assertEquals(ce[i][j], ce[j][i], CHECK * ce[0][0], "symmetric (" + i + "," + j + ")");
        }
    }
}
