package rln.nn;

/**
 * How a training step spends T >= 2 threads ({@code rln train --parallel}, {@code rln bench train --parallel}).
 * At T = 1 both are the same computation, bit for bit.
 */
public enum Parallelism {
    /** The batch runs as one; every layer's kernels split their work across the T threads (the default). */
    LAYERS("layers"),
    /**
     * The batch's samples split into min(T, N) contiguous sub-batches, each through the whole recurrence on its own
     * thread with single-threaded kernels and its own parameter gradients, added in sub-batch order
     * ({@link SampleSplitStep}). Not with the batch mean, which couples the samples' forward passes.
     */
    SAMPLES("samples");

    /** The name used on the command line and in checkpoints. */
    public final String id;

    Parallelism(String id) {
        this.id = id;
    }

    /** The mode named {@code id} ("layers" or "samples"). */
    public static Parallelism parse(String id) {
        for (Parallelism p : values()) if (p.id.equals(id)) return p;
        throw new IllegalArgumentException("unknown parallel mode '" + id + "' (expected layers or samples)");
    }

    @Override
    public String toString() {
        return id;
    }
}
