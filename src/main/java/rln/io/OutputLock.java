package rln.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An exclusive lock on an output that is being written (a dataset and its .partial checkpoints, a model
 * directory, a single file), so that a second run into the same output is refused at once instead of
 * corrupting the first one's resume state. The lock is the hidden sibling file {@code .NAME.lock}:
 * <ul>
 *   <li>held through the operating system's file lock (fcntl on Linux, also over NFS), which the kernel
 *       releases when the process dies, however it dies (kill -9 included);</li>
 *   <li>its text names the holder ("pid 1234 on host, rln generate, since ..."), which the refusal quotes;</li>
 *   <li>removed by {@link #close}. A lock file left by a dead process is not locked by anyone: the next run takes
 *       it over and says whose it was.</li>
 * </ul>
 * Creating the lock file is also the first write into the output's directory, so an unwritable destination is
 * reported before any compute starts. Where the file system has no locks, the holder's pid (same host only)
 * decides whether it is alive.
 */
public final class OutputLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code output}: {@code .NAME.lock} beside it. */
    public static Path lockFile(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) throw InputException.of(output, "is a file system root, not an output");
        return parent.resolve("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code output} for {@code command} ("rln generate"), or refuses with an
     * {@link InputException} that names the holder. {@code notes} receives one line when a dead process's lock
     * is taken over.
     */
    public static OutputLock acquire(Path output, String command, Consumer<String> notes) {
        Path file = lockFile(output);
        // POSIX drops all of a process's locks on a file when it closes ANY descriptor of it, so this process never
        // opens a lock file it already holds: it knows its own locks
        if (!HELD.add(file)) throw busy(output, "this process");
        try {
            return acquire(output, file, command, notes);
        } catch (RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** The lock files this process holds. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static OutputLock acquire(Path output, Path file, String command, Consumer<String> notes) {
        String me = holder(command);
        for (int attempt = 0; ; attempt++) {
            Object before = key(file);
            FileChannel ch = open(output, file);
            boolean keep = false, locked = false;
            try {
                String previous = read(ch);
                FileLock l;
                boolean osLocks = true;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException heldInThisProcess) {
                    throw busy(output, previous);
                } catch (IOException noLocksHere) {
                    osLocks = false;
                    l = null;
                }
                if (osLocks ? l == null : alive(previous)) throw busy(output, previous.isEmpty() ? holderOf(ch) : previous);
                locked = true;
                // the holder may have finished meanwhile, removing the file we opened: then the name is another file's or
                // nobody's, and we start again. (Checked by file identity, never by opening the file: closing any
                // descriptor of it would drop this process's lock.)
                Object now = key(file);
                if (now == null || !now.equals(before)) {
                    if (attempt < 100) continue;
                    throw busy(output, previous);
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(true);
                if (!previous.isEmpty())
                    notes.accept(output + ": the previous writer (" + previous.strip().replaceAll(" token .*", "")
                            + ") is gone; taking over its lock and what it left");
                keep = true;
                return new OutputLock(file, ch, l);
            } catch (IOException e) { // writing the holder failed (a full disk): if we hold the lock, the file is ours to remove
                try {
                    if (locked) Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // left empty: the next run takes it over
                }
                throw InputException.of(output, "cannot write in " + file.getParent() + " (" + AtomicFiles.reason(e) + ")");
            } finally {
                if (!keep) closeQuietly(ch);
            }
        }
    }

    /** Releases the lock and removes its file (removed first, so a waiting run re-checks and sees the output). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale lock file is taken over by the next run
        }
        try {
            if (lock != null) lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
    }

    private static FileChannel open(Path output, Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw InputException.of(output, "cannot write in " + file.getParent() + " (" + AtomicFiles.reason(e) + "); choose another output, or fix the permissions");
        }
    }

    private static InputException busy(Path output, String holder) {
        String who = holder == null || holder.isBlank() ? "another process" : holder.strip().replaceAll(" token .*", "");
        return InputException.of(output, "is being written by " + who + " (lock " + lockFile(output).getFileName()
                + "); wait for it to finish, or choose another output");
    }

    /** "pid 1234 on host, rln generate, since 2026-12-01T20:00:00Z token UUID" (the token makes it unique). */
    private static String holder(String command) {
        return "pid " + ProcessHandle.current().pid() + " on " + host() + ", " + command + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " token " + UUID.randomUUID() + "\n";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName().replaceAll("^\\d+@", "");
        }
    }

    /** True when {@code holder} names a process on this host that is running. */
    private static boolean alive(String holder) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^pid (\\d+) on (\\S+),").matcher(holder == null ? "" : holder);
        if (!m.find()) return false;
        if (!m.group(2).equals(host())) return true; // another machine: assume it runs
        return ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The holder's line, once it has written it (it locks the file first, then writes: give it a moment). */
    private static String holderOf(FileChannel ch) throws IOException {
        String h = read(ch);
        for (int i = 0; i < 25 && h.isEmpty(); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            h = read(ch);
        }
        return h;
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** The identity (device, inode) of the file that {@code file} names now ("?" where the system has none), or null. */
    private static Object key(Path file) {
        try {
            Object k = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
            return k == null ? "?" : k;
        } catch (IOException absent) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
