package rln.micro;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InclusionsTest {

    @Test
    void sphereCrossingAFaceReentersOnTheOtherSide() {
        int n = 12;
        byte[] centred = new byte[n * n * n], corner = new byte[n * n * n];
        Inclusions.addSphere(centred, n, n, n, 6, 6, 6, 3.2);
        Inclusions.addSphere(corner, n, n, n, 0, 0, 0, 3.2);
        // the sphere at the corner is the centred one shifted by (-6, -6, -6), periodically: same voxel count,
        // and voxel (i, j, k) of the corner sphere is voxel (i+6, j+6, k+6) of the centred one
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    assertEquals(centred[(((i + 6) % n) * n + (j + 6) % n) * n + (k + 6) % n], corner[(i * n + j) * n + k]);
        assertEquals(1, corner[((n - 1) * n + (n - 1)) * n + n - 1], "the voxel at the far corner belongs to it");
    }

    @Test
    void sphereVolumeIsCloseToFourThirdsPiRCubed() {
        int n = 24;
        byte[] p = new byte[n * n * n];
        int added = Inclusions.addSphere(p, n, n, n, 12.3, 11.8, 12.1, 6);
        double exact = 4.0 / 3 * Math.PI * 216;
        // voxel counting of a radius-6 ball: the surface error is of order 4 pi r^2 * O(1/r) ~ a few per cent
        assertEquals(exact, added, 0.03 * exact);
    }

    @Test
    void spheresStopAtTheTargetFraction() {
        int n = 16;
        Inclusions.Result r = Inclusions.spheres(n, n, n, 10_000, 1.5, 3, 0.3, new SplittableRandom(1));
        double f = Sample.stiffFraction(r.phase());
        assertTrue(f >= 0.3, "reached the target: " + f);
        assertTrue(f < 0.3 + 4.0 / 3 * Math.PI * 27 / (n * n * n) + 1e-12, "overshoots by at most one sphere: " + f);
        Inclusions.Result capped = Inclusions.spheres(n, n, n, 2, 1.5, 3, 0.9, new SplittableRandom(1));
        assertEquals(2, capped.spheres());
    }
}
