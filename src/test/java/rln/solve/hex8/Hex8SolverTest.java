package rln.solve.hex8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rln.solve.Microstructures;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.util.Parallel;

/** Properties of the hex8 PCG solver beyond the scheme contract. */
class Hex8SolverTest {
    private int threads;

    @BeforeEach
    void rememberThreads() {
        threads = Parallel.threads();
    }

    @AfterEach
    void restoreThreads() { // the pool size is global: leave it as the next test expects
        Parallel.setThreads(threads);
    }

    @Test
    void sameResultBitForBitOnOneAndTwoThreads() {
        Problem p = new Problem(9, 7, 8, Microstructures.random(9, 7, 8, 0.4, 3), 50, 0.3, Microstructures.randomStrain(8));
        Solution one = new Hex8Solver(true, 1).solve(p, 1e-8);
        Parallel.setThreads(2);
        Solution two = new Hex8Solver(true, 2).solve(p, 1e-8);
        Solution twoAgain = new Hex8Solver(true, 2).solve(p, 1e-8);
        // every hot loop sums each value in one fixed order, whatever the partition
        assertArrayEquals(one.strain(), two.strain());
        assertArrayEquals(two.strain(), twoAgain.strain());
        assertEquals(one.iterations(), two.iterations());
    }

    @Test
    void referenceModulusDoesNotChangeTheIterations() {
        // M scaled by E_ref scales z, rho and p by 1/E_ref and alpha by E_ref: the CG steps are the same.
        // Measured here for E_ref = 1 (soft), the arithmetic and geometric means and the stiff modulus.
        Problem p = new Problem(8, 8, 8, Microstructures.random(8, 8, 8, 0.5, 12), 50, 0.3, Problem.unitStrain(0));
        Solution base = new Hex8Solver(true, 1, 1).solve(p, 1e-8);
        for (double eRef : new double[] {25.5, Math.sqrt(50), 50}) {
            Solution s = new Hex8Solver(true, 1, eRef).solve(p, 1e-8);
            assertEquals(base.iterations(), s.iterations(), "E_ref " + eRef);
            // the same iterates up to rounding: the strain fields agree far below the solver tolerance
            for (int i = 0; i < base.strain().length; i++) assertEquals(base.strain()[i], s.strain()[i], 1e-10);
        }
    }

    @Test
    void reusesPerGridDataAcrossSamplesAndContrasts() {
        Hex8Solver s = new Hex8Solver(false, 1);
        Problem a = new Problem(6, 5, 4, Microstructures.random(6, 5, 4, 0.3, 1), 10, 0.3, Problem.unitStrain(0));
        Problem b = new Problem(6, 5, 4, Microstructures.random(6, 5, 4, 0.6, 2), 1000, 0.3, Problem.unitStrain(3));
        Solution first = s.solve(a, 1e-9);
        Hex8Operator op = s.operator();
        s.solve(b, 1e-9);
        assertTrue(op == s.operator(), "same grid and nu: the operator (and symbol) are kept");
        // and a reused instance gives exactly what a fresh one gives
        assertArrayEquals(first.strain(), s.solve(a, 1e-9).strain());
        assertArrayEquals(new Hex8Solver(false, 1).solve(b, 1e-9).strain(), s.solve(b, 1e-9).strain());
    }

    @Test
    void highContrastAndAuxeticMaterialsConverge() {
        Problem p = new Problem(7, 6, 5, Microstructures.random(7, 6, 5, 0.5, 21), 1000, -0.5, Problem.unitStrain(1));
        Solution s = new Hex8Solver(true, 1).solve(p, 1e-8);
        assertTrue(s.residual() <= 1e-8);
        for (int c = 0; c < 6; c++) assertEquals(c == 1 ? 1 : 0, Microstructures.mean(s.strain(), c, p.voxels()), 1e-12);
        Problem soft = new Problem(7, 6, 5, p.phase(), 1e-3, 0.45, Problem.unitStrain(5)); // contrast < 1 works too
        assertTrue(new Hex8Solver(false, 1).solve(soft, 1e-8).residual() <= 1e-8);
    }
}
