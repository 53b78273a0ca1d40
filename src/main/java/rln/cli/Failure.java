package rln.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import rln.io.AtomicFiles;
import rln.io.InputException;

/**
 * The one error policy of the command line. A failure is one line on stderr, "rln CMD: error: ..." or
 * "rln CMD: failed: ...", and an exit status:
 * <ul>
 *   <li>2: bad input or environment, which the user can fix: an {@link InputException} (a file or option, named),
 *       an I/O error (the file, the reason and what to do: a full disk, no permission, a read-only file system),
 *       or too little memory (the heap it has, the heap the job needs where the command can tell, and
 *       {@code JAVA_OPTS=-Xmx...});</li>
 *   <li>1: anything else, a bug: its class and message, and the stack trace only with {@code --debug}.</li>
 * </ul>
 */
final class Failure {
    private Failure() {}

    /** What to print and the exit status. */
    record Report(int exitCode, String line) {}

    /** A command that can tell how much heap it needs, for the out-of-memory message. */
    interface HeapNeed {
        /** The heap the job needs in bytes, or 0 when unknown; {@code what} adds a short explanation. */
        long heapBytes();

        default String heapExplanation() {
            return "";
        }
    }

    static Report of(Throwable ex, Object command) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InputException e) return new Report(2, "error: " + oneLine(e.getMessage()));
            if (t instanceof OutOfMemoryError) return new Report(2, "error: " + outOfMemory(command));
            if (t instanceof IOException e) return new Report(2, "error: " + io(e)); // also the cause of an UncheckedIOException
        }
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return new Report(1, "failed: " + oneLine(msg) + " (a bug: please report it, with the trace that --debug prints)");
    }

    /** "FILE: no space left on device (free space there, or choose an output on another file system)". */
    static String io(IOException e) {
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        String reason = AtomicFiles.reason(e);
        String hint = hint(reason);
        return oneLine((file == null ? "" : file + ": ") + reason + (hint.isEmpty() ? "" : " (" + hint + ")"));
    }

    private static String hint(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left") || r.contains("quota")) return "free space there, or choose an output on another file system";
        if (r.contains("file too large")) return "a file size limit (ulimit -f) or the file system's limit stops it; choose another file system";
        if (r.contains("read-only file system")) return "choose an output on a writable file system";
        if (r.contains("permission denied")) return "choose another output, or fix the permissions";
        return "";
    }

    private static String outOfMemory(Object command) {
        long max = Runtime.getRuntime().maxMemory();
        long need = command instanceof HeapNeed h ? h.heapBytes() : 0;
        String explain = command instanceof HeapNeed h ? h.heapExplanation() : "";
        long suggest = Math.max(need + need / 4, 2 * max);
        return String.format(Locale.ROOT, "out of memory: the Java heap holds at most %s%s; rerun with a larger one, e.g. JAVA_OPTS=-Xmx%dg ./rln ...",
                bytes(max), need > 0 ? ", this job needs about " + bytes(need) + (explain.isEmpty() ? "" : " (" + explain + ")") : "",
                Math.max(1, (suggest + (1L << 30) - 1) >> 30));
    }

    /** "40 MB", "1.5 GB", "17 GB". */
    static String bytes(long bytes) {
        if (bytes < 1L << 30) return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, bytes >= 10L << 30 ? "%.0f GB" : "%.1f GB", bytes / (double) (1L << 30));
    }

    /** The message on one line: line breaks (any, \u0085 and \u2028 too) as spaces, other control characters as '?'. */
    static String oneLine(String s) {
        if (s == null) return "";
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").replaceAll("[\\p{Cntrl}\\x80-\\x9f]", "?");
    }
}
