package rln.fft;

/**
 * Chooses, once at start-up, whether the FFT uses the Vector API (jdk.incubator.vector). It does when the module
 * is present (run with {@code --add-modules jdk.incubator.vector}), the preferred species holds at least two
 * doubles, and the system property {@code rln.vector} is not {@code false}; otherwise the plain Java code runs.
 * The vectorized classes are only loaded behind this check, so the library works without the module.
 */
public final class VectorSupport {
    private VectorSupport() {}

    /** True when the vectorized line transforms are in use. */
    public static final boolean ENABLED = detect();

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("rln.vector", "true").trim())) return false;
        try {
            Class.forName("jdk.incubator.vector.DoubleVector");
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
