package rln.tensor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycled arrays, so that a training step does not allocate once the first step has run.
 * <p>
 * The size class of an array is its exact length: a network's step asks for the same few lengths every
 * time, so exact classes reuse everything and waste nothing. The pool is bounded: at most
 * {@link #MAX_PER_CLASS} arrays per class and {@link #maxBytes()} bytes in all (system property
 * {@code rln.pool.mb}, default 1024); an array released beyond either bound is left to the garbage collector.
 * Thread-safe (one lock; taking and giving back are rare next to the arithmetic done on the arrays).
 * <p>
 * Contract: an array given back must no longer be used by its former owner. Arrays taken with
 * {@code floats}/{@code doubles} hold stale values; the {@code Zeroed} variants are cleared.
 */
public final class BufferPool {
    private BufferPool() {}

    /** At most this many arrays of one length are retained. */
    public static final int MAX_PER_CLASS = 64;

    private static final long MAX_BYTES = Long.getLong("rln.pool.mb", 1024L) << 20;
    private static final Map<Integer, ArrayDeque<float[]>> FLOATS = new HashMap<>();
    private static final Map<Integer, ArrayDeque<double[]>> DOUBLES = new HashMap<>();
    private static long retainedBytes;
    private static long hits;
    private static long misses;

    /** A float array of length {@code n} with unspecified contents. */
    public static float[] floats(int n) {
        synchronized (BufferPool.class) {
            ArrayDeque<float[]> q = FLOATS.get(n);
            if (q != null && !q.isEmpty()) {
                hits++;
                retainedBytes -= 4L * n;
                return q.pop();
            }
            misses++;
        }
        return new float[n];
    }

    /** A double array of length {@code n} with unspecified contents. */
    public static double[] doubles(int n) {
        synchronized (BufferPool.class) {
            ArrayDeque<double[]> q = DOUBLES.get(n);
            if (q != null && !q.isEmpty()) {
                hits++;
                retainedBytes -= 8L * n;
                return q.pop();
            }
            misses++;
        }
        return new double[n];
    }

    public static float[] floatsZeroed(int n) {
        float[] a = floats(n);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    public static double[] doublesZeroed(int n) {
        double[] a = doubles(n);
        java.util.Arrays.fill(a, 0.0);
        return a;
    }

    /** Gives {@code a} back (null is ignored). The caller must not use it afterwards. */
    public static synchronized void release(float[] a) {
        if (a == null || a.length == 0) return;
        long bytes = 4L * a.length;
        ArrayDeque<float[]> q = FLOATS.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        if (q.size() >= MAX_PER_CLASS || retainedBytes + bytes > MAX_BYTES) return;
        q.push(a);
        retainedBytes += bytes;
    }

    /** Gives {@code a} back (null is ignored). The caller must not use it afterwards. */
    public static synchronized void release(double[] a) {
        if (a == null || a.length == 0) return;
        long bytes = 8L * a.length;
        ArrayDeque<double[]> q = DOUBLES.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        if (q.size() >= MAX_PER_CLASS || retainedBytes + bytes > MAX_BYTES) return;
        q.push(a);
        retainedBytes += bytes;
    }

    /** Bytes currently held by the pool. */
    public static synchronized long retainedBytes() {
        return retainedBytes;
    }

    public static long maxBytes() {
        return MAX_BYTES;
    }

    /** Requests served from the pool and requests that had to allocate, since start-up or {@link #clear()}. */
    public static synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }

    /** Drops every retained array and resets the counters. */
    public static synchronized void clear() {
        FLOATS.clear();
        DOUBLES.clear();
        retainedBytes = 0;
        hits = 0;
        misses = 0;
    }
}
