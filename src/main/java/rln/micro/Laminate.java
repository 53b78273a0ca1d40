package rln.micro;

/**
 * A laminate: stiff layers normal to one axis. Along the normal axis a, the layers [offset, offset + t)
 * (mod n_a) are stiff, t = round(f * n_a), everything else soft:
 * <pre>
 *   phase(x) = 1  iff  (x_a - offset) mod n_a < round(f n_a)
 * </pre>
 * Its strain has a closed form (METHOD.md section 3), which makes it the solver's sharpest check.
 */
public final class Laminate {
    private Laminate() {}

    /** @param axis 0, 1, 2 = normal along x, y, z; @param fraction stiff layer fraction f in [0, 1]. */
    public static byte[] generate(int nx, int ny, int nz, int axis, double fraction, int offset) {
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("layer fraction must be in [0, 1], got " + fraction);
        int[] n = {nx, ny, nz};
        int t = (int) Math.round(fraction * n[axis]);
        byte[] phase = new byte[nx * ny * nz];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) {
                    int xa = axis == 0 ? i : axis == 1 ? j : k;
                    if (Math.floorMod(xa - offset, n[axis]) < t) phase[(i * ny + j) * nz + k] = 1;
                }
        return phase;
    }
}
