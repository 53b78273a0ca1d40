package rln.kernels;

/**
 * Software prefetch for the maps that stream through memory (the stride-2 layers read or write every voxel of a
 * 36^3 grid once, so their data is never in cache). Java has no prefetch instruction, so a kernel first loads one
 * float per cache line of the rows it will need next: the loads do not depend on each other, so the core has all of
 * them in flight at once, instead of waiting for one line after another inside the micro-kernels. They change no
 * value anywhere: what they load only feeds a sum that ends in a static field, so that the JIT keeps them.
 */
final class Prefetch {
    private Prefetch() {}

    /** Floats per 64-byte cache line. */
    static final int LINE = 16;

    /**
     * How far ahead, in output rows: the next one. (Measured on the down layer's forward, batch 8: the next row 0.62x the
     * CPU time, two rows ahead 0.76x; one load per two lines 0.82x.)
     */
    static final int DIST = 1;

    private static float sink;

    /** Loads one float per cache line of a[from, from + len) (clipped to the array) and returns their sum. */
    static float lines(float[] a, int from, int len) {
        float s = 0;
        for (int q = Math.max(0, from), end = Math.min(a.length, from + len); q < end; q += LINE) s += a[q];
        return s;
    }

    /** Keeps the loads that produced {@code s} (a store the JIT cannot drop). */
    static void keep(float s) {
        sink = s;
    }
}
