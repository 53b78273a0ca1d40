package rln.autodiff;

import rln.util.Parallel;

/** Loop helpers of the ops (both precisions): split large pointwise loops, and sum in a fixed order. */
final class Loops {
    private Loops() {}

    /** Below this many elements a pointwise loop runs on the caller's thread (splitting costs more than it saves). */
    static final int GRAIN = 1 << 15;

    /** Block length of the fixed-order sums: independent of the thread count, so sums are bitwise reproducible. */
    static final int SUM_BLOCK = 4096;

    /** Runs {@code body} over [0, n), split over the shared pool when n is large. Only for pointwise bodies. */
    static void range(int n, Parallel.RangeBody body) {
        if (n < 2 * GRAIN || Parallel.threads() == 1) body.run(0, 0, n);
        else Parallel.forChunks(n, 4 * Parallel.threads(), body);
    }

    /** Runs {@code body} over [0, n) items of {@code work} elements each, split over the pool when the total is large. */
    static void range(int n, int work, Parallel.RangeBody body) {
        if ((long) n * work < 2L * GRAIN || Parallel.threads() == 1) body.run(0, 0, n);
        else Parallel.forChunks(n, 4 * Parallel.threads(), body);
    }

    /** A per-block partial computation, for {@link #blockSum}. */
    @FunctionalInterface
    interface BlockTerm {
        /** Returns the sum of the terms with index in [from, to), accumulated in double. */
        double sum(int from, int to);
    }

    /**
     * sum_{i<n} term_i, as partial sums over the fixed blocks [k*SUM_BLOCK, (k+1)*SUM_BLOCK) (computed in
     * parallel) added in block order: the same bits whatever the thread count.
     */
    static double blockSum(int n, BlockTerm term) {
        int blocks = (n + SUM_BLOCK - 1) / SUM_BLOCK;
        if (blocks <= 1) return term.sum(0, n);
        double[] partial = new double[blocks];
        int chunks = blocks < 8 ? 1 : Parallel.threads();
        Parallel.forChunks(blocks, chunks, (c, from, to) -> {
            for (int k = from; k < to; k++) partial[k] = term.sum(k * SUM_BLOCK, Math.min(n, (k + 1) * SUM_BLOCK));
        });
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }
}
