package rln.micro;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LaminateTest {

    @Test
    void layersAreWholePlanesNormalToTheAxisWithTheRoundedFraction() {
        int nx = 5, ny = 6, nz = 7;
        for (int axis = 0; axis < 3; axis++) {
            int[] n = {nx, ny, nz};
            byte[] p = Laminate.generate(nx, ny, nz, axis, 0.4, n[axis] - 1);
            int layers = 0;
            for (int a = 0; a < n[axis]; a++) {
                byte first = -1;
                for (int i = 0; i < nx; i++)
                    for (int j = 0; j < ny; j++)
                        for (int k = 0; k < nz; k++) {
                            int xa = axis == 0 ? i : axis == 1 ? j : k;
                            if (xa != a) continue;
                            byte v = p[(i * ny + j) * nz + k];
                            if (first < 0) first = v;
                            assertEquals(first, v, "plane " + a + " normal to axis " + axis + " is uniform");
                        }
                layers += first;
            }
            assertEquals(Math.round(0.4 * n[axis]), layers);
            assertEquals(1, p[axis == 0 ? (nx - 1) * ny * nz : axis == 1 ? (ny - 1) * nz : nz - 1], "the offset layer wraps: first stiff layer at n-1");
        }
    }
}
