package rln.solve;

import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every scheme must satisfy: homogeneous material, laminate closed form, mean strain. */
class SchemeContractTest {
    /** The tolerance the tests solve to: tight, so that comparisons with closed forms are about rounding. */
    static final double TOL = 1e-10;

    @ParameterizedTest
    @EnumSource(Element.class)
    void homogeneousMaterialGivesTheAppliedStrainEverywhere(Element el) {
        double[] e = Microstructures.randomStrain(5);
        // all phase 0 with any contrast, all phase 1, and a mixed one with contrast 1: all homogeneous
        Problem[] problems = {
            new Problem(4, 5, 3, new byte[60], 30, 0.3, e),
            new Problem(4, 5, 3, filled(60), 30, 0.25, e),
            new Problem(4, 5, 3, Microstructures.random(4, 5, 3, 0.5, 9), 1, -0.2, e)};
        Solver s = Solvers.create(el, 1);
        for (Problem p : problems) {
            Solution sol = s.solve(p, TOL);
            int n = p.voxels();
            for (int c = 0; c < 6; c++)
                for (int x = 0; x < n; x++)
                    // the load assembles to 0 up to rounding (or is exactly 0): 1e-13 of an O(1) strain
                    assertEquals(e[c], sol.strain()[c * n + x], 1e-13, el + " component " + c);
        }
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 1);
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = Element.class, names = {"HEX8", "HEX8_BBAR"})
    void meanStrainIsTheAppliedStrain(Element el) {
        Solver s = Solvers.create(el, 1);
        for (int[] g : new int[][] {{6, 5, 7}, {4, 4, 4}, {2, 3, 2}}) {
            int n = g[0] * g[1] * g[2];
            double[] e = Microstructures.randomStrain(n);
            Problem p = new Problem(g[0], g[1], g[2], Microstructures.random(g[0], g[1], g[2], 0.4, n), 40, 0.3, e);
            Solution sol = s.solve(p, 1e-8);
            // exact in exact arithmetic for any w (periodic w telescopes): only rounding remains
            for (int c = 0; c < 6; c++) assertEquals(e[c], Microstructures.mean(sol.strain(), c, n), 1e-12, el + " " + c);
        }
    }

    /** Layers normal to x, odd and even nx (for even nx the spectral schemes rely on keeping Gamma0 at (pi, 0, 0)). */
    @ParameterizedTest
    @EnumSource(Element.class)
    void laminateMatchesItsClosedForm(Element el) {
        boolean[][] patterns = {
            {true, false, false, true, false, true, true},   // nx = 7, odd
            {true, true, false, false, true, false, false, true}, // nx = 8: no Nyquist content in the indicator
            {true, false, false, false},                            // nx = 4: Nyquist content (alternating sum 1)
            {false, true},                                          // nx = 2: every non-zero frequency is Nyquist
        };
        double c = 50;
        Solver s = Solvers.create(el, 1);
        for (boolean[] pattern : patterns) {
            int nx = pattern.length, ny = 3, nz = 4, n = nx * ny * nz;
            double f1 = 0;
            for (boolean b : pattern) f1 += b ? 1.0 / nx : 0;
            double f0 = 1 - f1;
            // normal (xx) and shear (xy, xz) loads across the layers: the traction is continuous, so
            // eps = E / (f0 + f1/c) in phase 0 and that divided by c in phase 1 (same nu, moduli 1 and c)
            for (int comp : new int[] {0, 4, 5}) {
                Problem p = new Problem(nx, ny, nz, Microstructures.laminateX(ny, nz, pattern), c, 0.3, Problem.unitStrain(comp));
                Solution sol = s.solve(p, TOL);
                double soft = 1 / (f0 + f1 / c);
                for (int x = 0; x < n; x++)
                    for (int k = 0; k < 6; k++) {
                        double expected = k != comp ? 0 : (p.phase()[x] == 1 ? soft / c : soft);
                        // solved to 1e-10 in a residual norm; strain error <= sqrt(cond) * 1e-10 ~ 1e-9 for c = 50
                        assertEquals(expected, sol.strain()[k * n + x], 1e-8, el + " load " + comp + " component " + k + " nx " + nx);
                    }
            }
        }
    }

    @Test
    void basicAndSpectralConvergeToTheSameField() {
        for (int[] g : new int[][] {{5, 6, 7}, {6, 6, 4}}) {
            int n = g[0] * g[1] * g[2];
            Problem p = new Problem(g[0], g[1], g[2], Microstructures.random(g[0], g[1], g[2], 0.4, 77), 10, 0.3, Microstructures.randomStrain(1));
            Solution a = Solvers.create(Element.BASIC, 1).solve(p, 1e-11);
            Solution b = Solvers.create(Element.SPECTRAL, 1).solve(p, 1e-11);
            for (int i = 0; i < 6 * n; i++)
                // both solve the same discrete equation; at residual 1e-11 each is within ~cond * 1e-11 = 1e-10
                assertEquals(b.strain()[i], a.strain()[i], 1e-8, "voxel value " + i);
            System.out.printf("basic %d iterations, spectral %d iterations (grid %dx%dx%d, contrast 10)%n",
                    a.iterations(), b.iterations(), g[0], g[1], g[2]);
        }
    }

    @Test
    void solutionReportsIterationsResidualAndTime() {
        Problem p = new Problem(5, 4, 6, Microstructures.random(5, 4, 6, 0.5, 2), 10, 0.3, Problem.unitStrain(0));
        for (Element el : Element.values()) {
            Solver solver = Solvers.create(el, 1);
            long t0 = System.nanoTime();
            Solution sol = solver.solve(p, 1e-8);
            double wall = (System.nanoTime() - t0) * 1e-9;
            org.junit.jupiter.api.Assertions.assertTrue(sol.iterations() > 0 && sol.residual() <= 1e-8, el.toString());
            // the reported time is the solve's own duration in seconds: within the wall time around the call
            org.junit.jupiter.api.Assertions.assertTrue(sol.seconds() >= 0 && sol.seconds() <= wall, el + ": " + sol.seconds() + " s reported, " + wall + " s around the call");
        }
    }
}
