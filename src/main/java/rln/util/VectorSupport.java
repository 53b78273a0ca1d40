package rln.util;

import java.util.function.Supplier;

/**
 * The one Vector API decision of the project (Lucene's vectorization provider): made once, at start-up, for
 * every kernel that has a vectorized version (the convolutions, PReLU, the FFT's line transforms, the FE element
 * kernel). The fast path is used when
 * <ul>
 * <li>the system property {@code rln.vector} is not {@code "false"} (that forces the plain-Java fallback, e.g.
 *     for the test run that exercises it),</li>
 * <li>the incubator module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *     {@code --add-modules jdk.incubator.vector}, as the {@code rln} launcher does), and</li>
 * <li>the platform's preferred vectors hold at least 128 bits (two doubles, four floats): narrower ones make the
 *     vector code slower than the scalar one.</li>
 * </ul>
 * Otherwise every kernel runs its plain-Java version (the same results; tested) and the reason is printed once,
 * on standard error. Each kernel family asks through {@link #choose}, which loads the vectorized class only
 * after a yes, so a JVM without the module never touches it.
 */
public final class VectorSupport {
    private VectorSupport() {}

    private static final String REASON = decide();

    static {
        if (REASON != null) System.err.println("rln: the Vector API is off (" + REASON + "); the kernels run their plain-Java versions (same results, slower)");
    }

    /** Null if the Vector API is usable, else why not. */
    private static String decide() {
        if ("false".equalsIgnoreCase(System.getProperty("rln.vector", "").trim()))
            return "disabled by -Drln.vector=false";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
            return "module jdk.incubator.vector not present: start the JVM with --add-modules jdk.incubator.vector";
        try {
            int bits = Probe.preferredBits();
            return bits >= 128 ? null : "the platform's preferred vectors have " + bits + " bits (fewer than 128)";
        } catch (LinkageError e) {
            return "the Vector API cannot be loaded (" + e + ")";
        }
    }

    /** Touches jdk.incubator.vector: loaded only after the module was found. */
    private static final class Probe {
        static int preferredBits() {
            return jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize();
        }
    }

    /** True if the Vector API kernels are used. */
    public static boolean enabled() {
        return REASON == null;
    }

    /** "vector" or a one-line reason why the scalar fallback is used. */
    public static String describe() {
        return REASON == null ? "vector" : "scalar fallback: " + REASON;
    }

    /**
     * The implementation of {@code what} to run: {@code vector.get()} when the Vector API is used, else (or if
     * that fails to load, which is then printed once) {@code scalar.get()}. The only place that chooses.
     */
    public static <T> T choose(String what, Supplier<? extends T> vector, Supplier<? extends T> scalar) {
        if (REASON == null) {
            try {
                return vector.get();
            } catch (LinkageError | RuntimeException e) {
                System.err.println("rln: the Vector API version of " + what + " failed to load (" + e + "); using the plain-Java one");
            }
        }
        return scalar.get();
    }
}
