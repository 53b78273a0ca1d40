package rln.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long job, one line now and then on the error stream (the output stream stays for results):
 * {@code "predict: 24/64 samples (38 %), 9.8 s, ETA 16 s"}, at most every {@link #EVERY_NANOS} and never for a job
 * that ends before then.
 */
final class Progress {
    static final long EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final String what;
    private final long every, start = System.nanoTime();
    private long last = start;

    Progress(PrintWriter err, String what) {
        this(err, what, EVERY_NANOS);
    }

    Progress(PrintWriter err, String what, long everyNanos) {
        this.err = err;
        this.what = what;
        this.every = everyNanos;
    }

    /** {@code done} of {@code total} samples are finished. */
    void update(int done, int total) {
        long now = System.nanoTime();
        if (now - last < every || done >= total) return;
        last = now;
        double sec = (now - start) * 1e-9;
        err.printf(Locale.ROOT, "%s: %d/%d samples (%.0f %%), %.1f s, ETA %.0f s%n", what, done, total, 100.0 * done / total, sec,
                sec / done * (total - done));
        err.flush();
    }
}
