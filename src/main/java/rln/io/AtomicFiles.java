package rln.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes: the content goes to a temporary file next to the target, is flushed to disk, and is
 * renamed over the target. A reader (or a crash) therefore sees either the old file or the whole new one,
 * never a half-written file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically through {@code writer}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        shareable(tmp, "rw-r--r--");
        boolean done = false;
        try {
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveAtomically(tmp, abs);
            done = true;
        } catch (IOException e) {
            throw named(target, e);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /**
     * The I/O error {@code e} of writing {@code target}, naming the target rather than a temporary file (or no file:
     * a full disk's "No space left on device" comes without one).
     */
    public static FileSystemException named(Path target, IOException e) {
        if (e instanceof FileSystemException f && target.toString().equals(f.getFile())) return f;
        FileSystemException n = new FileSystemException(target.toString(), null, reason(e));
        n.initCause(e);
        return n;
    }

    /** What went wrong, in words: "permission denied", "No space left on device", ... */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "already exists";
        if (e instanceof java.nio.file.NotDirectoryException) return "is not a directory";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "is a directory that is not empty";
        String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return r != null ? r : "input/output error";
    }

    /**
     * Gives a temporary file or directory the permissions an ordinary new one gets (createTempFile/Directory
     * make them private to the owner, which the renamed output would keep), where the file system has them.
     */
    public static void shareable(Path p, String posixPermissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(posixPermissions));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: ACLs, nothing to do
        }
    }

    /** Writes a small text file atomically (UTF-8). */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Renames {@code from} to {@code to}, atomically where the file system allows it. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a directory and everything in it, deepest first (no-op if absent). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
