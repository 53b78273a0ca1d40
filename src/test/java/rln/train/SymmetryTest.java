package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rln.solve.Microstructures;
import rln.solve.problem.Problem;
import rln.solve.hex8.Hex8Solver;

/**
 * The augmentation maps are exact symmetries of the FE problem with the load along x: the solution of the
 * mapped microstructure is the mapped solution, to solver tolerance.
 */
class SymmetryTest {
    static final int NX = 7, NY = 6, NZ = 6, V = NX * NY * NZ;
    static final double TOL = 1e-11;
    /**
     * Both solves stop at ||f - K w|| / ||f|| <= TOL. The strain error of such a solve is at most about
     * kappa_eff * TOL, and the fe21 comparison measured a field error of 33 x the tolerance at contrast 50
     * (3.3e-7 at 1e-8, README): 1000 x TOL bounds the difference of two solves with a 15x margin, and is
     * still 1e-8, six orders below the effect of a wrong map (O(1e-1), see the x-y transpose below).
     */
    static final double BOUND = 1000 * TOL;

    static double[] exx(byte[] phase) {
        Problem p = new Problem(NX, NY, NZ, phase, 50, 0.3, Problem.unitStrain(0));
        return Arrays.copyOf(new Hex8Solver(true, 1).solve(p, TOL).strain(), V); // component xx comes first
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void everyKindOfMapCommutesWithTheFeSolver() {
        byte[] m = Microstructures.random(NX, NY, NZ, 0.45, 5);
        double[] e = exx(m);
        Symmetry[] maps = {
                new Symmetry(3, 0, 0, false, false, false, false),  // shift along x
                new Symmetry(0, 2, 5, false, false, false, false),  // shift along y and z
                new Symmetry(0, 0, 0, true, false, false, false),   // mirror x (the load axis)
                new Symmetry(0, 0, 0, false, true, false, false),   // mirror y
                new Symmetry(0, 0, 0, false, false, true, false),   // mirror z
                new Symmetry(0, 0, 0, false, false, false, true),   // swap y and z
                new Symmetry(4, 1, 3, true, false, true, true),     // a composition
        };
        for (Symmetry t : maps) {
            double d = maxAbsDiff(exx(t.apply(m, NX, NY, NZ)), t.apply(e, NX, NY, NZ));
            assertTrue(d <= BOUND, t + ": solve(T m) - T solve(m) = " + d);
        }
    }

    @Test
    void aMapThatMovesTheLoadAxisIsNotASymmetry() {
        // the control that shows the test above can fail: transposing x and y (a cube, so the map is defined) is a
        // symmetry of the grid but not of the load; eps_xx of the transposed cell is eps_yy of the original
        int n = 6;
        byte[] m = Microstructures.random(n, n, n, 0.45, 5);
        Problem p = new Problem(n, n, n, m, 50, 0.3, Problem.unitStrain(0));
        double[] e = Arrays.copyOf(new Hex8Solver(true, 1).solve(p, TOL).strain(), n * n * n);
        byte[] mt = new byte[m.length];
        double[] et = new double[e.length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) {
                    mt[(i * n + j) * n + k] = m[(j * n + i) * n + k];
                    et[(i * n + j) * n + k] = e[(j * n + i) * n + k];
                }
        double[] solved = Arrays.copyOf(new Hex8Solver(true, 1).solve(new Problem(n, n, n, mt, 50, 0.3, Problem.unitStrain(0)), TOL).strain(), n * n * n);
        assertTrue(maxAbsDiff(solved, et) > 1e6 * BOUND, "x-y transpose differs by only " + maxAbsDiff(solved, et));
    }

    @Test
    void everyMapIsAPermutationOfTheVoxels() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            Symmetry t = Symmetry.random(NX, NY, NZ, rnd);
            boolean[] hit = new boolean[V];
            for (int i = 0; i < NX; i++)
                for (int j = 0; j < NY; j++)
                    for (int k = 0; k < NZ; k++) {
                        int s = t.source(i, j, k, NX, NY, NZ);
                        assertFalse(hit[s], t + " maps two voxels from " + s);
                        hit[s] = true;
                    }
        }
        // the three array types carry the same map
        Symmetry t = new Symmetry(2, 5, 1, true, true, false, true);
        float[] f = new float[V];
        double[] d = new double[V];
        byte[] b = new byte[V];
        for (int v = 0; v < V; v++) {
            f[v] = v;
            d[v] = v;
            b[v] = (byte) v;
        }
        float[] tf = t.apply(f, NX, NY, NZ);
        double[] td = t.apply(d, NX, NY, NZ);
        byte[] tb = t.apply(b, NX, NY, NZ);
        for (int v = 0; v < V; v++) {
            assertEquals(td[v], tf[v]);
            assertEquals((byte) td[v], tb[v]);
        }
    }

    @Test
    void theSwapIsOnlyDrawnForSquareCrossSectionsAndRefusedOtherwise() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) assertFalse(Symmetry.random(5, 4, 3, rnd).swapYZ());
        Symmetry swap = new Symmetry(0, 0, 0, false, false, false, true);
        assertThrows(IllegalArgumentException.class, () -> swap.apply(new float[60], 5, 4, 3));
    }

    @Test
    void anEpochsMapsAreAFunctionOfSeedAndEpochAlone() {
        assertArrayEquals(Symmetry.forEpoch(20, 7, 6, 6, 3, 2), Symmetry.forEpoch(20, 7, 6, 6, 3, 2));
        assertFalse(Arrays.equals(Symmetry.forEpoch(20, 7, 6, 6, 3, 2), Symmetry.forEpoch(20, 7, 6, 6, 3, 3)));
        assertFalse(Arrays.equals(Symmetry.forEpoch(20, 7, 6, 6, 3, 2), Symmetry.forEpoch(20, 7, 6, 6, 4, 2)));
    }
}
