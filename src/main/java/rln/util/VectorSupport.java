package rln.util;

/**
 * Decides once, at start-up, for every package (convolutions, pointwise ops, FFT, FE element kernel), whether
 * the Vector API fast path may be used (Lucene's provider pattern):
 * the incubator module {@code jdk.incubator.vector} must be in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the system property {@code rln.vector} must not be
 * {@code "false"} (that forces the plain-Java fallback, e.g. for the test run that exercises it).
 * Classes that touch {@code jdk.incubator.vector} are loaded only after this class said yes.
 */
public final class VectorSupport {
    private VectorSupport() {}

    private static final String REASON = decide();

    /** Null if the Vector API is usable, else why not. */
    private static String decide() {
        if ("false".equalsIgnoreCase(System.getProperty("rln.vector", "").trim()))
            return "disabled by -Drln.vector=false";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
            return "module jdk.incubator.vector not present (start the JVM with --add-modules jdk.incubator.vector)";
        return null;
    }

    /** True if the Vector API kernels are used. */
    public static boolean enabled() {
        return REASON == null;
    }

    /** "vector" or a one-line reason why the scalar fallback is used. */
    public static String describe() {
        return REASON == null ? "vector" : "scalar fallback: " + REASON;
    }
}
