package rln.micro;

import java.util.SplittableRandom;

/**
 * Random periodic spherical inclusions of the stiff phase in the soft matrix. Spheres are dropped one at a
 * time, centre c uniform in the cell, radius r uniform in [rMin, rMax], overlaps allowed, until the stiff
 * fraction reaches the target or {@code maxCount} spheres are placed:
 * <pre>
 *   phase(x) = 1  if  |x - c|_periodic <= r  for some sphere (c, r),   x = voxel centre (i + 1/2, j + 1/2, k + 1/2)
 *   |d|_periodic: each component of d taken as its nearest periodic image, d_a in [-n_a/2, n_a/2]
 * </pre>
 * A sphere that crosses a face of the cell re-enters through the opposite face (the cell is periodic).
 */
public final class Inclusions {
    private Inclusions() {}

    /** The microstructure and how many spheres it took. */
    public record Result(byte[] phase, int spheres) {}

    public static Result spheres(int nx, int ny, int nz, int maxCount, double rMin, double rMax, double targetFraction,
                                 SplittableRandom random) {
        if (!(rMin > 0 && rMax >= rMin)) throw new IllegalArgumentException("need 0 < rMin <= rMax, got " + rMin + ", " + rMax);
        if (!(targetFraction >= 0 && targetFraction <= 1)) throw new IllegalArgumentException("target fraction must be in [0, 1], got " + targetFraction);
        byte[] phase = new byte[nx * ny * nz];
        long target = (long) Math.ceil(targetFraction * phase.length);
        long stiff = 0;
        int placed = 0;
        while (stiff < target && placed < maxCount) {
            double cx = random.nextDouble() * nx, cy = random.nextDouble() * ny, cz = random.nextDouble() * nz;
            double r = rMin + (rMax - rMin) * random.nextDouble();
            stiff += addSphere(phase, nx, ny, nz, cx, cy, cz, r);
            placed++;
        }
        return new Result(phase, placed);
    }

    /** Marks the voxels of one periodic sphere as stiff; returns how many were newly marked. */
    public static int addSphere(byte[] phase, int nx, int ny, int nz, double cx, double cy, double cz, double r) {
        int added = 0;
        for (int i = 0; i < nx; i++) {
            double dx = periodic(i + 0.5 - cx, nx);
            if (dx * dx > r * r) continue;
            for (int j = 0; j < ny; j++) {
                double dy = periodic(j + 0.5 - cy, ny);
                if (dx * dx + dy * dy > r * r) continue;
                for (int k = 0; k < nz; k++) {
                    double dz = periodic(k + 0.5 - cz, nz);
                    int v = (i * ny + j) * nz + k;
                    if (dx * dx + dy * dy + dz * dz <= r * r && phase[v] == 0) {
                        phase[v] = 1;
                        added++;
                    }
                }
            }
        }
        return added;
    }

    /** The nearest periodic image of a separation d on a period n: d - n round(d / n). */
    static double periodic(double d, int n) {
        return d - n * Math.rint(d / n);
    }
}
