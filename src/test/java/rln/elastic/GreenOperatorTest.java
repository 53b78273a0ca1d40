package rln.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The closed-form Green operator: its defining properties, checked at random wave vectors. */
class GreenOperatorTest {
    static final double TOL = 1e-12; // O(1) quantities built from a handful of products

    static double[] random6(Random r) {
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) v[i] = r.nextGaussian();
        return v;
    }

    static double[] times(double[][] d, double[] e) {
        double[] s = new double[6];
        for (int r = 0; r < 6; r++) for (int c = 0; c < 6; c++) s[r] += d[r][c] * e[c];
        return s;
    }

    @Property(tries = 30, seed = "7")
    void strainIsCompatibleAndStressInEquilibrium(@ForAll @DoubleRange(min = -3, max = 3) double x,
            @ForAll @DoubleRange(min = -3, max = 3) double y, @ForAll @DoubleRange(min = 0.1, max = 3) double z,
            @ForAll @DoubleRange(min = -0.9, max = 0.45) double nu) {
        double[] xi = {x, y, z};
        Isotropic c0 = new Isotropic(1.7, nu);
        GreenOperator g = GreenOperator.of(c0);
        double[] tau = random6(new Random(Double.hashCode(x + 3 * y + 7 * z)));
        double[] eps = new double[6];
        g.apply(xi, tau, eps);
        // equilibrium: (C0 : eps - tau) . xi = 0  (the Fourier form of div(C0 : eps + tau) = 0 with eps = -Gamma0 tau)
        double[] s = times(c0.stiffness(), eps);
        double[][] st = Voigt.toTensor(s), tt = Voigt.toTensor(tau);
        for (int i = 0; i < 3; i++) {
            double div = 0;
            for (int j = 0; j < 3; j++) div += (st[i][j] - tt[i][j]) * xi[j];
            assertEquals(0, div, TOL * 10);
        }
        // compatibility: eps = sym(xi (x) a) for some a; then Gamma0 : C0 : eps = eps (projection)
        double[] again = new double[6];
        g.apply(xi, s, again);
        for (int c = 0; c < 6; c++) assertEquals(eps[c], again[c], TOL * 10);
        // the Voigt-matrix form is the same operator
        double[][] m = g.voigtMatrix(xi);
        double[] viaMatrix = times(m, tau);
        for (int c = 0; c < 6; c++) assertEquals(eps[c], viaMatrix[c], TOL);
    }

    @Test
    void projectionIsIdempotentAndZeroAtTheOrigin() {
        GreenOperator g = GreenOperator.projection();
        Random r = new Random(3);
        double[] xi = {0.3, -1.2, 2.0}, t = random6(r), once = new double[6], twice = new double[6];
        g.apply(xi, t, once);
        g.apply(xi, once, twice);
        for (int c = 0; c < 6; c++) assertEquals(once[c], twice[c], TOL);
        // a compatible strain sym(xi (x) a) is left unchanged
        double[] a = {0.4, 1.1, -0.6};
        double[] compat = new double[6];
        for (int c = 0; c < 6; c++) {
            int i = Voigt.PAIRS[c][0], j = Voigt.PAIRS[c][1];
            compat[c] = (xi[i] * a[j] + xi[j] * a[i]) / 2;
        }
        g.apply(xi, compat, once);
        for (int c = 0; c < 6; c++) assertEquals(compat[c], once[c], TOL);
        g.apply(new double[3], t, once);
        for (int c = 0; c < 6; c++) assertEquals(0, once[c]);
    }
}
