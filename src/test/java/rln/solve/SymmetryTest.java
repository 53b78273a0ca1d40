package rln.solve;

import rln.solve.problem.Problem;
import rln.solve.problem.Solver;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import rln.elastic.Voigt;

/**
 * Permuting the axes of a microstructure (and of the applied strain) permutes the strain field and its tensor
 * components the same way: eps'_ab(x') = eps_P(a)P(b)(x) with x'_a = x_P(a). Holds for every scheme (the
 * Nyquist rule and the hexahedron treat the three axes alike).
 */
class SymmetryTest {
    static final int[][] PERMUTATIONS = {{0, 2, 1}, {1, 0, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}};

    @Property(tries = 16, seed = "2024")
    void permutingAxesPermutesTheField(@ForAll @IntRange(min = 2, max = 5) int nx, @ForAll @IntRange(min = 2, max = 5) int ny,
            @ForAll @IntRange(min = 2, max = 5) int nz, @ForAll @IntRange(min = 0, max = 4) int perm,
            @ForAll @IntRange(min = 0, max = 3) int scheme, @ForAll @IntRange(min = 0, max = 5) int load) {
        int[] pm = PERMUTATIONS[perm];
        int[] n = {nx, ny, nz}, m = {n[pm[0]], n[pm[1]], n[pm[2]]};
        int voxels = nx * ny * nz;
        byte[] phase = Microstructures.random(nx, ny, nz, 0.45, 1000L * nx + 100 * ny + 10 * nz + perm);
        byte[] permuted = new byte[voxels];
        double[] e = Problem.unitStrain(load), ePermuted = new double[6];
        for (int c = 0; c < 6; c++) ePermuted[c] = e[Voigt.index(pm[Voigt.PAIRS[c][0]], pm[Voigt.PAIRS[c][1]])];
        int[] x = new int[3];
        for (x[0] = 0; x[0] < nx; x[0]++)
            for (x[1] = 0; x[1] < ny; x[1]++)
                for (x[2] = 0; x[2] < nz; x[2]++) permuted[target(x, pm, m)] = phase[(x[0] * ny + x[1]) * nz + x[2]];
        Element el = Element.values()[scheme];
        Solver s = Solvers.create(el, 1);
        double[] a = s.solve(new Problem(nx, ny, nz, phase, 20, 0.3, e), 1e-11).strain();
        double[] b = s.solve(new Problem(m[0], m[1], m[2], permuted, 20, 0.3, ePermuted), 1e-11).strain();
        for (x[0] = 0; x[0] < nx; x[0]++)
            for (x[1] = 0; x[1] < ny; x[1]++)
                for (x[2] = 0; x[2] < nz; x[2]++) {
                    int src = (x[0] * ny + x[1]) * nz + x[2], dst = target(x, pm, m);
                    for (int c = 0; c < 6; c++) {
                        int cOld = Voigt.index(pm[Voigt.PAIRS[c][0]], pm[Voigt.PAIRS[c][1]]);
                        // two solves to residual 1e-11 of mirror-image problems: differences ~ cond * 1e-11
                        assertEquals(a[cOld * voxels + src], b[c * voxels + dst], 1e-8, el + " component " + Voigt.NAMES[c]);
                    }
                }
    }

    /** The index in the permuted grid (sizes m) of voxel x: x'_a = x_pm[a]. */
    private static int target(int[] x, int[] pm, int[] m) {
        return (x[pm[0]] * m[1] + x[pm[1]]) * m[2] + x[pm[2]];
    }
}
