package rln.autodiff;

/**
 * A scope in which ops record nothing for backward (inference, metrics, optimizer updates):
 * <pre>
 *   try (NoGrad g = NoGrad.enter()) { ... }
 * </pre>
 * Scopes nest; the mode is per thread.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {}

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True inside at least one open scope on this thread. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        DEPTH.get()[0]--;
    }
}
