package rln.autodiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall-clock time per op, forward and backward, for profiling a step (off unless {@link #start()} was called):
 * an op's forward is the time since the previous op's result on the same thread (its own loops and the glue
 * just before it), its backward the time of its closure. Used by {@code rln bench train --profile}; the ops and
 * their results are unchanged.
 */
public final class OpProfile {
    private OpProfile() {}

    /** One op name: calls and nanoseconds, forward and backward. */
    public record Entry(String op, long forwardCalls, long forwardNanos, long backwardCalls, long backwardNanos) {}

    private static final class Accumulator {
        long fc, fn, bc, bn;
    }

    private static volatile boolean on;
    private static final Map<String, Accumulator> TABLE = new LinkedHashMap<>();
    private static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[1]);

    /** Clears the table and starts timing. */
    public static synchronized void start() {
        TABLE.clear();
        LAST.get()[0] = System.nanoTime();
        on = true;
    }

    /** Stops timing; the entries in first-seen order. */
    public static synchronized List<Entry> stop() {
        on = false;
        List<Entry> out = new ArrayList<>();
        for (var e : TABLE.entrySet()) {
            Accumulator a = e.getValue();
            out.add(new Entry(e.getKey(), a.fc, a.fn, a.bc, a.bn));
        }
        return out;
    }

    static boolean on() {
        return on;
    }

    /** An op produced its result now. */
    static void forward(String op) {
        if (!on) return;
        long now = System.nanoTime(), last[] = LAST.get();
        long dt = now - last[0];
        last[0] = now;
        synchronized (OpProfile.class) {
            Accumulator a = TABLE.computeIfAbsent(op, k -> new Accumulator());
            a.fc++;
            a.fn += dt;
        }
    }

    /** An op's backward closure took {@code nanos}; the next forward is timed from now. */
    static void backward(String op, long nanos) {
        if (!on) return;
        LAST.get()[0] = System.nanoTime();
        synchronized (OpProfile.class) {
            Accumulator a = TABLE.computeIfAbsent(op, k -> new Accumulator());
            a.bc++;
            a.bn += nanos;
        }
    }
}
