package rln.train;

import java.util.SplittableRandom;

/**
 * An exact symmetry of the localization problem with the load along x (METHOD.md section 1): a map of the
 * periodic voxel grid that takes a microstructure m and its eps_xx field to another exact pair
 * (T m, T eps_xx). The maps that qualify are
 * <pre>
 *   periodic shift   (i, j, k) -> (i + sx, j + sy, k + sz) mod n      (the cell is periodic)
 *   mirror of axis a  i_a -> n_a - 1 - i_a                              (eps'_xx = R_xk R_xl eps_kl = eps_xx for R = diag(+-1))
 *   swap of y and z   (i, j, k) -> (i, k, j), when ny = nz            (x, the load axis, stays)
 * </pre>
 * and their compositions: 2 x 2 x 2 mirrors x 2 swaps x nx ny nz shifts (for 31^3, 476,656 images of every
 * sample). A map that moves x into y or z is not one: it changes the load. Tested against the FE solver
 * (SymmetryTest): solve(T m) = T solve(m) to solver tolerance.
 *
 * <p>Applied as a gather: {@code out[i, j, k] = in[source(i, j, k)]}, C order (z fastest). The source of
 * output voxel p is: first undo the shift, then the mirrors, then the swap.
 *
 * @param sx      shifts along x, y, z (0 <= s < n)
 * @param mirrorX mirror axis x (before the shift)
 * @param swapYZ  exchange the y and z axes (before the mirrors)
 */
public record Symmetry(int sx, int sy, int sz, boolean mirrorX, boolean mirrorY, boolean mirrorZ, boolean swapYZ) {

    /** Separates the maps' random stream from the shuffle's, which is seeded by (seed, epoch) too. */
    private static final long STREAM = 0x5D0B1E5A5E1F1E5L;

    /** The identity map. */
    public static final Symmetry IDENTITY = new Symmetry(0, 0, 0, false, false, false, false);

    /** A map drawn uniformly from the group of a {@code nx x ny x nz} grid (no swap unless ny = nz). */
    public static Symmetry random(int nx, int ny, int nz, SplittableRandom rnd) {
        return new Symmetry(rnd.nextInt(nx), rnd.nextInt(ny), rnd.nextInt(nz), rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(),
                ny == nz && rnd.nextBoolean());
    }

    /**
     * One map per position of an epoch's order, drawn from a generator seeded by (seed, epoch) alone (another
     * stream than the shuffle's), so a resumed run draws the same maps.
     */
    public static Symmetry[] forEpoch(int count, int nx, int ny, int nz, long seed, int epoch) {
        SplittableRandom rnd = new SplittableRandom((seed * 0x9E3779B97F4A7C15L + epoch) ^ STREAM);
        Symmetry[] s = new Symmetry[count];
        for (int i = 0; i < count; i++) s[i] = random(nx, ny, nz, rnd);
        return s;
    }

    /** out = T in for one scalar field (or phase map) of a {@code nx x ny x nz} grid; {@code in} is not modified. */
    public float[] apply(float[] in, int nx, int ny, int nz) {
        float[] out = new float[in.length];
        apply(in, out, 0, nx, ny, nz);
        return out;
    }

    /** Writes T in into {@code out[offset ..]}. */
    public void apply(float[] in, float[] out, int offset, int nx, int ny, int nz) {
        check(in.length, nx, ny, nz);
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) out[offset + (i * ny + j) * nz + k] = in[source(i, j, k, nx, ny, nz)];
    }

    /** The same map on a double field (the FE test applies it to solver output). */
    public double[] apply(double[] in, int nx, int ny, int nz) {
        check(in.length, nx, ny, nz);
        double[] out = new double[in.length];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) out[(i * ny + j) * nz + k] = in[source(i, j, k, nx, ny, nz)];
        return out;
    }

    /** The same map on a phase map. */
    public byte[] apply(byte[] in, int nx, int ny, int nz) {
        check(in.length, nx, ny, nz);
        byte[] out = new byte[in.length];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) out[(i * ny + j) * nz + k] = in[source(i, j, k, nx, ny, nz)];
        return out;
    }

    /** The C-order index of the input voxel that lands on output voxel (i, j, k). */
    int source(int i, int j, int k, int nx, int ny, int nz) {
        int a = Math.floorMod(i - sx, nx), b = Math.floorMod(j - sy, ny), c = Math.floorMod(k - sz, nz); // undo the shift
        if (mirrorX) a = nx - 1 - a;                                                                      // undo the mirrors
        if (mirrorY) b = ny - 1 - b;
        if (mirrorZ) c = nz - 1 - c;
        return swapYZ ? (a * ny + c) * nz + b : (a * ny + b) * nz + c;                                     // undo the swap (ny = nz)
    }

    private void check(int length, int nx, int ny, int nz) {
        if (length != nx * ny * nz) throw new IllegalArgumentException(length + " values for a " + nx + "x" + ny + "x" + nz + " grid");
        if (swapYZ && ny != nz) throw new IllegalArgumentException("the y-z swap needs ny = nz, got " + ny + " and " + nz);
    }
}
