package rln.nn;

import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Gets the JIT compiler to translate a network's kernels before the real predictions start, so that the first
 * samples do not run in the interpreter. On JDK 17 the Vector API is about a thousand times slower until C2 has
 * compiled a kernel, and the kernels are only compiled once they have been called often enough; a first 31^3
 * sample would spend seconds in interpreted convolutions. Instead the model predicts a thin slab of the same
 * grid (one row of voxels across, the real length along the network's last axis, so that every kernel takes
 * the branches the real grid will take) again and again: a slab costs some thirty times less than a sample,
 * so the calls that count towards compilation are cheap, and compilation runs while they do. It stops once the
 * slab runs at compiled speed (judged by the CPU time of the calling thread, which a busy machine does not
 * inflate), or after {@link #BUDGET_NANOS}. The predictions are thrown away: results do not depend on the warm-up.
 */
public final class JitWarmup {
    private JitWarmup() {}

    /** The most time spent warming up, in nanoseconds. */
    static final long BUDGET_NANOS = 4_000_000_000L;

    /**
     * A slab call counts as compiled below this rate's time, in FLOP per nanosecond: 20 GFLOP/s, a tenth of what the
     * compiled kernels do on one core and a hundred times what they do before C2 has compiled them.
     */
    static final double COMPILED_FLOP_PER_NANO = 20;

    /** Grids below this many voxels are not warmed: their first samples cost little even in the interpreter. */
    static final int MIN_VOXELS = 16 * 16 * 16;

    /** {@code -Drln.warmup=false} switches the warm-up off (to measure what it saves, or where start-up time matters more). */
    static final boolean ENABLED = !"false".equals(System.getProperty("rln.warmup"));

    /** What a warm-up did: slab calls made and seconds spent. */
    public record Report(int calls, double seconds) {}

    /**
     * Warms the kernels {@code model} uses on grids nx x ny x nz (a model other than a network, or a grid below
     * {@link #MIN_VOXELS}, needs none; nor a run with {@code -Drln.warmup=false}). The time is bounded by {@link #BUDGET_NANOS} plus one slab call.
     */
    public static Report forGrid(StrainPredictor model, int nx, int ny, int nz) {
        long t0 = System.nanoTime();
        if (!(model instanceof LocalizationNetwork net) || (long) nx * ny * nz < MIN_VOXELS || !ENABLED) return new Report(0, 0);
        boolean zyx = net.inputAxes() == InputAxes.ZYX;
        int one = nx % 2 == 1 ? 1 : 2; // the slab keeps the grid's parity (the network needs axes all odd or all even)
        Tensor thin = zyx ? slab(nx, one, one) : slab(one, one, nz);
        long compiled = (long) (net.passes() * ProximalNetwork.forwardFlops(1, thin.dim(1), thin.dim(2), thin.dim(3)) / COMPILED_FLOP_PER_NANO);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int calls = 0, fast = 0;
        while (fast < 3 && System.nanoTime() - t0 < BUDGET_NANOS) { // three calls in a row at compiled speed
            long s = cpu.getCurrentThreadCpuTime();
            model.predict(thin);
            long dt = cpu.getCurrentThreadCpuTime() - s; // the caller's share of the work: at most all of it
            calls++;
            fast = dt <= compiled ? fast + 1 : 0;
        }
        return new Report(calls, (System.nanoTime() - t0) * 1e-9);
    }

    /** One sample [1, a, b, c, 1] of alternating phases. */
    private static Tensor slab(int a, int b, int c) {
        Tensor t = Tensor.zeros(Precision.FLOAT, 1, a, b, c, 1);
        for (int i = 0; i < t.size(); i += 2) t.set(i, 1);
        return t;
    }
}
