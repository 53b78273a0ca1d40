package rln.util;

import java.util.concurrent.ForkJoinPool;

/**
 * The one ForkJoin pool that the CPU hot loops (convolution kernels, FFTs, the FE operator) share.
 * Work is always split into a fixed partition that depends only on the problem size and
 * {@link #threads()}, never on timing, so results are bitwise identical for a given thread count.
 */
public final class Parallel {
    private Parallel() {}

    private static volatile ForkJoinPool pool = newPool(defaultThreads());

    private static int defaultThreads() {
        String p = System.getProperty("rln.threads");
        if (p != null) return Math.max(1, Integer.parseInt(p.trim()));
        return Runtime.getRuntime().availableProcessors();
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(threads);
    }

    /** The pool's parallelism: the number of worker threads the hot loops split their work into. */
    public static int threads() {
        return pool.getParallelism();
    }

    public static ForkJoinPool pool() {
        return pool;
    }

    /** The most worker threads a run may ask for (a ForkJoin pool allows 32767; far beyond any machine's cores). */
    public static final int MAX_THREADS = 1024;

    /** 1 <= threads <= {@link #MAX_THREADS}. */
    public static void checkThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS)
            throw new IllegalArgumentException("the thread count must be in 1.." + MAX_THREADS + " (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " cores), got " + threads);
    }

    /** Replaces the shared pool by one with {@code threads} workers (1..{@link #MAX_THREADS}). */
    public static synchronized void setThreads(int threads) {
        checkThreads(threads);
        if (threads == pool.getParallelism()) return;
        ForkJoinPool old = pool;
        pool = newPool(threads);
        old.shutdown();
    }

    /** A body run for the chunk [from, to) of a range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into {@code chunks} contiguous chunks of near-equal size (chunk c
     * covers [c*n/chunks, (c+1)*n/chunks)). The partition is fixed by (n, chunks) alone. With one chunk,
     * or when called from inside a pool worker that would only wait, the body runs on the caller's thread.
     */
    public static void forChunks(int n, int chunks, RangeBody body) {
        int k = Math.max(1, Math.min(chunks, n));
        if (k == 1) {
            body.run(0, 0, n);
            return;
        }
        Runnable[] tasks = new Runnable[k];
        for (int c = 0; c < k; c++) {
            final int chunk = c;
            final int from = (int) ((long) c * n / k);
            final int to = (int) ((long) (c + 1) * n / k);
            tasks[c] = () -> body.run(chunk, from, to);
        }
        invokeAll(tasks);
    }

    /** Runs every task in the shared pool and waits for all; the first failure is rethrown. */
    public static void invokeAll(Runnable... tasks) {
        if (tasks.length == 1) {
            tasks[0].run();
            return;
        }
        var futures = new java.util.ArrayList<java.util.concurrent.ForkJoinTask<?>>(tasks.length);
        ForkJoinPool p = pool;
        boolean inside = java.util.concurrent.ForkJoinTask.getPool() == p;
        for (int i = 1; i < tasks.length; i++) {
            var t = java.util.concurrent.ForkJoinTask.adapt(tasks[i]);
            futures.add(inside ? t.fork() : p.submit(t));
        }
        RuntimeException first = null;
        try {
            tasks[0].run();
        } catch (RuntimeException e) {
            first = e;
        }
        for (var f : futures) {
            try {
                f.join();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
