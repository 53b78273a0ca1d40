package rln.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output lock in one process; {@code rln.cli.ConcurrentWritersTest} runs it across real processes. */
class OutputLockTest {
    @TempDir Path dir;

    @Test
    void aSecondWriterIsRefusedUntilTheFirstReleases() {
        Path out = dir.resolve("G");
        List<String> notes = new ArrayList<>();
        try (OutputLock first = OutputLock.acquire(out, "rln generate", notes::add)) {
            assertTrue(Files.exists(dir.resolve(".G.lock")));
            InputException e = assertThrows(InputException.class, () -> OutputLock.acquire(out, "rln generate", notes::add));
            assertTrue(e.getMessage().startsWith(out + ": is being written by this process"), e.getMessage());
            assertTrue(e.getMessage().contains("choose another output"), e.getMessage());
            try (OutputLock other = OutputLock.acquire(dir.resolve("H"), "rln merge", notes::add)) {
                assertNotNull(other, "another output is free");
            }
        }
        assertFalse(Files.exists(dir.resolve(".G.lock")), "released: the lock file is gone");
        try (OutputLock again = OutputLock.acquire(out, "rln generate", notes::add)) {
            assertNotNull(again);
        }
        assertEquals(List.of(), notes, "no takeover notes for a lock released properly");
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOverWithANote() throws Exception {
        Path out = dir.resolve("M");
        long dead = deadPid();
        Files.writeString(OutputLock.lockFile(out), "pid " + dead + " on " + java.net.InetAddress.getLocalHost().getHostName()
                + ", rln train, since 2026-01-01T00:00:00Z token abc\n");
        List<String> notes = new ArrayList<>();
        try (OutputLock l = OutputLock.acquire(out, "rln train", notes::add)) {
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("previous writer (pid " + dead + " on "), notes.get(0));
            assertTrue(notes.get(0).contains("is gone; taking over"), notes.get(0));
            assertTrue(Files.readString(OutputLock.lockFile(out)).startsWith("pid " + ProcessHandle.current().pid() + " on "),
                    "the file now names this process");
        }
    }

    @Test
    void anUnwritableDestinationIsReportedAtLockTime() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        InputException e = assertThrows(InputException.class, () -> OutputLock.acquire(file.resolve("out.npy"), "rln solve", n -> { }));
        assertTrue(e.getMessage().startsWith(file.resolve("out.npy") + ": cannot write in " + file), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    /** A pid that no running process has: a short-lived child's, after it ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }
}
