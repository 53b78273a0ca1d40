package rln.fft;

/**
 * Whether the FFT's line transforms use the Vector API: when the project-wide {@link rln.util.VectorSupport}
 * allows it (module present, {@code -Drln.vector} not {@code false}) and the preferred species holds at least two
 * doubles; otherwise the plain Java code runs. The vectorized classes are only loaded behind this check.
 */
public final class VectorSupport {
    private VectorSupport() {}

    /** True when the vectorized line transforms are in use. */
    public static final boolean ENABLED = detect();

    private static boolean detect() {
        if (!rln.util.VectorSupport.enabled()) return false;
        try {
            return VectorPairedLineDft.lanes() >= 2;
        } catch (Throwable e) { // ClassNotFoundException, or a LinkageError when the module is not resolved
            return false;
        }
    }

    /** Doubles per vector of the implementation in use (1 for the scalar fallback). */
    public static int lanes() {
        return ENABLED ? VectorPairedLineDft.lanes() : 1;
    }

    static LineDft lineDft(int n) {
        return new VectorPairedLineDft(n);
    }
}
