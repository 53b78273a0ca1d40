package rln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import rln.io.InputException;
import rln.io.OutputLock;

/**
 * The outputs of a command, checked and locked before any compute starts: a file name that is a directory, a
 * new directory that exists, an unwritable or busy destination, too little free space, each refused in one line
 * naming the option. The lock ({@link OutputLock}) is held until the command ends.
 */
final class Outputs {
    private Outputs() {}

    /** A single output file written by {@code option} (e.g. "--out", "--json"); it may exist (it is replaced). */
    static OutputLock file(CommandSpec spec, String option, Path out) {
        if (Files.isDirectory(out)) throw InputException.of(out, "is a directory (" + option + " needs the name of a file to write)");
        return lock(spec, out);
    }

    /** A new directory (a dataset): it must not exist yet. */
    static OutputLock newDirectory(CommandSpec spec, String option, Path out) {
        if (Files.exists(out)) throw InputException.of(out, "already exists (" + option + " needs a new directory)");
        OutputLock l = lock(spec, out);
        if (Files.exists(out)) { // made meanwhile by a run that has finished
            l.close();
            throw InputException.of(out, "already exists (" + option + " needs a new directory)");
        }
        return l;
    }

    /** A model directory: new, or one that this kind of command wrote before (it may be resumed or replaced). */
    static OutputLock directory(CommandSpec spec, String option, Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) throw InputException.of(out, "is a file (" + option + " needs a directory)");
        return lock(spec, out);
    }

    static OutputLock lock(CommandSpec spec, Path out) {
        String command = Main.commandPath(spec.commandLine());
        return OutputLock.acquire(out, command, note -> {
            spec.commandLine().getErr().println(command + ": note: " + note);
            spec.commandLine().getErr().flush();
        });
    }

    /** Removes {@code dir} if it is an empty directory (what a run that failed at once leaves); keeps anything else. */
    static void removeIfEmpty(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) Files.delete(dir);
        } catch (IOException notThereOrNotEmpty) {
            // nothing to remove
        }
    }

    /** Refuses up front when the file system of {@code out} has less than {@code bytes} free. */
    static void space(Path out, long bytes, String what) {
        Path dir = out.toAbsolutePath().normalize().getParent();
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < bytes)
                throw InputException.of(out, String.format(java.util.Locale.ROOT, "needs about %s of disk for %s, %s has %s free "
                        + "(free space there, or choose an output on another file system)", Failure.bytes(bytes), what, dir, Failure.bytes(free)));
        } catch (IOException unknown) {
            // no figure for this file system: the write itself will tell
        }
    }
}
