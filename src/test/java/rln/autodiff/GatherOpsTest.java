package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class GatherOpsTest {

    /** A patch wraps around every face: on a 3 x 4 x 2 grid holding its own flat index, read by hand. */
    @Test
    void cubePatchesWrapAroundThePeriodicCell() {
        int nx = 3, ny = 4, nz = 2, V = nx * ny * nz;
        Tensor f = Tensor.zeros(Precision.DOUBLE, 2, nx, ny, nz, 1);
        for (int i = 0; i < f.size(); i++) f.set(i, i);
        int[] voxels = {0, V + 23}; // sample 0 voxel (0,0,0); sample 1 voxel (2,3,1)
        for (Precision p : Precision.values()) {
            Tensor y = GatherOps.periodicNeighbourhoods(Var.constant(f.to(p)), voxels, GatherOps.cube(5), 5, 5, 5).value();
            assertArrayEquals(new int[] {2, 5, 5, 5}, y.shape());
            for (int r = 0; r < 2; r++) {
                int s = r, x0 = r == 0 ? 0 : 2, y0 = r == 0 ? 0 : 3, z0 = r == 0 ? 0 : 1;
                for (int a = 0; a < 5; a++)
                    for (int b = 0; b < 5; b++)
                        for (int c = 0; c < 5; c++) {
                            int x = Math.floorMod(x0 + a - 2, nx), yy = Math.floorMod(y0 + b - 2, ny), z = Math.floorMod(z0 + c - 2, nz);
                            assertEquals(s * V + (x * ny + yy) * nz + z, y.get(r, a, b, c), 0, p + " row " + r + " at " + a + b + c);
                        }
            }
        }
    }

    @Property(tries = 15, seed = "20261208")
    void gatherGradientsMatchCentralDifferences(@ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 6) int rows,
                                                @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        int nx = 2, ny = 3, nz = 2;
        int[] voxels = new int[rows];
        for (int r = 0; r < rows; r++) voxels[r] = rnd.nextInt(2 * nx * ny * nz); // repeats add up in the gradient
        int[][] offsets = {{0, 0, 0}, {-1, 2, 1}, {3, -4, 0}};
        Function<List<Var>, Var> f = v -> GatherOps.periodicNeighbourhoods(v.get(0), voxels, offsets, 3 * c);
        List<Tensor> in = List.of(GradCheck.random(rnd, 2, nx, ny, nz, c));
        GradCheck.check("periodicNeighbourhoods", f, in, seed);
        // float: copies are exact; a field value read k times receives k terms <= 1 added in float
        GradCheck.floatMatchesDouble("periodicNeighbourhoods", f, in, seed, 0, ConvOpsTest.bound(3 * rows));
    }

    @Test
    void badArgumentsAreNamed() {
        Var f = Var.constant(Tensor.zeros(Precision.FLOAT, 1, 2, 2, 2, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> GatherOps.periodicNeighbourhoods(f, new int[] {8}, GatherOps.cube(1), 1));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GatherOps.periodicNeighbourhoods(f, new int[] {0}, GatherOps.cube(3), 3, 3));
        assertTrue(e.getMessage().contains("row shape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GatherOps.cube(4));
    }
}
