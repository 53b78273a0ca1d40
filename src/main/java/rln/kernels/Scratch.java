package rln.kernels;

/**
 * Reusable scratch buffers, one set per calling thread, so that a training loop does not allocate the
 * padded copies on every call. A slot's contents are undefined on return: callers overwrite or clear them.
 */
final class Scratch {
    private Scratch() {}

    static final int PADDED_INPUT = 0, SECOND = 1;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[2][]);

    /** A buffer of at least {@code size} floats in slot {@code slot} of the calling thread. */
    static float[] get(int slot, int size) {
        float[][] s = SLOTS.get();
        if (s[slot] == null || s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }
}
