package rln.solve.hex8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rln.solve.Microstructures;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;

/** The modulus-field solve and the adjoint gradient of the hex8 FE system. */
class Hex8AdjointTest {
    static final int NX = 6, NY = 5, NZ = 4, N = NX * NY * NZ;
    /** Solves converge to this relative residual, near the double-precision floor of the PCG on these grids. */
    static final double TOL = 1e-14;

    @Test
    void aTwoPhaseModulusFieldIsTheTwoPhaseSolveBitForBit() {
        byte[] phase = Microstructures.random(NX, NY, NZ, 0.4, 5);
        Problem p = new Problem(NX, NY, NZ, phase, 50, 0.3, Microstructures.randomStrain(2));
        double[] modulus = new double[N];
        for (int e = 0; e < N; e++) modulus[e] = phase[e] == 1 ? 50 : 1;
        Solution a = new Hex8Solver(true, 1).solve(p, 1e-8);
        Solution b = new Hex8Solver(true, 1).solve(NX, NY, NZ, modulus, 0.3, p.appliedStrain(), 1e-8);
        assertArrayEquals(a.strain(), b.strain());
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.residual(), b.residual());
    }

    /**
     * J = sum_(c,e) r_ce eps_ce (fixed random r, so dJ/deps = r reaches every strain component of every voxel) on
     * random moduli in [1, 10]: the adjoint dJ/dE_e against central differences (J(E + h e_e) - J(E - h e_e)) / 2h,
     * h = 1e-4 E_e, for every element, to 1e-6 relative (the bound). Error budget of the differences:
     * truncation h^2 |J'''| / 6 ~ (h/E)^2 |dJ/dE| = 1e-8 relative; solver and rounding error of J, about TOL S
     * (S = sum |r eps|), over 2h: a worst case TOL S / (2h |dJ/dE_e|) of 2e-6 on the smallest entries, but the two
     * solves' errors are alike and cancel in the difference. Measured: at most 4e-8 relative on every entry.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void adjointGradientMatchesCentralDifferences(boolean bbar) {
        Random rnd = new Random(bbar ? 7 : 8);
        double[] modulus = new double[N], r = new double[6 * N], applied = Microstructures.randomStrain(3);
        for (int e = 0; e < N; e++) modulus[e] = 1 + 9 * rnd.nextDouble();
        for (int i = 0; i < r.length; i++) r[i] = 2 * rnd.nextDouble() - 1;
        Hex8Adjoint adjoint = new Hex8Adjoint(bbar, 1);
        adjoint.solve(NX, NY, NZ, modulus, 0.3, applied, TOL);
        double[] gradient = adjoint.modulusGradient(r, TOL);
        assertTrue(adjoint.adjointIterations() > 0);
        Hex8Solver solver = new Hex8Solver(bbar, 1);
        double worst = 0;
        for (int e = 0; e < N; e++) {
            double e0 = modulus[e], h = 1e-4 * e0;
            modulus[e] = e0 + h;
            double jp = functional(solver, modulus, applied, r);
            modulus[e] = e0 - h;
            double jm = functional(solver, modulus, applied, r);
            modulus[e] = e0;
            double numeric = (jp - jm) / (2 * h), err = Math.abs(numeric - gradient[e]);
            worst = Math.max(worst, err / Math.abs(numeric));
            assertTrue(err <= 1e-6 * Math.abs(numeric),
                    "dJ/dE_" + e + ": adjoint " + gradient[e] + ", central differences " + numeric);
        }
        System.out.printf("hex8 adjoint (bbar %s): worst relative error against central differences %.2e%n", bbar, worst);
    }

    private static double functional(Hex8Solver solver, double[] modulus, double[] applied, double[] r) {
        double[] eps = solver.solve(NX, NY, NZ, modulus, 0.3, applied, TOL).strain();
        double j = 0;
        for (int i = 0; i < r.length; i++) j += r[i] * eps[i];
        return j;
    }
}
