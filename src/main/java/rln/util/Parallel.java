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
 * <p>
 * A {@link #gang} runs k long jobs side by side instead, one thread each, with a barrier between their phases (the
 * sub-batches of a data-parallel training step). Inside a member {@link #threads()} is 1, so the kernels it calls
 * split nothing: they run on the member's thread exactly as at {@code --threads 1}, and never wait for the pool.
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

    /** Depth of {@link #gang} members on this thread: inside one, the hot loops run on this thread alone. */
    private static final ThreadLocal<int[]> IN_GANG = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * The number of threads the hot loops split their work into (the caller and the pool's workers); 1 inside a
     * member of a {@link #gang}.
     */
    public static int threads() {
        return IN_GANG.get()[0] > 0 ? 1 : threads;
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
        int k = tasks.length, helpers = Math.min(k, threads()) - 1;
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

    /** A member of a {@link #gang}: {@code member} in 0..k-1, and the barrier it shares with the others. */
    @FunctionalInterface
    public interface Member {
        void run(int member, Barrier barrier);
    }

    /**
     * The barrier of a {@link #gang}: {@link #await} returns once every member still running has reached it. A member
     * that ends leaves the barrier; one that fails breaks it, and then every {@code await} throws.
     */
    public static final class Barrier {
        private final java.util.concurrent.Phaser phaser;

        private Barrier(int parties) {
            phaser = new java.util.concurrent.Phaser(parties);
        }

        /** Waits for the other members (blocking this thread). */
        public void await() {
            if (phaser.arriveAndAwaitAdvance() < 0)
                throw new java.util.concurrent.CancellationException("another member of the gang failed");
        }
    }

    /**
     * Runs members 0..k-1 at the same time, each on its own thread: the caller runs member 0, pool workers the others
     * (k <= {@link #threads()}; members may wait for each other at the barrier, so they must not queue behind each
     * other). Inside a member {@link #threads()} is 1: whatever it calls runs on its thread alone, as at T = 1. Waits
     * for all; rethrows the lowest-numbered member's failure, preferring one that is not the broken barrier (the cause).
     * Called from outside the pool (a pool worker's own queue could hold back a member).
     */
    public static void gang(int k, Member body) {
        if (k < 1 || k > threads())
            throw new IllegalStateException("a gang of " + k + " needs as many threads, " + threads() + " available here");
        if (java.util.concurrent.ForkJoinTask.getPool() == pool) throw new IllegalStateException("a gang must be started from outside the pool");
        Barrier barrier = new Barrier(k);
        RuntimeException[] failed = new RuntimeException[k];
        java.util.function.IntConsumer member = m -> {
            IN_GANG.get()[0]++;
            try {
                body.run(m, barrier);
                barrier.phaser.arriveAndDeregister();
            } catch (RuntimeException | Error e) {
                barrier.phaser.forceTermination();
                if (e instanceof Error err) throw err;
                failed[m] = (RuntimeException) e;
            } finally {
                IN_GANG.get()[0]--;
            }
        };
        var futures = new java.util.ArrayList<java.util.concurrent.ForkJoinTask<?>>(k - 1);
        for (int m = 1; m < k; m++) {
            int fm = m;
            futures.add(pool.submit(() -> member.accept(fm)));
        }
        member.accept(0);
        for (var f : futures) f.join();
        for (RuntimeException e : failed) if (e != null && !(e instanceof java.util.concurrent.CancellationException)) throw e;
        for (RuntimeException e : failed) if (e != null) throw e;
    }
}
