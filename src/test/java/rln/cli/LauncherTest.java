package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, failure 2: the launcher ./rln execs the JVM, so a signal to the launcher's pid (SIGTERM, SIGKILL)
 * reaches the JVM and leaves no process behind; the JDK's incubator warning is still filtered and the exit
 * status passed on. The launcher runs from a copy whose target/rln.jar is a manifest-only jar over this test's
 * class path (the real jar is built after the tests).
 */
class LauncherTest {
    @TempDir Path tmp;

    /** A copy of ./rln beside a target/rln.jar that runs rln.cli.Main from the test class path. */
    Path launcher() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path rln = Files.copy(Path.of("rln"), home.resolve("rln"));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "rln.cli.Main");
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) cp.append(Path.of(e).toUri()).append(' ');
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().strip());
        Files.createDirectories(home.resolve("target"));
        try (OutputStream o = Files.newOutputStream(home.resolve("target/rln.jar")); JarOutputStream j = new JarOutputStream(o, mf)) {
            j.flush();
        }
        return rln;
    }

    record Ran(int code, String out, String err) {}

    Ran run(Path rln, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", rln.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Ran(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void theIncubatorWarningIsFilteredAndTheExitStatusPassedOn() throws Exception {
        Path rln = launcher();
        Ran v = run(rln, "--version");
        assertEquals(0, v.code(), v.err());
        assertEquals("rln 0.1.0-dev", v.out().strip());
        assertEquals("", v.err(), "nothing on stderr: the JDK's incubator warning is filtered");
        Ran bad = run(rln, "solve");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("rln solve: error: Missing required options"), bad.err());
    }

    @Test
    void signalsToTheLauncherReachTheJvmAndLeaveNoProcess() throws Exception {
        Path rln = launcher();
        for (boolean forcibly : new boolean[] {false, true}) {
            Path out = tmp.resolve("G" + forcibly);
            Process p = new ProcessBuilder("bash", rln.toString(), "generate", "--out", out.toString(), "--count", "20000", "--size", "9", "--contrast", "10", "--fields", "exx",
                    "--threads", "1").redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
            Path lock = tmp.resolve("." + out.getFileName() + ".lock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(lock) && Files.readString(lock).contains(" token ")) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(p.isAlive() && Files.exists(lock), "the JVM never started: " + Files.readString(tmp.resolve("log")));
            String command = ProcessHandle.of(p.pid()).flatMap(h -> h.info().command()).orElse("");
            assertTrue(command.endsWith("java"), "the launcher's pid is the JVM's (exec), not a shell waiting for it: " + command);
            List<ProcessHandle> family = new java.util.ArrayList<>(p.descendants().toList()); // the stderr filter
            family.add(p.toHandle());
            if (forcibly) p.destroyForcibly();
            else p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
            for (ProcessHandle h : family) {
                h.onExit().get(60, TimeUnit.SECONDS);
                assertFalse(h.isAlive(), "no process is left: " + h.info());
            }
            assertEquals(List.of(), ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(out.toString())).toList(),
                    "no process still writes " + out);
        }
    }
}
