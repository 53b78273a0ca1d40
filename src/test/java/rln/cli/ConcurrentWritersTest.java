package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, failure 1: two real processes writing one output. The second is refused at once, in one line naming
 * the first, and the first ends unharmed (its dataset byte for byte a single run's; its training complete). A lock
 * left by a process killed with SIGKILL is taken over, with a note, and the run resumes to the same bytes. The
 * first process is held still with SIGSTOP while the second tries, so the test does not race it.
 */
class ConcurrentWritersTest {
    /** A few hundred milliseconds of solving on one thread: long enough to be caught (and stopped) while it holds the lock. */
    static final String[] GENERATE = {"generate", "--count", "24", "--size", "11", "--contrast", "10", "--seed", "3", "--chunk", "4", "--threads", "1"};

    static ProcessBuilder rln(Path log, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "rln.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    static String[] with(String[] base, String... more) {
        List<String> l = new ArrayList<>(List.of(base));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    static void signal(Process p, String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor(), "kill -" + sig);
    }

    static void awaitFile(Path f, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!written(f) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(written(f), f + " never appeared: " + Files.readString(log));
    }

    /** A file that exists and, for a lock, names its holder (it is written just after it is created). */
    static boolean written(Path f) {
        try {
            return Files.exists(f) && (!f.getFileName().toString().endsWith(".lock") || Files.readString(f).contains(" token "));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The error lines of a log (the JDK's incubator warning aside). */
    static List<String> errors(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
    }

    static byte[] bytes(Path dataset) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String f : new String[] {"micro.npy", "strain.npy", "meta.json"}) all.write(Files.readAllBytes(dataset.resolve(f)));
        return all.toByteArray();
    }

    /** An uncontested run in a fresh JVM, as the contested runs are: the reference they are compared with (made once). */
    static synchronized Path single() throws Exception {
        if (single == null) {
            Path s = shared.resolve("single");
            Process p = rln(shared.resolve("single.log"), with(GENERATE, "--out", s.toString())).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(shared.resolve("single.log")));
            single = s;
        }
        return single;
    }

    @TempDir static Path shared;
    static Path single;

    @Test
    void aSecondGenerateIntoTheSameOutputIsRefusedAndTheFirstIsUnharmed(@TempDir Path tmp) throws Exception {
        Path single = single(), g = tmp.resolve("G");

        Process a = rln(tmp.resolve("a.log"), with(GENERATE, "--out", g.toString())).start();
        awaitFile(tmp.resolve(".G.lock"), a, tmp.resolve("a.log"));
        signal(a, "STOP");
        try {
            Process b = rln(tmp.resolve("b.log"), with(GENERATE, "--out", g.toString())).start();
            assertTrue(b.waitFor(120, TimeUnit.SECONDS));
            List<String> err = errors(tmp.resolve("b.log"));
            assertEquals(2, b.exitValue(), err.toString());
            assertEquals(1, err.size(), "one line: " + err);
            assertTrue(err.get(0).startsWith("rln generate: error: " + g + ": is being written by pid " + a.pid() + " on "), err.get(0));
            assertTrue(err.get(0).contains("rln generate, since"), err.get(0));
        } finally {
            signal(a, "CONT");
        }
        assertTrue(a.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), Files.readString(tmp.resolve("a.log")));
        assertArrayEquals(bytes(single), bytes(g), "the first run's dataset is a single run's, byte for byte");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".G")).toList(), "no lock or partial left");
        }
    }

    @Test
    void aSecondTrainIntoTheSameModelIsRefusedAndTheFirstCompletes(@TempDir Path tmp) throws Exception {
        Path train = TrainKillResumeTest.dataset(tmp.resolve("train"), 4, 1), valid = TrainKillResumeTest.dataset(tmp.resolve("valid"), 2, 2);
        Path m = tmp.resolve("m");
        String[] args = {"train", "--train", train.toString(), "--valid", valid.toString(), "--model", "fln", "--out", m.toString(),
                "--epochs", "2", "--batch", "4", "--threads", "1"};
        Process a = rln(tmp.resolve("a.log"), args).start();
        awaitFile(tmp.resolve(".m.lock"), a, tmp.resolve("a.log"));
        signal(a, "STOP");
        try {
            Process b = rln(tmp.resolve("b.log"), args).start();
            assertTrue(b.waitFor(120, TimeUnit.SECONDS));
            List<String> err = errors(tmp.resolve("b.log"));
            assertEquals(2, b.exitValue(), err.toString());
            assertEquals(1, err.size(), "one line: " + err);
            assertTrue(err.get(0).startsWith("rln train: error: " + m + ": is being written by pid " + a.pid() + " on "), err.get(0));
        } finally {
            signal(a, "CONT");
        }
        assertTrue(a.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("a.log"));
        assertEquals(0, a.exitValue(), log);
        assertTrue(log.contains("epoch 2/2"), log);
        assertEquals(2, rln.io.LearningCurveCsv.read(m.resolve("curve.csv")).size());
        assertNotNull(rln.nn.Models.load(m));
        assertFalse(Files.exists(tmp.resolve(".m.lock")));
    }

    @Test
    void theLockOfAKilledGenerateIsTakenOverAndTheRunResumesToTheSameBytes(@TempDir Path tmp) throws Exception {
        Path single = single(), g = tmp.resolve("G");
        Process a = rln(tmp.resolve("a.log"), with(GENERATE, "--out", g.toString())).start();
        awaitFile(tmp.resolve(".G.partial").resolve("job.json"), a, tmp.resolve("a.log"));
        signal(a, "STOP"); // well before its 24 solves are done
        a.destroyForcibly(); // SIGKILL: no cleanup, the lock file stays and names a dead process
        a.waitFor();
        assertFalse(Files.exists(g));
        assertTrue(Files.exists(tmp.resolve(".G.lock")), "a SIGKILLed process leaves its lock file");

        Process c = rln(tmp.resolve("c.log"), with(GENERATE, "--out", g.toString())).start();
        assertTrue(c.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("c.log"));
        assertEquals(0, c.exitValue(), log);
        assertTrue(log.contains("rln generate: note: " + g + ": the previous writer (pid " + a.pid() + " on "), log);
        assertTrue(log.contains("is gone; taking over"), log);
        assertArrayEquals(bytes(single), bytes(g));
    }
}
