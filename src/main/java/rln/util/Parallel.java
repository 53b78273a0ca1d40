package rln.util;

import java.util.concurrent.ForkJoinPool;

/**
 * The one ForkJoin pool that the CPU hot loops (convolution kernels, FFTs, the FE operator) share.
 * Work is always split into a fixed partition that depends only on the problem size and
 * {@link #threads()}, never on timing, so results are bitwise identical for a given thread count.
 * <p>
 * With T threads the pool has T - 1 workers and the calling thread is the T-th: a split job runs on exactly T
 * threads (T = 1: all on the caller), never T + 1 on T cores, where the operating system would park one of them
 * for a time slice in the middle of a short job. Which thread runs a chunk does not change what the chunk computes.
 */
public final class Parallel {
    private Parallel() {}

    private static volatile int threads = defaultThreads();
    private static volatile ForkJoinPool pool = newPool(threads);

    private static int defaultThreads() {
        String p = System.getProperty("rln.threads");
        if (p != null) return Math.max(1, Integer.parseInt(p.trim()));
        return Runtime.getRuntime().availableProcessors();
    }

    /** The workers besides the caller (a pool needs at least one; with T = 1 it is never used). */
    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(Math.max(1, threads - 1));
    }

    /** The number of threads the hot loops split their work into (the caller and the pool's workers). */
    public static int threads() {
        return threads;
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
        if (threads == Parallel.threads) return;
        ForkJoinPool old = pool;
        pool = newPool(threads);
        Parallel.threads = threads;
        old.shutdown();
    }

    /** A body run for the chunk [from, to) of a range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into {@code chunks} contiguous chunks of near-equal size (chunk c
     * covers [c*n/chunks, (c+1)*n/chunks)). The partition is fixed by (n, chunks) alone. With one chunk the body
     * runs on the caller's thread.
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

    /**
     * Runs every task and waits for all: the caller and up to T - 1 pool workers take the tasks in order from a
     * shared counter (a thread held up by the machine's other work leaves its share to the others). The failure of
     * the lowest-numbered failing task is rethrown (after all have run).
     */
    public static void invokeAll(Runnable... tasks) {
        int k = tasks.length, helpers = Math.min(k, threads) - 1;
        RuntimeException[] failed = new RuntimeException[k];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable take = () -> {
            for (int i; (i = next.getAndIncrement()) < k; ) failed[i] = run(tasks[i]);
        };
        ForkJoinPool p = pool;
        boolean inside = java.util.concurrent.ForkJoinTask.getPool() == p;
        var futures = new java.util.ArrayList<java.util.concurrent.ForkJoinTask<?>>(Math.max(0, helpers));
        for (int h = 0; h < helpers; h++) {
            var t = java.util.concurrent.ForkJoinTask.adapt(take);
            futures.add(inside ? t.fork() : p.submit(t));
        }
        take.run();
        for (var f : futures) f.join();
        for (RuntimeException e : failed) if (e != null) throw e;
    }

    /** Runs t; returns its failure, or null. */
    private static RuntimeException run(Runnable t) {
        try {
            t.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
