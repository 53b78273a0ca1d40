package rln.util;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long loop over samples, one line per tenth of the work at most:
 * "predict: 30/100 samples (30%), 3.2 s, ETA 7s". Deterministic in what it prints (by count, not by clock).
 */
public final class ProgressLine {
    private final PrintWriter out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private int shownDecile;

    public ProgressLine(PrintWriter out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** {@code done} of the total samples are finished. */
    public void update(int done) {
        int decile = (int) (10L * done / total);
        if (decile <= shownDecile) return;
        shownDecile = decile;
        double sec = (System.nanoTime() - start) * 1e-9;
        out.printf(Locale.ROOT, "%s: %d/%d samples (%.0f%%), %.1f s, ETA %s%n", label, done, total, 100.0 * done / total, sec,
                duration(sec / done * (total - done)));
        out.flush();
    }

    /** "42s", "3m 05s", "2h 07m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m " + String.format("%02ds", s % 60);
        return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
    }
}
