package rln.kernels;

/** What a convolution reads outside its input grid: zeros, or the periodic image (index mod size). */
public enum Padding {
    ZERO,
    CIRCULAR;

    /**
     * The input index read at position {@code s} of an axis of size {@code n}, s possibly outside [0, n):
     * s itself inside the grid, else {@code s mod n} (CIRCULAR) or -1, a zero (ZERO).
     */
    public int source(int s, int n) {
        if (s >= 0 && s < n) return s;
        return this == CIRCULAR ? Math.floorMod(s, n) : -1;
    }
}
